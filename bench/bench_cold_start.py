"""Cold `scoqa ask` as a whole process, against `python -c "import torch"` on the same machine.

    python bench/bench_cold_start.py --index /tmp/idx          # 5 interleaved pairs, prints JSON
    python bench/bench_cold_start.py --index /tmp/idx --torch-path --runs 5 --json /tmp/cold.json

The index must exist (`scoqa ingest --index IDX`), and was written with the ONNX export, so
the question is answered without torch. Each run starts a fresh interpreter, as a user's
command does; the two commands alternate so a load spike hits both. `--torch-path` also times
the same question on a copy of the index without its export (the torch fallback an index
built by an older version takes). Target (issue #14): ask median ≤ import-torch median.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QUESTION = "When was the Collective Security Treaty Organization founded?"


def scoqa() -> list[str]:
    """The installed console script beside this interpreter, else the module."""
    script = Path(sys.executable).parent / "scoqa"
    return [str(script)] if script.exists() else [sys.executable, "-m", "app.cli"]


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - started


def copy_without_export(index: Path) -> Path:
    """The index as an older version left it: no models/ folder."""
    target = Path(tempfile.mkdtemp(prefix="bench-cold-torch-")) / "index"
    shutil.copytree(index, target, ignore=shutil.ignore_patterns("models"))
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True, help="an existing index built by scoqa ingest")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--question", default=QUESTION)
    parser.add_argument("--torch-path", action="store_true", help="also time an index copy without the export")
    parser.add_argument("--json", type=Path, help="also write the result here")
    args = parser.parse_args()
    index = args.index.resolve()
    commands = {
        "ask": [*scoqa(), "ask", args.question, "--index", str(index)],
        "import_torch": [sys.executable, "-c", "import torch"],
    }
    if args.torch_path:
        copy = copy_without_export(index)
        commands["ask_torch_fallback"] = [*scoqa(), "ask", args.question, "--index", str(copy)]
    try:
        times = run_interleaved(commands, args.runs)
    finally:
        if args.torch_path:
            shutil.rmtree(copy.parent, ignore_errors=True)
    report(times, args)


def run_interleaved(commands: dict[str, list[str]], runs: int) -> dict[str, list[float]]:
    for command in commands.values():  # warm the page cache: the first run reads every file from disk
        timed(command)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(timed(command))
    return times


def report(times: dict[str, list[float]], args: argparse.Namespace) -> None:
    medians = {name: statistics.median(values) for name, values in times.items()}
    result = {
        "runs": args.runs,
        "question": args.question,
        "load_average": os.getloadavg()[0],
        "median_s": {name: round(value, 2) for name, value in medians.items()},
        "seconds": {name: [round(t, 2) for t in values] for name, values in times.items()},
        "ask_over_import_torch": round(medians["ask"] / medians["import_torch"], 2),
        "target_met": medians["ask"] <= medians["import_torch"],
    }
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
