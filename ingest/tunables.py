"""Every tunable of the product, declared once with its type, default and reason.

In the manner of datasette's settings: one list, which feeds `scoqa settings`, the
docs and every component's config. A value comes from, in order of precedence:
the command line (`--setting NAME VALUE`), the environment (`SCOQA_<NAME>`), a
`scoqa.toml` file (`[settings]` table; `./scoqa.toml` or the file `SCOQA_CONFIG`
names), then the default below.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Self

CONFIG_FILE = "scoqa.toml"


@dataclass(frozen=True)
class Setting:
    """One tunable: its name, default (whose type is the setting's type) and why it has that value."""

    name: str
    default: int | float | bool
    help: str
    group: str

    @property
    def env_var(self) -> str:
        return "SCOQA_" + self.name.upper()

    def parse(self, raw: Any, origin: str) -> int | float | bool:
        """The value converted to this setting's type; ValueError naming the origin and the fix."""
        kind = type(self.default)
        try:
            if kind is bool:
                if isinstance(raw, bool):
                    return raw
                text = str(raw).strip().lower()
                if text not in ("true", "false", "1", "0", "yes", "no"):
                    raise ValueError
                return text in ("true", "1", "yes")
            if isinstance(raw, bool):
                raise ValueError
            if kind is int:
                if isinstance(raw, float) and not raw.is_integer():
                    raise ValueError
                return int(str(raw).strip()) if isinstance(raw, str) else int(raw)
            value = float(raw)
        except (TypeError, ValueError) as exc:
            what = {bool: "true or false", int: "an integer", float: "a number"}[kind]
            raise ValueError(
                f"{origin}: setting {self.name} must be {what} (default {self.default}), not {raw!r}"
            ) from exc
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"{origin}: setting {self.name} must be a finite number, not {raw!r}")
        return value


