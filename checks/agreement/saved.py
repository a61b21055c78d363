"""The saved draft: one document of the family's format 2 (`checks.answers`), for the agreement.

- ``answers``: each item's text by its id (per-party items as ``{id}-{n}``), each section's status
  (``status-{section}``: draft, proposed or agreed) and proposer (``proposed-by-{section}``), and
  the preset it started from (``preset``);
- ``rows``: the tables imported from the registers, each row with its ``table`` (see `TABLES`);
- ``respondent``: who keeps the draft (organisation, role, name).

`read_draft` reads it with `checks.answers.read_answers`, then checks each row against its table.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

from checks.agreement import wording
from checks.agreement.definitions import Builder
from checks.agreement.model import COLUMN_LABELS, PRESET_KEY, TABLES, Agreement, Preset
from checks.answers import (
    FORMAT_PATTERN,
    MAX_BYTES,
    SavedAnswers,
    answers_to_dict,
    decode_saved,
    format_version_of,
    new_answers,
    read_answers,
)
from checks.errors import AnswersError, Problem
from checks.model import MAX_TEXT
from checks.saved_parts import MAX_ROWS, read_rows, shown

EXAMPLE = "Example wording: change it. "
"""Put before each preset's wording, so it is marked wherever it is shown until someone changes it."""

REGISTERS = {"accountability-matrix": "matrix", "risk-register": "risks", "red-lines-register": "red-lines"}
"""The registers (issue 15, checks.registers) whose saved documents give rows, with the table each fills."""
ROLES = {"R": "responsible", "A": "accountable", "C": "consulted", "I": "informed"}
"""A matrix row gives each partner's role under the partner's key (``partner-1``): R, A, C or I."""
CROSSED = {"escalate": "Escalate to the partnership board", "exit": "An exit trigger"}
"""What the red lines register saves for what happens when a line is crossed, in words."""
SEPARATOR = "; "
"""Between partners named in one cell."""
DRAFT_FILE = "a saved draft"
"""What a draft's file is called where the builder refuses one."""
REGISTER_FILE = "a register imported into an agreement"
"""What a register's file is called where the builder refuses one (its limit is an answers file's)."""


def blank_draft(agreement: Agreement) -> dict[str, Any]:
    return answers_to_dict(new_answers(agreement))  # type: ignore[arg-type]  # an Agreement reads like a checklist


def read_draft(source: Any, agreement: Agreement) -> SavedAnswers:
    """A clean saved draft, or `AnswersError` saying every problem; nothing else escapes."""
    saved = read_answers(source, agreement, agreement.max_bytes, DRAFT_FILE)  # type: ignore[arg-type]
    problems = []
    for number, row in enumerate(saved.rows, 1):
        table = row.get("table")
        if table not in TABLES:
            problems.append(f"Row {number} must say which table it belongs to: {', '.join(TABLES)}.")
            continue
        extra = [key for key in row if key != "table" and key not in TABLES[table][1]]
        if extra:
            problems.append(
                f"Row {number} of the {TABLES[table][0].lower()} has fields it does not use: {shown(extra[0])}."
            )
    if problems:
        raise AnswersError([Problem("", message) for message in problems])
    return saved


def with_preset(builder: Builder, preset: Preset) -> SavedAnswers:
    """A new draft holding the preset's example wording, each marked `EXAMPLE` (choices as they are)."""
    wording = {item.id for part in builder.agreement.parts for item in part.items if item.kind in ("text", "line")}
    answers = {key: EXAMPLE + text if key in wording else text for key, text in preset.values}
    rows = tuple(
        {k: (EXAMPLE + v if k == TABLES[dict(row)["table"]][1][0] else v) for k, v in row} for row in preset.rows
    )
    saved = new_answers(builder.agreement)  # type: ignore[arg-type]
    return replace(saved, answers={**answers, PRESET_KEY: preset.id}, rows=rows)


@dataclass(frozen=True)
class RegisterRows:
    """What a register's saved document gives an agreement."""

    register: str
    """The register's id (``checklist`` in its file)."""
    table: str
    rows: tuple[dict[str, str], ...]
    """In the table's columns; a row with nothing in them is left out."""
    left_out: tuple[str, ...]
    """The register's columns, by id, that hold something in some row but have no place in the table."""
    unnamed: int = 0
    """Roles given in the matrix to partners the register does not name (the agreement names partners)."""


