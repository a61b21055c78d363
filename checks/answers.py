"""Saved answers: the versioned JSON document kept in the browser and exported to files.

Python owns this document: its blank form, its format name, the key the browser stores it
under, and reading it back. `read_answers` checks everything before anything is used, and
refuses bad input with `AnswersError` in plain English; it never raises anything else.

Format 2 (``relationship-matters-answers/2``) adds who answered (organisation, a role from
`ROLES`, a name or ``anonymous: true``), free-text answers of up to 2,000 characters and rows
of entries. Every format-1 file reads unchanged: a format-1 role, which was any text, is read
as the role it names, else as "other".
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from checks.errors import AnswersError, Problem
from checks.model import Checklist
from checks.plurals import counted
from checks.saved_parts import (
    MAX_ANSWERS,
    MAX_ID,
    MAX_NOTE,
    MAX_SHORT_TEXT,
    RESPONDENT_KEYS,
    ROLES,
    read_answers_part,
    read_notes,
    read_respondent,
    read_rows,
    shown,
)

FORMAT = "relationship-matters-answers"
FORMAT_VERSION = 2
MAX_BYTES = 1_000_000
MAX_PROBLEMS_SHOWN = 10
DOCUMENT_KEYS = ("format", "checklist", "checklist_version", "saved_at", "respondent", "answers", "notes", "rows")
FORMAT_PATTERN = re.compile(rf"{FORMAT}/([0-9]{{1,6}})")
MAX_DIGITS = 100
"""The most digits of a whole number read as one: a longer one (Python converts at most 4,300) is read
as a float (infinity past 308 digits), which the check of every field that holds a whole number
refuses, naming the field."""
ESCAPED_HALF = re.compile(r"\\u[dD][89a-fA-F]")
"""What may be the JSON escape of a surrogate, half of a character (``\\ud800``): worth a closer look."""
ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|.)", re.DOTALL)
MAX_NESTING = 64
"""The deepest nesting of lists and mappings a saved file may have: none of ours goes past five levels."""
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
STORAGE_KEY_PREFIX = "relationship-matters:answers:"

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "MAX_ANSWERS",
    "MAX_BYTES",
    "MAX_ID",
    "MAX_NOTE",
    "MAX_SHORT_TEXT",
    "RESPONDENT_KEYS",
    "ROLES",
    "SavedAnswers",
    "answers_to_dict",
    "blank_document",
    "checklist_id_of",
    "new_answers",
    "read_answers",
    "read_envelope",
    "storage_key",
    "too_big",
]


@dataclass(frozen=True)
class SavedAnswers:
    """One person's (or one group's) answers to one checklist."""

    checklist: str
    checklist_version: int
    """The version of the checklist the answers were given for: kept as read, never restamped."""
    saved_at: str = ""
    respondent: dict[str, Any] = field(default_factory=dict)
    """Who answered: ``organisation``, ``role``, ``name`` (text) and ``anonymous`` (true or false)."""
    answers: dict[str, str] = field(default_factory=dict)
    """Answers to questions the checklist has now."""
    notes: dict[str, str] = field(default_factory=dict)
    """Free-text notes, by section id."""
    orphans: dict[str, str] = field(default_factory=dict)
    """Answers to questions the checklist no longer has: kept and reported, never dropped."""
    rows: tuple[dict[str, str], ...] = ()
    """Rows of entries, each a mapping of short field ids to text (for the registers to come)."""


def new_answers(checklist: Checklist, saved_at: str = "") -> SavedAnswers:
    return SavedAnswers(checklist.id, checklist.version, saved_at)


def blank_document(checklist: Checklist) -> dict[str, Any]:
    """The document a page starts from (and "Start again" returns to), for the checklist's current version."""
    return answers_to_dict(new_answers(checklist))


def storage_key(checklist_id: str) -> str:
    """The browser's localStorage key for a checklist's saved document."""
    return STORAGE_KEY_PREFIX + checklist_id


def answers_to_dict(saved: SavedAnswers) -> dict[str, Any]:
    """The document as plain JSON data, in the newest format; answers to removed questions stay in it."""
    return {
        "format": f"{FORMAT}/{FORMAT_VERSION}",
        "checklist": saved.checklist,
        "checklist_version": saved.checklist_version,
        "saved_at": saved.saved_at,
        "respondent": dict(saved.respondent),
        "answers": {**saved.orphans, **saved.answers},
        "notes": dict(saved.notes),
        "rows": [dict(row) for row in saved.rows],
    }