SETTINGS: tuple[Setting, ...] = (
    # Retrieval
    Setting(
        "top_k",
        10,
        "Passages retrieved for an answer, as many as `scoqa eval` retrieves (eval_top_k): the candidate pool "
        "and the cap per document are applied over this many places, so it decides which passages rank in the "
        "top passages_read the composer quotes from. At 5, answers lost token recall on five of six dev sets "
        "(docs/quality.md).",
        "retrieval",
    ),
    Setting(
        "eval_top_k", 10, "Passages retrieved per question by `scoqa eval`, so recall@10 can be measured.", "retrieval"
    ),
    Setting(
        "rrf_k",
        60,
        "Reciprocal rank fusion constant (Cormack et al. 2009): rank gaps matter, not raw scores.",
        "retrieval",
    ),
    Setting(
        "rerank_pool",
        24,
        "Fused candidates re-scored per question: enough to recover a passage ranked low by one method.",
        "retrieval",
    ),
    Setting(
        "support_weight",
        0.6,
        "Weight of the IDF-weighted share of question terms a passage contains, beside its cosine.",
        "retrieval",
    ),
    Setting(
        "heading_weight",
        0.1,
        "Weight of the share of question terms a passage's title and section heading hold: a short "
        "question ('X members?') names what a section is written about. Dev sweep 0/0.1/0.2: 0.1 raised "
        "evidence recall on dev and dev-user and citation precision on dev-real.",
        "retrieval",
    ),
    Setting(
        "definition_bonus",
        0.1,
        "Re-scoring bonus, for a question asking what X is, for a passage that says what X is "
        "('X is a ...', 'The Long Name (X) is an ...'): the defining sentence opens an article and "
        "mentions X once, while later passages repeat X and outrank it. Dev sweep 0.1/0.2/0.3: the same "
        "answers on all three dev sets; the smallest kept.",
        "retrieval",
    ),
    Setting(
        "count_bonus",
        0.1,
        "Re-scoring bonus, for a question asking how many X, for a passage that gives a number of X "
        "('six member states'): the passage that counts them is written about something else as often "
        "as not ('Current members').",
        "retrieval",
    ),
    Setting(
        "rule_bonus",
        0.2,
        "Re-scoring bonus, for a question asking how anyone does an act ('how can a member withdraw'), for "
        "a passage with a sentence that names the act and a modal or a procedure: the rule is written "
        "once, the cases of states that did it many times (dev sweep 0.05/0.1/0.2/0.3: 0.2 let in one "
        "more rule, 0.3 the same).",
        "retrieval",
    ),
    Setting(
        "column_bonus",
        0.2,
        "Re-scoring bonus for a table row whose table has a column of the kind asked (a place column for "
        "'where', a name column for 'who', a date column for 'when'): its one cell answers, but a short "
        "row scores below the prose around it.",
        "retrieval",
    ),
    Setting(
        "organisation_bonus",
        0.03,
        "Re-scoring bonus for a passage about the one organisation the question names.",
        "retrieval",
    ),
    Setting(
        "profile_bonus",
        0.2,
        "Re-scoring bonus, for a question asking when or by whom an organisation was founded, who its "
        "members are or where it sits, for the opening of an article on it that says what it is ('The "
        "Long Name (LN) is a ...'): it names founders and members in words too general to rank high. Dev "
        "sweep 0.1/0.2/0.3: 0.1 left the opening below two other passages of its article; 0.2 and 0.3 "
        "brought it in; the smaller kept.",
        "retrieval",
    ),
    Setting(
        "list_bonus",
        0.2,
        "Re-scoring bonus, for a question asking for a list ('which countries are members of X'), for a "
        "passage that holds a whole list whose lead line names what is asked ('Member ports (8)' and its "
        "items): a bare list of names shares few words with the question, and an article's summit reports "
        "name members too. Dev sweep: see docs/quality.md (twenty-fourth pass).",
        "retrieval",
    ),
    Setting(
        "seat_bonus",
        0.1,
        "Re-scoring bonus, for a question asking where a body sits ('where is X based'), for a passage "
        "that says where one sits ('headquartered in', 'based in', 'its seat'): declarations say 'based "
        "on X' many times over. Dev sweep 0.05/0.1/0.2: the same answers (dev-real2 0.652 -> 0.669); "
        "0.1 ranked the seat higher than 0.05 (dev-real2 MRR 0.907 -> 0.921).",
        "retrieval",
    ),
    Setting("year_bonus", 0.03, "Re-scoring bonus for a passage that mentions a year the question names.", "retrieval"),
    Setting(
        "per_document",
        2,
        "At most this many of the top passages from one document, so a reader sees more sources.",
        "retrieval",
    ),
    Setting(
        "variety_margin",
        0.3,
        "A passage over its document's share still takes the place of one let in for variety when it "
        "scores this much higher: a statement's third passage that names what is asked beats another "
        "document's passage that does not. Swept on the dev sets (0.05-0.4): below 0.3 more sentences of "
        "one document also answer near misses; at 0.3 no dev set lost on any metric.",
        "retrieval",
    ),
    Setting(
        "revision_check_seconds",
        1.0,
        "How often a running engine checks whether a refresh changed the index.",
        "retrieval",
    ),
    # Composition and abstention
    Setting("max_sentences", 3, "Quotes in an extractive answer: enough to answer, short enough to read.", "composer"),
    Setting("max_passages", 2, "Passages an answer cites: the best-ranked ones carry the answer.", "composer"),
    Setting("passages_read", 5, "Top passages the composer quotes from, however many were retrieved.", "composer"),
    Setting("min_words", 5, "Shorter fragments (headings, list stubs) are never quoted as answers.", "composer"),
    Setting(
        "abstain_below",
        0.40,
        "Evidence score under which the product says the documents do not answer (dev-calibrated).",
        "composer",
    ),
    Setting(
        "unsure_below",
        0.46,
        "Evidence score under which an answer carries a weak-evidence note (dev-calibrated).",
        "composer",
    ),
    Setting(
        "cross_lingual_abstain_below",
        0.80,
        "Cosine floor for questions not in the texts' script (no shared terms to count).",
        "composer",
    ),
    Setting("relative_floor", 0.92, "Keep sentences scoring at least this share of the best one.", "composer"),
    Setting(
        "semantic_weight",
        0.7,
        "Share of a sentence's evidence that is cosine similarity (the rest is term coverage).",
        "composer",
    ),
    Setting(
        "rank_weight",
        1.0,
        "How much a sentence pays for its passage's retrieval-score gap to the best passage.",
        "composer",
    ),
    Setting(
        "duplicate_cosine",
        0.92,
        "Sentences this similar to one already chosen are repeats and are skipped.",
        "composer",
    ),
    Setting(
        "max_embedded",
        12,
        "Sentences embedded per question, each twice (alone and under its document's title; ~6-10 ms "
        "an embedding on 2 cores): the composer's main cost. 12 rather than 16: p95 latency -11 % on "
        "dev-real2, every outcome the same on the dev sets; 8 lost token recall on four dev sets "
        "(docs/quality.md).",
        "composer",
    ),
    Setting(
        "sentence_cache_size",
        20_000,
        "Sentence embeddings kept in memory: the same passages come back often.",
        "composer",
    ),
    # Selection by what is asked (app/answering/selection.py)
    Setting(
        "min_word_coverage",
        0.3,
        "IDF-weighted share of a question's terms an answering sentence (or its context) must hold. "
        "Dev sweep 0.2/0.25/0.3/0.35/0.4, after the name rules stopped counting the organisation towards "
        "the names an answer may leave unsaid: 0.3 best abstention F1 on all three dev sets (0.2 was best before).",
        "selection",
    ),
    Setting(
        "slot_window",
        6,
        "Words between a person's name and the role or nationality the question gives them ('which X official').",
        "selection",
    ),
    Setting(
        "context_weight",
        0.5,
        "A content word found only in the passage's title, heading or neighbouring sentence counts this much.",
        "selection",
    ),
    Setting(
        "required_slack",
        0.5,
        "Share of a question's names, years and references an answering sentence may leave unsaid "
        "(rounded down: none of one, one of two or three); long questions set a scene. "
        "Dev sweep 0.34/0.4/0.5: 0.5 best mean abstention F1 over the three dev sets.",
        "selection",
    ),
    Setting(
        "echo_below",
        0.6,
        "A lead sentence with fewer than this share of words new to the question echoes it; the next "
        "sentence of its passage is quoted too (it gives the reason, figures or difference announced). "
        "Dev sweep 0.35/0.5/0.6/0.7: 0.6 raises token recall on all three dev sets with answer F1 flat.",
        "selection",
    ),
    Setting(
        "max_answer_chars", 900, "Longer answers drop their last supporting quotes: no wall of quotes.", "selection"
    ),
    # Limits that protect the server and the machine
    Setting(
        "max_question_chars",
        1000,
        "Longer questions are refused with a clear message (the encoder reads 256 tokens).",
        "limits",
    ),
    Setting("max_body_kb", 64, "Largest POST /api/ask body accepted; larger ones get HTTP 413.", "limits"),
    Setting(
        "max_history_turns", 20, "Earlier turns a request may send; only the latest is used for follow-ups.", "limits"
    ),
    Setting("max_upload_mb", 10, "Largest file the browser upload accepts.", "limits"),
    Setting("max_file_mb", 50.0, "Files larger than this are skipped (and reported) by a refresh.", "limits"),
    Setting(
        "ingest_lease_seconds",
        60.0,
        "Server mode: an ingest lease unrenewed this long is taken over (its holder renews every third of it).",
        "limits",
    ),
    Setting("login_attempts_per_minute", 10, "Failed logins allowed per client per minute before HTTP 429.", "limits"),
    Setting(
        "chat_concurrency",
        4,
        "Chat requests answered at once; the engine is thread-safe, 2 cores share the work.",
        "limits",
    ),
    Setting(
        "serve_torch_threads",
        1,
        "Torch and onnxruntime threads per model call in `scoqa serve`: requests run side by side, and on 2 busy cores "
        "two threads wait on each other (a query took 258 ms with 2, 16 ms with 1).",
        "limits",
    ),
)
BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}