def with_register(saved: SavedAnswers, source: Any) -> tuple[SavedAnswers, RegisterRows]:
    """The draft with one table's rows replaced by a register's (its saved document, as text), and
    what the register gave; `AnswersError` if the file is not a register's, and the draft is unchanged."""
    found = register_rows(source)
    kept = tuple(row for row in saved.rows if row.get("table") != found.table)
    if len(kept) + len(found.rows) > MAX_ROWS:  # a draft with more could not be read again, not even to export
        raise AnswersError([Problem("", wording.too_many_rows(MAX_ROWS, len(found.rows), len(kept)))])
    updated = replace(saved, rows=kept + found.rows)
    size = len(draft_text(updated).encode("utf-8"))
    if size > MAX_BYTES:  # its file could be exported, but never imported again
        raise AnswersError([Problem("", wording.draft_too_big(size, MAX_BYTES))])
    return updated, found


def draft_text(saved: SavedAnswers) -> str:
    """The draft as its exported file holds it."""
    return json.dumps(answers_to_dict(saved), indent=2, ensure_ascii=False) + "\n"


def register_rows(source: Any) -> RegisterRows:
    """The table a register's saved document fills, its rows in our columns, and what did not fit.

    The one place that knows the registers' format (checks.registers.saved): the family's format 2,
    ``checklist`` naming the register, partners' names in ``answers`` (``partner-1``...) and one row
    of text per entry. A row with nothing in our columns is left out."""
    data = _parse(source)
    problems: list[str] = []
    rows = read_rows(data.get("rows", []), problems)
    answers = data.get("answers")
    if not isinstance(answers, dict):
        problems.append("The register's partners must be a set of named fields.")
    if problems:
        raise AnswersError([Problem("", message) for message in problems[:10]])
    table = REGISTERS[data["checklist"]]
    found = []
    for number, row in enumerate(rows, 1):
        mine = {"table": table, **_columns(table, row, answers)}
        # An entry made of several of the register's (names joined, a reference before a description) can be
        # longer than a draft's row may hold: a draft with it could not be read again, not even to export.
        problems += [
            wording.entry_too_long(number, COLUMN_LABELS[column], TABLES[table][0].lower(), len(mine[column]))
            for column in TABLES[table][1]
            if len(mine[column]) > MAX_TEXT
        ]
        if any(mine[column] for column in TABLES[table][1]):
            found.append(mine)
    if problems:
        raise AnswersError([Problem("", message) for message in problems[:10]])
    taken = TAKEN[table]
    left_out = dict.fromkeys(
        key
        for row in rows
        for key, value in row.items()
        if value and key not in taken and not key.startswith("partner-")
    )
    unnamed = sum(
        1
        for row in rows
        for key, role in row.items()
        if key.startswith("partner-") and role in ROLES and not str(answers.get(key) or "").strip()
    )
    return RegisterRows(data["checklist"], table, tuple(found), tuple(left_out), unnamed)


TAKEN = {
    "matrix": ("activity",),
    "risks": ("ref", "description", "owner", "likelihood", "impact", "mitigations"),
    "red-lines": ("owner", "line", "crossed"),
}
"""The register columns each table's rows are made from, as `_columns` reads them (the matrix also
reads each partner's role, under ``partner-1``...). Anything else in a register stays in the register."""


def _columns(table: str, row: dict[str, str], partners: dict[str, Any]) -> dict[str, str]:
    if table == "matrix":
        named = {column: [] for column in ROLES.values()}
        for key, role in row.items():
            name = partners.get(key) if key.startswith("partner-") else None
            if isinstance(name, str) and name.strip() and role in ROLES:
                named[ROLES[role]].append(name.strip())
        return {"activity": row.get("activity", ""), **{k: SEPARATOR.join(v) for k, v in named.items()}}
    if table == "risks":
        ref, description = row.get("ref", ""), row.get("description", "")
        return {
            "risk": f"{ref}: {description}" if ref and description else description or ref,
            "owner": row.get("owner", ""),
            "likelihood": row.get("likelihood", ""),
            "impact": row.get("impact", ""),
            "mitigation": row.get("mitigations", ""),
        }
    crossed = row.get("crossed", "")
    return {"partner": row.get("owner", ""), "red-line": row.get("line", ""), "response": CROSSED.get(crossed, crossed)}


def _parse(source: Any) -> dict[str, Any]:
    """A register's saved document, read as every saved file is (`checks.answers.decode_saved`)."""
    wanted = "an accountability matrix, risk register or red lines register saved by this toolkit"
    if not isinstance(source, str | bytes | bytearray):
        raise AnswersError([Problem("", f"This is not {wanted}.")])
    data = decode_saved(source, MAX_BYTES, REGISTER_FILE)
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("format"), str)
        or not FORMAT_PATTERN.fullmatch(data["format"])
        or not isinstance(data.get("checklist"), str)  # a list or a mapping cannot be looked up
        or data["checklist"] not in REGISTERS
    ):
        raise AnswersError([Problem("", f"This is not {wanted}.")])
    format_version_of(data)  # one saved by a newer toolkit is refused as the register pages refuse it
    return data
