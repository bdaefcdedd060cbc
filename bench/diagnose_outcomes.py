"""Why the composer's outcome differs from the gold one: which selection rule refused.

A development tool for fitting the composer on a dev question file (never on the
independent set). For every question whose outcome (answered / partial / not_answered)
differs from its gold `outcome`, it prints the question's parts, their answer type and
constraints, and for each part how many candidate sentences each rule refused: no answer
of the type, says it is not published, a name/year/reference not covered, too few content
words, another year, another article or resolution (Selector.verdict).

  python bench/diagnose_outcomes.py tests/data/dev_user_questions.jsonl --index /tmp/di
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.answering import composer as composer_module
from app.answering.analysis import QuestionPart
from app.answering.engine import Turn
from app.answering.open import open_engine
from app.answering.selection import Choice, Selector, Sentence
from app.evaluation.questions import load_questions
from ingest.settings import Settings

REFUSALS: list[tuple[QuestionPart, Counter, str]] = []


class CountingSelector(Selector):
    """The shipped selector, counting for each part which rule refused each sentence."""

    def choose(self, part: QuestionPart, sentences: list[Sentence], scores: list[float] | None = None) -> Choice:
        reasons: Counter = Counter()
        best_refused = ""
        for sentence in sorted(sentences, key=lambda s: -s.score):
            reason = self.verdict(part, sentence)[0] or "accepted"
            reasons[reason] += 1
            if not best_refused:
                best_refused = f"{reason}: {sentence.text[:160]}"
        REFUSALS.append((part, reasons, best_refused))
        return super().choose(part, sentences, scores)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("questions", type=Path)
    parser.add_argument("--index", type=Path, required=True)
    args = parser.parse_args()
    composer_module.Selector = CountingSelector
    engine = open_engine(Settings(index_dir=args.index))
    misses: Counter = Counter()
    for question in load_questions(args.questions):
        gold = question.outcome or ("answered" if question.answerable else "not_answered")
        REFUSALS.clear()
        history = [Turn(q, "") for q in question.history]
        answer = engine.ask(question.question, history=history)
        if answer.outcome == gold:
            continue
        misses[(gold, answer.outcome)] += 1
        print(f"\n[{question.id}] gold={gold} got={answer.outcome}  {question.question}")
        print(f"  answer: {answer.answer[:200]}")
        for part, reasons, best in REFUSALS:
            constraints = ", ".join(f"{c.kind}:{c.text}" for c in part.constraints)
            print(f"  part '{part.text}' type={part.answer_type} focus={part.focus} [{constraints}]")
            print(f"    refused: {dict(reasons)}")
            print(f"    top sentence -> {best}")
    print("\nmisses (gold, got):", dict(misses))


if __name__ == "__main__":
    main()
