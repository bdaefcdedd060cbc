"""`scoqa`: the command line. Thin: every command calls a module that does the work.

Heavy libraries (torch, chromadb, gradio) are imported inside commands so that
`scoqa --help` stays instant.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

import ingest  # noqa: F401 - offline environment first
from app.chat_command import chat_command
from app.cli_options import fail, filter_options, index_options, make_filters, make_settings, open_engine
from app.evaluation.command import eval_command
from app.sources_command import sources_command
from ingest.settings import Settings

EXIT_FAILED_FILES = 3


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="scoqa")
def main() -> None:
    """Questions and cited answers on SCO and CSTO security cooperation, offline."""


@main.command("ingest")
@index_options
@click.option("--rebuild", is_flag=True, help="Drop the index and build it again from scratch.")
@click.option(
    "--max-file-mb",
    type=click.FloatRange(min=0.001),
    default=50.0,
    show_default=True,
    help="Skip (and report) files larger than this.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON object.")
@click.option("--watch", is_flag=True, help="Keep refreshing whenever the folder changes, until Ctrl-C.")
@click.option(
    "--interval", type=click.FloatRange(min=0.1), default=5.0, show_default=True, help="--watch poll seconds."
)
def ingest_command(
    docs_dir, index_dir, chroma_url, embed_model, rebuild, max_file_mb, as_json, watch, interval
) -> None:
    """Refresh the index: add new, re-embed changed and delete removed documents.

    Reads Markdown, text, HTML, PDF and DOCX. Exit code 0 when every file went in, 3 when
    some failed (each is listed with the reason), 1 on a fatal error. See docs/refresh.md.
    """
    if watch:
        _watch(make_settings(docs_dir, index_dir, chroma_url, embed_model), max_file_mb, interval, as_json)
        return
    from ingest.refresh import IngestLockedError, refresh_index
    from ingest.store import IndexMismatchError

    settings = make_settings(docs_dir, index_dir, chroma_url, embed_model)
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
        summary = refresh_index(settings, rebuild=rebuild, max_file_mb=max_file_mb, progress=progress)
    except (IndexMismatchError, IngestLockedError, FileNotFoundError, ValueError) as exc:
        fail(str(exc))
        return
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


@main.command("ask")
@click.argument("question")
@index_options
@filter_options
@click.option("--json", "as_json", is_flag=True, help="Print the answer object as JSON.")
def ask_command(
    question,
    docs_dir,
    index_dir,
    chroma_url,
    embed_model,
    organisation,
    kind,
    year_from,
    year_to,
    doc_ids,
    top_k,
    as_json,
) -> None:
    """Answer QUESTION from the index, every sentence cited."""
    settings = make_settings(docs_dir, index_dir, chroma_url, embed_model)
    engine = open_engine(settings)
    try:
        answer = engine.ask(question, make_filters(organisation, kind, year_from, year_to, doc_ids), top_k=top_k)
    except ValueError as exc:
        fail(str(exc))
        return
    if as_json:
        click.echo(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        from app.render import answer_to_text

        click.echo(answer_to_text(answer))


@main.command("status")
@index_options
@click.option("--json", "as_json", is_flag=True, help="Print as one JSON object.")
def status_command(docs_dir, index_dir, chroma_url, embed_model, as_json) -> None:
    """What is in the index: documents, chunks, embedding model, last ingest."""
    from app.status import index_status
    from ingest.store import IndexMissingError

    settings = make_settings(docs_dir, index_dir, chroma_url, embed_model)
    try:
        status = index_status(settings)
    except IndexMissingError as exc:
        fail(str(exc))
        return
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


@main.command("serve")
@index_options
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    envvar="SCOQA_HOST",
    help="Interface to bind; keep 127.0.0.1 unless others must reach it.",
)
@click.option("--port", type=int, default=7860, show_default=True, envvar="SCOQA_PORT", help="Port to serve on.")
@click.option("--auth", envvar="SCOQA_AUTH", help="USER:PASSWORD to require a login. Env: SCOQA_AUTH.")
@click.option("--root-path", envvar="SCOQA_ROOT_PATH", default="", help="URL prefix when behind a reverse proxy.")
@click.option("--no-build", is_flag=True, help="Do not build the index when it is missing.")
def serve_command(docs_dir, index_dir, chroma_url, embed_model, host, port, auth, root_path, no_build) -> None:
    """Serve the browser chat (and POST /api/ask) at http://HOST:PORT."""
    from app.server import serve
    from ingest.store import ChromaStore

    settings = make_settings(docs_dir, index_dir, chroma_url, embed_model)
    if auth and ":" not in auth:
        raise click.UsageError("--auth must look like USER:PASSWORD")
    if not no_build and not ChromaStore(settings).exists():
        click.echo(
            f"No index yet at {settings.chroma_url or settings.index_dir}: building it from {settings.docs_dir} ..."
        )
        from ingest.refresh import refresh_index

        summary = refresh_index(settings)
        print_summary(summary, settings)
    serve(settings, host=host, port=port, auth=tuple(auth.split(":", 1)) if auth else None, root_path=root_path)


# Commands that live in their own modules: sources fetch (network code stays inside the
# command), the terminal conversation, and batch evaluation (heavy imports stay inside).
main.add_command(sources_command)
main.add_command(chat_command)
main.add_command(eval_command)


if __name__ == "__main__":
    main()
