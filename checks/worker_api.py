"""The browser worker's one entry point: an action and JSON text in, JSON text out.

Every reply is ``{"result": ...}`` or ``{"error": {"message": ..., "problems": [{"path", "message"}]}}``,
plain JSON that the worker posts back with the request's id. Bad input of any kind (an unknown
action, a missing or wrong key, a refused definition or answers file) is an error reply, never an
exception; only a bug in `checks` raises. Each action calls the same public functions the tests
and the command line use.

Every payload names its checklist (``checklist``, ``version``). The page sends the definition
(``definition``) with its first request only: it is validated once and kept, by id and version,
for as long as the worker runs, so a click costs no re-validation.

The other tools' actions are named after their tool (``compare_report``, ``register_check``,
``agreement_preview``) and live in its package, imported on the tool's first action: the memory
snapshot the browser worker starts from (sitebuild/snapshot-python.mjs) then holds only what a
checklist needs, and is smaller to download.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import Any

from checks.answers import answers_to_dict, blank_document, new_answers, read_answers, refuse_size
from checks.definitions import checklist_from_mapping
from checks.errors import ChecklistError, Problem, RequestError
from checks.files import REPORTS, export_file, report_file
from checks.html_report import answers_html, to_html
from checks.model import Checklist
from checks.reader import describe
from checks.replacing import replacement
from checks.scoring import score
from checks.wording import ANSWERS_WORK, exported, imported, not_imported, refused, report_downloaded

_checklists: dict[tuple[str, int], Checklist] = {}
"""The checklists this worker has been sent, validated, by (id, version)."""


def handle(action: str, payload_json: str) -> str:
    """Run one action; see the module's docstring for the replies."""
    payload: Any = None
    try:
        payload = _payload(payload_json)
        run = _action(action)
        if run is None:
            raise RequestError([Problem("action", f"no action called {describe(action)}")])
        return _json({"result": run(payload)})
    except ChecklistError as error:
        problems = [{"path": p.path, "message": p.message} for p in error.problems]
        return _json({"error": {"message": refused(action, payload, error), "problems": problems}})


def _json(reply: dict[str, Any]) -> str:
    return json.dumps(reply, ensure_ascii=False)


def _payload(payload_json: str) -> dict[str, Any]:
    try:
        payload = json.loads(payload_json)
    except (TypeError, ValueError, RecursionError):
        raise RequestError([Problem("", "the request is not JSON text")]) from None
    if not isinstance(payload, dict):
        raise RequestError([Problem("", f"expected a mapping, got {describe(payload)}")])
    return payload


def _need(payload: dict[str, Any], key: str, kind: type) -> Any:
    """payload[key], which must be of `kind`; `RequestError` naming the key otherwise."""
    if key not in payload:
        raise RequestError([Problem(key, "this key is required")])
    value = payload[key]
    if not isinstance(value, kind) or isinstance(value, bool):
        raise RequestError([Problem(key, f"expected {_KINDS[kind]}, got {describe(value)}")])
    return value


_KINDS = {str: "text", int: "a whole number", dict: "a mapping"}


def _checklist(payload: dict[str, Any]) -> Checklist:
    """The checklist the request names: kept from an earlier request, or validated from this one's definition."""
    key = (_need(payload, "checklist", str), _need(payload, "version", int))
    if key not in _checklists:
        if "definition" not in payload:
            raise RequestError([Problem("definition", f"checklist {key[0]!r} version {key[1]} has not been sent yet")])
        checklist = checklist_from_mapping(payload["definition"])
        if (checklist.id, checklist.version) != key:
            found = f"{checklist.id!r} version {checklist.version}"
            raise RequestError([Problem("definition", f"the definition is {found}, not the one the request names")])
        _checklists[key] = checklist
    return _checklists[key]


def _day(payload: dict[str, Any]) -> date:
    """The page's date (Python never reads the clock): it goes into file names."""
    try:
        return date.fromisoformat(_need(payload, "today", str))
    except ValueError:
        message = f"expected a date like 2026-12-01, got {describe(payload['today'])}"
        raise RequestError([Problem("today", message)]) from None


