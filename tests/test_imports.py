"""The import graph of ingest/ and app/: no cycles, no imports at the bottom, ingest never imports app.

Imports inside functions count: a lazy import that closes a cycle only hides it until the
day someone moves it to the top. Imports under `if TYPE_CHECKING:` never run and do not count.
"""

from __future__ import annotations

import ast
import graphlib
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("ingest", "app")


def module_name(root: Path, path: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules(root: Path, packages: tuple[str, ...]) -> dict[str, Path]:
    return {module_name(root, p): p for package in packages for p in sorted((root / package).rglob("*.py"))}


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    """ids of the nodes under `if TYPE_CHECKING:` blocks."""
    hidden: set[int] = set()
    for node in ast.walk(tree):
        test = getattr(node, "test", None)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(test):
            hidden.update(id(child) for stmt in node.body for child in ast.walk(stmt))
    return hidden


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The project modules `name` imports anywhere in its body."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    hidden = _type_checking_nodes(tree)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in hidden:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in known)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                if f"{base}.{alias.name}" in known:
                    found.add(f"{base}.{alias.name}")
                elif base in known:
                    found.add(base)
    found.discard(name)
    return found


def import_graph(root: Path, packages: tuple[str, ...]) -> dict[str, set[str]]:
    modules = project_modules(root, packages)
    return {name: imports_of(name, path, set(modules)) for name, path in modules.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path of module names, or None."""
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as exc:
        return list(exc.args[1])
    return None


def imports_after_code(path: Path) -> list[int]:
    """Line numbers of module-level imports that follow a function or class definition."""
    late: list[int] = []
    seen_definition = False
    for stmt in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            seen_definition = True
        elif isinstance(stmt, ast.Import | ast.ImportFrom) and seen_definition:
            late.append(stmt.lineno)
    return late


@pytest.mark.unit
def test_the_checker_finds_a_cycle_closed_by_a_lazy_import(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "a.py").write_text("from pkg.b import thing\n")
    (tmp_path / "pkg" / "b.py").write_text("def thing():\n    from . import a\n    return a\n")
    (tmp_path / "pkg" / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import a\n"
    )
    graph = import_graph(tmp_path, ("pkg",))
    assert graph["pkg.b"] == {"pkg.a"} and graph["pkg.c"] == set()
    assert set(find_cycle(graph) or []) == {"pkg.a", "pkg.b"}
    (tmp_path / "pkg" / "b.py").write_text("thing = 1\n")
    assert find_cycle(import_graph(tmp_path, ("pkg",))) is None


@pytest.mark.unit
def test_no_import_cycles_among_ingest_and_app_modules() -> None:
    cycle = find_cycle(import_graph(ROOT, PACKAGES))
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


@pytest.mark.unit
def test_ingest_never_imports_app() -> None:
    graph = import_graph(ROOT, PACKAGES)
    wrong = {name: sorted(t for t in targets if t.split(".")[0] == "app") for name, targets in graph.items()}
    assert not {name: targets for name, targets in wrong.items() if name.startswith("ingest") and targets}


@pytest.mark.unit
def test_no_module_imports_at_its_bottom() -> None:
    late = {name: imports_after_code(path) for name, path in project_modules(ROOT, PACKAGES).items()}
    assert not {name: lines for name, lines in late.items() if lines}, "imports after the first def/class"


@pytest.mark.unit
@pytest.mark.parametrize("path", sorted((ROOT / "bench").glob("*.py")), ids=lambda p: p.name)
def test_every_bench_script_imports(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A benchmark nobody runs for a month must still start: importing it runs nothing but its imports."""
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    module = importlib.import_module(path.stem)
    assert callable(getattr(module, "main", None)), f"{path.name} has no main()"
