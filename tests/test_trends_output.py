"""Trends as JSON, CSV, PNG, the terminal table, a year's sentences and a two-document comparison."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from app.trends.compare import compare_documents, find_document
from app.trends.counting import count_trends
from app.trends.export import trends_csv, trends_dict, write_png
from app.trends.index_texts import documents_from_chunks
from app.trends.lexicon import find_concept, term_concept
from app.trends.text import comparison_text, show_year, trends_table
from tests.test_trends_counting import chunked

pytestmark = pytest.mark.unit

DOC_2018 = "The SCO fights terrorism. Drug trafficking funds terrorism. The UN is central."
DOC_2020 = "The SCO fights terrorism. Extremism online is a new threat. Separatism too. Cooperation grows."


def corpus():
    chunks = chunked("a2018.txt", DOC_2018, 40, 15, year=2018, date="2018-06-10")
    chunks += chunked("b2020.txt", DOC_2020, 40, 15, year=2020, organisation="CSTO", kind="statement")
    return documents_from_chunks(chunks)


def test_json_rows_carry_counts_rates_documents_and_cited_sentences() -> None:
    trends = count_trends(corpus(), [find_concept("three evils"), term_concept("drug trafficking")])
    data = json.loads(json.dumps(trends_dict(trends, {"organisation": None})))
    assert data["gaps"] == [2019] and data["documents_per_year"] == {"2018": 1, "2020": 1}
    rows = {(r["concept"], r["year"]): r for r in data["rows"]}
    evils_2020 = rows[("three evils", 2020)]
    assert (evils_2020["organisation"], evils_2020["kind"], evils_2020["count"], evils_2020["documents"]) == (
        "CSTO",
        "all",
        3,
        1,
    )
    assert evils_2020["per_10k_words"] == pytest.approx(3 * 10_000 / 14, abs=0.001)
    assert [m["sentence"] for m in rows[("three evils", 2018)]["matches"]] == [
        "The SCO fights terrorism.",
        "Drug trafficking funds terrorism.",
    ]
    assert all(m["chunk_id"].startswith("a2018.txt#") for m in rows[("three evils", 2018)]["matches"])
    assert rows[("drug trafficking", 2020)]["count"] == 0 and ("drug trafficking", 2019) not in rows


def test_csv_has_one_line_per_point(tmp_path: Path) -> None:
    trends = count_trends(corpus(), [find_concept("three evils")])
    lines = list(csv.DictReader(io.StringIO(trends_csv(trends))))
    assert [(r["year"], r["count"]) for r in lines] == [("2018", "2"), ("2020", "3")]
    png = write_png(trends, tmp_path / "out" / "trends.png", "count")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000


def test_table_shows_gaps_as_gaps_and_missing_groups_as_dashes() -> None:
    text = trends_table(count_trends(corpus(), [find_concept("three evils")]))
    lines = text.splitlines()
    assert "2019: no documents" in lines
    row_2018 = next(line for line in lines if line.startswith("2018"))
    assert "2 (" in row_2018 and "—" in row_2018  # SCO has 2; CSTO has no document in 2018
    assert "Documents per year: 2018: 1, 2020: 1. No documents (gaps, not zeros): 2019." in text


def test_show_year_lists_each_counted_sentence_with_its_document() -> None:
    trends = count_trends(corpus(), [find_concept("three evils")])
    text = show_year(trends, 2020)
    assert "three evils: 3 occurrence(s)" in text
    assert text.count("b2020.txt#") == 3 and "> Separatism too." in text
    assert "no documents" in show_year(trends, 2019)


def test_compare_ranks_concepts_by_change_and_lists_unshared_sentences() -> None:
    a, b = corpus()
    concepts = [find_concept("three evils"), find_concept("the UN"), find_concept("drug trafficking")]
    comparison = compare_documents(a, b, concepts)
    assert [(c.concept, c.count_a, c.count_b) for c in comparison.changes] == [
        ("three evils", 2, 3),
        ("drug trafficking", 1, 0),  # ties on change and total: by name
        ("the UN", 1, 0),
    ]
    evils = comparison.changes[0]
    assert [e.sentence for e in evils.only_a] == ["Drug trafficking funds terrorism."]
    assert [e.sentence for e in evils.only_b] == ["Extremism online is a new threat.", "Separatism too."]
    assert "The SCO fights terrorism." not in comparison_text(comparison)  # said in both: not a change
    with pytest.raises(ValueError, match="no indexed document 'zzz'"):
        find_document([a, b], "zzz")
    assert find_document([a, b], "b2020").doc_id == "b2020.txt"


def test_docs_list_every_term_of_the_lexicon() -> None:
    from app.trends.lexicon import BUILT_IN
    from ingest.settings import PROJECT_ROOT

    docs = (PROJECT_ROOT / "docs" / "trends.md").read_text(encoding="utf-8").replace("\\*", "*")
    for concept in BUILT_IN:
        row = next(line for line in docs.splitlines() if line.startswith(f"| {concept.name} (`{concept.key}`)"))
        for term in concept.terms + concept.exclude:
            assert term in row, (concept.name, term)


def test_semantic_counts_passages_over_the_threshold_apart_from_literal_counts() -> None:
    import numpy as np

    from app.trends.semantic import semantic_trends

    docs = corpus()
    chunk_ids = [c.chunk_id for d in docs for c in d.chunks]
    query = np.array([1.0, 0.0], dtype=np.float32)
    # Every other passage points along the query (similarity 1), the rest across it (similarity 0).
    vectors = {
        cid: np.array([1.0, 0.0] if i % 2 == 0 else [0.0, 1.0], dtype=np.float32) for i, cid in enumerate(chunk_ids)
    }
    result = semantic_trends(docs, vectors, query, "threats", "minilm", threshold=0.5)
    assert [(r.year, r.passages, r.total_passages) for r in result.rows] == [
        (2018, sum(1 for i, c in enumerate(chunk_ids) if i % 2 == 0 and c.startswith("a2018")), len(docs[0].chunks)),
        (2020, sum(1 for i, c in enumerate(chunk_ids) if i % 2 == 0 and c.startswith("b2020")), len(docs[1].chunks)),
    ]
    assert result.gaps == [2019] and all(m.score == 1.0 for r in result.rows for m in r.matches)
    assert result.to_dict()["label"].startswith("semantic")
    with pytest.raises(ValueError, match="--semantic-threshold"):
        semantic_trends(docs, vectors, query, "threats", "multilingual")
