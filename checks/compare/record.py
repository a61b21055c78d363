"""The comparison document: the responses compared, the settings, and the workshop record.

One of the saved-document family (``relationship-matters-comparison/1``, a sibling of
``relationship-matters-answers/2``), the same in the browser's storage and in an exported file:

    {format, checklist, checklist_version, saved_at, anonymous, min_group,
     responses: [{name, document}], agreed: {question_id: answer or "disagreement"},
     actions: [{action, owner, due, status}]}

`read_comparison` checks all of it before anything is used and refuses bad input with
`AnswersError` in plain English, naming every problem.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from checks.answers import answers_to_dict, decode_saved, read_answers, read_saved_at, refused_file
from checks.compare.groups import MIN_GROUP, Settings, min_group_problem
from checks.compare.inputs import MAX_FILES_BROWSER, MAX_NAME, Response
from checks.errors import AnswersError
from checks.model import MAX_TEXT, Checklist
from checks.saved_parts import MAX_SHORT_TEXT, UTF8_PER_UNIT, shown

FORMAT = "relationship-matters-comparison"
FORMAT_VERSION = 1
STORAGE_KEY_PREFIX = "relationship-matters:comparison:"
MAX_COMPARISON_BYTES = 50_000_000
SAVED_COMPARISON = "a saved comparison"
"""What a comparison file is called where a sentence refuses one."""
MAX_ACTIONS = 200
ACTION_LAYOUT_BYTES = 200
"""What a file adds around one action besides its text: keys, due date, status and layout."""
AGREED_ROOM = 100_000
"""Room for the agreed answers: one short entry per question."""
LARGEST_RECORD = MAX_ACTIONS * ((MAX_TEXT + MAX_SHORT_TEXT) * UTF8_PER_UNIT + ACTION_LAYOUT_BYTES) + AGREED_ROOM
"""The most bytes of a saved comparison the workshop record's form can fill (1.46 MB)."""
DISAGREEMENT = "disagreement"
DISAGREEMENT_LABEL = "Disagreement recorded"
STATUSES = {"not-started": "Not started", "in-progress": "In progress", "done": "Done"}
ACTION_FIELDS = ("action", "owner", "due", "status")
KEYS = (
    "format",
    "checklist",
    "checklist_version",
    "saved_at",
    "anonymous",
    "min_group",
    "responses",
    "agreed",
    "actions",
)


@dataclass(frozen=True)
class ActionItem:
    action: str = ""
    owner: str = ""
    due: str = ""
    """A date like 2027-01-31, or ""."""
    status: str = "not-started"


@dataclass(frozen=True)
class Record:
    """What the workshop agreed: a joint answer (or "disagreement") per contested question, and actions."""

    agreed: dict[str, str] = field(default_factory=dict)
    actions: tuple[ActionItem, ...] = ()
    notes: tuple[str, ...] = field(default=(), compare=False)
    """What reading a saved record left out, said with the comparison (not saved)."""


@dataclass(frozen=True)
class SavedComparison:
    checklist: str
    checklist_version: int
    saved_at: str = ""
    settings: Settings = field(default_factory=Settings)
    responses: tuple[Response, ...] = ()
    record: Record = field(default_factory=Record)


def storage_key(checklist_id: str) -> str:
    """Where the browser keeps a checklist's comparison: never the key of anyone's own answers."""
    return STORAGE_KEY_PREFIX + checklist_id


def comparison_to_dict(saved: SavedComparison) -> dict[str, Any]:
    return {
        "format": f"{FORMAT}/{FORMAT_VERSION}",
        "checklist": saved.checklist,
        "checklist_version": saved.checklist_version,
        "saved_at": saved.saved_at,
        "anonymous": saved.settings.anonymous,
        "min_group": saved.settings.min_group,
        "responses": [{"name": r.name, "document": answers_to_dict(r.saved)} for r in saved.responses],
        "agreed": dict(saved.record.agreed),
        "actions": [{key: getattr(a, key) for key in ACTION_FIELDS} for a in saved.record.actions],
    }


def comparison_text(saved: SavedComparison) -> str:
    """The saved comparison as a file holds it."""
    return json.dumps(comparison_to_dict(saved), indent=2, ensure_ascii=False) + "\n"


def too_full(saved: SavedComparison) -> str | None:
    """Why a comparison cannot keep these responses, or None: with the largest record its form can
    make, its file would be larger than a comparison may be, and could not be opened again."""
    size = len(comparison_text(replace(saved, record=Record())).encode("utf-8", "surrogatepass"))
    if size + LARGEST_RECORD <= MAX_COMPARISON_BYTES:
        return None
    return (
        f"Not added: with the files chosen with it, the comparison would be {size / 1_000_000:.1f} MB, and a saved "
        f"comparison, with room for its workshop record, is never more than {MAX_COMPARISON_BYTES / 1_000_000:g} MB. "
        "Choose fewer files."
    )


def blank_comparison(checklist: Checklist) -> dict[str, Any]:
    return comparison_to_dict(SavedComparison(checklist.id, checklist.version))


def read_comparison(source: Any, checklist: Checklist) -> SavedComparison:
    """A clean comparison from JSON text, bytes or parsed data, or `AnswersError` naming every problem."""
    try:
        return _read(decode_saved(source, MAX_COMPARISON_BYTES, SAVED_COMPARISON), checklist)
    except AnswersError:
        raise
    except Exception:  # a last guard: nothing escapes as anything but AnswersError
        raise refused_file(["This file could not be read as a comparison."]) from None


