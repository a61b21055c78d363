"""Build step: write the offline service worker from the finished site (run after every other step)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def write_service_worker(site_dir: str | Path) -> str:
    """Run workbox-build over the built site; returns its one-line summary."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("Node.js is needed to write the service worker (make install sets it up).")
    done = subprocess.run(
        [node, str(ROOT / "macros" / "build-sw.mjs"), str(site_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise RuntimeError(f"writing the service worker failed:\n{done.stdout}{done.stderr}")
    return done.stdout.strip()
