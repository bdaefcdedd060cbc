"""Acronyms the texts define, learned by the keyword index and used by its search (ingest/acronyms.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.answering.lexicon import with_long_names
from ingest.acronyms import defined_acronyms
from ingest.keyword import KeywordIndex

pytestmark = pytest.mark.unit


def test_an_acronym_is_learned_from_the_long_name_before_it() -> None:
    texts = [
        "The ports formed the Harbour League of Cities (HLC) in 2031.",
        "Ferries are inspected by the Baltic Ferry-Safety Board (BFSB), and the Union of Pilots (UP) objects.",
        # all initials are preferred to letters inside words
        "It joined the Conference on Ferries and Port-Safety Measures in Europe (CFPE) in 2033.",
    ]
    assert defined_acronyms(texts) == {
        "BFSB": "Baltic Ferry-Safety Board",
        "CFPE": "Conference on Ferries and Port-Safety Measures in Europe",
        "HLC": "Harbour League of Cities",
        "UP": "Union of Pilots",
    }


def test_what_is_not_a_defined_name_is_not_learned() -> None:
    texts = [
        "The ferries were slow (FS) that year.",  # not capitalised words: not a name
        "It was built in Oslo (O).",  # one letter
        "Its Secretariat (SEC) sits in Riga.",  # one word spells nothing
        "The tonnage rose (see Table 2).",
    ]
    assert defined_acronyms(texts) == {}


def test_the_long_name_given_most_often_wins() -> None:
    texts = ["the Harbour League of Cities (HLC)"] * 2 + ["the Hanseatic League Council (HLC)"]
    assert defined_acronyms(texts) == {"HLC": "Harbour League of Cities"}


def test_a_question_searches_for_the_long_name_of_its_acronym_too() -> None:
    names = {"HLC": "Harbour League of Cities"}
    assert with_long_names("When was the HLC founded?", names) == "When was the HLC founded? Harbour League of Cities"
    assert with_long_names("When was the league founded?", names) == "When was the league founded?"


def test_the_keyword_index_finds_a_passage_by_the_long_name_of_an_acronym(tmp_path: Path) -> None:
    rows = [
        ("a#0", "The Harbour League of Cities (HLC) met in Riga.", {"doc_id": "a"}),
        ("b#0", "The Harbour League of Cities was founded in Bergen in 2031.", {"doc_id": "b"}),
        ("c#0", "The HLC ferry code was revised in 2035.", {"doc_id": "c"}),
        ("d#0", "The union of bakers was founded in 2030.", {"doc_id": "d"}),
    ]
    index = KeywordIndex.build(rows, "r1")
    assert index.long_names == {"HLC": "Harbour League of Cities"}
    question = "When was the HLC founded?"
    found = [chunk for chunk, _ in index.search(with_long_names(question, index.long_names), k=4)]
    assert found.index("b#0") < found.index("d#0")  # the league's founding before another founding
    assert found.index("b#0") < found.index("c#0")  # and before a passage that only says 'HLC'
    plain = [chunk for chunk, _ in index.search(question, k=4)]
    assert plain.index("b#0") > plain.index("d#0")  # without the long name, it is not found first
    # saved and loaded with the index; an index saved without them is rebuilt rather than used
    index.save(tmp_path / "keyword")
    loaded = KeywordIndex.load(tmp_path / "keyword")
    assert loaded is not None and loaded.long_names == index.long_names
    saved = next((tmp_path / "keyword").glob("rev-*/chunks.json"))
    data = json.loads(saved.read_text(encoding="utf-8"))
    del data["long_names"]
    saved.write_text(json.dumps(data), encoding="utf-8")
    assert KeywordIndex.load(tmp_path / "keyword") is None
