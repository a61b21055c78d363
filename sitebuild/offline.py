"""Build step: write the offline service worker from the finished site (run after every other step).

The worker (sw-template.js, hand-written) precaches every file the site serves; this step lists
them with a content revision each and puts that list into the template.
"""

from __future__ import annotations

import hashlib
import json
from fnmatch import fnmatch
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "sw-template.js"
PLACEHOLDER = "self.__PRECACHE_MANIFEST"
# Never requested by this site: the worker itself, the sitemaps, source maps, and the search
# language packs of languages other than English.
NOT_CACHED = ("sw.js", "sitemap.xml", "sitemap.xml.gz", "*.map", "assets/javascripts/lunr/*")


def precache_manifest(site_dir: str | Path) -> list[dict[str, str]]:
    """Every file of the built site to cache, as ``{"url", "revision"}`` with URLs relative to the site root."""
    site = Path(site_dir)
    entries = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        url = path.relative_to(site).as_posix()
        if not any(fnmatch(url, pattern) for pattern in NOT_CACHED):
            entries.append({"url": url, "revision": hashlib.sha256(path.read_bytes()).hexdigest()[:32]})
    return entries


def write_service_worker(site_dir: str | Path) -> str:
    """Write ``site_dir/sw.js``; returns a one-line summary."""
    site = Path(site_dir)
    template = TEMPLATE.read_text(encoding="utf-8")
    if template.count(PLACEHOLDER) != 1:
        raise RuntimeError(f"{TEMPLATE.name} must use {PLACEHOLDER} exactly once")
    manifest = precache_manifest(site)
    (site / "sw.js").write_text(template.replace(PLACEHOLDER, json.dumps(manifest)), encoding="utf-8")
    size = sum((site / entry["url"]).stat().st_size for entry in manifest)
    return f"sw.js precaches {len(manifest)} files, {size / 1e6:.1f} MB"
