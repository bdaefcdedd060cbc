"""`scoqa ingest` and `scoqa status`: building the index and saying what is in it."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from app.cli.llm import llm_options
from app.cli.options import fail, index_options
from ingest.settings import Settings

EXIT_FAILED_FILES = 3


@click.command("ingest")
@index_options
@click.option("--rebuild", is_flag=True, help="Drop the index and build it again from scratch.")
@click.option(
    "--max-file-mb",
    type=click.FloatRange(min=0.001),
    help="Skip (and report) files larger than this (default: setting max_file_mb, 50).",
)
@click.option(
    "--device",
    type=click.Choice(["auto", "cpu", "cuda"]),
    default="auto",
    show_default=True,
    help="Where passages are embedded: auto is a CUDA GPU when torch sees one, else the CPU (ONNX).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON object.")
@click.option("--watch", is_flag=True, help="Keep refreshing whenever the folder changes, until Ctrl-C.")
@click.option(
    "--interval", type=click.FloatRange(min=0.1), default=5.0, show_default=True, help="--watch poll seconds."
)
def ingest_command(settings: Settings, rebuild, max_file_mb, device, as_json, watch, interval) -> None:
    """Refresh the index: add new, re-embed changed and delete removed documents.

    Reads Markdown, text, HTML, PDF and DOCX. Exit code 0 when every file went in, 3 when
    some failed (each is listed with the reason), 1 on a fatal error. See docs/refresh.md.
    """
    max_file_mb = max_file_mb or settings.tunables["max_file_mb"]
    if watch:
        _watch(settings, max_file_mb, interval, as_json)
        return
    from ingest.refresh import IngestLockedError, refresh_index
    from ingest.store import IndexMismatchError

    bar = None

    def progress(doc_id: str, done: int, total: int, chunks: int) -> None:
        nonlocal bar
        if as_json:
            return
        if bar is None:
            from tqdm import tqdm

            bar = tqdm(total=total, unit="doc", desc="Embedding", file=sys.stderr, dynamic_ncols=True)
        bar.set_postfix(chunks=chunks, refresh=False)
        bar.update(1)

    try:
        summary = refresh_index(settings, rebuild=rebuild, max_file_mb=max_file_mb, progress=progress, device=device)
    except (IndexMismatchError, IngestLockedError, FileNotFoundError, ValueError) as exc:
        fail(str(exc))
    finally:
        if bar is not None:
            bar.close()
    if as_json:
        click.echo(json.dumps(summary.to_dict(), ensure_ascii=False))
    else:
        print_summary(summary, settings)
    if summary.failed:
        sys.exit(EXIT_FAILED_FILES)


def _watch(settings: Settings, max_file_mb: float, interval: float, as_json: bool) -> None:
    """`ingest --watch`: a summary line per refresh that changed something, until Ctrl-C."""
    from ingest.store import IndexMismatchError
    from ingest.watch import stop_on_signals, watch

    def report(summary: Any) -> None:
        if as_json:
            click.echo(json.dumps(summary.to_dict(), ensure_ascii=False))
        elif summary.changed or summary.failed:
            print_summary(summary, settings)

    try:
        with stop_on_signals() as stop:  # Ctrl-C/SIGTERM stop at a safe point (see ingest/watch.py)
            click.echo(f"Watching {settings.docs_dir} every {interval:g} s; Ctrl-C to stop.", err=True)
            watch(
                settings, interval=interval, max_file_mb=max_file_mb, on_refresh=report, on_busy=click.echo, stop=stop
            )
    except KeyboardInterrupt:  # a second Ctrl-C
        pass
    except (IndexMismatchError, FileNotFoundError, ValueError) as exc:
        fail(str(exc))
    click.echo("Stopped watching.", err=True)


def print_summary(summary: Any, settings: Settings) -> None:
    """The human summary of a refresh."""
    if not summary.changed and not summary.failed:
        click.echo(f"Index is up to date: nothing to embed ({summary.unchanged} documents unchanged).")
    else:
        click.echo(
            f"added {summary.added}, updated {summary.updated}, removed {summary.removed}, "
            f"unchanged {summary.unchanged}, failed {len(summary.failed)} "
            f"({summary.chunks_embedded} chunks embedded, {summary.chunks_deleted} deleted)"
        )
    for failure in summary.failed:
        click.secho(f"  failed: {failure['file']}: {failure['reason']}", fg="yellow", err=True)
    if summary.skipped:
        click.echo(
            f"  skipped {len(summary.skipped)} file(s) of unsupported type: {', '.join(summary.skipped[:5])}"
            + (" ..." if len(summary.skipped) > 5 else "")
        )
    where = settings.chroma_url or settings.index_dir
    click.echo(f"Index {where}: {summary.documents} documents, {summary.chunks} chunks ({summary.seconds:.1f} s).")


@click.command("status")
@index_options
@llm_options
@click.option("--json", "as_json", is_flag=True, help="Print as one JSON object.")
def status_command(settings: Settings, llm, as_json) -> None:
    """What is in the index: documents, chunks, embedding model, last ingest; and the language model."""
    from app.cli.llm import llm_status
    from ingest.status import index_status
    from ingest.store import IndexMissingError

    try:
        status = index_status(settings)
    except IndexMissingError as exc:
        fail(str(exc))
    status["language_model"] = llm_status(llm)
    if as_json:
        click.echo(json.dumps(status, ensure_ascii=False))
        return
    click.echo(f"Index:           {status['location']}")
    click.echo(f"Documents:       {status['documents']}")
    click.echo(f"Chunks:          {status['chunks']}")
    click.echo(
        f"Embedding model: {status['embed_model']} ({status['embed_dim']}-d, chunker {status['chunker_version']})"
    )
    click.echo(f"Last ingest:     {status['last_ingest'] or 'never'}")
    model = status["language_model"]
    click.echo(f"Language model:  {model['llm'] + ' - ' if model['llm'] else ''}{model['detail']}")
