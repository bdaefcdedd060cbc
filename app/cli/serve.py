"""`scoqa serve`: the browser chat and the HTTP API in one process."""

from __future__ import annotations

import click

from app.cli.index import print_summary
from app.cli.llm import llm_options, open_llm_or_fail
from app.cli.options import index_options
from ingest.settings import Settings


@click.command("serve")
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
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    envvar="SCOQA_WORKERS",
    help="Processes that compose extractive answers (each holds its own engine); 1 answers in the server "
    "process. 2 on 2 cores lets concurrent questions use both. Env: SCOQA_WORKERS.",
)
@llm_options
def serve_command(settings: Settings, host, port, auth, root_path, no_build, workers, llm) -> None:
    """Serve the browser chat (and POST /api/ask) at http://HOST:PORT."""
    from app.web.server import serve
    from ingest.store import ChromaStore

    if auth and ":" not in auth:
        raise click.UsageError("--auth must look like USER:PASSWORD")
    backend = open_llm_or_fail(llm)
    if not no_build and not ChromaStore(settings).exists():
        click.echo(
            f"No index yet at {settings.chroma_url or settings.index_dir}: building it from {settings.docs_dir} ..."
        )
        from ingest.refresh import refresh_index

        print_summary(refresh_index(settings), settings)
    login = tuple(auth.split(":", 1)) if auth else None
    serve(settings, host=host, port=port, auth=login, root_path=root_path, llm=backend, workers=workers)
