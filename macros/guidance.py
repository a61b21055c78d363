"""Page macros for the guidance: citations and links to the checklists.

Each macro returns Markdown, so MkDocs still checks every link it produces.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

import yaml

SOURCES_FILE = Path(__file__).resolve().parent.parent / "docs" / "_data" / "sources.yml"


def load_sources(path: Path = SOURCES_FILE) -> dict[str, dict]:
    """Read the site's one bibliography, keyed by citation key."""
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def relative_link(from_page: str, target: str) -> str:
    """A Markdown link target from one docs page to another (both docs-relative)."""
    return posixpath.relpath(target, posixpath.dirname(from_page) or ".")


def sources_list(bibliography: dict[str, dict], keys: tuple[str, ...], page: str) -> str:
    """The numbered list of full citations for the given keys; unknown keys fail the build."""
    unknown = [key for key in keys if key not in bibliography]
    if unknown:
        raise KeyError(f"{page}: sources(): no source called {', '.join(map(repr, unknown))} in {SOURCES_FILE.name}")
    if not keys:
        raise ValueError(f"{page}: sources(): name at least one source")
    return "\n".join(f"{number}. {bibliography[key]['cite']}" for number, key in enumerate(keys, 1)) + "\n"


def all_sources_list(bibliography: dict[str, dict]) -> str:
    """Every source in the bibliography, with its note where it has one."""
    lines = []
    for entry in bibliography.values():
        note = f" {entry['note']}" if entry.get("note") else ""
        lines.append(f"- {entry['cite']}{note}")
    return "\n".join(lines) + "\n"
