"""`scoqa chat`: a conversation in the terminal, follow-up questions resolved from earlier turns."""

from __future__ import annotations

import click

from app.answering.models import Filters
from app.cli.options import filter_options, index_options, open_engine_or_fail
from ingest.settings import Settings

HELP_LINE = "Ask a question; follow-ups may lean on earlier turns. ':new' starts over, ':quit' or Ctrl-D leaves."


@click.command("chat")
@index_options
@filter_options
def chat_command(settings: Settings, filters: Filters, top_k: int | None) -> None:
    """Talk with the index: each answer cited, follow-ups ('And the CSTO?') understood."""
    from app.answering.engine import Turn
    from app.cli.render import answer_to_text

    engine = open_engine_or_fail(settings)
    history: list[Turn] = []
    click.echo(HELP_LINE)
    while True:
        try:
            question = click.prompt("?", prompt_suffix=" ", default="", show_default=False).strip()
        except (EOFError, click.Abort):
            click.echo()
            return
        if question in (":quit", ":q", ":exit"):
            return
        if question == ":new":
            history.clear()
            click.echo("New conversation.")
            continue
        if not question:
            continue
        try:
            answer = engine.ask(question, filters, top_k=top_k, history=history)
        except ValueError as exc:
            click.secho(f"Error: {exc}", fg="red", err=True)
            continue
        if answer.resolved_question != question:
            click.secho(f"(understood as: {answer.resolved_question})", dim=True)
        click.echo(answer_to_text(answer))
        click.echo()
        history.append(Turn(question, answer.answer))
