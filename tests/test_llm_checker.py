"""The sentence checker with the real MiniLM: support, re-citation, removal, and its measured quality."""

from __future__ import annotations

import pytest

from app.answering.llm.checker import SupportChecker
from app.answering.llm.head import Head
from app.answering.llm.pairs import judge, load_pairs, metrics
from ingest.embedding import get_embedder
from tests.conftest import DATA, DOCUMENTS

pytestmark = pytest.mark.integration


def paragraph(name: str, starts: str) -> str:
    """The paragraph of a shipped briefing that starts with `starts` (the project's own text)."""
    text = (DOCUMENTS / name).read_text(encoding="utf-8")
    return next(p.strip() for p in text.split("\n\n") if p.strip().startswith(starts))


@pytest.fixture(scope="module")
def checker() -> SupportChecker:
    return SupportChecker(get_embedder("minilm"))


@pytest.fixture(scope="module")
def passages() -> list[str]:
    return [
        paragraph("sco_regional_anti_terrorist_structure.md", "RATS was formally launched"),
        paragraph("sco_afghanistan.md", "The SCO-Afghanistan Contact Group was established"),
    ]


def test_a_paraphrase_citing_its_passage_is_supported(checker: SupportChecker, passages: list[str]) -> None:
    [result] = checker.check([("RATS was launched in Tashkent on 17 June 2004.", [1])], passages)
    assert result.supported and result.citations == [1] and not result.recited
    assert 0 < result.support <= 1


def test_a_sentence_citing_the_wrong_passage_is_recited(checker: SupportChecker, passages: list[str]) -> None:
    [wrong, uncited, beyond] = checker.check(
        [
            # In the passages' own words: re-citation is what this tests. Paraphrases are measured by
            # bench/bench_checker.py; the head's strict threshold refuses some ('set up' for 'established').
            ("The Contact Group was established by a protocol signed in Beijing on 4 November 2005.", [1]),
            ("RATS was formally launched in Tashkent on 17 June 2004.", []),
            ("The Contact Group prepares proposals on cooperation between the SCO and Afghanistan.", [7]),
        ],
        passages,
    )
    assert (wrong.supported, wrong.citations, wrong.recited) == (True, [2], True)
    assert (uncited.supported, uncited.citations) == (True, [1])
    assert (beyond.supported, beyond.citations) == (True, [2])


@pytest.mark.parametrize(
    ("sentence", "why"),
    [
        ("RATS was formally launched in Tashkent on 17 June 2005.", "'2005'"),
        ("RATS was formally launched in Bishkek on 17 June 2004.", "'bishkek'"),
        ("The Beijing Secretariat opened in June 2004, after RATS.", "about something else"),
        ("RATS was never launched in Tashkent.", "negates"),
    ],
)
def test_unsupported_sentences_are_refused_with_a_reason(
    checker: SupportChecker, passages: list[str], sentence: str, why: str
) -> None:
    [result] = checker.check([(sentence, [1])], passages)
    assert not result.supported
    assert why in result.reason


def test_a_topical_claim_no_passage_makes_is_refused(checker: SupportChecker, passages: list[str]) -> None:
    [result] = checker.check([("RATS trains special forces units for all member states every year.", [1])], passages)
    assert not result.supported and result.citations == [1]


# Written for these tests (no shipped document or pairs file says this).
HARBOUR = (
    "The Harbour Audit Board was set up in Varna on 3 March 2011 with 214 inspectors. "
    "Its first chair, Mila Petrova, served until 2016 and was followed by Dan Ionescu of Romania. "
    "The board inspects fishing fleets twice a year and publishes its findings each spring."
)


def test_an_exact_quote_is_supported(checker: SupportChecker) -> None:
    quote = "Its first chair, Mila Petrova, served until 2016 and was followed by Dan Ionescu of Romania."
    [result] = checker.check([(quote, [1])], [HARBOUR])
    assert result.supported and result.citations == [1] and result.support > 1 - checker.head.threshold


@pytest.mark.parametrize(
    ("sentence", "why"),
    [
        ("The Harbour Audit Board was set up in Varna on 3 March 2011 with 241 inspectors.", "'241'"),
        ("The Harbour Audit Board was set up in Burgas on 3 March 2011 with 214 inspectors.", "'burgas'"),
        ("Its first chair, Mila Petrova, served until 2018.", "'2018'"),
        ("Its first chair, Mila Petrova, was followed by Dan Ionescu of Bulgaria.", "'bulgaria'"),
    ],
)
def test_a_changed_number_or_name_is_refused_whatever_the_head_says(
    checker: SupportChecker, sentence: str, why: str
) -> None:
    accepts_all = Head(("cosine",), (0.0,), (1.0,), (0.0,), -20.0, 0.99)  # P(unsupported) ~ 0 for any sentence
    lenient = SupportChecker(checker.vectors.embedder, head=accepts_all)
    for judge_with in (checker, lenient):
        [result] = judge_with.check([(sentence, [1])], [HARBOUR])
        assert not result.supported and why in result.reason


@pytest.mark.parametrize(
    "sentence",
    [
        "The passage provides a clear example of how the Harbour Audit Board was set up in Varna.",
        "The correct response would be: the Harbour Audit Board was set up in Varna on 3 March 2011.",
        "The board's first chair is named in the passage provided by the user: Mila Petrova.",
    ],
)
def test_a_sentence_about_the_prompt_is_refused_though_its_words_are_in_the_passage(
    checker: SupportChecker, sentence: str
) -> None:
    accepts_all = Head(("cosine",), (0.0,), (1.0,), (0.0,), -20.0, 0.99)
    [result] = SupportChecker(checker.vectors.embedder, head=accepts_all).check([(sentence, [1])], [HARBOUR])
    assert not result.supported and "prompt" in result.reason


def test_checker_quality_on_the_heldout_pairs(checker: SupportChecker) -> None:
    """Loose floors, set from the dev pairs' nested cross-validation (recall 0.948, precision 0.708)
    before the heldout split was measured; bench/bench_checker.py reports the exact numbers."""
    heldout = [p for p in load_pairs(DATA / "checker_pairs.jsonl") if p.split == "heldout"]
    result = metrics(judge(checker, heldout))
    assert result["recall"] >= 0.85, result
    assert result["precision"] >= 0.60, result
