"""The browser worker's one entry point: JSON text in, JSON text out.

The Pyodide worker calls `handle(action, payload_json)` and never touches Python
objects, so only plain JSON crosses into JavaScript. Each action calls the same
public functions the tests and the command line use.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from checks.answers import answers_to_dict, new_answers, read_answers
from checks.definitions import checklist_from_mapping
from checks.errors import AnswersError, ChecklistError
from checks.html_report import to_html
from checks.reports import to_csv, to_markdown
from checks.scoring import score

REPORTS = {"markdown": (to_markdown, "md", "text/markdown"), "csv": (to_csv, "csv", "text/csv")}


def handle(action: str, payload_json: str) -> str:
    """Run one action; a bad input comes back as ``{"error": ...}`` in plain English, never as an exception."""
    try:
        payload = json.loads(payload_json)
        if action not in ACTIONS:
            raise ValueError(f"unknown action {action!r}")
        return json.dumps(ACTIONS[action](payload), ensure_ascii=False)
    except ChecklistError as error:
        return json.dumps({"error": str(error), "problems": [p.message for p in error.problems]})


def _score(payload: dict[str, Any]) -> dict[str, Any]:
    """Score saved answers: the results panel's HTML (the page shows nothing else, so nothing else is sent)."""
    checklist = checklist_from_mapping(payload["definition"])
    result = score(checklist, read_answers(payload["answers"], checklist))
    return {"html": to_html(result, payload.get("base", ""))}


def _import(payload: dict[str, Any]) -> dict[str, Any]:
    """Check an imported file before anything is saved; the clean document comes back to be stored."""
    checklist = checklist_from_mapping(payload["definition"])
    try:
        saved = read_answers(payload["text"], checklist)
    except AnswersError as error:
        return {"ok": False, "problems": [p.message for p in error.problems]}
    return {"ok": True, "answers": answers_to_dict(saved)}


def _report(payload: dict[str, Any]) -> dict[str, Any]:
    """A downloadable report of the saved answers, as Markdown or CSV."""
    checklist = checklist_from_mapping(payload["definition"])
    render, extension, mime = REPORTS[payload["format"]]
    result = score(checklist, read_answers(payload["answers"], checklist))
    text = render(result, payload.get("base_url", "")) if render is to_markdown else render(result)
    return {"text": text, "filename": f"{checklist.id}-report.{extension}", "mime": mime}


def _warm_up(payload: dict[str, Any]) -> dict[str, Any]:
    """Read, score and show made-up answers, and throw the result away.

    The worker starts from a memory snapshot in which nothing has been scored yet, so the browser
    would compile and optimise this code during the reader's first answers. The worker calls this
    a few times, with ``turn`` counting up, after the first result: turns vary which questions are
    answered and how, so the paths real answers take are the ones made ready.
    """
    checklist = checklist_from_mapping(payload["definition"])
    turn = int(payload["turn"])
    questions = checklist.questions()
    answered = questions[: turn % len(questions) + 1]
    answers = {q.id: q.choices()[(i + turn) % len(q.choices())][0] for i, q in enumerate(answered)}
    _score({**payload, "answers": answers_to_dict(replace(new_answers(checklist), answers=answers))})
    return {}


ACTIONS = {"score": _score, "import": _import, "report": _report, "warm_up": _warm_up}
