"""Benchmark: Lighthouse, an outside yardstick, on the home page, a guidance page and a checklist page.

Builds the site for a base path (as a GitHub Pages project site is served), serves it as GitHub Pages
does (gzip where Pages compresses, ETag, max-age=600: bench/first_visit.py's server) and runs the
pinned npm Lighthouse (package.json) with Debian's Chromium, headless, in Lighthouse's default
settings: a mobile device, simulated throttling, storage cleared before each run (so every run is a
first visit). Prints each category's score for every run, the median performance score, each
against its target, and the audits that cost points.

Figures are printed, never asserted. Lighthouse's simulation multiplies the main-thread time it
observes (by 4, for a mid-range phone), so a machine busy with other work scores lower, mostly in
Total Blocking Time: each run's benchmarkIndex, Lighthouse's own measure of the machine's speed at
the time, is printed with it. Compare runs made together, on a quiet machine. Material's bundle
(about 55-80 ms of main-thread work on this machine, in two tasks) either runs after the first
paint and counts as blocking time, or, on a slower run, before it, and then delays the simulated
first paint instead: the metrics are printed for each run to show which.

    .venv/bin/python bench/lighthouse.py [--runs 3] [--site DIR] [--keep DIR]

With --site, DIR must have been built with SITE_URL ending in /relationship-matters/ (any host).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from checklist_performance import CHECKLIST, GUIDANCE, ROOT, build  # bench/ is on the path as a script
from first_visit import PagesServer

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
import chromium  # the browser tests' choice of Chromium

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
BASE = "relationship-matters/"  # served under a base path, as a project site on GitHub Pages
PAGES = {"home": "", "guidance": GUIDANCE, "checklist": CHECKLIST}
# Category id: (name, target score out of 100). Performance is judged on the median of the runs.
TARGETS = {
    "performance": ("Performance", 95),
    "accessibility": ("Accessibility", 100),
    "best-practices": ("Best practices", 100),
    "seo": ("SEO", 100),
}
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "speed-index")
# Lighthouse starts Chromium itself; these are the browser tests' flags that make sense for it.
CHROME_FLAGS = [flag for flag in chromium.ARGS if not flag.startswith("--host-resolver-rules")]


def run_lighthouse(url: str, report: Path) -> dict:
    """One Lighthouse run with its default (mobile) settings; returns the JSON report."""
    env = {**os.environ, "CHROME_PATH": chromium.BROWSER or ""}
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={report}",
        "--quiet",
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
    ]
    subprocess.run(command, env=env, check=True, timeout=300)
    return json.loads(report.read_text(encoding="utf-8"))


def scores(result: dict) -> dict[str, int]:
    return {key: round(result["categories"][key]["score"] * 100) for key in TARGETS}


def losses(runs: list[dict]) -> list[str]:
    """The audits that cost points in any run, one line each: in the categories other than
    performance, the failed audits; in performance, the opportunities with their median estimated
    saving over the runs that list them."""
    failed, savings = {}, {}
    for result in runs:
        for key in TARGETS:
            for ref in result["categories"][key]["auditRefs"]:
                audit = result["audits"][ref["id"]]
                if ref["weight"] and key != "performance" and audit["score"] is not None and audit["score"] < 1:
                    failed[audit["id"]] = f"{TARGETS[key][0]}: {audit['id']}: {audit['title']}"
        for audit in result["audits"].values():
            details = audit.get("details") or {}
            saving = details.get("overallSavingsMs") or 0
            if details.get("type") == "opportunity" and saving >= 50:
                savings.setdefault((audit["id"], audit["title"]), []).append(saving)
    lines = sorted(failed.values())
    for (audit_id, title), values in sorted(savings.items()):
        in_runs = f"{len(values)} of {len(runs)} runs"
        lines.append(f"Performance: {audit_id}: about {statistics.median(values):.0f} ms in {in_runs} ({title})")
    return lines


def blocking_by_script(result: dict) -> dict[str, float]:
    """Total Blocking Time split by the script each long task after the first paint is charged to
    (the part of each task over 50 ms, in Lighthouse's simulated times)."""
    first_paint = result["audits"]["first-contentful-paint"]["numericValue"]
    blocking: dict[str, float] = {}
    for task in result["audits"]["long-tasks"]["details"]["items"]:
        if task["startTime"] + task["duration"] > first_paint:
            name = task["url"].rstrip("/").rsplit("/", 1)[-1] or task["url"]
            blocking[name] = blocking.get(name, 0) + max(0, task["duration"] - 50)
    return blocking


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site", type=Path, help="a site built for /relationship-matters/, instead of a new build")
    parser.add_argument("--keep", type=Path, help="a folder to keep the JSON reports in")
    options = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} is missing: run `npm ci` (Lighthouse is a development dependency)")
    with tempfile.TemporaryDirectory() as scratch:
        served = Path(scratch) / "served"
        served.mkdir()
        server = PagesServer(served)  # serves served/relationship-matters/ once it is there
        site = served / BASE.rstrip("/")
        if options.site:
            site.symlink_to(options.site.resolve(), target_is_directory=True)
        else:
            os.environ["SITE_URL"] = server.url + BASE
            build(site)
        reports = options.keep or Path(scratch) / "reports"
        reports.mkdir(parents=True, exist_ok=True)
        results: dict[str, list[dict]] = {}
        for run in range(options.runs):
            for name, path in PAGES.items():
                print(f"run {run + 1}: {name} ...", file=sys.stderr, flush=True)
                report = reports / f"{name}-{run + 1}.json"
                results.setdefault(name, []).append(run_lighthouse(server.url + BASE + path, report))
        server.close()

    lighthouse_version = next(iter(results.values()))[0]["lighthouseVersion"]
    browser = next(iter(results.values()))[0]["environment"]["hostUserAgent"]
    print(f"Lighthouse {lighthouse_version}, default settings (mobile, simulated throttling); {browser}")
    print(f"{options.runs} run(s) per page; the site served as GitHub Pages serves it, under /{BASE}\n")
    for name, runs in results.items():
        print(f"{name} ({PAGES[name] or 'home'}):")
        per_run = [scores(result) for result in runs]
        for key, (label, target) in TARGETS.items():
            values = [run[key] for run in per_run]
            if key == "performance":
                judged = statistics.median(values)
                shown = f"median {judged:g}"
                met = judged >= target
                goal = f"at least {target}"
            else:
                judged = min(values)
                shown = f"lowest {judged}"
                met = judged >= target
                goal = f"{target}"
            verdict = "meets" if met else "MISSES"
            runs_text = ", ".join(str(v) for v in values)
            print(f"  {label:<15} {runs_text:<14} {shown:<11} target {goal:<12} {verdict}")
        speeds = ", ".join(f"{result['environment']['benchmarkIndex']:.0f}" for result in runs)
        print(f"  {'Machine speed':<26} {speeds} (Lighthouse's benchmarkIndex: lower means a busier machine)")
        for metric in METRICS:
            values = [result["audits"][metric]["numericValue"] for result in runs]
            each = ", ".join(f"{value:,.0f}" for value in values)
            print(f"  {runs[0]['audits'][metric]['title']:<26} median {statistics.median(values):,.0f} ms ({each})")
        per_run = [blocking_by_script(result) for result in runs]
        names = sorted(
            {name for blocking in per_run for name in blocking}, key=lambda n: -sum(b.get(n, 0) for b in per_run)
        )
        medians = {name: statistics.median(b.get(name, 0) for b in per_run) for name in names}
        shares = ", ".join(f"{name} {value:.0f}" for name, value in medians.items() if value >= 1)
        print(f"  {'Blocking time by script':<26} median ms: {shares or 'none'}")
        for line in losses(runs):
            print(f"  - {line}")
        print()


if __name__ == "__main__":
    main()
