"""The offline service worker the build writes: it precaches every file the site needs, by content."""

from __future__ import annotations

import hashlib
import json
import re


def manifest(site) -> list[dict]:
    match = re.search(r"^const MANIFEST = (\[.*\]);$", (site / "sw.js").read_text(encoding="utf-8"), re.M)
    assert match, "sw.js has no precache manifest"
    return json.loads(match.group(1))


def test_every_file_the_site_serves_is_precached_with_its_content_revision(site):
    entries = {entry["url"]: entry["revision"] for entry in manifest(site)}
    files = {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}
    needed = {
        url
        for url in files
        if url not in ("sw.js", "sitemap.xml.gz")
        and not url.endswith(".map")
        and not url.startswith("assets/javascripts/lunr/")
    }
    assert set(entries) == needed
    for url in ("index.html", "sitemap.xml", "search/search_index.json", "assets/pyodide/pyodide.asm.wasm"):
        assert url in entries
    for url, revision in entries.items():
        assert revision == hashlib.sha256(files[url].read_bytes()).hexdigest()[:32], url
