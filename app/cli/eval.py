"""`scoqa eval`: the click command. It wires options to app/evaluation (questions, runner, scoring, gates, report)."""

from __future__ import annotations

import json
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NoReturn

import click

from app.answering.models import RETRIEVAL_MODES
from app.cli.llm import llm_options, open_llm_or_fail
from app.cli.options import fail, open_engine_or_fail, setting_option
from ingest.settings import Settings

EXIT_GATE_FAILED = 1
EXIT_CANNOT_EVALUATE = 2
MODEL_NAMES = {
    "minilm": "all-MiniLM-L6-v2",
    "minilm-int8": "all-MiniLM-L6-v2 (int8 weights)",
    "multilingual": "multilingual-e5-small",
}


def stop(message: str, code: int = EXIT_CANNOT_EVALUATE) -> NoReturn:
    """Print an actionable error and exit (2: the evaluation could not run)."""
    fail(message, code)


@click.command("eval")
@click.argument("questions", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--index",
    "index_dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="SCOQA_INDEX",
    help="Evaluate this existing index (default: index/). Env: SCOQA_INDEX.",
)
@click.option(
    "--docs",
    "docs_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Ingest this folder into a temporary index first and evaluate that.",
)
@click.option(
    "--chroma-url", envvar="SCOQA_CHROMA_URL", help="Evaluate a Chroma server's index. Env: SCOQA_CHROMA_URL."
)
@click.option(
    "--embed-model",
    type=click.Choice(["minilm", "minilm-int8", "multilingual"]),
    envvar="SCOQA_EMBED_MODEL",
    help="Embedding model of the index (default: minilm). Env: SCOQA_EMBED_MODEL.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder (default: eval-<timestamp>/).",
)
@click.option(
    "-k",
    "--top-k",
    type=click.IntRange(1, 50),
    help="Passages retrieved per question (default: setting eval_top_k, 10).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 32),
    default=1,
    show_default=True,
    help="Questions asked at once (threads sharing one model).",
)
@click.option("--mode", type=click.Choice(RETRIEVAL_MODES), help="Retrieval mode (default: the engine's, hybrid).")
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="metrics.json of an earlier run to compare with.",
)
@click.option(
    "--fail-under",
    multiple=True,
    metavar="KEY=VALUE",
    help="Exit 1 if metric KEY is below VALUE (repeatable), e.g. recall@5=0.9.",
)
@click.option(
    "--fail-over",
    multiple=True,
    metavar="KEY=VALUE",
    help="Exit 1 if metric KEY is above VALUE (repeatable), e.g. latency_ms_p95=500.",
)
@setting_option
@llm_options
def eval_command(
    questions,
    index_dir,
    docs_dir,
    chroma_url,
    embed_model,
    out_dir,
    top_k,
    workers,
    mode,
    baseline,
    fail_under,
    fail_over,
    setting_pairs,
    llm,
) -> None:
    """Ask every question in QUESTIONS (JSONL or CSV) and score retrieval, citations, answers and abstention.

    Writes results.jsonl, metrics.json and report.html to --out. Exit code 0 when all
    gates pass, 1 when a --fail-under/--fail-over gate misses (or a question raised an
    error), 2 when the evaluation cannot run (bad question file, option or index).
    """
    from app.evaluation.gates import load_baseline, parse_gate
    from app.evaluation.questions import QuestionFileError, load_questions

    ctx = click.get_current_context()
    explicit_index = ctx.get_parameter_source("index_dir") == click.core.ParameterSource.COMMANDLINE
    if docs_dir and (explicit_index or chroma_url):
        stop(
            "--docs (ingest into a temporary index) and --index/--chroma-url (use an existing one) "
            "are alternatives; give one"
        )
    try:
        gates = [parse_gate(g, "under") for g in fail_under] + [parse_gate(g, "over") for g in fail_over]
        baseline_metrics = load_baseline(baseline) if baseline else None
        items = load_questions(questions)
    except (QuestionFileError, ValueError) as exc:
        stop(str(exc))
    out_dir = out_dir or Path(f"eval-{datetime.now().strftime('%Y%m%d-%H%M%S')}")
    with tempfile.TemporaryDirectory(prefix="scoqa-eval-index-", ignore_cleanup_errors=True) as tmp:
        try:
            if docs_dir:
                settings = Settings.from_env(
                    dict(setting_pairs),
                    docs_dir=docs_dir,
                    index_dir=Path(tmp),
                    chroma_url=None,
                    embed_model=embed_model,
                )
                ingest_into(settings)
            else:
                settings = Settings.from_env(
                    dict(setting_pairs), index_dir=index_dir, chroma_url=chroma_url, embed_model=embed_model
                )
        except ValueError as exc:
            stop(str(exc))
        code = evaluate(
            settings, questions, items, out_dir, top_k, workers, mode, baseline_metrics, gates, docs_dir, llm
        )
    sys.exit(code)


