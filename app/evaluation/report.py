"""report.html: one self-contained page (inline CSS, plots as base64 PNG, no scripts) people read."""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from html import escape
from typing import Any

from app.evaluation.metrics import COUNT_KEYS, LOWER_IS_BETTER, METRIC_KEYS

TYPE_COLUMNS = ("hit@5", "recall@5", "mrr", "ndcg@10", "evidence_recall@5", "citation_precision", "answer_f1")
TYPE_COLUMNS += (
    "answer_token_recall",
    "abstention_recall",
    "false_abstention_rate",
    "outcome_accuracy",
    "latency_ms_p50",
)
ANSWER_CHARS = 700

CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:90rem;padding:0 1rem;color:#1d232b}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccd;padding-bottom:.2rem}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #d5d9e0;padding:.25rem .5rem;vertical-align:top}
th{background:#f1f3f7;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}
.better{color:#106b21}.worse{color:#a4161a;font-weight:600}.muted{color:#667}
.plots{display:flex;flex-wrap:wrap;gap:1rem}.plots img{max-width:100%;border:1px solid #d5d9e0}
.gold{font-weight:600;color:#106b21}.answer{white-space:pre-wrap;max-width:36rem}.wide{overflow-x:auto}
"""


def fmt(value: Any) -> str:
    """Numbers as people read them; undefined metrics as an em dash."""
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.1f}" if abs(value) >= 100 else f"{value:.3f}"
    return escape(str(value))


def png_base64(fig: Any) -> str:
    """A matplotlib Figure as a data: URI."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def recall_plot(curves: dict[str, list[float]]) -> str | None:
    """recall@k and hit@k against k (documents), as an embedded PNG."""
    from matplotlib.figure import Figure  # lazy: plotting is only needed for a report

    if not curves.get("recall"):
        return None
    ks = list(range(1, len(curves["recall"]) + 1))
    fig = Figure(figsize=(5.5, 3.6))
    ax = fig.subplots()
    ax.plot(ks, curves["recall"], marker="o", label="recall@k")
    ax.plot(ks, curves["hit"], marker="s", linestyle="--", label="hit@k")
    ax.set(xlabel="k (documents, from the ranked passages)", ylabel="share", ylim=(0, 1.02), xticks=ks)
    ax.set_title("Retrieval: recall@k and hit@k")
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right")
    return png_base64(fig)


def latency_plot(latencies: Sequence[float], p50: float | None, p95: float | None) -> str | None:
    """Histogram of per-question latency with p50 and p95 marked."""
    from matplotlib.figure import Figure

    if not latencies:
        return None
    fig = Figure(figsize=(5.5, 3.6))
    ax = fig.subplots()
    ax.hist(latencies, bins=min(30, max(5, len(latencies) // 4)), color="#4a78b5")
    for value, label, style in ((p50, "p50", "-"), (p95, "p95", "--")):
        if value is not None:
            ax.axvline(value, color="#a4161a", linestyle=style, label=f"{label} {value:.0f} ms")
    ax.set(xlabel="latency per question (ms)", ylabel="questions")
    ax.set_title("Latency")
    ax.legend()
    return png_base64(fig)


def metric_rows(metrics: dict[str, Any], baseline: dict[str, Any] | None) -> str:
    """The headline table; with a baseline, its value and the difference beside each metric."""
    out = []
    for key in (*METRIC_KEYS, *COUNT_KEYS):
        value = metrics.get(key)
        cells = f"<td>{escape(key)}</td><td class=num>{fmt(value)}</td>"
        if baseline is not None:
            old = baseline.get(key)
            diff, css = "—", ""
            if isinstance(value, int | float) and isinstance(old, int | float):
                delta = value - old
                diff = f"{delta:+.1f}" if key.startswith("latency") else f"{delta:+.3f}"
                if abs(delta) > 1e-9 and key not in COUNT_KEYS:
                    css = "better" if (delta < 0) == (key in LOWER_IS_BETTER) else "worse"
            cells += f"<td class=num>{fmt(old)}</td><td class='num {css}'>{diff}</td>"
        out.append(f"<tr>{cells}</tr>")
    return "\n".join(out)


def type_table(per_type: dict[str, dict[str, Any]]) -> str:
    """One row per question type."""
    head = "".join(f"<th>{escape(c)}</th>" for c in ("type", "n", *TYPE_COLUMNS))
    body = "\n".join(
        f"<tr><td>{escape(name)}</td><td class=num>{m['n']}</td>"
        + "".join(f"<td class=num>{fmt(m.get(c))}</td>" for c in TYPE_COLUMNS)
        + "</tr>"
        for name, m in per_type.items()
    )
    return f"<table><tr>{head}</tr>\n{body}</table>"


def failure_table(rows: Sequence[dict[str, Any]]) -> str:
    """Questions that missed: gold sources, what was retrieved (gold in bold) and the answer."""
    failed = [r for r in rows if r["metrics"]["failures"] or r.get("error")]
    if not failed:
        return "<p>No failures.</p>"
    parts = [
        "<table><tr><th>id</th><th>why</th><th>question</th><th>gold sources</th>"
        "<th>retrieved (rank order)</th><th>answer</th></tr>"
    ]
    for row in failed:
        gold = set(row.get("sources") or [])
        retrieved = ", ".join(
            f"<span class=gold>{escape(d)}</span>" if d in gold else escape(d) for d in row["metrics"]["retrieved_docs"]
        )
        reasons = list(row["metrics"]["failures"]) + ([row["error"]] if row.get("error") else [])
        answer = str(row.get("answer") or "")
        if len(answer) > ANSWER_CHARS:
            answer = answer[:ANSWER_CHARS] + " …"
        parts.append(
            f"<tr><td>{escape(str(row['id']))}<br><span class=muted>{escape(row.get('type') or '')}</span></td>"
            f"<td>{'<br>'.join(escape(r) for r in reasons)}</td><td>{escape(row['question'])}</td>"
            f"<td>{escape(', '.join(row.get('sources') or [])) or '<span class=muted>(none)</span>'}</td>"
            f"<td>{retrieved or '<span class=muted>(nothing)</span>'}</td><td class=answer>{escape(answer)}</td></tr>"
        )
    parts.append("</table>")
    return "\n".join(parts)


def render_report(
    metrics: dict[str, Any], rows: Sequence[dict[str, Any]], baseline: dict[str, Any] | None = None
) -> str:
    """The whole page as one string."""
    settings = metrics.get("settings", {})
    curves = metrics.get("curves", {})
    plots = [
        recall_plot(curves),
        latency_plot(
            [r["metrics"]["latency_ms"] for r in rows], metrics.get("latency_ms_p50"), metrics.get("latency_ms_p95")
        ),
    ]
    images = "".join(
        f"<img src='{uri}' alt='{alt}'>"
        for uri, alt in zip(plots, ("recall@k curve", "latency histogram"), strict=True)
        if uri
    )
    setting_rows = "".join(f"<tr><th>{escape(k)}</th><td>{fmt(v)}</td></tr>" for k, v in settings.items())
    head = "<tr><th>metric</th><th>value</th>" + ("<th>baseline</th><th>difference</th>" if baseline else "") + "</tr>"
    baseline_note = (
        f"<p class=muted>Baseline: {escape(str(baseline.get('settings', {}).get('questions', 'given file')))}"
        f" ({escape(str(baseline.get('settings', {}).get('finished', '')))}).</p>"
        if baseline
        else ""
    )
    n_failed = sum(1 for r in rows if r["metrics"]["failures"] or r.get("error"))
    return f"""<!doctype html>
<html lang=en><head><meta charset=utf-8><title>scoqa eval report</title>
<meta name=viewport content="width=device-width,initial-scale=1"><style>{CSS}</style></head>
<body>
<h1>scoqa eval: {escape(str(settings.get("questions", "")))}</h1>
<p>{metrics.get("n")} questions ({metrics.get("n_answerable")} answerable,
{metrics.get("n_unanswerable")} unanswerable); retrieval scored on documents over
{metrics.get("n_retrieval")} questions with gold sources. Undefined metrics show as —.</p>
<h2>Settings</h2><table>{setting_rows}</table>
<h2>Metrics</h2>{baseline_note}<table id=metrics>{head}
{metric_rows(metrics, baseline)}</table>
<h2>Plots</h2><div class=plots>{images}</div>
<h2>By question type</h2><div class=wide>{type_table(metrics.get("per_type", {}))}</div>
<h2>Failures ({n_failed})</h2><div class=wide>{failure_table(rows)}</div>
</body></html>
"""
