"""Time to first token and to the full answer in a real Chromium, median of 10 questions.

python bench/bench_browser.py                      # starts `scoqa serve` on documents/ in a tmp index
python bench/bench_browser.py --url http://127.0.0.1:7860   # or measure a running server
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest.settings import Settings, default_docs_dir
from tests.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.live_server import start_server, stop_server

QUESTIONS = [
    "When was the Shanghai Cooperation Organisation founded?",
    "Where is the headquarters of the SCO Regional Anti-Terrorist Structure?",
    "Why did the CSTO send troops to Kazakhstan in January 2022?",
    "When was the Collective Security Treaty signed?",
    "What is the Shanghai Five?",
    "Which countries joined the SCO in 2017?",
    "Why did Armenia freeze its participation in the CSTO?",
    "What are the CSTO Collective Rapid Reaction Forces?",
    "What does the SCO say about information security?",
    "How does the SCO fight drug trafficking?",
]

# Runs in the page: stamp the click, the first real text of the new answer, and its completion.
MEASURE = """async ([turn]) => {
  const t0 = performance.now();
  let first = null;
  document.querySelector('#ask').click();
  return await new Promise((resolve) => {
    const tick = () => {
      const bots = document.querySelectorAll("#chat [data-testid='bot']");
      const text = bots.length >= turn ? bots[turn - 1].innerText.trim() : "";
      if (first === null && text && text !== "…") first = performance.now() - t0;
      const status = document.querySelector('#answer-status');
      if (status && status.innerText.includes(`Answer ${turn} ready`)) {
        resolve({first_token_ms: first ?? performance.now() - t0, full_answer_ms: performance.now() - t0});
      } else {
        requestAnimationFrame(tick);
      }
    };
    tick();
  });
}"""


def measure(url: str, screenshot: Path | None) -> list[dict[str, float]]:
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(60_000)
        page.goto(url + "/", wait_until="domcontentloaded")
        page.locator("#question textarea").wait_for()
        page.locator("#question textarea").fill("warm-up: what is the SCO?")
        page.evaluate(MEASURE, [1])
        page.locator("#new").click()
        page.locator("#answer-status", has_text="New conversation").wait_for()
        for turn, question in enumerate(QUESTIONS, start=1):
            page.locator("#question textarea").fill(question)
            row = page.evaluate(MEASURE, [turn])
            rows.append({"question": question, **{k: round(v, 1) for k, v in row.items()}})
            print(json.dumps(rows[-1]), flush=True)
        if screenshot:
            page.locator("#new").click()
            page.locator("#question textarea").fill(QUESTIONS[1])
            page.evaluate(MEASURE, [1])
            page.screenshot(path=str(screenshot))
        browser.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running `scoqa serve`; otherwise one is started on --docs")
    parser.add_argument("--docs", type=Path, default=default_docs_dir())
    parser.add_argument("--screenshot", type=Path, help="save a PNG of the chat with an answer")
    args = parser.parse_args()
    proc = None
    url = args.url
    if not url:
        index = Path(tempfile.mkdtemp(prefix="scoqa-bench-browser-"))
        proc, url = start_server(Settings(docs_dir=args.docs, index_dir=index), timeout=900)
    try:
        rows = measure(url.rstrip("/"), args.screenshot)
    finally:
        if proc:
            stop_server(proc)
    first = statistics.median(r["first_token_ms"] for r in rows)
    full = statistics.median(r["full_answer_ms"] for r in rows)
    print(f"median of {len(rows)}: first token {first:.0f} ms, full answer {full:.0f} ms")


if __name__ == "__main__":
    main()