def _score(payload: dict[str, Any]) -> dict[str, Any]:
    """Score a saved document: the results panel's HTML and the answers as printed after it (the page
    shows nothing else, so nothing else is sent)."""
    checklist = _checklist(payload)
    saved = read_answers(_need(payload, "document", dict), checklist)
    result = score(checklist, saved)
    return {"html": to_html(result, _need(payload, "base_url", str)), "answers": answers_html(result, saved.notes)}


def _import(payload: dict[str, Any]) -> dict[str, Any]:
    """Check a file before anything is saved; the clean document (in the newest format) comes back to be stored.

    The page reads no more of a file than an answers file can hold and sends its real ``size``.
    """
    checklist = _checklist(payload)
    name = _need(payload, "filename", str)
    refuse_size(_need(payload, "size", int))
    reply = replacement(
        _need(payload, "text", str),
        payload.get("document"),
        lambda document: answers_to_dict(read_answers(document, checklist)),
        blank_document(checklist),
        ANSWERS_WORK.file(name, not_imported(name)),
    )
    return {**reply, "status": imported(name)}


def _export(payload: dict[str, Any]) -> dict[str, Any]:
    """The saved document as a file to download, named for the checklist, the organisation and the day."""
    checklist = _checklist(payload)
    file = export_file(read_answers(_need(payload, "document", dict), checklist), _day(payload))
    return {"file": file.to_dict(), "status": exported(file.name)}


def _report(payload: dict[str, Any]) -> dict[str, Any]:
    """A report of the saved document, in one of `checks.files.REPORTS` (Word comes back as base64), named
    for the checklist, the organisation and the day."""
    checklist = _checklist(payload)
    report = REPORTS.get(_need(payload, "format", str))
    if report is None:
        raise RequestError([Problem("format", f"expected one of: {', '.join(REPORTS)}, got {payload['format']!r}")])
    saved = read_answers(_need(payload, "document", dict), checklist)
    file = report_file(saved, score(checklist, saved), report, _need(payload, "base_url", str), _day(payload))
    return {"file": file.to_dict(), "status": report_downloaded(file.name)}


def _warm_up(payload: dict[str, Any]) -> dict[str, Any]:
    """Read, score and show made-up answers, and throw the result away.

    The worker starts from a memory snapshot in which nothing has been scored yet, so the browser
    would compile and optimise this code during the reader's first answers. The worker calls this
    a few times, with ``turn`` counting up, after the first result: turns vary which questions are
    answered and how, so the paths real answers take are the ones made ready.
    """
    checklist = _checklist(payload)
    turn = _need(payload, "turn", int)
    questions = [q for q in checklist.questions() if q.choices()]
    answered = questions[: turn % len(questions) + 1]
    answers = {q.id: q.choices()[(i + turn) % len(q.choices())][0] for i, q in enumerate(answered)}
    _score({**payload, "document": answers_to_dict(replace(new_answers(checklist), answers=answers))})
    return {}


ACTIONS = {"score": _score, "import": _import, "export": _export, "report": _report, "warm_up": _warm_up}
"""The actions by name: the checklists' own, and those of each tool once it has been imported."""


def _action(name: str) -> Any:
    """The action called `name` (importing its tool on the tool's first action), or None."""
    if name not in ACTIONS:
        ACTIONS.update(_tool_actions(name.partition("_")[0]))
    return ACTIONS.get(name)


def _tool_actions(tool: str) -> dict[str, Any]:
    """The actions of the tool named by the first word of their names, from its package."""
    if tool == "compare":  # comparing answers
        from checks.compare.api import ACTIONS as actions
    elif tool == "register":  # the registers
        from checks.registers.api import ACTIONS as actions
    elif tool == "agreement":  # the agreement builder
        from checks.agreement.actions import ACTIONS as actions
    else:
        return {}
    return actions
