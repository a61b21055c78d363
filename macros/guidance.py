"""Page macros for the guidance: citations and links to the checklists.

The bibliography (docs/_data/sources.yml) is checked when it is read: every
problem is collected and the build fails with the file, the entry and the key.
Citations are Markdown list items; a source's public address is a plain link
(`<a href>`), which is navigation, never something the page loads.
"""

from __future__ import annotations

import posixpath
import re
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
SOURCES_FILE = ROOT / "docs" / "_data" / "sources.yml"
DOCS_DIR = ROOT / "docs"
NO_ADDRESS = "none found"
FIELDS = {
    "cite": "the full citation, in Markdown",
    "note": "optional: one line on what the source offers, shown on the Sources page",
    "doi": "a DOI such as 10.1093/jopart/mum032 (linked through https://doi.org/)",
    "url": "an https address checked against a published record (legislation.gov.uk, the publisher)",
    "address": f"'{NO_ADDRESS}' when the source has no stable public address",
}
ADDRESS_FIELDS = ("doi", "url", "address")
DOI = re.compile(r"10\.\d{4,9}/\S+")
CITED = re.compile(r"(?<![\w.])sources\(([^)]*)\)")
KEY = re.compile(r"""["']([^"']+)["']""")


class BibliographyError(PluginError):
    """Raised when docs/_data/sources.yml has entries with missing, unknown or malformed keys."""


def entry_problems(key: str, entry: object) -> list[str]:
    """What is wrong with one bibliography entry, each as 'key.field: message'."""
    if not isinstance(entry, dict):
        return [f"{key}: expected a mapping of {', '.join(FIELDS)}, got {entry!r}"]
    expected = ", ".join(FIELDS)
    problems = [f"{key}.{name}: unknown key (expected one of: {expected})" for name in entry if name not in FIELDS]
    for name in ("cite", "note", *ADDRESS_FIELDS):
        if name in entry and (not isinstance(entry[name], str) or not entry[name].strip()):
            problems.append(f"{key}.{name}: expected text, got {entry[name]!r}")
    if "cite" not in entry:
        problems.append(f"{key}.cite: missing (the full citation)")
    given = [name for name in ADDRESS_FIELDS if name in entry]
    if len(given) != 1:
        found = f"got {', '.join(given)}" if given else "got none"
        problems.append(f"{key}: give exactly one of doi, url or address: '{NO_ADDRESS}' ({found})")
    value = entry.get("doi")
    if isinstance(value, str) and not DOI.fullmatch(value):
        problems.append(f"{key}.doi: expected a DOI like 10.1093/jopart/mum032, got {value!r}")
    value = entry.get("url")
    if isinstance(value, str):
        parts = urlsplit(value)
        if parts.scheme != "https" or not parts.netloc or any(c.isspace() for c in value):
            problems.append(f"{key}.url: expected an https:// address, got {value!r}")
    value = entry.get("address")
    if isinstance(value, str) and value != NO_ADDRESS:
        problems.append(f"{key}.address: the only value is '{NO_ADDRESS}'; give a doi or url instead of {value!r}")
    return problems


def check_sources(data: object, path: Path = SOURCES_FILE) -> dict[str, dict]:
    """The bibliography, or a BibliographyError naming the file, entry and key of every problem."""
    if not isinstance(data, dict) or not data:
        raise BibliographyError(f"{path.name}: expected a mapping of citation keys to entries, got {data!r}")
    problems = [problem for key, entry in data.items() for problem in entry_problems(str(key), entry)]
    if problems:
        where = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)
        raise BibliographyError("Invalid bibliography:\n" + "\n".join(f"{where}: {p}" for p in problems))
    return data


def load_sources(path: Path = SOURCES_FILE) -> dict[str, dict]:
    """Read and check the site's one bibliography, keyed by citation key."""
    with path.open(encoding="utf-8") as handle:
        return check_sources(yaml.safe_load(handle), path)


def address(entry: dict) -> str | None:
    """The source's public address (a DOI resolves through doi.org), or None when it has none."""
    if "doi" in entry:
        return "https://doi.org/" + entry["doi"]
    return entry.get("url")


def link(entry: dict) -> str:
    """A plain link to the source's public address, or a sentence saying it has none."""
    target = address(entry)
    if target is None:
        return "No stable public address found."
    return f'<a href="{escape(target)}">{escape(target)}</a>'


def citation(entry: dict) -> str:
    return f"{entry['cite']} {link(entry)}"


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
    return "\n".join(f"{number}. {citation(bibliography[key])}" for number, key in enumerate(keys, 1)) + "\n"


def cited_keys(docs_dir: Path = DOCS_DIR) -> set[str]:
    """Every key a page names in {{ sources(...) }}."""
    found = set()
    for page in docs_dir.rglob("*.md"):
        for call in CITED.findall(page.read_text(encoding="utf-8")):
            found.update(KEY.findall(call))
    return found


def all_sources_list(bibliography: dict[str, dict], cited: set[str] | None = None) -> str:
    """Every source a page cites, with its note where it has one; an uncited entry is left out."""
    cited = cited_keys() if cited is None else cited
    lines = []
    for key, entry in bibliography.items():
        if key not in cited:
            continue
        note = f" {entry['note']}" if entry.get("note") else ""
        lines.append(f"- {citation(entry)}{note}")
    return "\n".join(lines) + "\n"
