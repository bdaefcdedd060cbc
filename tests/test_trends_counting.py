"""Trends counting on hand-built chunks: overlap, line breaks, languages, user terms, gaps, rates."""

from __future__ import annotations

import pytest

from app.answering.models import Filters
from app.trends.counting import count_trends
from app.trends.evidence import cite_all
from app.trends.index_texts import documents_from_chunks, rebuild_text
from app.trends.lexicon import find_concept, resolve_concepts, term_concept
from app.trends.matching import count_words, matcher_for
from ingest.store import StoredChunk

pytestmark = pytest.mark.unit


def chunked(doc_id: str, text: str, size: int, overlap: int, **meta: object) -> list[StoredChunk]:
    """Overlapping character windows of text, as the index stores chunks (start = offset in the text)."""
    chunks, start, ordinal = [], 0, 0
    while start < len(text):
        piece = text[start : start + size]
        metadata = {"doc_id": doc_id, "start": start, "title": doc_id, "organisation": "SCO", "kind": "declaration"}
        chunks.append(StoredChunk(f"{doc_id}#{ordinal:04d}", piece, {**metadata, **meta}))
        if start + size >= len(text):
            break
        start += size - overlap
        ordinal += 1
    return chunks


def count(text: str, concept_name: str, size: int = 60, overlap: int = 20) -> int:
    docs = documents_from_chunks(chunked("d.txt", text, size, overlap, year=2020))
    concept = find_concept(concept_name) or term_concept(concept_name)
    return sum(r.count for r in count_trends(docs, [concept]).rows)


def test_an_occurrence_inside_the_overlap_of_two_chunks_counts_once() -> None:
    text = "x" * 45 + " information security " + "y" * 60  # the phrase lies in chunk 0's tail and chunk 1's head
    chunks = chunked("d.txt", text, 70, 40, year=2020)
    assert sum("information security" in c.text for c in chunks) >= 2
    docs = documents_from_chunks(chunks)
    assert docs[0].text == text
    assert count_trends(docs, [term_concept("information security")]).rows[0].count == 1
    assert docs[0].words == count_words(text) == 4


def test_words_are_counted_once_despite_overlap() -> None:
    text = " ".join(f"word{i}" for i in range(300))
    docs = documents_from_chunks(chunked("d.txt", text, 100, 50))
    assert docs[0].words == 300


def test_gaps_between_chunks_become_spaces_at_the_same_offsets() -> None:
    assert rebuild_text([(6, "world"), (0, "hello")]) == "hello world"
    assert rebuild_text([(0, "abcdef"), (3, "defghi")]) == "abcdefghi"


def test_a_phrase_split_across_lines_or_chunks_still_matches() -> None:
    assert count("We value information\n   security and INFORMATION   Security.", "information security") == 2
    # The splitter may drop the whitespace between two chunks: the phrase spans that gap.
    docs = documents_from_chunks(
        [
            StoredChunk("d#0", "ensuring information", {"doc_id": "d", "start": 0, "year": 2020}),
            StoredChunk("d#1", "security for all", {"doc_id": "d", "start": 21, "year": 2020}),
        ]
    )
    assert count_trends(docs, [term_concept("information security")]).rows[0].count == 1


def test_whole_words_only_and_wildcard_endings() -> None:
    assert count("The UN and the United Nations; unity is not the UN.", "the UN") == 3
    assert count("terrorism, terrorists, counter-terrorism; not a terror", "three evils") == 3
    assert count("colour revolutions and a color revolution", "colour revolutions") == 2


def test_russian_variants_match_their_inflections() -> None:
    text = "Обеспечение информационной безопасности. Информационная\nбезопасность. "
    text += "Борьба с терроризмом и экстремистами."
    assert count(text, "information security") == 2
    assert count(text, "three evils") == 2
    assert count("суверенитета и невмешательства во внутренние дела", "sovereignty and non-interference") == 2
    assert count("Объединённых Наций и Объединенных Наций", "the UN") == 2  # е and ё alike


def test_chinese_variants_match_as_substrings() -> None:
    text = "各方坚决打击恐怖主义、分裂主义和极端主义，维护信息安全。上海合作组织支持联合国。"
    assert count(text, "three evils", size=12, overlap=4) == 3
    assert count(text, "information security", size=12, overlap=4) == 1
    assert count(text, "the UN", size=12, overlap=4) == 1
    assert count_words("恐怖主义 and UN") == 6


def test_exclusions_keep_the_organisations_name_out() -> None:
    text = "The Collective Security Treaty Organization upholds collective security and collective defence."
    assert count(text, "collective defence") == 2


def test_user_terms_define_a_concept_and_a_term_counts_literally() -> None:
    concepts = resolve_concepts(["three evils", "Shanghai spirit"], ["Shanghai spirit", "spirit of Shanghai"], [])
    assert [c.name for c in concepts] == ["three evils", "Shanghai spirit"]
    assert concepts[1].user and concepts[1].english == ("Shanghai spirit", "spirit of Shanghai")
    mine = concepts[1]
    assert len(matcher_for(mine).spans("the Shanghai Spirit, the spirit of\nShanghai, Shanghai spirited")) == 2
    assert [c.name for c in resolve_concepts([], [], ["energy  security"])] == ["energy security"]
    assert len(resolve_concepts([], [], [])) == 12


