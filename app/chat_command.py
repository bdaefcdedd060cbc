"""`scoqa chat`: a conversation in the terminal, follow-up questions resolved from earlier turns."""

from __future__ import annotations

import click

from app.cli_options import filter_options, index_options, make_filters, make_settings, open_engine

HELP_LINE = "Ask a question; follow-ups may lean on earlier turns. ':new' starts over, ':quit' or Ctrl-D leaves."


@click.command("chat")
@index_options
@filter_options
def chat_command(docs_dir, index_dir, chroma_url, embed_model, organisation, kind, year_from, year_to, doc_ids, top_k):
    """Talk with the index: each answer cited, follow-ups ('And the CSTO?') understood."""
    from app.engine import Turn
    from app.render import answer_to_text

    settings = make_settings(docs_dir, index_dir, chroma_url, embed_model)
    engine = open_engine(settings)
    filters = make_filters(organisation, kind, year_from, year_to, doc_ids)
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
