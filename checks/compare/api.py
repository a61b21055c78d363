"""The worker's comparison actions (registered in `checks.worker_api.ACTIONS`).

Each takes the request's payload and the checklist it names, and returns plain JSON data. The
comparison document the page keeps is read in full on every request (`read_comparison`) and
comes back clean: the page stores what Python returns, never what it made itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from checks.answers import refuse_size
from checks.compare.analysis import compare
from checks.compare.file_list import file_list
from checks.compare.inputs import MAX_FILES_BROWSER, Given, Inputs, Refused, read_files
from checks.compare.record import (
    MAX_COMPARISON_BYTES,
    SAVED_COMPARISON,
    SavedComparison,
    blank_comparison,
    comparison_to_dict,
    read_comparison,
    too_full,
)
from checks.compare.record_form import record_form
from checks.compare.reports import REPORTS, comparison_html, export_name
from checks.errors import ChecklistError, Problem, RequestError
from checks.model import Checklist
from checks.replacing import Work, replacement

MAX_FILES_SHOWN = 50
COMPARISON_WORK = Work(
    "the files and workshop record of this comparison", "Save the comparison first if you want to keep a copy."
)
"""What a saved comparison's file would replace (checks.replacing)."""

# "Try an example" sends the invented partners' files with `example: true`. Mixed into a real comparison they
# would be compared, saved and reported as if partners had sent them, so they go only into an empty one.
_EXAMPLE_NOT_ADDED = (
    "The example goes only into an empty comparison, so that its invented partners are never mixed with yours. "
    "To see it, choose Save the comparison to keep a copy of this one, then Start a new comparison."
)


def compare_actions(checklist_of: Callable, need: Callable, day_of: Callable) -> dict[str, Callable]:
    """The actions, given the worker's own helpers: the request's checklist, a needed key and its date."""

    def saved_of(payload: dict[str, Any]) -> tuple[Checklist, SavedComparison]:
        checklist = checklist_of(payload)
        return checklist, read_comparison(need(payload, "document", dict), checklist)

    def run(payload: dict[str, Any]) -> dict[str, Any]:
        """Add the files given (if any) to the comparison and show it: results, record form, refused files."""
        checklist, saved = saved_of(payload)
        files = payload.get("files", [])
        if not isinstance(files, list) or not all(_is_file(f) for f in files):
            raise RequestError([Problem("files", "expected a list of {name, size, text}")])
        if payload.get("example") is True and saved.responses:
            raise ChecklistError([Problem("", _EXAMPLE_NOT_ADDED)])
        saved, removed = _without(saved, payload.get("remove"))
        before = len(saved.responses)
        inputs = read_files(
            checklist, (Given(f["name"], f["text"], f["size"]) for f in files), saved.responses, MAX_FILES_BROWSER
        )
        inputs = _within_limit(saved, inputs)
        saved = replace(saved, responses=inputs.responses)
        comparison = compare(checklist, inputs, saved.settings, saved.record)
        return {
            "document": comparison_to_dict(saved),
            "html": comparison_html(comparison, need(payload, "base_url", str)),
            "record_html": record_form(comparison),
            "files_html": file_list(comparison),
            "refused": _refused(inputs),
            "status": _status(files, len(inputs.responses) - before, len(inputs.responses), removed),
            "empty": len(inputs.responses) < 2,
        }

    def load(payload: dict[str, Any]) -> dict[str, Any]:
        """A saved comparison from a file, checked in full before the page keeps it. The page sends the
        file's size, and its text only when a comparison may be that large: a larger file is refused unread."""
        checklist = checklist_of(payload)
        name = need(payload, "filename", str)
        refuse_size(need(payload, "size", int), MAX_COMPARISON_BYTES, SAVED_COMPARISON)
        reply = replacement(
            need(payload, "text", str),
            payload.get("document"),
            lambda document: comparison_to_dict(read_comparison(document, checklist)),
            blank_comparison(checklist),
            COMPARISON_WORK.file(name, f"{name} was not opened, and your comparison was not changed."),
        )
        return {**reply, "status": f"The comparison in {name} was opened."}

    def export(payload: dict[str, Any]) -> dict[str, Any]:
        checklist, saved = saved_of(payload)
        file = REPORTS["json"].file(checklist, saved, day_of(payload), "")
        return {"file": file.to_dict(), "status": f"The comparison was downloaded as {file.name}."}

    def report(payload: dict[str, Any]) -> dict[str, Any]:
        checklist, saved = saved_of(payload)
        kind = REPORTS.get(need(payload, "format", str))
        if kind is None or kind.extension == "json":
            raise RequestError([Problem("format", f"expected one of: {', '.join(REPORTS)}")])
        file = kind.file(checklist, saved, day_of(payload), need(payload, "base_url", str))
        return {"file": file.to_dict(), "status": f"The report was downloaded as {file.name}."}

    return {"compare": run, "compare_open": load, "compare_export": export, "compare_report": report}


def _worker_actions() -> dict[str, Callable]:
    # checks.worker_api's helpers; imported here, as it imports this module on the first comparison action
    from checks.worker_api import _checklist, _day, _need

    return compare_actions(_checklist, _need, _day)


ACTIONS = _worker_actions()
"""The comparison's actions, added to checks.worker_api.ACTIONS on the first of them."""


def _without(saved: SavedComparison, remove: Any) -> tuple[SavedComparison, str]:
    """The comparison without the file numbered `remove` (from 0; None for none), and that file's name."""
    if remove is None:
        return saved, ""
    if not isinstance(remove, int) or isinstance(remove, bool) or not 0 <= remove < len(saved.responses):
        count = len(saved.responses)
        raise RequestError([Problem("remove", f"expected the number of one of the {count} files, from 0")])
    kept = saved.responses[:remove] + saved.responses[remove + 1 :]
    return replace(saved, responses=kept), saved.responses[remove].name


def _within_limit(saved: SavedComparison, inputs: Inputs) -> Inputs:
    """`inputs`, or, when the files they add would make a comparison too large to open again, none of
    them added: each refused with the reason (and the notices about them dropped)."""
    added = inputs.responses[len(saved.responses) :]
    reason = too_full(replace(saved, responses=inputs.responses)) if added else None
    if reason is None:
        return inputs
    return Inputs(saved.responses, inputs.refused + tuple(Refused(r.name, (reason,)) for r in added))


def _is_file(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("name"), str)
        and isinstance(value.get("text"), str)
        and isinstance(value.get("size"), int)
    )


def _refused(inputs: Inputs) -> dict[str, Any] | None:
    """The refused files as a title and one reason a line, for the page's notice box."""
    if not inputs.refused:
        return None
    count = len(inputs.refused)
    lines = [f"{r.name}: {' '.join(r.reasons)}" for r in inputs.refused[:MAX_FILES_SHOWN]]
    if count > MAX_FILES_SHOWN:
        lines.append(f"... and {count - MAX_FILES_SHOWN} more.")
    title = f"{count} file{'s were' if count != 1 else ' was'} not compared. The other files are still compared."
    return {"title": title, "reasons": lines}


def _status(files: list, added: int, total: int, removed: str) -> str:
    """What the status line says of the files added or removed (nothing when neither). A file refused, or
    holding answers the comparison has already (said in the notices), is not counted as added."""
    if removed:
        return f"{removed} was removed; {total} file{'s' if total != 1 else ''} in the comparison."
    if not files:
        return ""
    given = len(files)
    return f"{added} of {given} file{'s' if given != 1 else ''} added; {total} in the comparison."


__all__ = ["compare_actions", "date", "export_name"]
