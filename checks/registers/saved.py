"""A register's saved document: the same family and format as a checklist's answers
(``relationship-matters-answers/2``), read with the same checks, in the same plain English.

    {"format": "relationship-matters-answers/2", "checklist": "risk-register", "checklist_version": 1,
     "saved_at": "...", "respondent": {...},
     "answers": {"partner-1": "Leeds City Council", "partner-2": "Age UK Leeds", "threshold": "12"},
     "notes": {}, "rows": [{"ref": "R1", "likelihood": "4", ...}, ...]}

``checklist`` names the register; ``answers`` holds the partners' names (``partner-1`` to
``partner-20``, in order) and the register's settings; ``rows`` one mapping of text per row, by
column id (a matrix row holds each partner's role under that partner's key). What a row holds is
only checked for shape here: a row whose values are wrong is kept, and the findings mark it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from checks.answers import FORMAT, FORMAT_VERSION, decode_saved, format_version_of, read_envelope, refused_file
from checks.errors import AnswersError
from checks.registers.model import MAX_CELL, MAX_PARTNERS, Register, SavedRegister, partner_key, partner_number
from checks.saved_parts import MAX_SHORT_TEXT, read_notes, read_rows, shown


def blank_register(register: Register) -> dict[str, Any]:
    return register_to_dict(SavedRegister(register.id, register.version))


def register_to_dict(saved: SavedRegister) -> dict[str, Any]:
    """The document as plain JSON data, in the newest format."""
    answers = {partner_key(n): name for n, name in enumerate(saved.partners, 1) if name}
    return {
        "format": f"{FORMAT}/{FORMAT_VERSION}",
        "checklist": saved.register,
        "checklist_version": saved.version,
        "saved_at": saved.saved_at,
        "respondent": dict(saved.respondent),
        "answers": {**answers, **saved.settings},
        "notes": dict(saved.notes),
        "rows": [dict(row) for row in saved.rows],
    }


def read_register(source: Any, register: Register) -> SavedRegister:
    """A clean `SavedRegister` from JSON text, bytes or parsed data, or `AnswersError` saying why not."""
    try:
        return _read(decode_saved(source, register.max_bytes, register.saved_file), register)
    except AnswersError:
        raise
    except Exception:  # a last guard: no input may escape as anything but AnswersError
        raise refused_file(["This file could not be read as a saved register."]) from None


def _read(data: Any, register: Register) -> SavedRegister:
    format_version = format_version_of(data)
    if data.get("checklist") != register.id:
        named = shown(data.get("checklist")) if isinstance(data.get("checklist"), str) else "something else"
        raise refused_file([f"This file holds {named}, not a {register.title.lower()}."])
    problems: list[str] = []
    version, saved_at, respondent = read_envelope(data, format_version, "The register's version", problems)
    partners, settings = _answers(data.get("answers", {}), register, problems)
    notes = read_notes(data.get("notes", {}), problems)
    rows = read_rows(data.get("rows", []), problems)
    if problems:
        raise refused_file(problems)
    return SavedRegister(register.id, version, saved_at, respondent, partners, settings, rows, notes)


def _answers(value: Any, register: Register, problems: list[str]) -> tuple[tuple[str, ...], dict[str, str]]:
    """The partners' names, by position (a gap is ""), and the settings."""
    if not isinstance(value, dict):
        problems.append("The partners and settings must be a set of named fields.")
        return (), {}
    names: dict[int, str] = {}
    settings: dict[str, str] = {}
    for key, text in value.items():
        number = partner_number(key)
        if not isinstance(text, str):
            problems.append(f"The value of {shown(key)} must be text.")
        elif 1 <= number <= MAX_PARTNERS and len(text) <= MAX_SHORT_TEXT:
            names[number] = text
        elif number > MAX_PARTNERS:
            problems.append(
                f"This file names more than {MAX_PARTNERS} partners; a register has at most {MAX_PARTNERS}."
            )
        elif number:
            problems.append(f"A partner's name is at most {MAX_SHORT_TEXT} characters; {shown(key)} is longer.")
        elif register.setting(key) is None:
            problems.append(f"The file has a setting this register does not use: {shown(key)}.")
        elif len(text) > MAX_CELL:
            problems.append(f"The setting {shown(key)} is at most {MAX_CELL:,} characters.")
        else:
            settings[key] = text
    partners = tuple(names.get(n, "") for n in range(1, max(names, default=0) + 1))
    return partners, settings


def without_partner(register: Register, saved: SavedRegister, number: int) -> SavedRegister:
    """`saved` without its partner `number` (from 1): the partners after it move up a place. A matrix row
    gives each partner a role under the partner's key (``partner-4``), so in a register with a roles
    column every row's roles move up with their partners, and the removed partner's roles go with it;
    no role is left with the wrong partner. Other rows name a partner by name, and are kept as they are."""
    partners = saved.partners[: number - 1] + saved.partners[number:]
    if not any(column.kind == "roles" for column in register.columns):
        return replace(saved, partners=partners)
    return replace(saved, partners=partners, rows=tuple(_moved_up(row, number) for row in saved.rows))


def _moved_up(row: dict[str, str], number: int) -> dict[str, str]:
    """A matrix row without partner `number`'s role, the later partners' roles each a key lower (in the same
    order). A key past the last partner's is not a partner's role (the findings say so): it stays."""
    moved = {}
    for key, value in row.items():
        slot = partner_number(key)
        if slot == number:
            continue
        moved[partner_key(slot - 1) if number < slot <= MAX_PARTNERS else key] = value
    return moved