def read_answers(
    source: Any, checklist: Checklist, most: int = MAX_BYTES, kind: str = "an answers file"
) -> SavedAnswers:
    """A clean `SavedAnswers` from JSON text, bytes or already-parsed data (a file of `kind`, at most `most`
    bytes), or `AnswersError`."""
    try:
        data = decode_saved(source, most, kind)
        return _read_document(data, checklist)
    except AnswersError:
        raise
    except Exception:  # a last guard: no input may escape as anything but AnswersError
        raise refused_file(["This file could not be read as saved answers."]) from None


def refused_file(messages: list[str]) -> AnswersError:
    """The error for a saved file refused for `messages`, the first few of them shown (every tool's reader)."""
    shown_here = messages[:MAX_PROBLEMS_SHOWN]
    if len(messages) > MAX_PROBLEMS_SHOWN:
        shown_here.append(f"... and {counted(len(messages) - MAX_PROBLEMS_SHOWN, 'more problem')}.")
    return AnswersError([Problem("", message) for message in shown_here])


def decode_saved(source: Any, most: int = MAX_BYTES, kind: str = "an answers file") -> Any:
    """Parsed JSON from text or bytes of at most `most` bytes, a file of `kind` (parsed data is returned
    as it is)."""
    if isinstance(source, bytes | bytearray):
        if len(source) > most:
            raise refused_file([too_big(len(source), most, kind)])
        try:
            source = bytes(source).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise refused_file([f"This file is not text: {kind} is JSON text."]) from None
    if isinstance(source, str):
        size = len(source.encode("utf-8", "surrogatepass"))
        if size > most:
            raise refused_file([too_big(size, most, kind)])
        if not source.strip():
            raise refused_file(["This file is empty."])
        if _too_deep(source):
            raise refused_file([f"This file is nested too deeply to be {kind}."])
        try:
            data = json.loads(source, parse_int=_whole_number)
        except json.JSONDecodeError as error:
            raise refused_file([f"This file is not valid JSON (line {error.lineno}, column {error.colno})."]) from None
        if (at := _broken_character(source)) is not None:
            line, column = source.count("\n", 0, at) + 1, at - source.rfind("\n", 0, at)
            raise refused_file([f"This file has a broken character (line {line}, column {column})."])
        return data
    return source


