"""`scoqa`: the command line. Thin: every command lives in its own module of app/cli/.

Heavy libraries (torch, chromadb, gradio) are imported inside commands so that
`scoqa --help` stays instant.
"""

from __future__ import annotations

import click

import ingest  # noqa: F401 - offline environment first
from app.cli.ask import ask_command
from app.cli.chat import chat_command
from app.cli.eval import eval_command
from app.cli.index import ingest_command, status_command
from app.cli.serve import serve_command
from app.cli.settings import settings_command
from app.cli.sources import sources_command
from app.cli.trends import trends_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="scoqa")
def main() -> None:
    """Questions and cited answers about security cooperation in the SCO and the CSTO, offline."""


for command in (
    ingest_command,
    ask_command,
    chat_command,
    status_command,
    serve_command,
    eval_command,
    settings_command,
    sources_command,
    trends_command,
):
    main.add_command(command)


if __name__ == "__main__":
    main()
