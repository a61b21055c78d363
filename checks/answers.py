"""Saved answers: the versioned JSON document kept in the browser and exported to files.

`read_answers` checks everything before anything is used, and refuses bad input with
`AnswersError` in plain English; it never raises anything else.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from checks.errors import AnswersError, Problem
from checks.model import Checklist

FORMAT = "relationship-matters-answers"
FORMAT_VERSION = 1
MAX_BYTES = 1_000_000
MAX_ANSWERS = 1_000
MAX_ID = 100
MAX_SHORT_TEXT = 200
MAX_NOTE = 20_000
MAX_PROBLEMS_SHOWN = 10
RESPONDENT_KEYS = ("name", "organisation", "role")
DOCUMENT_KEYS = ("format", "checklist", "checklist_version", "saved_at", "respondent", "answers", "notes")
FORMAT_PATTERN = re.compile(rf"{FORMAT}/([0-9]{{1,6}})")


@dataclass(frozen=True)
class SavedAnswers:
    """One person's (or one group's) answers to one checklist."""

    checklist: str
    checklist_version: int
    saved_at: str = ""
    respondent: dict[str, str] = field(default_factory=dict)
    answers: dict[str, str] = field(default_factory=dict)
    """Answers to questions the checklist has now."""
    notes: dict[str, str] = field(default_factory=dict)
    """Free-text notes, by section id."""
    orphans: dict[str, str] = field(default_factory=dict)
    """Answers to questions the checklist no longer has: kept and reported, never dropped."""


def new_answers(checklist: Checklist, saved_at: str = "") -> SavedAnswers:
    return SavedAnswers(checklist.id, checklist.version, saved_at)


def answers_to_dict(saved: SavedAnswers) -> dict[str, Any]:
    """The document as plain JSON data; answers to removed questions stay in it."""
    return {
        "format": f"{FORMAT}/{FORMAT_VERSION}",
        "checklist": saved.checklist,
        "checklist_version": saved.checklist_version,
        "saved_at": saved.saved_at,
        "respondent": dict(saved.respondent),
        "answers": {**saved.orphans, **saved.answers},
        "notes": dict(saved.notes),
    }


def read_answers(source: Any, checklist: Checklist) -> SavedAnswers:
    """A clean `SavedAnswers` from JSON text, bytes or already-parsed data, or `AnswersError`."""
    try:
        data = _decode(source)
        return _read_document(data, checklist)
    except AnswersError:
        raise
    except Exception:  # a last guard: no input may escape as anything but AnswersError
        raise _refuse(["This file could not be read as saved answers."]) from None


def _refuse(messages: list[str]) -> AnswersError:
    shown = messages[:MAX_PROBLEMS_SHOWN]
    if len(messages) > MAX_PROBLEMS_SHOWN:
        shown.append(f"... and {len(messages) - MAX_PROBLEMS_SHOWN} more problems.")
    return AnswersError([Problem("", message) for message in shown])


def _decode(source: Any) -> Any:
    if isinstance(source, bytes | bytearray):
        if len(source) > MAX_BYTES:
            raise _refuse([too_big(len(source))])
        try:
            source = bytes(source).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise _refuse(["This file is not text: an answers file is JSON text."]) from None
    if isinstance(source, str):
        if len(source.encode("utf-8", "surrogatepass")) > MAX_BYTES:
            raise _refuse([too_big(len(source.encode("utf-8", "surrogatepass")))])
        try:
            return json.loads(source)
        except json.JSONDecodeError as error:
            raise _refuse([f"This file is not valid JSON (line {error.lineno}, column {error.colno})."]) from None
        except RecursionError:
            raise _refuse(["This file is nested too deeply to be an answers file."]) from None
    return source


def too_big(size: int) -> str:
    return f"This file is {size / 1_000_000:.1f} MB; an answers file is never more than {MAX_BYTES // 1_000_000} MB."


def _read_document(data: Any, checklist: Checklist) -> SavedAnswers:
    if not isinstance(data, dict) or "format" not in data:
        raise _refuse(["This is not a Relationship Matters answers file."])
    _check_format(data["format"])
    if not isinstance(data.get("checklist"), str):
        raise _refuse(["The file does not say which checklist its answers are for."])
    if data["checklist"] != checklist.id:
        raise _refuse([f"This file holds answers for {_shown(data['checklist'])}, not for {checklist.title}."])
    problems: list[str] = []
    unknown = [key for key in data if key not in DOCUMENT_KEYS]
    if unknown:
        problems.append(f"The file has fields this toolkit does not use: {', '.join(_shown(k) for k in unknown[:5])}.")
    version = data.get("checklist_version")
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= 1_000_000:
        problems.append("The checklist version in the file must be a whole number of 1 or more.")
    saved_at = _saved_at(data.get("saved_at", ""), problems)
    respondent = _respondent(data.get("respondent", {}), problems)
    answers, orphans = _answers(data.get("answers", {}), checklist, problems)
    notes = _notes(data.get("notes", {}), problems)
    if problems:
        raise _refuse(problems)
    return SavedAnswers(checklist.id, version, saved_at, respondent, answers, notes, orphans)


def _check_format(value: Any) -> None:
    match = FORMAT_PATTERN.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise _refuse(["This is not a Relationship Matters answers file."])
    if int(match.group(1)) > FORMAT_VERSION:
        raise _refuse(
            [
                f"This file was saved by a newer version of the toolkit (format {int(match.group(1))}). "
                f"This copy reads format {FORMAT_VERSION}: update it, or export the answers again from an older copy."
            ]
        )


def _shown(value: Any) -> str:
    """A value from the file, quoted and cut short, safe to put in a message."""
    text = value if isinstance(value, str) else json.dumps(value)[:40] if _plain(value) else type(value).__name__
    return repr(text[:40] + ("..." if len(text) > 40 else ""))


def _plain(value: Any) -> bool:
    return value is None or isinstance(value, bool | int | float)


def _saved_at(value: Any, problems: list[str]) -> str:
    if value == "":
        return ""
    if isinstance(value, str) and len(value) <= 40:
        try:
            datetime.fromisoformat(value)
            return value
        except ValueError:
            pass
    problems.append("The date the answers were saved is not a date and time.")
    return ""


def _respondent(value: Any, problems: list[str]) -> dict[str, str]:
    if not isinstance(value, dict):
        problems.append("The respondent details must be a set of named fields.")
        return {}
    clean = {}
    for key, text in value.items():
        if key not in RESPONDENT_KEYS:
            problems.append(f"The respondent details have a field this toolkit does not use: {_shown(key)}.")
        elif not isinstance(text, str) or len(text) > MAX_SHORT_TEXT:
            problems.append(f"The respondent's {key} must be text of at most {MAX_SHORT_TEXT} characters.")
        else:
            clean[key] = text
    return clean


def _answers(value: Any, checklist: Checklist, problems: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    if not isinstance(value, dict):
        problems.append("The answers must be a set of question ids, each with its answer.")
        return {}, {}
    if len(value) > MAX_ANSWERS:
        problems.append(f"This file holds {len(value):,} answers; a checklist never has more than {MAX_ANSWERS:,}.")
        return {}, {}
    answers, orphans = {}, {}
    for question_id, answer in value.items():
        if len(question_id) > MAX_ID or not isinstance(answer, str) or len(answer) > MAX_ID:
            problems.append(f"The answer to question {_shown(question_id)} is not a recognised answer.")
            continue
        question = checklist.question(question_id)
        if question is None:
            orphans[question_id] = answer
        elif not question.accepts(answer):
            problems.append(
                f"The answer to question {_shown(question_id)} is {_shown(answer)}, which it does not accept."
            )
        else:
            answers[question_id] = answer
    return answers, orphans


def _notes(value: Any, problems: list[str]) -> dict[str, str]:
    if not isinstance(value, dict):
        problems.append("The notes must be a set of section ids, each with its note.")
        return {}
    clean = {}
    for key, text in value.items():
        if len(key) > MAX_ID or not isinstance(text, str) or len(text) > MAX_NOTE:
            problems.append(f"The note for {_shown(key)} must be text of at most {MAX_NOTE:,} characters.")
        else:
            clean[key] = text
    return clean


def checklist_id_of(source: Any) -> str:
    """The checklist an answers document is for, to find its definition; `AnswersError` if none."""
    try:
        data = _decode(source)
    except AnswersError:
        raise
    except Exception:
        raise _refuse(["This file could not be read as saved answers."]) from None
    if not isinstance(data, dict) or "format" not in data:
        raise _refuse(["This is not a Relationship Matters answers file."])
    _check_format(data["format"])
    checklist = data.get("checklist")
    if not isinstance(checklist, str) or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", checklist):
        raise _refuse(["The file does not say which checklist its answers are for."])
    return checklist