def ingest_into(settings: Settings) -> None:
    """--docs: build the temporary index, stopping on any file that fails to load."""
    from ingest.refresh import refresh_index

    click.echo(f"Ingesting {settings.docs_dir} into a temporary index ...", err=True)
    summary = refresh_index(settings)
    if summary.failed:
        stop("some documents failed to ingest: " + "; ".join(f"{f['file']}: {f['reason']}" for f in summary.failed))
    click.echo(f"  {summary.documents} documents, {summary.chunks} chunks ({summary.seconds:.1f} s)", err=True)


def warn_unknown_sources(settings: Settings, items: list[Any]) -> list[str]:
    """One warning listing the gold doc_ids that are not in the index."""
    from ingest.store import ChromaStore

    indexed = set(ChromaStore(settings).document_states())
    missing = sorted({doc for item in items for doc in item.sources} - indexed)
    if missing:
        shown = ", ".join(missing[:20]) + (f" ... ({len(missing) - 20} more)" if len(missing) > 20 else "")
        click.secho(
            f"Warning: {len(missing)} gold doc_id(s) are not in the index (they count as not retrieved): {shown}",
            fg="yellow",
            err=True,
        )
    return missing


def evaluate(
    settings: Settings,
    questions_path: Path,
    items: list[Any],
    out_dir: Path,
    top_k: int | None,
    workers: int,
    mode: str | None,
    baseline: dict[str, Any] | None,
    gates: list[Any],
    docs_dir: Path | None,
    llm: Any = None,
) -> int:
    """Run, score, write the three outputs, print the summary; return the exit code."""
    from tqdm import tqdm

    from app.evaluation.llm_metrics import llm_metrics
    from app.evaluation.report import render_report
    from app.evaluation.runner import run_questions
    from app.evaluation.scoring import aggregate, curves, per_type
    from ingest.status import index_status

    engine = open_engine_or_fail(settings, mode, EXIT_CANNOT_EVALUATE)
    engine.llm = open_llm_or_fail(llm)
    top_k = top_k or settings.tunables["eval_top_k"]
    status = index_status(settings)
    missing = warn_unknown_sources(settings, items)
    started_at = datetime.now(UTC)
    started = time.perf_counter()
    with tqdm(total=len(items), unit="q", desc="Evaluating", file=sys.stderr, dynamic_ncols=True) as bar:
        rows = run_questions(engine, items, top_k, workers, progress=lambda: bar.update(1))
    seconds = time.perf_counter() - started
    metrics = aggregate(rows)
    errors = [row for row in rows if row.get("error")]
    metrics["n_errors"] = len(errors)
    metrics.update(llm_metrics(rows) if llm else {})
    metrics["settings"] = {
        "questions": str(questions_path),
        "index": status["location"],
        "docs": str(docs_dir) if docs_dir else None,
        "documents": status["documents"],
        "chunks": status["chunks"],
        "model": MODEL_NAMES.get(str(status["embed_model"]), status["embed_model"]),
        "embed_model": status["embed_model"],
        "chunker_version": status["chunker_version"],
        "top_k": top_k,
        "mode": getattr(engine, "mode", "hybrid"),
        "composer": type(getattr(engine, "composer", None)).__name__,
        "llm": llm.label if llm else None,
        "workers": workers,
        "gold_doc_ids_not_in_index": missing,
        "started": started_at.isoformat(timespec="seconds"),
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
        "run_seconds": round(seconds, 2),
    }
    metrics["curves"] = curves(rows)
    metrics["per_type"] = per_type(rows)
    write_outputs(out_dir, rows, metrics, render_report(metrics, rows, baseline))
    print_summary(metrics, baseline, out_dir)
    return exit_code(errors, gates, metrics)


