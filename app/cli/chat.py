"""`scoqa chat`: a conversation in the terminal, follow-up questions resolved from earlier turns."""

from __future__ import annotations

import click

from app.answering.llm.backends import LLMSpec
from app.answering.models import Filters
from app.cli.llm import llm_options, open_llm_or_fail
from app.cli.options import filter_options, index_options, open_engine_or_fail
from ingest.settings import Settings

HELP_LINE = "Ask a question; follow-ups may lean on earlier turns. ':new' starts over, ':quit' or Ctrl-D leaves."


@click.command("chat")
@index_options
@filter_options
@llm_options
def chat_command(settings: Settings, filters: Filters, top_k: int | None, llm: LLMSpec | None) -> None:
    """Talk with the index: each answer cited, follow-ups ('And the CSTO?') understood.

    With --llm the model's draft streams in grey as it is written; the checked answer
    follows it (only sentences its sources support, each cited).
    """
    from app.answering.engine import Turn
    from app.cli.render import answer_to_text

    engine = open_engine_or_fail(settings)
    engine.llm = open_llm_or_fail(llm)
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
            answer = engine.ask(question, filters, top_k=top_k, history=history, on_token=show_draft)
        except ValueError as exc:
            click.secho(f"Error: {exc}", fg="red", err=True)
            continue
        if answer.mode != "extractive":
            click.echo("\n")  # end the draft's line; the checked answer follows
        if answer.resolved_question != question:
            click.secho(f"(understood as: {answer.resolved_question})", dim=True)
        click.echo(answer_to_text(answer))
        click.echo()
        history.append(Turn(question, answer.answer))


def show_draft(delta: str) -> None:
    """The model's unchecked draft, dimmed, as it streams."""
    click.secho(delta, dim=True, nl=False)
