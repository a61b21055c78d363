"""Build step: write the offline service worker from the finished site (run after every other step).

The worker (sw-template.js, hand-written) keeps every file the site serves for offline use; this
step lists them with a content revision, a size and a group each and puts that list into the
template. The "site" group (pages, search index, styles, scripts) is copied on any first visit;
the "engine" group (Pyodide, the checks wheel, the snapshot: most of the bytes) only once the
reader opens a tool that needs it or asks for the whole site offline. Most readers arrive on one
guidance page and never score anything.
"""

from __future__ import annotations

import hashlib
import json
from fnmatch import fnmatch
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "sw-template.js"
PLACEHOLDER = "self.__PRECACHE_MANIFEST"
# Never requested by this site: the worker itself, the compressed sitemap, source maps, and the
# search language packs of languages other than English. (Material's instant navigation requests
# sitemap.xml to tell the site's own links from others, so that one is kept.) Nor kept: what the
# scoring worker fetches only when it cannot start from its snapshot (the full standard library and
# the checks wheel, 3.8 MB): a browser that restores the snapshot once restores it offline too.
NOT_CACHED = (
    "sw.js",
    "sitemap.xml.gz",
    "*.map",
    "assets/javascripts/lunr/*",
    "assets/pyodide/python_stdlib_full.zip",
    "assets/pyodide/*.whl",
)
ENGINE = "assets/pyodide/*"


def group(url: str) -> str:
    """Which part of the offline copy a file belongs to: "engine" or "site"."""
    return "engine" if fnmatch(url, ENGINE) else "site"


def precache_manifest(site_dir: str | Path) -> list[dict[str, str]]:
    """Every file of the built site to cache, as ``{"url", "revision", "size", "group"}`` with URLs
    relative to the site root."""
    site = Path(site_dir)
    entries = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        url = path.relative_to(site).as_posix()
        if not any(fnmatch(url, pattern) for pattern in NOT_CACHED):
            data = path.read_bytes()
            revision = hashlib.sha256(data).hexdigest()[:32]
            entries.append({"url": url, "revision": revision, "size": len(data), "group": group(url)})
    return entries


SIZES = "assets/pyodide/sizes.json"


def write_engine_sizes(site_dir: str | Path) -> None:
    """Write the size of each engine file as JSON (``{"pyodide.asm.wasm": 9598218, ...}``): the scoring
    worker reads it to show how much of its first download has arrived (docs/assets/js/rm-worker.js)."""
    engine = Path(site_dir) / SIZES
    if not engine.parent.is_dir():
        return
    sizes = {p.name: p.stat().st_size for p in sorted(engine.parent.iterdir()) if p.is_file() and p != engine}
    engine.write_text(json.dumps(sizes, separators=(",", ":")), encoding="utf-8")


def write_service_worker(site_dir: str | Path) -> str:
    """Write ``site_dir/sw.js`` (and the engine's sizes, which it keeps too); returns a one-line summary."""
    site = Path(site_dir)
    write_engine_sizes(site)
    template = TEMPLATE.read_text(encoding="utf-8")
    if template.count(PLACEHOLDER) != 1:
        raise RuntimeError(f"{TEMPLATE.name} must use {PLACEHOLDER} exactly once")
    manifest = precache_manifest(site)
    (site / "sw.js").write_text(template.replace(PLACEHOLDER, json.dumps(manifest)), encoding="utf-8")
    sizes = {name: sum(e["size"] for e in manifest if e["group"] == name) for name in ("site", "engine")}
    count = sum(e["group"] == "site" for e in manifest)
    return (
        f"sw.js keeps {count} files, {sizes['site'] / 1e6:.1f} MB, on a first visit, and "
        f"{len(manifest) - count} more, {sizes['engine'] / 1e6:.1f} MB, once the engine is used"
    )
