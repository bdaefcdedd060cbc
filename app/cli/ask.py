"""`scoqa ask`: one question, one cited answer."""

from __future__ import annotations

import json

import click

from app.answering.llm.backends import LLMSpec
from app.answering.models import Filters
from app.cli.llm import llm_options, open_llm_or_fail
from app.cli.options import fail, filter_options, index_options, open_engine_or_fail
from ingest.settings import Settings


@click.command("ask")
@click.argument("question")
@index_options
@filter_options
@llm_options
@click.option("--json", "as_json", is_flag=True, help="Print the answer object as JSON.")
def ask_command(
    question: str, settings: Settings, filters: Filters, top_k: int | None, llm: LLMSpec | None, as_json: bool
) -> None:
    """Answer QUESTION from the index, every sentence cited."""
    engine = open_engine_or_fail(settings)
    engine.llm = open_llm_or_fail(llm)
    try:
        answer = engine.ask(question, filters, top_k=top_k)
    except ValueError as exc:
        fail(str(exc))
    if as_json:
        click.echo(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        from app.cli.render import answer_to_text

        click.echo(answer_to_text(answer))
