"""Options and helpers shared by the `scoqa` commands (kept apart from app.cli so command
modules can import them without importing the CLI group itself)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

import ingest  # noqa: F401 - offline environment first
from ingest.settings import Settings


def index_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--docs/--index/--chroma-url/--embed-model, each with its SCOQA_* fallback."""
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
            type=click.Choice(["minilm", "multilingual"]),
            envvar="SCOQA_EMBED_MODEL",
            help="Embedding model the index is built with (default: minilm). Env: SCOQA_EMBED_MODEL.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def make_settings(
    docs_dir: Path | None, index_dir: Path | None, chroma_url: str | None, embed_model: str | None
) -> Settings:
    """Settings from options, falling back to the environment and defaults."""
    try:
        return Settings.from_env(docs_dir=docs_dir, index_dir=index_dir, chroma_url=chroma_url, embed_model=embed_model)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc


def fail(message: str) -> None:
    """Print an actionable error and exit 1."""
    click.secho(f"Error: {message}", fg="red", err=True)
    sys.exit(1)


def filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Retrieval filters shared by ask and chat."""
    options = [
        click.option(
            "--org",
            "organisation",
            type=click.Choice(["SCO", "CSTO"], case_sensitive=False),
            help="Only passages about this organisation (documents about both count).",
        ),
        click.option("--kind", help="Only documents of this kind (briefing, declaration, statement, ...)."),
        click.option("--from", "year_from", type=int, help="Only documents dated from this year."),
        click.option("--to", "year_to", type=int, help="Only documents dated up to this year."),
        click.option("--doc", "doc_ids", multiple=True, help="Only this document (repeatable)."),
        click.option(
            "-k", "--top-k", type=click.IntRange(1, 50), default=5, show_default=True, help="Passages to retrieve."
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def make_filters(organisation, kind, year_from, year_to, doc_ids):
    from app.models import Filters

    return Filters(
        organisation=organisation.upper() if organisation else None,
        kind=kind or None,
        year_from=year_from,
        year_to=year_to,
        doc_ids=list(doc_ids) or None,
    )


def open_engine(settings: Settings):
    """The answering engine, or a clear error when there is no usable index."""
    from app.engine import AnswerEngine
    from ingest.store import IndexMismatchError, IndexMissingError

    try:
        return AnswerEngine(settings)
    except (IndexMissingError, IndexMismatchError) as exc:
        fail(str(exc))