@pytest.mark.parametrize(
    ("names", "terms", "message"),
    [(["nonsense"], [], "unknown concept 'nonsense'"), (["three evils"], ["a"], "exactly one --concept")],
)
def test_bad_concepts_are_refused_with_the_fix(names: list[str], terms: list[str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        resolve_concepts(names, terms, [])


def test_years_without_documents_are_gaps_not_zeros_and_rates_are_per_10k_words() -> None:
    body = "information security " + "filler " * 398  # 400 words, one occurrence
    chunks = chunked("a.txt", body, 500, 100, year=2018) + chunked("b.txt", body * 2, 500, 100, year=2020)
    chunks += chunked("c.txt", "nothing relevant here", 500, 0, year=0)
    trends = count_trends(documents_from_chunks(chunks), [term_concept("information security")])
    assert [(r.year, r.count, r.words, r.per_10k_words) for r in trends.rows] == [
        (2018, 1, 400, 25.0),
        (2020, 2, 800, 25.0),
    ]
    assert trends.gaps == [2019]
    assert trends.documents_per_year == {2018: 1, 2020: 1}
    assert trends.undated == ["c.txt"]
    ranged = count_trends(documents_from_chunks(chunks), [term_concept("filler")], Filters(year_from=2017))
    assert ranged.gaps == [2017, 2019]


def test_filters_and_the_kind_split() -> None:
    chunks = chunked("sco.txt", "NATO " * 3, 100, 0, year=2019, organisation="SCO", kind="declaration")
    chunks += chunked("both.txt", "NATO", 100, 0, year=2019, organisation="both", kind="article")
    chunks += chunked("csto.txt", "NATO NATO", 100, 0, year=2019, organisation="CSTO", kind="statement")
    docs, nato = documents_from_chunks(chunks), [find_concept("NATO and the West")]
    sco = count_trends(docs, nato, Filters(organisation="SCO"))
    assert {(r.organisation, r.kind, r.count) for r in sco.rows} == {("SCO", "all", 3), ("both", "all", 1)}
    split = count_trends(docs, nato, Filters(kind="statement"), by_kind=True)
    assert [(r.organisation, r.kind, r.count) for r in split.rows] == [("CSTO", "statement", 2)]


def test_each_match_cites_its_chunk_and_the_sentence_holding_it() -> None:
    text = "First sentence here. The SCO stresses information security in the region. Last one."
    for size, overlap in ((80, 40), (50, 25)):  # the sentence fits one chunk; it does not
        chunks = chunked("d.txt", text, size, overlap, year=2021)
        trends = count_trends(documents_from_chunks(chunks), [find_concept("information security")])
        [evidence] = cite_all(trends.documents, trends.rows[0].occurrences)
        chunk = next(c for c in chunks if c.chunk_id == evidence.chunk_id)
        assert evidence.sentence.strip("… ") in " ".join(chunk.text.split())
        assert "information security" in evidence.sentence
        whole = evidence.sentence == "The SCO stresses information security in the region."
        assert whole == (size == 80), evidence.sentence  # a sentence cut at a chunk edge is marked …


def test_a_run_on_sentence_is_cut_around_the_match() -> None:
    text = "Recalling " + ", ".join(f"item {i}" for i in range(200)) + ", and information security, " + "x " * 100
    docs = documents_from_chunks(chunked("d.txt", text, 5000, 0, year=2021))
    trends = count_trends(docs, [find_concept("information security")])
    [evidence] = cite_all(trends.documents, trends.rows[0].occurrences)
    assert evidence.sentence.startswith("… ") and evidence.sentence.endswith(" …")
    assert "information security" in evidence.sentence and len(evidence.sentence.split()) <= 2 * 40 + 4


def test_the_fast_finder_agrees_with_one_regular_expression_per_concept() -> None:
    """str.find on literal prefixes must find exactly what an alternation of all terms (longest first) finds."""
    import re

    from app.trends.lexicon import BUILT_IN
    from app.trends.matching import fold, scripts_in, term_regex

    text = (
        "International information security; the West and the western flank; the UN, UNGA and unity; "
        "Collective Security Treaty Organization and collective security; terror, terrorism, counter-terrorists; "
        "информационной безопасности, Объединённых Наций, НАТО, Запада; 恐怖主义和分裂主义，不干涉内政，多极化。"
        "Belt and Road, One Belt, One Road; peace-keeping, peacekeepers; multipolar multi-polarity; İstanbul UN"
    )
    for concept in BUILT_IN:
        ordered = sorted(concept.terms, key=lambda t: (-len(t), t))
        alternation = re.compile("|".join(f"(?:{term_regex(t)})" for t in ordered), re.IGNORECASE)
        expected = [m.span() for m in alternation.finditer(text)]
        if concept.exclude:
            blocked = [m.span() for t in concept.exclude for m in re.finditer(term_regex(t), text, re.IGNORECASE)]
            expected = [(s, e) for s, e in expected if not any(bs < e and s < be for bs, be in blocked)]
        assert matcher_for(concept).spans(text) == expected, concept.name
        short = text[:-12]  # without the İ, whose lower case is two characters: the fast path
        assert matcher_for(concept).spans(short, fold(short), scripts_in(short)) == [
            sp for sp in expected if sp[1] <= len(short)
        ]


def test_no_match_crosses_from_one_document_into_the_next() -> None:
    chunks = chunked("a.txt", "We discussed information", 100, 0, year=2020)
    chunks += chunked("b.txt", "security of the region. Information security!", 100, 0, year=2020)
    trends = count_trends(documents_from_chunks(chunks), [term_concept("information security")])
    [row] = trends.rows
    assert row.count == 1 and [(o.doc_id, o.start) for o in row.occurrences] == [("b.txt", 24)]
