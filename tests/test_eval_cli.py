"""`scoqa eval` end to end: question files, warnings, outputs, determinism and the report in Chromium."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import main
from app.evaluation.metrics import COUNT_KEYS, METRIC_KEYS
from app.evaluation.questions import QuestionFileError, load_questions
from ingest.refresh import refresh_index
from tests.conftest import DATA, chromium_browser, require_shared_corpus
from tests.test_refresh import small_corpus


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- question files -----------------------------------------------------------------------


@pytest.mark.unit
def test_malformed_json_line_is_named(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "q.jsonl",
        ['{"question": "What is RATS?"}', "", '{"question": "Where is RATS?", "sources": ["a.md"]'],
    )
    result = CliRunner().invoke(main, ["eval", str(path), "--index", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert f"{path} line 3: malformed JSON" in result.stderr
    assert "each line must be one JSON object" in result.stderr


@pytest.mark.unit
def test_missing_question_is_named_with_its_line(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "q.jsonl", ['{"question": "What is RATS?"}', '{"id": "x", "answer": "an agency"}'])
    result = CliRunner().invoke(main, ["eval", str(path), "--index", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert f"{path} line 2: missing 'question'" in result.stderr


@pytest.mark.unit
def test_bad_fields_and_duplicate_ids_are_named(tmp_path: Path) -> None:
    cases = {
        '{"question": "q?", "answerable": "maybe"}': "line 1: 'answerable' must be true or false",
        '{"question": "q?", "sources": [1, 2]}': "line 1: 'sources' must be a string or a list of strings",
        '{"question": "q?", "filters": {"country": "KZ"}}': "line 1: unknown filter field(s): country",
        '["q?"]': "line 1: expected a JSON object",
    }
    for line, message in cases.items():
        with pytest.raises(QuestionFileError, match=message.replace("(", r"\(").replace(")", r"\)")):
            load_questions(write_lines(tmp_path / "q.jsonl", [line]))
    duplicate = write_lines(tmp_path / "d.jsonl", ['{"id": 7, "question": "a?"}', '{"id": "7", "question": "b?"}'])
    with pytest.raises(QuestionFileError, match="line 2: id '7' was already used on line 1"):
        load_questions(duplicate)


@pytest.mark.unit
def test_csv_has_the_same_columns_as_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text(
        "id,question,answer,sources,evidence,answerable,type,filters,notes\n"
        'c1,"When was the CSTO Charter signed?",7 October 2002,csto_charter.md;csto_treaty.md,'
        '"[""signed in Chisinau"", ""on 7 October 2002""]",true,temporal,"{""organisation"": ""CSTO""}",ignored\n'
        ',"Who won the league, last weekend?",,,,no,trap,,\n'
        ",,,,,,,,\n"
        ',"Multi-line\nquestion?",x,a.md,one quote,,,,\n',
        encoding="utf-8",
    )
    first, second, third = load_questions(path)
    assert (first.id, first.sources, first.evidence) == (
        "c1",
        ["csto_charter.md", "csto_treaty.md"],
        ["signed in Chisinau", "on 7 October 2002"],
    )
    assert first.answerable and first.type == "temporal" and first.filters.organisation == "CSTO"
    assert (second.id, second.answer, second.answerable, second.sources) == ("3", None, False, [])
    assert (third.id, third.line, third.question, third.evidence) == ("5", 5, "Multi-line\nquestion?", ["one quote"])
    bad = tmp_path / "bad.csv"
    bad.write_text("id,text\n1,What?\n", encoding="utf-8")
    with pytest.raises(QuestionFileError, match="line 1: the CSV header needs a 'question' column"):
        load_questions(bad)


@pytest.mark.unit
def test_shared_corpus_question_file_is_valid() -> None:
    questions = load_questions(DATA / "shared_corpus_questions.jsonl")
    assert len(questions) >= 150
    assert {q.type for q in questions} >= {"factoid", "temporal", "list", "why", "comparison"}
    assert sum(not q.answerable for q in questions) >= 20


# --- a small real index: warnings, gates, baseline, workers ---------------------------------


@pytest.fixture(scope="module")
def small_index(tmp_path_factory: pytest.TempPathFactory):
    settings = small_corpus(tmp_path_factory.mktemp("eval-small"))
    assert not refresh_index(settings).failed
    return settings


def small_questions(folder: Path) -> Path:
    rows = [
        {"id": "f1", "question": "When was the Shanghai Five formed?", "answer": "1996", "sources": ["five.md"]},
        {
            "id": "c1",
            "question": "Where was the CSTO charter signed?",
            "answer": "Chisinau",
            "sources": ["csto.md"],
            "evidence": "The CSTO charter was signed in Chisinau in 2002.",
        },
        {"id": "m1", "question": "Where was the CSTO charter signed?", "sources": ["missing/one.md", "csto.md"]},
        {"id": "m2", "question": "What did the CSTO charter set up?", "sources": ["missing/two.md"]},
        {"id": "u1", "question": "Who won the football league title last weekend?", "answerable": False},
    ]
    return write_lines(folder / "small.jsonl", [json.dumps(r) for r in rows])


@pytest.mark.integration
def test_unknown_gold_doc_ids_give_one_warning_and_gates_exit_1(small_index, tmp_path: Path) -> None:
    questions = small_questions(tmp_path)
    args = ["eval", str(questions), "--index", str(small_index.index_dir), "--top-k", "3"]
    result = CliRunner().invoke(main, [*args, "--out", str(tmp_path / "one"), "--fail-under", "hit@1=0.01"])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "Warning" in line]
    assert warnings == [
        "Warning: 2 gold doc_id(s) are not in the index (they count as not retrieved): missing/one.md, missing/two.md"
    ]
    metrics = json.loads((tmp_path / "one" / "metrics.json").read_text())
    assert metrics["settings"]["gold_doc_ids_not_in_index"] == ["missing/one.md", "missing/two.md"]
    assert metrics["n"] == 5 and metrics["n_unanswerable"] == 1 and metrics["settings"]["top_k"] == 3
    assert "metric" in result.stdout and "recall@5" in result.stdout

    gated = CliRunner().invoke(
        main,
        [
            *args,
            "--out",
            str(tmp_path / "two"),
            "--fail-under",
            "hit@1=1.01",
            "--fail-over",
            "latency_ms_p95=0.001",
            "--baseline",
            str(tmp_path / "one" / "metrics.json"),
        ],
    )
    assert gated.exit_code == 1
    assert f"FAIL hit@1 = {metrics['hit@1']:g} is below 1.01 (--fail-under hit@1=1.01)" in gated.stderr
    assert "FAIL latency_ms_p95 =" in gated.stderr and "(--fail-over latency_ms_p95=0.001)" in gated.stderr
    assert "baseline" in gated.stdout and "<th>baseline</th>" in (tmp_path / "two" / "report.html").read_text()

    unknown = CliRunner().invoke(main, [*args, "--fail-under", "recal@5=0.9"])
    assert unknown.exit_code == 2 and "unknown metric 'recal@5'" in unknown.stderr


@pytest.mark.integration
def test_workers_and_modes_keep_results_in_input_order(small_index, tmp_path: Path) -> None:
    questions = small_questions(tmp_path)
    base = ["eval", str(questions), "--index", str(small_index.index_dir), "--top-k", "3"]
    runs = {}
    for name, extra in {"serial": [], "threads": ["--workers", "3"], "dense": ["--mode", "dense"]}.items():
        result = CliRunner().invoke(main, [*base, *extra, "--out", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        runs[name] = [json.loads(line) for line in (tmp_path / name / "results.jsonl").read_text().splitlines()]
    strip = lambda rows: [{k: v for k, v in r.items() if k not in ("timings_ms", "metrics")} for r in rows]  # noqa: E731
    assert [r["id"] for r in runs["threads"]] == ["f1", "c1", "m1", "m2", "u1"]
    assert strip(runs["threads"]) == strip(runs["serial"])
    dense = json.loads((tmp_path / "dense" / "metrics.json").read_text())
    assert dense["settings"]["mode"] == "dense"
    assert all(p["keyword_score"] == 0 for r in runs["dense"] for p in r["passages"])


# --- the shared corpus, ingested with --docs, and the report in Chromium -------------------


@pytest.mark.integration
def test_eval_over_shared_corpus_writes_outputs_that_parse_and_a_report_chromium_opens(tmp_path: Path) -> None:
    corpus = require_shared_corpus()
    lines = (DATA / "shared_corpus_questions.jsonl").read_text(encoding="utf-8").splitlines()
    subset = write_lines(tmp_path / "subset.jsonl", lines[::7])  # 25 questions, every type, 4 unanswerable
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["eval", str(subset), "--docs", str(corpus), "--out", str(out), "--workers", "2"])
    assert result.exit_code == 0, result.output

    rows = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 25
    for row in rows:
        assert {"id", "question", "answer", "abstained", "citations", "passages", "timings_ms", "metrics"} <= set(row)
        assert {"sources", "answerable", "type", "reference_answer"} <= set(row)
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert set(METRIC_KEYS) | set(COUNT_KEYS) <= set(metrics)
    assert metrics["n"] == 25 and metrics["n_unanswerable"] == 4
    assert metrics["settings"]["model"] == "all-MiniLM-L6-v2" and metrics["settings"]["mode"] == "hybrid"
    assert metrics["citation_support"] == 1.0  # the extractive composer only quotes
    assert metrics["hit@10"] >= 0.5, metrics  # a floor far below today's, only to catch a broken pipeline
    assert len(metrics["curves"]["recall"]) == 10
    assert "Warning" not in result.stderr  # every gold doc_id of the set is in ../shared/corpus

    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<script" not in html and "http://" not in html and "https://" not in html
    check_report_in_chromium(out / "report.html", expected_images=2)


def check_report_in_chromium(report: Path, expected_images: int) -> None:
    """Open the page in headless Chromium: no console errors, no requests off the page, plots decoded."""
    errors: list[str] = []
    requests: list[str] = []
    with chromium_browser() as browser:
        page = browser.new_page()
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("request", lambda req: requests.append(req.url))
        page.goto(report.resolve().as_uri(), wait_until="load")
        assert page.title() == "scoqa eval report"
        widths = page.eval_on_selector_all("img", "imgs => imgs.map(i => i.complete ? i.naturalWidth : 0)")
        assert len(widths) == expected_images and all(w > 100 for w in widths), widths
        assert page.locator("#metrics tr").count() > len(METRIC_KEYS)
        assert page.get_by_text("By question type").is_visible()
    assert errors == []
    assert all(url.startswith(("file:", "data:")) for url in requests), requests
