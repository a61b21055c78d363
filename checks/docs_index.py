"""Which docs pages and heading anchors exist, so definitions can be checked against the site."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*$")
EXPLICIT_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")


def slugify(text: str) -> str:
    """The anchor Python-Markdown's toc extension gives a heading that has no explicit id."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def anchors_in(markdown: str) -> set[str]:
    """The anchors of every heading in a Markdown page, skipping fenced code."""
    anchors, fenced = set(), False
    for line in markdown.splitlines():
        if FENCE.match(line):
            fenced = not fenced
            continue
        match = None if fenced else HEADING.match(line)
        if match:
            explicit = EXPLICIT_ID.search(match.group(1))
            anchors.add(explicit.group(1) if explicit else slugify(match.group(1)))
    return anchors


def load_docs_index(docs_dir: str | Path) -> dict[str, set[str]]:
    """Map each Markdown page under `docs_dir` (as ``folder/page.md``) to its heading anchors."""
    docs_dir = Path(docs_dir)
    return {
        path.relative_to(docs_dir).as_posix(): anchors_in(path.read_text(encoding="utf-8"))
        for path in sorted(docs_dir.rglob("*.md"))
    }
