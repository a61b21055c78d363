"""Benchmark: does each start-up trick still pay? An interleaved A/B on a checklist page.

Builds the site once, copies it once per trick with that trick taken out of the built page scripts,
serves them all, and loads the checklist page in turn from each (fresh context each load, service
workers blocked, as a first visit after the engine is in the HTTP cache is not what is measured).
Prints medians of: first result (ms from navigation), longest main-thread task, and re-score round
trips timed a few seconds after the first result (what the warm-up is for).

    .venv/bin/python bench/tricks_ab.py [--runs 8]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from checklist_performance import IN_PAGE, RESCORE  # the same in-page timing as the main benchmark
from playwright.sync_api import sync_playwright
from serve import CountingServer  # bench/ is on the path when this runs as a script

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
sys.path.insert(0, str(ROOT))  # sitebuild
import chromium  # noqa: E402  (the browser tests' launch settings, shared)

from sitebuild.minify import minify_own_files  # noqa: E402

CHECKLIST = "checklists/behaviours/"
# Each trick, as (file, the text that does it, what it becomes without it).
TRICKS = {
    "search index held": (
        "assets/js/rm-engine.js",
        "if (document.querySelector('[data-module=\"rm-checklist\"]')) holdSearchIndexUntilTheEngineAnswers();",
        "",
    ),
    "warm-up": ("assets/js/rm-worker.js", "const WARM_UP_TURNS = 40;", "const WARM_UP_TURNS = 0;"),
    "forced layout": ("assets/js/rm-main.js", "document.documentElement.getBoundingClientRect();", ""),
}


# Measured on 2026-12-01 (6 interleaved loads each, behaviours checklist, idle 2-core machine):
#                         first result  longest task  re-score p50  re-score p95
#   all tricks                 1026 ms         72 ms        4.3 ms       13.8 ms
#   without search index held  1089 ms         86 ms        3.9 ms       12.7 ms
#   without warm-up            1011 ms         74 ms       11.0 ms       19.4 ms
#   without forced layout       997 ms         75 ms        3.5 ms       10.3 ms
# The forced layout was removed after that run, and put back after this one (2026-12-03, 16 loads each,
# --runs 16, a busier machine), which, with 20 page loads of each build interleaved (longest task
# median 58 -> 53 ms, quartiles 54-80 -> 0-62), shows it pays:
#   all tricks                  904 ms         82 ms        5.8 ms       15.8 ms
#   without search index held  1069 ms         95 ms        5.8 ms       16.3 ms
#   without warm-up             920 ms         80 ms       15.0 ms       25.3 ms
#   without forced layout       957 ms         88 ms        9.4 ms       17.3 ms
def build(site: Path) -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def without(site: Path, copy: Path, trick: str) -> None:
    """A copy of the built site without `trick`: the site's scripts as written in docs/, its file
    changed, then bundled and minified as the build does (the built files are, so the text is looked
    for in the source)."""
    shutil.copytree(site, copy)
    file, text, replacement = TRICKS[trick]
    source = (ROOT / "docs" / file).read_text(encoding="utf-8")
    if source.count(text) != 1:
        raise SystemExit(f"{trick}: docs/{file} no longer holds {text!r}")
    for script in (ROOT / "docs" / "assets" / "js").glob("*.js"):
        shutil.copy(script, copy / "assets" / "js" / script.name)
    (copy / file).write_text(source.replace(text, replacement), encoding="utf-8")
    minify_own_files(copy)


def load(browser, url: str) -> dict:
    context = browser.new_context(service_workers="block")
    context.add_init_script(IN_PAGE)
    page = context.new_page()
    page.goto(url)
    page.wait_for_function("() => window.__ready !== undefined", timeout=120_000)
    time.sleep(3)  # a reader reads the first question
    figures = {
        "first result": page.evaluate("window.__ready"),
        "longest task": page.evaluate("window.__longest"),
        "rescores": page.evaluate(RESCORE, 20),
    }
    context.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=8)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        build(root / "with")
        for trick in TRICKS:
            without(root / "with", root / trick.replace(" ", "-"), trick)
        server = CountingServer(root)
        base = server.url
        variants = {"all tricks": "with", **{f"without {t}": t.replace(" ", "-") for t in TRICKS}}
        results: dict[str, list[dict]] = {name: [] for name in variants}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium.BROWSER, args=chromium.ARGS)
            for run in range(runs):
                order = list(variants) if run % 2 == 0 else list(reversed(variants))  # interleaved
                for name in order:
                    time.sleep(1)
                    results[name].append(load(browser, f"{base}{variants[name]}/{CHECKLIST}"))
            browser.close()
        server.close()
    print(f"{'':28} first result  longest task  re-score p50  re-score p95  (medians of {runs} loads)")
    for name, loads in results.items():
        rescores = sorted(t for figures in loads for t in figures["rescores"])
        p95 = rescores[int(0.95 * (len(rescores) - 1))]
        print(
            f"{name:28} {statistics.median(f['first result'] for f in loads):9.0f} ms"
            f" {statistics.median(f['longest task'] for f in loads):10.0f} ms"
            f" {statistics.median(rescores):11.1f} ms {p95:11.1f} ms"
        )


if __name__ == "__main__":
    main()
