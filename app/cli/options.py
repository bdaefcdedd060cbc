"""Options shared by the `scoqa` commands: which index (and settings), which filters.

Each decorator turns its options into one value for the command (`settings`,
`filters`), so commands never rebuild them by hand.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click

import ingest  # noqa: F401 - offline environment first
from app.answering.models import ORGANISATIONS, Filters
from ingest.settings import Settings

setting_option = click.option(
    "--setting",
    "setting_pairs",
    type=(str, str),
    multiple=True,
    metavar="NAME VALUE",
    help="Override a tunable (repeatable); `scoqa settings` lists them. Env: SCOQA_<NAME>, file: scoqa.toml.",
)


def fail(message: str, code: int = 1) -> NoReturn:
    """Print an actionable error and exit (1 unless the command documents another code)."""
    click.secho(f"Error: {message}", fg="red", err=True)
    sys.exit(code)


def make_settings(
    docs_dir: Path | None = None,
    index_dir: Path | None = None,
    chroma_url: str | None = None,
    embed_model: str | None = None,
    setting_pairs: tuple[tuple[str, str], ...] = (),
) -> Settings:
    """Settings from options, falling back to the environment, scoqa.toml and defaults."""
    try:
        return Settings.from_env(
            dict(setting_pairs), docs_dir=docs_dir, index_dir=index_dir, chroma_url=chroma_url, embed_model=embed_model
        )
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc


def index_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--docs/--index/--chroma-url/--embed-model/--setting, passed to the command as `settings`."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        names = ("docs_dir", "index_dir", "chroma_url", "embed_model", "setting_pairs")
        kwargs["settings"] = make_settings(*(kwargs.pop(name) for name in names))
        return func(*args, **kwargs)

    options = [
        click.option(
            "--docs",
            "docs_dir",
            type=click.Path(file_okay=False, path_type=Path),
            envvar="SCOQA_DOCS",
            help="Documents folder (default: documents/). Env: SCOQA_DOCS.",
        ),
        click.option(
            "--index",
            "index_dir",
            type=click.Path(file_okay=False, path_type=Path),
            envvar="SCOQA_INDEX",
            help="Index folder (default: index/). Env: SCOQA_INDEX.",
        ),
        click.option(
            "--chroma-url",
            envvar="SCOQA_CHROMA_URL",
            help="Use a Chroma server (e.g. http://127.0.0.1:8000) instead of the embedded index. "
            "Env: SCOQA_CHROMA_URL.",
        ),
        click.option(
            "--embed-model",
            type=click.Choice(["minilm", "minilm-int8", "multilingual"]),
            envvar="SCOQA_EMBED_MODEL",
            help="Embedding model the index is built with (default: minilm; minilm-int8 ingests about twice "
            "as fast on a CPU, docs/performance.md). Env: SCOQA_EMBED_MODEL.",
        ),
        setting_option,
    ]
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


def filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Retrieval filters shared by ask and chat, passed to the command as `filters` (plus `top_k`)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        fields = {
            "organisation": kwargs.pop("organisation"),
            "kind": kwargs.pop("kind"),
            "year_from": kwargs.pop("year_from"),
            "year_to": kwargs.pop("year_to"),
            "doc_ids": list(kwargs.pop("doc_ids")) or None,
        }
        try:
            kwargs["filters"] = Filters.from_dict(fields)
        except ValueError as exc:
            raise click.UsageError(str(exc)) from exc
        return func(*args, **kwargs)

    options = [
        click.option(
            "--org",
            "organisation",
            type=click.Choice(ORGANISATIONS, case_sensitive=False),
            help="Only passages about this organisation (documents about both count).",
        ),
        click.option("--kind", help="Only documents of this kind (briefing, declaration, statement, ...)."),
        click.option("--from", "year_from", type=int, help="Only documents dated from this year."),
        click.option("--to", "year_to", type=int, help="Only documents dated up to this year."),
        click.option("--doc", "doc_ids", multiple=True, help="Only this document (repeatable)."),
        click.option(
            "-k", "--top-k", type=click.IntRange(1, 50), help="Passages to retrieve (default: setting top_k, 10)."
        ),
    ]
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


def open_engine_or_fail(settings: Settings, mode: str | None = None, code: int = 1) -> Any:
    """The answering engine, or exit with the command that builds a usable index."""
    from app.answering.open import EngineUnavailableError, open_engine

    try:
        return open_engine(settings, mode)
    except EngineUnavailableError as exc:
        fail(str(exc), code)
