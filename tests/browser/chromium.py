"""How the browser tests start Chromium: Debian's, with its own background traffic switched off.

The tests drive Debian's `chromium-headless-shell`: the same Blink and V8 as its `chromium`, without
the browser's own windows. Each test's context is a new window, and in the full browser each window
also starts the address bar's suggestion popup, a page of its own that took about 0.8 s of CPU each
time here: more than a guidance page's whole load. The benchmarks and Lighthouse (bench/) run the
full browser, as readers have it (`BROWSER`).
"""

from __future__ import annotations

import shutil
from pathlib import Path


def _debian(name: str) -> str | None:
    path = Path("/usr/bin") / name
    return str(path) if path.exists() else shutil.which(name)


BROWSER = _debian("chromium")
"""Debian's Chromium, the full browser; None lets Playwright use its own browser where it is absent."""
EXECUTABLE = _debian("chromium-headless-shell") or BROWSER
"""What the tests drive: Debian's headless shell (scripts/system-packages installs it), else the full browser."""
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",  # no look-ups of Google's hosts
]
TEST_ARGS = [*ARGS, "--js-flags=--liftoff-only"]
"""The tests' flags: V8 runs WebAssembly with its baseline compiler only. Each test starts the scoring
engine afresh, and in each V8 spent about 0.9 s of CPU optimising Pyodide's busiest functions, which a
test rarely runs long enough to gain from: about a fifth of a checklist test's CPU (3.6 s against 4.5 s
a load here). The code run is the same; only how fast it runs differs. Benchmarks keep `ARGS`."""
