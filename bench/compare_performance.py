"""Benchmark: comparing 50 answers files in the browser's worker (target: under 300 ms).

Builds the site, serves it on 127.0.0.1, drives Debian's Chromium, and on the behaviours compare
page chooses 50 files (the example set, varied: 40 questions each) through the page's own file
input. It times, in the page, from the input's change event to the results panel turning
"ready": reading the files, the worker's request (checks.compare: read, compare, render) and
showing the HTML. It also times a change of mode (named to anonymous) on those 50 files, and
Python alone in CPython for comparison. Prints medians; asserts nothing.

    .venv/bin/python bench/compare_performance.py [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from checklist_performance import build, launch  # bench/ is on the path when this runs as a script
from playwright.sync_api import sync_playwright
from serve import CountingServer

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from checks.compare import Given, compare, comparison_document, read_files  # noqa: E402
from checks.definitions import DEFINITIONS_DIR, load_checklist  # noqa: E402
from checks.render.html import document_to_html  # noqa: E402

PAGE = "checklists/compare-behaviours/"
FILES = 50
ROLES = ("board-or-senior-leader", "manager", "front-line-staff", "volunteer", "community-member", "other")
# Chooses the files through the page's input and resolves with the time until the panel is ready.
CHOOSE = """async (files) => {
  const panel = document.querySelector(".rm-compare-results");
  const ready = new Promise((resolve) => new MutationObserver((records, observer) => {
    if (panel.dataset.state === "ready") { observer.disconnect(); resolve(performance.now()); }
  }).observe(panel, { attributes: true, attributeFilter: ["data-state"] }));
  const chosen = new DataTransfer();
  for (const [name, text] of files) chosen.items.add(new File([text], name, { type: "application/json" }));
  const input = document.querySelector('[data-role="add-files"]');
  input.files = chosen.files;
  const start = performance.now();
  input.dispatchEvent(new Event("change", { bubbles: true }));
  return (await ready) - start;
}"""
# Toggles anonymous mode and resolves with the time until the panel shows it.
TOGGLE = """async () => {
  const panel = document.querySelector(".rm-compare-results");
  const box = document.querySelector('[data-setting="anonymous"]');
  const want = !box.checked;
  const shown = new Promise((resolve) => new MutationObserver((records, observer) => {
    observer.disconnect(); resolve(performance.now());
  }).observe(panel, { childList: true }));
  const start = performance.now();
  box.click();
  return (await shown) - start;
}"""


def files() -> list[tuple[str, str]]:
    """50 distinct answers files: the examples' answers, rotated, for 10 organisations."""
    examples = [json.loads(p.read_text()) for p in sorted((ROOT / "checks/examples/compare-behaviours").glob("*.json"))]
    made = []
    for n in range(FILES):
        doc = json.loads(json.dumps(examples[n % len(examples)]))
        ids = list(doc["answers"])
        values = list(doc["answers"].values())
        doc["answers"] = dict(zip(ids, values[n % 7 :] + values[: n % 7], strict=True))
        doc["respondent"] = {"organisation": f"Organisation {n % 10}", "role": ROLES[n % 6], "anonymous": True}
        doc["saved_at"] = f"2026-11-{1 + n % 28:02d}T10:{n:02d}:00+00:00"
        made.append((f"answers-{n}.json", json.dumps(doc)))
    return made


def python_alone(made: list[tuple[str, str]], runs: int) -> float:
    checklist = load_checklist(DEFINITIONS_DIR / "behaviours.yml")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        comparison = compare(checklist, read_files(checklist, [Given(n, t, len(t)) for n, t in made]))
        document_to_html(comparison_document(comparison))
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    made = files()
    first, compared, toggled = [], [], []
    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as p:
        site = Path(scratch) / "site"
        build(site)
        server = CountingServer(site)
        browser = launch(p)
        for _ in range(runs):
            context = browser.new_context(service_workers="block")
            page = context.new_page()
            page.goto(server.url + PAGE)
            page.wait_for_selector('.rm-compare-results[data-state="empty"]', timeout=120_000)
            first.append(page.evaluate(CHOOSE, made))  # the first comparison this worker makes
            for _ in range(3):
                toggled.append(page.evaluate(TOGGLE))
            page.once("dialog", lambda dialog: dialog.accept())
            page.get_by_role("button", name="Start a new comparison").click()
            page.wait_for_selector('.rm-compare-results[data-state="empty"]', timeout=60_000)
            compared.append(page.evaluate(CHOOSE, made))  # again, in a worker that has compared before
            context.close()
        browser.close()
        server.close()
    print(f"Runs: {runs} (medians), Chromium headless, 127.0.0.1; {FILES} files of 40 questions, 10 organisations")
    print(f"Choose 50 files -> results shown, first in the worker: {statistics.median(first):7.0f} ms")
    print(
        f"Choose 50 files -> results shown, warm worker:         {statistics.median(compared):7.0f} ms"
        "   target < 300 ms"
    )
    print(f"  worst of {runs}: {max(compared):.0f} ms")
    print(f"Named -> anonymous on 50 files, shown:                 {statistics.median(toggled):7.0f} ms")
    print(f"The same comparison in CPython (read, compare, HTML):  {python_alone(made, runs):7.0f} ms")


if __name__ == "__main__":
    main()