@dataclass(frozen=True)
class Tunables:
    """Resolved values of every setting and where each came from (default, scoqa.toml, env, cli)."""

    values: Mapping[str, Any] = field(default_factory=lambda: {s.name: s.default for s in SETTINGS})
    sources: Mapping[str, str] = field(default_factory=lambda: {s.name: "default" for s in SETTINGS})

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def pick(self, names: Iterable[str]) -> dict[str, Any]:
        """The values of the named settings, for a component's config."""
        return {name: self.values[name] for name in names}

    @classmethod
    def load(
        cls,
        cli: Mapping[str, Any] | None = None,
        env: Mapping[str, str] | None = None,
        config_file: Path | None = None,
    ) -> Tunables:
        """Defaults, overlaid by scoqa.toml, then SCOQA_* variables, then command-line values."""
        env = os.environ if env is None else env
        values = {s.name: s.default for s in SETTINGS}
        sources = {s.name: "default" for s in SETTINGS}
        path = config_file or Path(env.get("SCOQA_CONFIG") or CONFIG_FILE)
        for name, raw in _config_values(path, explicit=config_file is not None or "SCOQA_CONFIG" in env).items():
            values[name], sources[name] = _setting(name, str(path)).parse(raw, str(path)), str(path)
        for setting in SETTINGS:
            if env.get(setting.env_var, "").strip():
                values[setting.name] = setting.parse(env[setting.env_var], f"environment {setting.env_var}")
                sources[setting.name] = "env"
        for name, raw in (cli or {}).items():
            values[name], sources[name] = _setting(name, "--setting").parse(raw, "--setting"), "cli"
        return cls(values, sources)


def _setting(name: str, origin: str) -> Setting:
    if name not in BY_NAME:
        raise ValueError(f"{origin}: unknown setting {name!r}; `scoqa settings` lists them all")
    return BY_NAME[name]


def _config_values(path: Path, explicit: bool) -> dict[str, Any]:
    """The [settings] table of a scoqa.toml; a missing default file is simply no file."""
    if not path.is_file():
        if explicit:
            raise ValueError(f"{path}: settings file not found; create it or unset SCOQA_CONFIG")
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: not valid TOML ({exc}); fix the file or remove it") from exc
    table = data.get("settings", {})
    if not isinstance(table, dict) or set(data) - {"settings"}:
        raise ValueError(f"{path}: put settings in a [settings] table, e.g. [settings]\\ntop_k = 5")
    return table


class FromTunables:
    """Mixin for a component's config dataclass whose field names are setting names."""

    @classmethod
    def from_tunables(cls, tunables: Tunables | None = None) -> Self:
        """The config as resolved (defaults when no tunables are given)."""
        return cls(**(tunables or Tunables()).pick(f.name for f in fields(cls)))  # type: ignore[arg-type]
