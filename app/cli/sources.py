"""`scoqa sources fetch`: download the primary documents listed in documents/sources.toml."""

from __future__ import annotations

import json
import sys

import click

EXIT_FAILED = 3


@click.group("sources")
def sources_command() -> None:
    """The primary documents listed in documents/sources.toml."""


@sources_command.command("fetch")
@click.option(
    "--docs",
    "docs_dir",
    type=click.Path(file_okay=False),
    envvar="SCOQA_DOCS",
    help="Documents folder holding sources.toml (default: documents/). Env: SCOQA_DOCS.",
)
@click.option(
    "--index",
    "index_dir",
    type=click.Path(file_okay=False),
    envvar="SCOQA_INDEX",
    help="Index folder, where ETags and Last-Modified dates are kept (default: index/). Env: SCOQA_INDEX.",
)
@click.option(
    "--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True, help="Seconds per download."
)
@click.option(
    "--max-file-mb",
    type=click.FloatRange(min=0.001),
    default=None,
    help="Size limit per file (default: the max_file_mb setting, 50; see `scoqa settings`).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON object.")
def fetch_command(docs_dir, index_dir, timeout, max_file_mb, as_json) -> None:
    """Download each source into documents/primary/ (unchanged ones are not downloaded again).

    Then run `scoqa ingest` to index them. Exit code 0 when every source is current, 3 when
    some failed, 1 when none could be reached (nothing is changed then) or sources.toml is bad.
    """
    from ingest.loaders import LoadError
    from ingest.settings import Settings
    from ingest.sources import PRIMARY_DIR, SOURCES_FILE, fetch_sources

    settings = Settings.from_env(docs_dir=docs_dir, index_dir=index_dir)
    if not (settings.docs_dir / SOURCES_FILE).exists():
        _fail(f"no {settings.docs_dir / SOURCES_FILE}; list the documents to fetch there (see docs/refresh.md)")
    try:
        limit = max_file_mb if max_file_mb is not None else settings.tunables["max_file_mb"]
        summary = fetch_sources(settings.docs_dir, settings.index_dir, timeout=timeout, max_file_mb=limit)
    except LoadError as exc:
        _fail(str(exc))
        return
    except OSError as exc:
        _fail(f"cannot write into {settings.docs_dir / PRIMARY_DIR} ({exc.strerror}); check the folder is writable")
        return
    if as_json:
        click.echo(json.dumps(summary.to_dict(), ensure_ascii=False))
    else:
        click.echo(
            f"downloaded {len(summary.downloaded)}, unchanged {len(summary.unchanged)}, "
            f"failed {len(summary.failed)} ({summary.seconds:.1f} s)"
        )
        for failure in summary.failed:
            click.secho(f"  failed: {failure['file']}: {failure['reason']}", fg="yellow", err=True)
        if summary.downloaded:
            click.echo("Run `scoqa ingest` to index the new files.")
    if summary.unreachable:
        _fail("cannot reach any of the sources (offline?); nothing was changed. Try again when online.")
    if summary.failed:
        sys.exit(EXIT_FAILED)


def _fail(message: str) -> None:
    click.secho(f"Error: {message}", fg="red", err=True)
    sys.exit(1)
