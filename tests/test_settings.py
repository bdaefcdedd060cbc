"""One settings registry: precedence cli > env > scoqa.toml > default, clear errors, `scoqa settings`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.answering.composer import ComposerConfig
from app.answering.retrieval import RerankConfig
from app.cli import main
from ingest.settings import Settings
from ingest.tunables import SETTINGS, Tunables

pytestmark = pytest.mark.unit


def test_every_setting_has_a_reason_and_a_unique_name() -> None:
    names = [s.name for s in SETTINGS]
    assert len(names) == len(set(names))
    assert all(len(s.help) > 20 for s in SETTINGS)


def test_precedence_is_cli_then_env_then_file_then_default(tmp_path: Path) -> None:
    config = tmp_path / "scoqa.toml"
    config.write_text("[settings]\ntop_k = 7\nabstain_below = 0.3\nmax_sentences = 2\n")
    env = {"SCOQA_TOP_K": "8", "SCOQA_ABSTAIN_BELOW": "0.35"}
    tunables = Tunables.load(cli={"top_k": "9"}, env=env, config_file=config)
    assert (tunables["top_k"], tunables.sources["top_k"]) == (9, "cli")
    assert (tunables["abstain_below"], tunables.sources["abstain_below"]) == (0.35, "env")
    assert (tunables["max_sentences"], tunables.sources["max_sentences"]) == (2, str(config))
    assert (tunables["rrf_k"], tunables.sources["rrf_k"]) == (60, "default")


def test_component_configs_are_built_from_the_registry() -> None:
    tunables = Tunables.load(cli={"abstain_below": "0.45", "per_document": "3"}, env={})
    assert ComposerConfig.from_tunables(tunables).abstain_below == 0.45
    assert RerankConfig.from_tunables(tunables).per_document == 3
    assert ComposerConfig.from_tunables().abstain_below == next(
        s.default for s in SETTINGS if s.name == "abstain_below"
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"cli": {"top_k": "many"}}, "setting top_k must be an integer"),
        ({"cli": {"colour": "red"}}, "unknown setting 'colour'"),
        ({"env": {"SCOQA_ABSTAIN_BELOW": "nan"}}, "finite number"),
        ({"env": {"SCOQA_TOP_K": "2.5"}}, "environment SCOQA_TOP_K"),
    ],
)
def test_bad_values_name_where_they_came_from(kwargs: dict, message: str) -> None:
    kwargs.setdefault("env", {})
    with pytest.raises(ValueError, match=message):
        Tunables.load(**kwargs)


def test_a_broken_settings_file_is_named(tmp_path: Path) -> None:
    config = tmp_path / "scoqa.toml"
    config.write_text("top_k = 7\n")
    with pytest.raises(ValueError, match=r"\[settings\] table"):
        Tunables.load(env={}, config_file=config)
    config.write_text("[settings\n")
    with pytest.raises(ValueError, match="not valid TOML"):
        Tunables.load(env={}, config_file=config)
    with pytest.raises(ValueError, match="settings file not found"):
        Tunables.load(env={"SCOQA_CONFIG": str(tmp_path / "missing.toml")})


def test_scoqa_settings_lists_values_and_their_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "scoqa.toml").write_text("[settings]\nmax_sentences = 4\n")
    monkeypatch.setenv("SCOQA_UNSURE_BELOW", "0.5")
    result = CliRunner().invoke(main, ["settings", "--json", "--setting", "top_k", "6"])
    assert result.exit_code == 0, result.output
    rows = {row["name"]: row for row in json.loads(result.output)}
    assert set(rows) == {s.name for s in SETTINGS}
    assert (rows["top_k"]["value"], rows["top_k"]["source"]) == (6, "cli")
    assert (rows["unsure_below"]["value"], rows["unsure_below"]["source"]) == (0.5, "env")
    assert (rows["max_sentences"]["value"], rows["max_sentences"]["source"]) == (4, "scoqa.toml")
    assert rows["rrf_k"]["source"] == "default" and rows["rrf_k"]["help"]
    text = CliRunner().invoke(main, ["settings"]).output
    assert "max_sentences" in text and "(default 3)" in text


def test_a_bad_setting_on_the_command_line_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["settings", "--setting", "top_k", "lots"])
    assert result.exit_code == 2 and "setting top_k must be an integer" in result.output


def test_settings_from_env_carry_the_tunables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCOQA_MAX_QUESTION_CHARS", "300")
    assert Settings.from_env().tunables["max_question_chars"] == 300
    assert Settings().tunables["max_question_chars"] == 1000  # built directly: defaults only