def _too_deep(text: str) -> bool:
    """Whether the JSON text nests lists and mappings more than MAX_NESTING deep. Asked before parsing:
    the parser follows each level with a call of its own, and in the browser's engine some thousands of
    levels run out of stack and stop the engine, where CPython would raise RecursionError.

    Strings are taken out, then every other character but brackets; each pass then takes out the
    innermost pairs, so a file's depth is the number of passes that empty it. What is left when
    nothing pairs up any more never closes (a file cut short, say), yet the parser goes as deep as it
    opens before it finds that out: more than MAX_NESTING of those is too deep as well. So the parser
    never goes past twice MAX_NESTING levels, far within the stack in any engine."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    for _ in range(MAX_NESTING):
        inner = brackets.replace("[]", "").replace("{}", "")
        if inner == brackets:
            return brackets.count("[") + brackets.count("{") > MAX_NESTING
        brackets = inner
    return bool(brackets)


def _whole_number(digits: str) -> int | float:
    return int(digits) if len(digits) <= MAX_DIGITS else float(digits)


def _broken_character(text: str) -> int | None:
    """Where valid JSON text first holds half of a character (a lone surrogate, as an escape such as
    ``\\ud800`` or as it is), which no file can hold as UTF-8 and no report can be written with; None
    when it holds none. A pair of escapes (``\\ud83d\\ude00``) is one whole character."""
    try:
        text.encode("utf-8")
        found = []
    except UnicodeEncodeError as error:  # one as it is (text handed over as a string)
        found = [error.start]
    if ESCAPED_HALF.search(text) is None:
        return min(found, default=None)
    high = None  # where a first half waits for its second
    for escape in ESCAPE.finditer(text):  # in JSON text, every backslash starts an escape
        unit = int(escape.group(1) or "0", 16)
        if high is not None and escape.start() == high + 6 and 0xDC00 <= unit <= 0xDFFF:
            high = None
        elif high is not None or 0xDC00 <= unit <= 0xDFFF:
            found.append(escape.start() if high is None else high)
            break
        elif 0xD800 <= unit <= 0xDBFF:
            high = escape.start()
    found += [high] if high is not None else []
    return min(found, default=None)


def too_big(size: int, most: int = MAX_BYTES, kind: str = "an answers file") -> str:
    return f"This file is {size / 1_000_000:.1f} MB; {kind} is never more than {most / 1_000_000:g} MB."


def refuse_size(size: int, most: int = MAX_BYTES, kind: str = "an answers file") -> None:
    """`AnswersError` for a file larger than `most` bytes (any answers file, unless a tool's files, of
    `kind`, may be larger), from its size alone (it is not read)."""
    if size > most:
        raise refused_file([too_big(size, most, kind)])


def _read_document(data: Any, checklist: Checklist) -> SavedAnswers:
    format_version = format_version_of(data)
    if not isinstance(data.get("checklist"), str):
        raise refused_file(["The file does not say which checklist its answers are for."])
    if data["checklist"] != checklist.id:
        raise refused_file([f"This file holds answers for {shown(data['checklist'])}, not for {checklist.title}."])
    problems: list[str] = []
    version, saved_at, respondent = read_envelope(data, format_version, "The checklist version", problems)
    answers, orphans = read_answers_part(data.get("answers", {}), checklist, problems)
    notes = read_notes(data.get("notes", {}), problems)
    rows = read_rows(data.get("rows", []), problems)
    if problems:
        raise refused_file(problems)
    return SavedAnswers(checklist.id, version, saved_at, respondent, answers, notes, orphans, rows)


def read_envelope(data: dict, format_version: int, version_name: str, problems: list[str]) -> tuple[Any, str, dict]:
    """What every document of the family holds around its content (checklists' answers, registers):
    no unknown fields, the version of what it was saved for, when and by whom; problems noted."""
    unknown = [key for key in data if key not in DOCUMENT_KEYS]
    if unknown:
        problems.append(f"The file has fields this toolkit does not use: {', '.join(shown(k) for k in unknown[:5])}.")
    version = data.get("checklist_version")
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= 1_000_000:
        problems.append(f"{version_name} in the file must be a whole number of 1 or more.")
    saved_at = read_saved_at(data.get("saved_at", ""), problems)
    return version, saved_at, read_respondent(data.get("respondent", {}), problems, format_version)


def format_version_of(data: Any) -> int:
    """The format a document says it is in; `AnswersError` when it is none of ours, or newer."""
    value = data.get("format") if isinstance(data, dict) else None
    match = FORMAT_PATTERN.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise refused_file(["This is not a Relationship Matters answers file."])
    if int(match.group(1)) > FORMAT_VERSION:
        raise refused_file(
            [
                f"This file was saved by a newer version of the toolkit (format {int(match.group(1))}). "
                f"This copy reads format {FORMAT_VERSION}: update it, or export the answers again from an older copy."
            ]
        )
    return int(match.group(1))


def read_saved_at(value: Any, problems: list[str], what: str = "the answers were") -> str:
    """When a document was saved: an ISO date and time, or "" (not known); otherwise a problem noted."""
    if value == "":
        return ""
    if isinstance(value, str) and len(value) <= 40:
        try:
            datetime.fromisoformat(value)
            return value
        except ValueError:
            pass
    problems.append(f"The date {what} saved is not a date and time.")
    return ""


def checklist_id_of(source: Any, most: int = MAX_BYTES) -> str:
    """The checklist an answers document is for, to find its definition; `AnswersError` if none (or if
    it is larger than `most` bytes)."""
    try:
        data = decode_saved(source, most)
    except AnswersError:
        raise
    except Exception:
        raise refused_file(["This file could not be read as saved answers."]) from None
    format_version_of(data)
    checklist = data.get("checklist")
    if not isinstance(checklist, str) or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", checklist):
        raise refused_file(["The file does not say which checklist its answers are for."])
    return checklist
