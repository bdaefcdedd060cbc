"""How long a refresh takes when nothing changed, and when one document of many changed.

    python bench/bench_refresh.py                 # 1,000 generated documents in a tmp folder
    python bench/bench_refresh.py --docs 300 --keep /tmp/bench-refresh

The first build is timed too but is not the point: the targets are a no-change refresh of
1,000 documents in about a second without loading the embedding model, and a one-document
change that re-embeds only that document. Both are measured in-process (the library call)
and as the `scoqa ingest` command a user runs (a fresh process: Python start-up and imports
included; the one-change run also loads the model).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = (
    "security",
    "cooperation",
    "summit",
    "declaration",
    "member",
    "states",
    "terrorism",
    "separatism",
    "extremism",
    "border",
    "exercise",
    "charter",
    "secretariat",
    "council",
    "ministers",
    "defence",
    "foreign",
    "affairs",
    "information",
    "drug",
    "trafficking",
    "regional",
    "structure",
    "peacekeeping",
    "forces",
    "collective",
    "rapid",
    "reaction",
    "mandate",
    "observers",
    "partners",
    "dialogue",
)


def generate(folder: Path, count: int, seed: int = 7) -> None:
    """`count` Markdown documents of about 120 words, each different."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        org = "SCO" if i % 2 else "CSTO"
        words = " ".join(rng.choice(WORDS) for _ in range(110))
        body = f"# Note {i}\n\nThe {org} note number {i} records that {words}.\n"
        front = f"---\ntitle: Note {i}\norganisation: {org}\ndate: '{2001 + i % 24}'\n---\n"
        (folder / f"note_{i:05d}.md").write_text(front + body, encoding="utf-8")


def cli_seconds(docs: Path, index: Path) -> tuple[float, dict]:
    """Wall time of `scoqa ingest --json` in a fresh process, and its summary."""
    started = time.perf_counter()
    done = subprocess.run(
        ["scoqa", "ingest", "--docs", str(docs), "--index", str(index), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"scoqa ingest failed ({done.returncode}): {done.stderr[-2000:]}")
    return seconds, json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=1000, help="documents to generate (default 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="no-change runs to take the median of")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a tmp folder)")
    args = parser.parse_args()

    from ingest.refresh import refresh_index
    from ingest.settings import Settings

    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-refresh-"))
    docs, index = work / "docs", work / "index"
    if not docs.exists():
        generate(docs, args.docs)
    settings = Settings(docs_dir=docs, index_dir=index)
    try:
        first = refresh_index(settings)
        print(f"build: {first.added} added, {first.chunks} chunks, {first.seconds:.1f} s (in-process)")

        # A fresh process first, before this one has Chroma's caches warm for the folder.
        runs = [cli_seconds(docs, index) for _ in range(args.repeat)]
        assert all(s["chunks_embedded"] == 0 and s["unchanged"] == args.docs for _, s in runs), runs
        cli_no_change = statistics.median(seconds for seconds, _ in runs)
        in_process = statistics.median(refresh_index(settings).seconds for _ in range(args.repeat))
        print(
            f"no-change refresh of {args.docs} docs: {in_process:.2f} s in-process, "
            f"{cli_no_change:.2f} s `scoqa ingest`"
        )

        changed = docs / "note_00010.md"

        def change() -> None:
            changed.write_text(changed.read_text(encoding="utf-8") + "\nA sentence added later.\n", encoding="utf-8")

        change()
        cli_one, summary = cli_seconds(docs, index)
        assert (summary["updated"], summary["unchanged"]) == (1, args.docs - 1), summary
        print(f"one changed doc: {cli_one:.2f} s `scoqa ingest` (fresh process: imports and model load included)")
        timings = []
        for _ in range(args.repeat):
            change()
            one = refresh_index(settings)
            assert (one.updated, one.unchanged, one.chunks_embedded) == (1, args.docs - 1, 1), one
            timings.append(one.seconds)
        print(
            f"one changed doc in-process: first {timings[0]:.2f} s (loads the model and llama-index), "
            f"then median {statistics.median(timings[1:] or timings):.2f} s with everything warm"
        )
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
