"""Asking before a file replaces the reader's work.

Importing answers, a register or a draft, or opening a saved comparison, puts the file's document in
place of the one this browser keeps. When that one holds work of the reader's (it is neither blank nor
what the file holds, save times aside), the worker's reply carries a question for the page to ask first,
and what to say if the reader keeps their own: ``{"question", "declined"}`` under ``confirm``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from checks.errors import ChecklistError


def confirmation(
    current: Any, incoming: dict[str, Any], blank: dict[str, Any], clean: Callable[[Any], Any], words: dict[str, str]
) -> dict[str, str] | None:
    """What to ask before `incoming` replaces `current` (the document the page keeps; None when it sent
    none), or None when nothing would be lost. `clean` reads a document as its tool's reader does and
    returns it as plain data, so two that differ only in how they were written count as the same. A kept
    document that cannot be read counts as work: it is still the reader's, and a newer site may read it.

    `words` are the tool's (see `asking`): the question, and the status when the reader keeps their own."""
    if current is None:
        return None
    try:
        kept = _timeless(clean(current))
    except ChecklistError:
        kept = None
    return None if kept in (_timeless(clean(blank)), _timeless(incoming)) else words


def replacement(payload: dict[str, Any], clean: Callable[[Any], Any], blank: dict[str, Any], words: dict) -> dict:
    """A tool's reply to a file (the payload's `text`, already checked to be text) that would replace the
    page's document (its `document`): the file's, read in full by `clean`, and what to ask first."""
    document = clean(payload["text"])
    return {"document": document, "confirm": confirmation(payload.get("document"), document, blank, clean, words)}


def asking(replaces: str, source: str, keep: str, declined: str) -> dict[str, str]:
    """A tool's words for `confirmation`: replace `replaces` (the reader's work) with `source` (what is in
    a file, say)? `keep` says how to keep a copy first; `declined` is the status when the reader says no."""
    return {"question": f"Replace {replaces} with {source}? {keep}", "declined": declined}


def _timeless(document: dict[str, Any]) -> str:
    return json.dumps({**document, "saved_at": ""}, sort_keys=True, ensure_ascii=False)
