"""Build a `Checklist` from plain data, checking everything and reporting every problem with its path.

What each kind of definition may hold is declared in checks.specs; this module picks the kind
and reads the definition with the one reader.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from checks.errors import DefinitionError
from checks.loader import load_definition
from checks.model import Checklist
from checks.reader import Reader, describe
from checks.specs import ASSESSMENT, KINDS

DEFINITIONS_DIR = Path(__file__).resolve().parent / "definitions"


def checklist_from_mapping(data: Any, source: str = "", docs: dict[str, set[str]] | None = None) -> Checklist:
    """The checklist a definition describes, read by the spec of its kind, or `DefinitionError`
    listing every problem.

    `docs` maps each docs page (e.g. ``behaviours/leadership.md``) to its anchors; when
    given, every guidance link must point at an existing page and anchor.
    """
    reader = Reader(docs)
    kind = data.get("kind", "assessment") if isinstance(data, dict) else None
    spec = KINDS.get(kind, ASSESSMENT) if isinstance(kind, str) else ASSESSMENT  # a bad kind is reported once, below
    checklist = reader.read(data, "", spec, _foreign(spec))
    if reader.problems or checklist is None:
        raise DefinitionError(reader.problems, source)
    return replace(checklist, source=source)


def _foreign(spec) -> dict[str, str]:
    """Keys that only other kinds have, each with a message that says so."""
    owners: dict[str, list[str]] = {}
    for kind, other in KINDS.items():
        for name in other.names():
            if name not in spec.names():
                owners.setdefault(name, []).append(repr(kind))
    return {name: f"only a checklist of kind {' or '.join(kinds)} has {name}" for name, kinds in owners.items()}


def load_checklist(path: str | Path, docs: dict[str, set[str]] | None = None, source: str = "") -> Checklist:
    """Read and validate one YAML definition file (CPython only: it needs PyYAML)."""
    source = source or str(path)
    return checklist_from_mapping(load_definition(path, source), source, docs)


def definition_files(directory: Path = DEFINITIONS_DIR) -> list[Path]:
    """Every checklist definition in a folder, in name order."""
    return sorted(directory.glob("*.yml"))


__all__ = ["checklist_from_mapping", "definition_files", "describe", "load_checklist", "load_definition"]
