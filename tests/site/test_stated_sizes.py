"""The About pages tell readers how much the offline copy and the scoring engine weigh. Those
figures are written by hand, so they are checked here against the build: every "N MB" they state
must be a size the build really has, rounded to the nearest whole MB ("under 1 MB" for less)."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from sitepages import parse

PAGES = ["about/index.html", "about/privacy/index.html", "about/accessibility/index.html"]
SENT_AS_IS = (".zip", ".gz", ".whl", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".woff", ".woff2", ".ico")
"""Files GitHub Pages sends uncompressed (already compressed); it gzips the rest (HTML, CSS,
JavaScript, JSON, WebAssembly, SVG)."""
FIGURE = re.compile(r"(under |about )?(\d+(?:\.\d+)?) ?MB")
ANSWERS_FILE_LIMIT_MB = 1
"""The largest answers file the tools accept (checks.answers), which the pages may also mention."""


def measured(site: Path) -> dict[str, float]:
    """The offline copy's two parts ("site", "engine"), in MB as stored and as sent compressed."""
    text = (site / "sw.js").read_text(encoding="utf-8")
    manifest = json.loads(re.search(r"^const MANIFEST = (\[.*\]);$", text, re.M).group(1))
    sizes: dict[str, float] = {}
    for group in ("site", "engine"):
        entries = [entry for entry in manifest if entry["group"] == group]
        stored = sum(entry["size"] for entry in entries)
        sent = 0
        for entry in entries:
            data = (site / entry["url"]).read_bytes()
            sent += len(data) if entry["url"].endswith(SENT_AS_IS) else len(gzip.compress(data, compresslevel=6))
        sizes[f"{group}, stored"] = stored / 1e6
        sizes[f"{group}, sent compressed"] = sent / 1e6
    return sizes


def true_to(stated: str, megabytes: float, qualifier: str | None) -> bool:
    if qualifier == "under ":
        return megabytes < float(stated)
    return round(megabytes) == float(stated) or (megabytes < 1 and float(stated) == 1)


@pytest.mark.parametrize("page", PAGES)
def test_every_size_an_about_page_states_is_one_the_build_measured(site, page):
    sizes = measured(site)
    text = re.sub(r"\s+", " ", " ".join(parse(site / page).article_text))
    figures = list(FIGURE.finditer(text))
    assert figures, f"{page} states no size"
    for figure in figures:
        qualifier, stated = figure.group(1), figure.group(2)
        context = text[max(0, figure.start() - 80) : figure.end() + 40]
        if float(stated) == ANSWERS_FILE_LIMIT_MB and "answers file" in context:
            continue
        assert any(true_to(stated, mb, qualifier) for mb in sizes.values()), (
            f"{page} says {figure.group(0)!r} ({context!r}), but the build measured "
            + ", ".join(f"{name} {mb:.1f} MB" for name, mb in sizes.items())
        )


def test_the_pages_state_the_engines_download_size(site):
    sent = round(measured(site)["engine, sent compressed"])
    for page in PAGES:
        text = " ".join(parse(site / page).article_text)
        assert re.search(rf"\b{sent} ?MB", text), f"{page} does not give the engine's download size, {sent} MB"
