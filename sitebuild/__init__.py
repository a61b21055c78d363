"""The steps that run after the site generator has written the site: ship the Python runtime
(Pyodide, the `checks` wheel, bytecode, the memory snapshot), add the Content-Security-Policy,
then write the offline service worker over it all.

Run it as ``python -m sitebuild SITE_DIR`` after any generator; with MkDocs, `mkdocs_hook.py`
runs it after every build (``mkdocs build`` and ``mkdocs serve``). Nothing here imports MkDocs.
"""

from __future__ import annotations

from pathlib import Path

from sitebuild import csp, minify, offline, runtime


def run(site_dir: str | Path) -> list[str]:
    """Every step, in order, on a freshly generated site; returns a one-line summary of each."""
    summaries = [runtime.ship_runtime(site_dir)]
    summaries.append(minify.minify_own_files(site_dir))  # before the steps that hash or list files
    csp.apply_csp(site_dir)
    summaries.append(offline.write_service_worker(site_dir))
    return summaries


__all__ = ["run"]
