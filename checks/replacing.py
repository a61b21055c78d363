"""Asking before a file or an example replaces the reader's work.

Importing answers, a register or a draft, opening a saved comparison, or starting a draft from an example,
puts a new document in place of the one this browser keeps. When that one holds work of the reader's (it
is neither blank nor the new document, save times aside), the worker's reply carries a question for the
page to ask first, and what to say if the reader keeps their own: ``{"question", "declined"}`` under
``confirm`` (None when nothing would be lost).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from checks.errors import ChecklistError


@dataclass(frozen=True)
class Work:
    """A tool's words for the reader's work that a new document would replace."""

    what: str
    """What it is, e.g. "your answers and notes"."""
    keep: str
    """How to keep a copy first, e.g. "Export yours first if you want to keep a copy."."""

    def question(self, source: str, declined: str) -> dict[str, str]:
        """Replace the work with `source` (the example "X", say)? `declined` is the status when the reader
        says no."""
        return {"question": f"Replace {self.what} with {source}? {self.keep}", "declined": declined}

    def file(self, name: str, declined: str) -> dict[str, str]:
        """The question before what is in the file `name` replaces the work."""
        return self.question(f"what is in {name}", declined)


def replacement(
    incoming: Any, current: Any, read: Callable[[Any], dict[str, Any]], blank: dict[str, Any], asked: dict[str, str]
) -> dict[str, Any]:
    """A tool's reply when `incoming` (a file's text, or a document) would replace `current` (the document
    the page keeps; None when it sent none): `incoming` as `read` reads it in full (plain data, in the
    newest format), and `asked` (see Work) as what to ask first, or None when nothing would be lost.

    The kept document is read by `read` too, so two that differ only in how they were written count as
    the same. One that cannot be read counts as work: it is still the reader's, and a newer site may read it."""
    document = read(incoming)
    return {"document": document, "confirm": None if _nothing_lost(current, document, blank, read) else asked}


def _nothing_lost(current: Any, incoming: dict[str, Any], blank: dict[str, Any], read: Callable) -> bool:
    if current is None:
        return True
    try:
        kept = _timeless(read(current))
    except ChecklistError:
        return False
    return kept in (_timeless(read(blank)), _timeless(incoming))


def _timeless(document: dict[str, Any]) -> str:
    return json.dumps({**document, "saved_at": ""}, sort_keys=True, ensure_ascii=False)
