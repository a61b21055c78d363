"""How the browser tests start Chromium: Debian's build, with its own background traffic switched off."""

from __future__ import annotations

import shutil
from pathlib import Path

DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
EXECUTABLE = str(DEBIAN_CHROMIUM) if DEBIAN_CHROMIUM.exists() else shutil.which("chromium")
"""Debian's Chromium; None lets Playwright use its own browser where Debian's is absent."""
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
