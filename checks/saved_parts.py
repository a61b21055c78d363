"""The parts of a saved document (who answered, answers, notes, rows), each read with plain-English
problems that name what is wrong, for the person importing the file.

Every reader takes the part's value and a list to add problems to, and returns what it could use.
"""

from __future__ import annotations

import json
from typing import Any

from checks.model import MAX_TEXT, Checklist
from checks.reader import ID_PATTERN

MAX_ANSWERS = 1_000
MAX_ID = 100
MAX_SHORT_TEXT = 200
UTF8_PER_UNIT = 3
"""The most bytes of UTF-8 per UTF-16 unit, the unit a form's maxlength counts (a character outside
the Basic Multilingual Plane is two units and four bytes)."""
ENTRY_LAYOUT_BYTES = 16
"""What a saved file adds around one entry besides its key: quotes, colon, comma and indentation."""


def whole_megabytes(size: int) -> int:
    """`size` bytes rounded up to a whole MB: a file limit a sentence can state ("never more than 2 MB")."""
    return -(-size // 1_000_000) * 1_000_000


MAX_NOTE = 20_000
MAX_ROWS = 200
MAX_ROW_FIELDS = 50
MAX_FIELD_ID = 40

ROLES = {
    "board-or-senior-leader": "Board or senior leader",
    "manager": "Manager",
    "front-line-staff": "Front-line staff",
    "volunteer": "Volunteer",
    "community-member": "Community member",
    "other": "Other",
}
"""The roles a respondent can give, by the value saved; the labels are what the form shows."""

ORGANISATIONS_KEY = "relationship-matters:organisations"
"""Where the browser keeps the organisations given before, newest first, to offer them again."""
MAX_ORGANISATIONS = 20
"""How many earlier organisations are offered."""

RESPONDENT_TEXT = ("organisation", "name")
ANONYMOUS = "anonymous"
RESPONDENT_KEYS = (*RESPONDENT_TEXT, "role", ANONYMOUS)


def shown(value: Any) -> str:
    """A value from the file, quoted and cut short, safe to put in a message."""
    plain = value is None or isinstance(value, bool | int | float)
    text = value if isinstance(value, str) else json.dumps(value)[:40] if plain else type(value).__name__
    return repr(text[:40] + ("..." if len(text) > 40 else ""))


def read_respondent(value: Any, problems: list[str], format_version: int) -> dict[str, Any]:
    """Who answered: organisation, role (one of `ROLES`) and name, or `anonymous: true` and no name."""
    if not isinstance(value, dict):
        problems.append("The respondent details must be a set of named fields.")
        return {}
    clean: dict[str, Any] = {}
    for key, text in value.items():
        if key not in RESPONDENT_KEYS:
            problems.append(f"The respondent details have a field this toolkit does not use: {shown(key)}.")
        elif key == ANONYMOUS:
            if isinstance(text, bool):
                clean[key] = text
            else:
                problems.append("Whether the respondent answers anonymously must be true or false.")
        elif not isinstance(text, str) or len(text) > MAX_SHORT_TEXT:
            problems.append(f"The respondent's {key} must be text of at most {MAX_SHORT_TEXT} characters.")
        elif key == "role":
            _role(text, clean, problems, format_version)
        else:
            clean[key] = text
    if clean.get(ANONYMOUS) and "name" in clean:
        problems.append("The respondent chose to answer anonymously, so the file must not hold their name.")
    return clean


def _role(text: str, clean: dict[str, Any], problems: list[str], format_version: int) -> None:
    if text in ROLES or text == "":
        clean["role"] = text
    elif format_version < 2:
        # Format 1 took any text as a role; it is read as the role it names, else as "other".
        named = {label.lower(): role for role, label in ROLES.items()}
        clean["role"] = named.get(text.strip().lower(), "other")
    else:
        roles = ", ".join(label.lower() for label in ROLES.values())
        problems.append(f"The respondent's role must be one of: {roles}.")


def read_answers_part(value: Any, checklist: Checklist, problems: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """The answers to questions the checklist has, and those to questions it no longer has (kept)."""
    if not isinstance(value, dict):
        problems.append("The answers must be a set of question ids, each with its answer.")
        return {}, {}
    if len(value) > MAX_ANSWERS:
        problems.append(f"This file holds {len(value):,} answers; a checklist never has more than {MAX_ANSWERS:,}.")
        return {}, {}
    answers, orphans = {}, {}
    for question_id, answer in value.items():
        if len(question_id) > MAX_ID or not isinstance(answer, str):
            problems.append(f"The answer to question {shown(question_id)} is not a recognised answer.")
            continue
        if len(answer) > MAX_TEXT:
            problems.append(
                f"The answer to question {shown(question_id)} is {len(answer):,} characters long; "
                f"an answer is never more than {MAX_TEXT:,}."
            )
            continue
        question = checklist.question(question_id)
        if question is None:
            orphans[question_id] = answer
        elif not question.accepts(answer):
            problems.append(
                f"The answer to question {shown(question_id)} is {shown(answer)}, which it does not accept."
            )
        else:
            answers[question_id] = answer
    return answers, orphans


def read_notes(value: Any, problems: list[str]) -> dict[str, str]:
    if not isinstance(value, dict):
        problems.append("The notes must be a set of section ids, each with its note.")
        return {}
    clean = {}
    for key, text in value.items():
        if len(key) > MAX_ID or not isinstance(text, str) or len(text) > MAX_NOTE:
            problems.append(f"The note for {shown(key)} must be text of at most {MAX_NOTE:,} characters.")
        else:
            clean[key] = text
    return clean


def read_rows(value: Any, problems: list[str]) -> tuple[dict[str, str], ...]:
    """Rows of entries (a register's risks, say): each a mapping of short field ids to text."""
    if not isinstance(value, list):
        problems.append("The rows must be a list of entries, each a set of named fields.")
        return ()
    if len(value) > MAX_ROWS:
        problems.append(f"This file holds {len(value):,} rows; a document never has more than {MAX_ROWS}.")
        return ()
    rows = []
    for number, row in enumerate(value, 1):
        if not isinstance(row, dict):
            problems.append(f"Row {number} must be a set of named fields.")
        elif len(row) > MAX_ROW_FIELDS:
            problems.append(f"Row {number} has {len(row):,} fields; a row never has more than {MAX_ROW_FIELDS}.")
        elif all([_cell(number, field, text, problems) for field, text in row.items()]):  # every problem
            rows.append(dict(row))
    return tuple(rows)


def _cell(number: int, field: Any, text: Any, problems: list[str]) -> bool:
    if not isinstance(field, str) or len(field) > MAX_FIELD_ID or not ID_PATTERN.fullmatch(field):
        problems.append(
            f"Row {number} has a field called {shown(field)}: a field's name is a short id "
            f"(lower-case letters, digits and hyphens, at most {MAX_FIELD_ID} characters)."
        )
        return False
    if not isinstance(text, str):
        problems.append(f"Row {number}, field '{field}': the entry must be text.")
        return False
    if len(text) > MAX_TEXT:
        problems.append(
            f"Row {number}, field '{field}': the entry is {len(text):,} characters long; "
            f"an entry is never more than {MAX_TEXT:,}."
        )
        return False
    return True
