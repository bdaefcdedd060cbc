"""The sentence checker with the real MiniLM: support, re-citation, removal, and its measured quality."""

from __future__ import annotations

import pytest

from app.answering.llm.checker import SupportChecker
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
            ("The Contact Group was set up by a protocol signed in Beijing on 4 November 2005.", [1]),
            ("RATS and the Beijing Secretariat were both working by mid-2004.", []),
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


def test_checker_quality_on_the_heldout_pairs(checker: SupportChecker) -> None:
    """Loose floors under the measured held-out numbers (bench/bench_checker.py reports them exactly)."""
    heldout = [p for p in load_pairs(DATA / "checker_pairs.jsonl") if p.split == "heldout"]
    result = metrics(judge(checker, heldout))
    assert result["recall"] >= 0.80, result
    assert result["precision"] >= 0.75, result
