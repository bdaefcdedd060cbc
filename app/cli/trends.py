"""`scoqa trends`: how often concepts occur per year and organisation, each count traceable to sentences."""

from __future__ import annotations

import json
from pathlib import Path

import click

from app.answering.models import ORGANISATIONS, Filters
from app.cli.options import fail, index_options
from ingest.settings import Settings


def _concept_lines() -> str:
    from app.trends.lexicon import BUILT_IN

    lines = []
    for concept in BUILT_IN:
        lines.append(f"{concept.name} ({concept.key}): {concept.description}")
        for label, terms in (("en", concept.english), ("ru", concept.russian), ("zh", concept.chinese)):
            lines.append(f"    {label}: {', '.join(terms)}")
        if concept.exclude:
            lines.append(f"    not inside: {', '.join(concept.exclude)}")
    return "\n".join(lines)


@click.command("trends")
@index_options
@click.option("--concept", "concepts", multiple=True, help="A built-in concept (repeatable; default: all of them).")
@click.option("--term", "phrases", multiple=True, help='Count a phrase of your own, e.g. --term "Shanghai spirit".')
@click.option("--terms", help="Comma-separated terms of a new concept named by --concept: --concept X --terms a,b,c.")
@click.option("--by-kind", is_flag=True, help="Split by kind of document too (declarations apart from articles).")
@click.option(
    "--org",
    "organisation",
    type=click.Choice(ORGANISATIONS, case_sensitive=False),
    help="Only documents about this organisation (documents about both count).",
)
@click.option("--kind", help="Only documents of this kind (declaration, statement, ...).")
@click.option("--from", "year_from", type=int, help="Only documents dated from this year.")
@click.option("--to", "year_to", type=int, help="Only documents dated up to this year.")
@click.option("--show", "show_year", type=int, help="List every counted sentence of this year, with its document.")
@click.option("--compare", nargs=2, metavar="DOC_A DOC_B", help="Compare two documents (ids as in `scoqa status`).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (rows with their matching sentences).")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV, one line per year and group.")
@click.option("--png", type=click.Path(dir_okay=False, path_type=Path), help="Also write the chart to this PNG file.")
@click.option(
    "--measure",
    type=click.Choice(["per_10k_words", "count"]),
    default="per_10k_words",
    show_default=True,
    help="What the PNG chart plots.",
)
@click.option("--semantic", help="Also count passages close in meaning to this description (MiniLM; shown apart).")
@click.option("--semantic-threshold", type=click.FloatRange(-1, 1), help="Cosine threshold for --semantic.")
@click.option("--list-concepts", is_flag=True, help="Print the built-in lexicon and exit.")
def trends_command(
    settings: Settings,
    concepts,
    phrases,
    terms,
    organisation,
    kind,
    year_from,
    year_to,
    compare,
    list_concepts,
    **output,
) -> None:
    """How often the documents speak of each concept, year by year and per organisation.

    Counts are case-insensitive, whole-word and whitespace-normalised, counted once per
    occurrence in the indexed text, and shown per 10,000 words too. Years without documents
    are gaps, not zeros. See docs/trends.md for the lexicon and the matching rules.
    """
    if list_concepts:
        click.echo(_concept_lines())
        return
    if output["as_json"] and output["as_csv"]:
        raise click.UsageError("choose one of --json and --csv")
    if output["semantic"] and output["as_csv"]:
        raise click.UsageError("--semantic prints a table or --json, not CSV")
    from app.trends.lexicon import resolve_concepts
    from app.trends.service import TrendsService
    from ingest.store import IndexMissingError

    try:
        chosen = resolve_concepts(list(concepts), (terms or "").split(",") if terms else [], list(phrases))
        fields = {"organisation": organisation, "kind": kind, "year_from": year_from, "year_to": year_to}
        filters = Filters.from_dict(fields)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    service = TrendsService(settings)
    try:
        if compare:
            _print_comparison(service, compare, chosen, output["as_json"])
        else:
            _print_trends(service, chosen, filters, **output)
    except (IndexMissingError, ValueError) as exc:
        fail(str(exc))


def _print_trends(
    service, chosen, filters, *, by_kind, show_year, as_json, as_csv, png, measure, semantic, semantic_threshold
) -> None:
    from app.trends import text
    from app.trends.export import trends_csv, trends_dict, write_png

    trends = service.trends(chosen, filters, by_kind=by_kind)
    meaning = service.semantic(semantic, filters, by_kind, semantic_threshold) if semantic else None
    if as_json:
        data = trends_dict(trends, filters.to_dict()) | ({"semantic": meaning.to_dict()} if meaning else {})
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
    elif as_csv:
        click.echo(trends_csv(trends), nl=False)
    elif show_year is not None:
        click.echo(text.show_year(trends, show_year))
        if meaning:
            click.echo("\n" + text.semantic_passages(meaning, show_year))
    else:
        click.echo(text.trends_table(trends))
        if meaning:
            click.echo("\n" + text.semantic_table(meaning))
    if png:
        write_png(trends, png, measure)
        click.echo(f"Chart written to {png}", err=True)


def _print_comparison(service, compare: tuple[str, str], chosen, as_json: bool) -> None:
    from app.trends.text import comparison_text

    comparison = service.compare(compare[0], compare[1], chosen)
    if as_json:
        click.echo(json.dumps(comparison.to_dict(), ensure_ascii=False, indent=1))
    else:
        click.echo(comparison_text(comparison))
