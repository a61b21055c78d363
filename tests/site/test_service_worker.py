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
        # fetched only by a worker that cannot start from its snapshot: not kept offline
        and url != "assets/pyodide/python_stdlib_full.zip"
        and not url.endswith(".whl")
    }
    assert set(entries) == needed
    for url in ("index.html", "sitemap.xml", "search/search_index.json", "assets/pyodide/pyodide.asm.wasm"):
        assert url in entries
    for url, revision in entries.items():
        assert revision == hashlib.sha256(files[url].read_bytes()).hexdigest()[:32], url


def test_the_engine_sizes_the_worker_reads_match_the_engine_files(site):
    engine = site / "assets" / "pyodide"
    sizes = json.loads((engine / "sizes.json").read_text(encoding="utf-8"))
    files = {p.name: p.stat().st_size for p in engine.iterdir() if p.name != "sizes.json"}
    assert sizes == files
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "snapshot.bin.gz"):
        assert name in sizes, name  # the files rm-worker.js counts (ENGINE_FILES)


def test_every_page_carries_the_update_notice_from_python(site):
    from checks.offline import update_notice

    for page in site.rglob("*.html"):
        assert page.read_text(encoding="utf-8").count(update_notice()) == 1, page


# A string literal that reads as a sentence or a label ("Reload to update"): a capital, then two words or more.
SENTENCE = re.compile(r"""(["'`])([A-Z][a-z']*(?: [a-z',.]+){2,}[^"'`]*)\1""")


def test_the_page_scripts_hold_no_reader_facing_sentence():
    """Every sentence a reader sees comes from Python (checks); the scripts only move it."""
    from pathlib import Path

    scripts = Path(__file__).resolve().parents[2] / "docs" / "assets" / "js"
    found = {}
    for script in sorted(scripts.glob("*.js")):
        code = re.sub(r"/\*.*?\*/", "", script.read_text(encoding="utf-8"), flags=re.S)
        code = re.sub(r"(^|\s)//[^\n]*", "", code)
        found.update({f"{script.name}: {m.group(2)}": True for m in SENTENCE.finditer(code)})
    assert list(found) == []