def exit_code(errors: list[dict[str, Any]], gates: list[Any], metrics: dict[str, Any]) -> int:
    """Print each question error and missed gate; 1 if there was any, else 0."""
    from app.evaluation.gates import check_gates

    for row in errors:
        click.secho(f"Error on question {row['id']} (line {row['line']}): {row['error']}", fg="red", err=True)
    failures = check_gates(gates, metrics)
    for message in failures:
        click.secho(f"FAIL {message}", fg="red", err=True)
    return EXIT_GATE_FAILED if failures or errors else 0


def write_outputs(out_dir: Path, rows: list[dict[str, Any]], metrics: dict[str, Any], html: str) -> None:
    """results.jsonl, metrics.json and report.html in out_dir."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with (out_dir / "results.jsonl").open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    (out_dir / "metrics.json").write_text(json.dumps(metrics, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (out_dir / "report.html").write_text(html, encoding="utf-8")


TYPE_SUMMARY = (
    "outcome_accuracy",
    "answer_token_recall",
    "evidence_recall@5",
    "citation_precision",
    "abstention_recall",
)


def print_types(per_type: dict[str, dict[str, Any]]) -> None:
    """One line per question type: the answer-side metrics (`-` where a metric does not apply)."""
    if not per_type:
        return
    short = {"outcome_accuracy": "outcome", "answer_token_recall": "tok_rec", "evidence_recall@5": "evid@5"}
    short |= {"citation_precision": "cit_prec", "abstention_recall": "abst_rec"}
    click.echo("\n" + f"{'type':<14}{'n':>5}" + "".join(f"{short[k]:>10}" for k in TYPE_SUMMARY))
    for name, values in per_type.items():
        cells = "".join(f"{values.get(k):>10.3f}" if values.get(k) is not None else f"{'-':>10}" for k in TYPE_SUMMARY)
        click.echo(f"{name:<14}{values['n']:>5}{cells}")


def print_summary(metrics: dict[str, Any], baseline: dict[str, Any] | None, out_dir: Path) -> None:
    """The metrics as an aligned table on stdout (with baseline and difference when given)."""
    from app.evaluation.metrics import COUNT_KEYS, METRIC_KEYS

    def show(value: Any) -> str:
        if value is None:
            return "-"
        return (
            f"{value:.1f}"
            if isinstance(value, float) and abs(value) >= 100
            else f"{value:.3f}"
            if isinstance(value, float)
            else str(value)
        )

    header = f"{'metric':<24}{'value':>10}" + (f"{'baseline':>10}{'diff':>10}" if baseline else "")
    click.echo(header)
    click.echo("-" * len(header))
    from app.evaluation.llm_metrics import LLM_KEYS

    llm_keys = LLM_KEYS if metrics.get("settings", {}).get("llm") else ()
    for key in (*METRIC_KEYS, *COUNT_KEYS, *llm_keys):
        value = metrics.get(key)
        line = f"{key:<24}{show(value):>10}"
        if baseline is not None:
            old = baseline.get(key)
            diff = f"{value - old:+.3f}" if isinstance(value, int | float) and isinstance(old, int | float) else "-"
            line += f"{show(old):>10}{diff:>10}"
        click.echo(line)
    print_types(metrics.get("per_type", {}))
    settings = metrics["settings"]
    click.echo(
        f"\n{metrics['n']} questions in {settings['run_seconds']:.1f} s (top-k {settings['top_k']}, "
        f"mode {settings['mode']}, {settings['workers']} worker(s)).\n"
        f"Wrote {out_dir}/results.jsonl, metrics.json, report.html"
    )
