"""`scoqa trends` on ../shared/corpus, checked against counts made independently of the product."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import main
from app.trends.index_texts import load_documents
from ingest.corpus import find_document_paths, load_overrides
from ingest.documents import Document
from ingest.loaders import load_document
from ingest.settings import Settings
from ingest.store import ChromaStore

pytestmark = pytest.mark.integration

FIVE_PHRASES = ["information security", "drug trafficking", "Shanghai spirit", "United Nations", "terrorism"]


def loaded_documents(settings: Settings) -> list[Document]:
    """The corpus as ingest loads it (same loader, same metadata overrides), read from disk, not the index."""
    paths, _ = find_document_paths(settings.docs_dir)
    overrides = load_overrides(settings.docs_dir)
    root = settings.docs_dir
    return [load_document(p, root, overrides.get(p.relative_to(root).as_posix())) for p in paths]


def independent_count(text: str, phrase: str) -> int:
    """Whole-word, case-insensitive occurrences after collapsing whitespace, by plain string search."""
    haystack, needle = " ".join(text.split()).lower(), " ".join(phrase.split()).lower()
    found, at = 0, haystack.find(needle)
    while at >= 0:
        end = at + len(needle)
        if (at == 0 or not haystack[at - 1].isalnum()) and (end == len(haystack) or not haystack[end].isalnum()):
            found += 1
            at = haystack.find(needle, end)
        else:
            at = haystack.find(needle, at + 1)
    return found


def run_trends(settings: Settings, *args: str) -> dict:
    base = ["trends", "--docs", str(settings.docs_dir), "--index", str(settings.index_dir)]
    result = CliRunner().invoke(main, [*base, *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def per_year(data: dict, concept: str) -> dict[int, int]:
    totals: Counter[int] = Counter()
    for row in data["rows"]:
        if row["concept"] == concept:
            totals[row["year"]] += row["count"]
    return dict(totals)


def test_chunk_start_is_the_offset_into_the_loaded_text(shared_index: Settings) -> None:
    texts = {d.doc_id: d.text for d in loaded_documents(shared_index)}
    chunks = list(ChromaStore(shared_index).iter_metadata(with_text=True))
    assert len(chunks) > len(texts)
    for chunk in chunks:
        start = int(chunk.metadata["start"])
        assert texts[chunk.metadata["doc_id"]][start : start + len(chunk.text)] == chunk.text, chunk.chunk_id
    for doc in load_documents(shared_index):
        loaded = texts[doc.doc_id]
        assert len(doc.text) <= len(loaded) and not loaded[len(doc.text) :].strip()
        differing = [i for i, (a, b) in enumerate(zip(doc.text, loaded, strict=False)) if a != b]
        assert all(loaded[i].isspace() and doc.text[i] == " " for i in differing), doc.doc_id


def test_hand_counted_phrases_in_sco_texts_2018_to_2023(shared_index: Settings) -> None:
    data = run_trends(shared_index, "--term", "drug trafficking", "--term", "information security",
                      "--org", "SCO", "--from", "2018", "--to", "2023")  # fmt: skip
    # Counted by hand, file by file, without the product:
    #   tr -s '[:space:]' ' ' < FILE | grep -oiw 'drug trafficking' | wc -l
    # (joining lines first: Samarkand 2022 has 3 occurrences of which only 1 sits on one line,
    # Bishkek 2019's declaration 1 of which none does). Years come from the file names.
    assert per_year(data, "drug trafficking") == {2018: 2, 2019: 2, 2020: 4, 2022: 3, 2023: 1}
    # Same command with 'information security': Allison abstract (organisation both) 1, Qingdao
    # information report 1, Qingdao youth address 1 (2018); Bishkek declaration 2 (2019);
    # Samarkand declaration 2 (2022); New Delhi radicalisation and digital statements 1 each (2023).
    assert per_year(data, "information security") == {2018: 3, 2019: 2, 2020: 0, 2022: 2, 2023: 2}
    assert data["gaps"] == [2021]
    assert data["documents_per_year"] == {"2018": 5, "2019": 2, "2020": 1, "2022": 5, "2023": 3}
    for row in data["rows"]:
        assert len(row["matches"]) == row["count"]
        assert all(m["sentence"] and m["chunk_id"].startswith(m["doc_id"] + "#") for m in row["matches"])


def test_five_phrases_per_year_equal_an_independent_count_of_the_loaded_texts(shared_index: Settings) -> None:
    args = [arg for phrase in FIVE_PHRASES for arg in ("--term", phrase)]
    data = run_trends(shared_index, *args)
    documents = [d for d in loaded_documents(shared_index) if d.year > 0]
    for phrase in FIVE_PHRASES:
        expected: Counter[int] = Counter({d.year: 0 for d in documents})
        for doc in documents:
            expected[doc.year] += independent_count(doc.text, phrase)
        assert per_year(data, phrase) == dict(expected), phrase
        assert sum(expected.values()) > 0, phrase  # the check would mean nothing on an absent phrase


def test_matches_are_verbatim_in_the_chunk_they_cite(shared_index: Settings) -> None:
    data = run_trends(shared_index, "--concept", "three evils", "--concept", "the UN")
    chunks = {c.chunk_id: " ".join(c.text.split()) for c in ChromaStore(shared_index).iter_metadata(with_text=True)}
    matches = [m for row in data["rows"] for m in row["matches"]]
    assert len(matches) > 100
    for match in matches:
        assert match["sentence"].strip("… ") in chunks[match["chunk_id"]], match


def test_show_compare_csv_png_and_errors(shared_index: Settings, tmp_path: Path) -> None:
    base = ["trends", "--docs", str(shared_index.docs_dir), "--index", str(shared_index.index_dir)]
    runner = CliRunner()
    shown = runner.invoke(main, [*base, "--term", "drug trafficking", "--show", "2020"])
    assert shown.exit_code == 0 and "drug trafficking: 4 occurrence(s)" in shown.output
    compared = runner.invoke(
        main, [*base, "--compare", "sco_2022_samarkand_declaration.txt", "new_delhi_declaration", "--json"]
    )
    assert compared.exit_code == 0, compared.output
    concepts = json.loads(compared.output)["concepts"]
    changes = [abs(c["change"]) for c in concepts]
    assert changes == sorted(changes, reverse=True) and len(concepts) == 12
    png = tmp_path / "trends.png"
    table = runner.invoke(main, [*base, "--concept", "Afghanistan", "--csv", "--png", str(png)])
    assert table.exit_code == 0 and table.output.startswith("concept,year,organisation")
    assert png.read_bytes()[:4] == b"\x89PNG"
    unknown = runner.invoke(main, [*base, "--compare", "nothing-like-this", "sco_2022"])
    assert unknown.exit_code == 1 and "no indexed document 'nothing-like-this'" in unknown.output
    missing = runner.invoke(main, ["trends", "--index", str(tmp_path / "none")])
    assert missing.exit_code == 1 and "scoqa ingest" in missing.output