def _read(data: Any, checklist: Checklist) -> SavedComparison:
    match = re.fullmatch(rf"{FORMAT}/([0-9]{{1,6}})", str(data.get("format", ""))) if isinstance(data, dict) else None
    if match is None:
        raise refused_file(["This is not a Relationship Matters comparison file."])
    if int(match.group(1)) > FORMAT_VERSION:
        raise refused_file([f"This comparison was saved by a newer version of the toolkit (format {match.group(1)})."])
    if data.get("checklist") != checklist.id:
        raise refused_file([f"This comparison is for {shown(data.get('checklist'))}, not for {checklist.title}."])
    problems = [f"The file has a field this toolkit does not use: {shown(k)}." for k in data if k not in KEYS]
    anonymous = data.get("anonymous", False)
    if not isinstance(anonymous, bool):
        problems.append("Whether the comparison is anonymous must be true or false.")
    min_group = data.get("min_group", MIN_GROUP)
    if problem := min_group_problem(min_group):
        problems.append(problem)
    responses = _responses(data.get("responses", []), checklist, problems)
    version = data.get("checklist_version")
    # Saved for another version of the checklist, a joint answer may be to a question this one no longer has.
    other = version if type(version) is int and version != checklist.version else None
    agreed, left_out = _agreed(data.get("agreed", {}), checklist, problems if other is None else [])
    notes = (_left_out(left_out, other, checklist),) if left_out and other is not None else ()
    record = Record(agreed, _actions(data.get("actions", []), problems), notes)
    saved_at = read_saved_at(data.get("saved_at", ""), problems, "the comparison was")
    if problems:
        raise refused_file(problems)
    settings = Settings(anonymous, min_group)
    return SavedComparison(checklist.id, checklist.version, saved_at, settings, responses, record)


def _responses(value: Any, checklist: Checklist, problems: list[str]) -> tuple[Response, ...]:
    if not isinstance(value, list) or len(value) > MAX_FILES_BROWSER:
        problems.append(f"The responses must be a list of at most {MAX_FILES_BROWSER} files.")
        return ()
    responses = []
    for number, item in enumerate(value, 1):
        name = item.get("name") if isinstance(item, dict) else None
        if not isinstance(name, str) or len(name) > MAX_NAME or not isinstance(item.get("document"), dict):
            problems.append(f"Response {number} must have a file name and a document.")
            continue
        try:
            responses.append(Response(name, read_answers(item["document"], checklist)))
        except AnswersError as error:
            problems += [f"Response {number} ({name}): {p.message}" for p in error.problems]
    return tuple(responses)


def _agreed(value: Any, checklist: Checklist, problems: list[str]) -> tuple[dict[str, str], list[str]]:
    """The agreed answers this checklist accepts, and the ids of those it does not (each also a problem)."""
    if not isinstance(value, dict):
        problems.append("The agreed answers must be a set of question ids, each with its answer.")
        return {}, []
    agreed, left_out = {}, []
    for question_id, answer in value.items():
        question = checklist.question(question_id)
        if question is None or not isinstance(answer, str):
            problems.append(f"The agreed answer to {shown(question_id)} is not for a question of this checklist.")
            left_out.append(question_id)
        elif answer != DISAGREEMENT and not question.accepts(answer):
            problems.append(f"The agreed answer to {shown(question_id)} is {shown(answer)}, which it does not accept.")
            left_out.append(question_id)
        else:
            agreed[question_id] = answer
    return agreed, left_out


def _left_out(ids: list[str], version: int, checklist: Checklist) -> str:
    named = ", ".join(shown(i) for i in ids[:10]) + (" and more" if len(ids) > 10 else "")
    saved_for = (
        f"This comparison was saved for version {version} of the checklist; this is version {checklist.version}."
    )
    if len(ids) == 1:
        return (
            f"{saved_for} The agreed answer to 1 question is left out, as this version does not have that question "
            f"or that answer: {named}."
        )
    return (
        f"{saved_for} The agreed answers to {len(ids):,} questions are left out, as this version does not have "
        f"those questions or those answers: {named}."
    )


def _actions(value: Any, problems: list[str]) -> tuple[ActionItem, ...]:
    if not isinstance(value, list) or len(value) > MAX_ACTIONS:
        problems.append(f"The actions must be a list of at most {MAX_ACTIONS}.")
        return ()
    actions = []
    for number, item in enumerate(value, 1):
        if not isinstance(item, dict) or any(key not in ACTION_FIELDS for key in item):
            problems.append(f"Action {number} must have only an action, an owner, a due date and a status.")
            continue
        action = ActionItem(**{k: v for k, v in item.items()})
        if not all(isinstance(getattr(action, k), str) for k in ACTION_FIELDS):
            problems.append(f"Action {number}: every field must be text.")
        elif len(action.action) > MAX_TEXT or len(action.owner) > MAX_SHORT_TEXT:
            problems.append(f"Action {number}: the action or its owner is too long.")
        elif action.due and not _is_date(action.due):
            problems.append(f"Action {number}: the due date must be a date like 2027-01-31.")
        elif action.status not in STATUSES:
            problems.append(f"Action {number}: the status must be one of: {', '.join(STATUSES.values()).lower()}.")
        else:
            actions.append(action)
    return tuple(actions)


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
        return len(text) == 10
    except ValueError:
        return False


__all__ = ["SavedComparison", "comparison_to_dict", "read_comparison", "storage_key"]
