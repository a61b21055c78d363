"""Build step: write the offline service worker from the finished site (run after every other step)."""

from __future__ import annotations

from pathlib import Path

from macros.node import run_node


def write_service_worker(site_dir: str | Path) -> str:
    """Run workbox-build over the built site; returns its one-line summary."""
    return run_node("build-sw.mjs", site_dir, purpose="write the service worker")
