"""Build step: minify the site's own scripts and stylesheets in the built site, with esbuild.

The copies of ``docs/assets/js/*.js`` (ES modules and the scoring worker) and ``docs/assets/css/*.css``
under the site folder are rewritten in place; the sources in ``docs/`` stay as written. Material's
files and Pyodide's ship minified already and are left alone. Nothing is bundled or renamed and no
syntax is lowered: each file keeps its URL, its imports and exports, and the language level it was
written in, so pages, the modulepreload list and the service worker find the same files.

Runs before the steps that read the finished files: the Content-Security-Policy (hashes of inline
scripts, which this step leaves alone) and the service worker's list of files with their revisions.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"
OWN_FILES = ("assets/js/*.js", "assets/css/*.css")
"""The site's own files, relative to the site folder (docs/assets/ as built)."""


def own_files(site_dir: str | Path) -> list[Path]:
    site = Path(site_dir)
    return sorted(path for pattern in OWN_FILES for path in site.glob(pattern))


def minify_own_files(site_dir: str | Path) -> str:
    """Minify the site's own scripts and stylesheets in place; returns a one-line summary."""
    site = Path(site_dir)
    files = own_files(site)
    if not files:
        return "minify: none of the site's own scripts or stylesheets found"
    if not ESBUILD.exists() or shutil.which("node") is None:
        raise RuntimeError(
            f"esbuild and Node.js are needed to minify the site's scripts and styles: {ESBUILD} "
            "is missing (make install sets it up with npm ci)"
        )
    before = sum(path.stat().st_size for path in files)
    command = [
        str(ESBUILD),
        *(str(path) for path in files),
        "--minify",
        "--charset=utf8",  # keep letters as they are, not \u escapes
        "--legal-comments=none",
        "--log-level=warning",
        f"--outbase={site}",
        f"--outdir={site}",
        "--allow-overwrite",
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"Could not minify the site's scripts and styles:\n{(done.stdout + done.stderr).strip()}")
    after = sum(path.stat().st_size for path in files)
    return f"minified the site's own {len(files)} scripts and stylesheets: {before / 1e3:.1f} -> {after / 1e3:.1f} kB"
