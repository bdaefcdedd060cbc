"""Where documents/ and index/ are when no option or SCOQA_* variable says: the checkout when
running from it, else the working directory (an installed package lives in site-packages)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.settings import PROJECT_ROOT, Settings, defaults_root, is_source_checkout

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.unit
def test_the_checkout_is_the_default_root_only_when_its_pyproject_names_scoqa(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checkout, site, elsewhere = tmp_path / "checkout", tmp_path / "site-packages", tmp_path / "work"
    for folder in (checkout, site, elsewhere):
        folder.mkdir()
    (checkout / "pyproject.toml").write_text('[project]\nname = "scoqa"\n', encoding="utf-8")
    (site / "pyproject.toml").write_text('[project]\nname = "something-else"\n', encoding="utf-8")
    monkeypatch.chdir(elsewhere)
    assert is_source_checkout(checkout) and defaults_root(checkout) == checkout
    assert not is_source_checkout(site) and defaults_root(site) == elsewhere
    assert defaults_root(tmp_path / "no-pyproject") == elsewhere


@pytest.mark.unit
def test_this_checkout_keeps_its_own_folders_from_any_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert PROJECT_ROOT == ROOT and is_source_checkout()
    settings = Settings()
    assert (settings.docs_dir, settings.index_dir) == (ROOT / "documents", ROOT / "index")
    assert Settings.from_env().docs_dir == ROOT / "documents"


@pytest.mark.integration
def test_an_installed_copy_defaults_to_the_working_directory(tmp_path: Path) -> None:
    """A real non-editable install (pip install --no-deps --target: the wheel's files, no source tree)."""
    source, target, work = tmp_path / "source", tmp_path / "site", tmp_path / "work"
    for folder in (source, work):
        folder.mkdir()
    for name in ("pyproject.toml", "README.md"):  # built from a copy: no build/ in the checkout
        shutil.copy(ROOT / name, source / name)
    for name in ("ingest", "app"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation"]
    subprocess.run([*pip, "--target", str(target), str(source)], check=True, capture_output=True)
    assert (target / "ingest" / "settings.py").is_file() and not (target / "pyproject.toml").exists()
    code = "import ingest.settings as s; print(s.__file__); print(s.Settings().docs_dir); print(s.Settings().index_dir)"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCOQA_")}
    env["PYTHONPATH"] = str(target)  # the installed copy, not this checkout
    done = subprocess.run([sys.executable, "-c", code], cwd=work, env=env, capture_output=True, text=True, check=True)
    module, docs, index = done.stdout.split("\n")[:3]
    assert Path(module).is_relative_to(target)
    assert (Path(docs), Path(index)) == (work / "documents", work / "index")
