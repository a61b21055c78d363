"""Build step: minify the site's own scripts and stylesheets in the built site, with esbuild.

The copies of ``docs/assets/js/*.js`` (ES modules and the scoring worker) and ``docs/assets/css/*.css``
under the site folder are rewritten in place; the sources in ``docs/`` stay as written. Material's
files and Pyodide's ship minified already and are left alone. No syntax is lowered: each file keeps
the language level it was written in.

The page glue, ``rm-main.js``, is bundled with every module it imports into that one file, and those
modules are then removed from the site: a page fetches, compiles and links one script instead of
eleven. On the behaviours checklist that brought DOMContentLoaded 184 -> 161 ms and the form usable
128 -> 120 ms (9 interleaved loads). The other scripts keep their URLs, imports and exports: the
worker, started by URL, and ``rm-snapshot.js``, which it imports (and the benchmark's bare restore too).

Runs before the steps that read the finished files: the Content-Security-Policy (hashes of inline
scripts, which this step leaves alone) and the service worker's list of files with their revisions.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"
OWN_FILES = ("assets/js/*.js", "assets/css/*.css")
"""The site's own files, relative to the site folder (docs/assets/ as built)."""
GLUE = "assets/js/rm-main.js"
"""The page glue, bundled with the modules it imports (relative to the site folder)."""


def own_files(site_dir: str | Path) -> list[Path]:
    site = Path(site_dir)
    return sorted(path for pattern in OWN_FILES for path in site.glob(pattern))


def minify_own_files(site_dir: str | Path) -> str:
    """Bundle the page glue, then minify the site's own scripts and stylesheets in place; returns a
    one-line summary."""
    site = Path(site_dir).resolve()  # as esbuild names the bundle's inputs
    files = own_files(site)
    if not files:
        return "minify: none of the site's own scripts or stylesheets found"
    if not ESBUILD.exists() or shutil.which("node") is None:
        raise RuntimeError(
            f"esbuild and Node.js are needed to minify the site's scripts and styles: {ESBUILD} "
            "is missing (make install sets it up with npm ci)"
        )
    before = sum(path.stat().st_size for path in files)
    bundled, removed = _bundle_glue(site) if (site / GLUE).exists() else (0, set())
    files = [path for path in files if path not in removed]
    rest = [path for path in files if path != site / GLUE]
    if rest:
        _esbuild(*(str(path) for path in rest), f"--outbase={site}", f"--outdir={site}")
    after = sum(path.stat().st_size for path in files)
    glue = f"; {GLUE.rsplit('/', 1)[1]} bundles {bundled} modules" if bundled else ""
    sizes = f"{before / 1e3:.1f} -> {after / 1e3:.1f} kB"
    return f"minified the site's own {len(files)} scripts and stylesheets: {sizes}{glue}"


def _bundle_glue(site: Path) -> tuple[int, set[Path]]:
    """Bundle the glue and its imports into its own file, and remove the modules it took in but for any
    that another remaining script still imports; returns how many modules the bundle holds, and those
    removed."""
    with tempfile.TemporaryDirectory() as scratch:
        meta = Path(scratch) / "meta.json"
        _esbuild(str(site / GLUE), "--bundle", "--format=esm", f"--outfile={site / GLUE}", f"--metafile={meta}")
        inputs = {(ROOT / name).resolve() for name in json.loads(meta.read_text(encoding="utf-8"))["inputs"]}
    inlined = inputs - {site / GLUE}
    still_imported = {
        (path.parent / name).resolve()
        for path in site.glob("assets/js/*.js")
        if path not in inlined and path != site / GLUE
        for name in re.findall(r'from\s*"\./([\w-]+\.js)"', path.read_text(encoding="utf-8"))
    }
    removed = {path for path in inlined - still_imported if path.is_relative_to(site)}
    for path in removed:
        path.unlink()
    return len(inputs), removed


def _esbuild(*arguments: str) -> None:
    command = [
        str(ESBUILD),
        *arguments,
        "--minify",
        "--charset=utf8",  # keep letters as they are, not \u escapes
        "--legal-comments=none",
        "--log-level=warning",
        "--allow-overwrite",
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"Could not minify the site's scripts and styles:\n{(done.stdout + done.stderr).strip()}")
