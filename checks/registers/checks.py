"""The findings every kind of register shares: each row's values against its columns, review dates
and owners who are not partners. Each finding names the row (its number and what it is called) and
the field, and says what to do. Today's date is given: Python never reads the clock."""

from __future__ import annotations

from datetime import date

from checks.registers.model import Column, Finding, Register, SavedRegister, partner_key

SCORE_RANGE = range(1, 6)
TEXT = ("text", "long-text")


def row_label(register: Register, saved: SavedRegister, index: int) -> str:
    """'Risk 3 (R3: Data shared without consent)': the row's number and what it is called. Said in brackets
    within a sentence, a name loses the full stop (or comma, colon, semicolon) it was typed with."""
    row = saved.rows[index]
    named = (row.get(c.id, "").strip().rstrip(".,;: ") for c in register.columns[:2] if c.kind in TEXT)
    name = ": ".join(value for value in named if value)
    short = name if len(name) <= 60 else name[:57] + "..."
    return f"{register.row_name.capitalize()} {index + 1}" + (f" ({short})" if short else "")


def named_row(register: Register, saved: SavedRegister, index: int, cells: tuple[str, ...]) -> tuple[str, ...]:
    """A report row whose first cell, which names the row (a row header in HTML), is never blank:
    a row not named yet is called by its number, as the findings call it ('Risk 3')."""
    if cells and not cells[0].strip():
        return (row_label(register, saved, index), *cells[1:])
    return cells


def partner_names(saved: SavedRegister) -> list[str]:
    return [name.strip() for name in saved.partners if name.strip()]


def same_name(name: str) -> str:
    """A partner's name as names are matched: an owner names a partner whatever its case and outer spaces."""
    return name.strip().casefold()


def partner_uses(register: Register, saved: SavedRegister, number: int) -> list[tuple[Column, tuple[int, ...]]]:
    """The rows (from 0) that refer to partner `number` (from 1), by the column that refers to them: a roles
    column's rows that give them a role (under their key), and a partner column's rows that name them,
    unless another partner has the same name (those rows still name a partner without them)."""
    name = same_name(saved.partners[number - 1]) if number <= len(saved.partners) else ""
    others = {same_name(other) for index, other in enumerate(saved.partners, 1) if index != number}
    uses = []
    for column in register.columns:
        if column.kind == "roles":
            rows = [index for index, row in enumerate(saved.rows) if row.get(partner_key(number), "").strip()]
        elif column.kind == "partner" and name and name not in others:
            rows = [index for index, row in enumerate(saved.rows) if same_name(row.get(column.id, "")) == name]
        else:
            rows = []
        if rows:
            uses.append((column, tuple(rows)))
    return uses


def value_findings(register: Register, saved: SavedRegister) -> list[Finding]:
    """Blank required fields, values a column does not accept, and fields no column has."""
    found = []
    known = register.row_fields
    for index, row in enumerate(saved.rows):
        label = row_label(register, saved, index)
        for column in register.columns:
            problem = _problem(column, row.get(column.id, "").strip())
            if problem:
                found.append(Finding(f"rows[{index}].{column.id}", f"{label}: {column.label}: {problem}", index))
        for key in row:
            if key not in known:
                message = f"{label}: the field {key!r} is not one this register uses; it is kept as it is."
                found.append(Finding(f"rows[{index}].{key}", message, index))
    return found


def _problem(column: Column, value: str) -> str:
    if not value:
        return "this is blank; fill it in." if column.required else ""
    if column.kind == "choice" and value not in {o.id for o in column.options}:
        return f"{value!r} is not one of the choices ({', '.join(o.label for o in column.options)})."
    if column.kind == "score" and score_of(value) is None:
        return f"{value!r} is not a whole number from 1 to 5."
    if column.kind == "date" and date_of(value) is None:
        return f"{value!r} is not a date; give it as year-month-day, for example 2027-03-31."
    return ""


def score_of(value: str) -> int | None:
    value = value.strip()
    return int(value) if value.isdigit() and len(value) == 1 and int(value) in SCORE_RANGE else None


def date_of(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip()) if len(value.strip()) == 10 else None
    except ValueError:
        return None


def overdue_findings(register: Register, saved: SavedRegister, today: date, skip=lambda row: False) -> list[Finding]:
    """Rows whose review date has passed (rows `skip` says are finished, such as closed risks, aside)."""
    found = []
    for index, row in enumerate(saved.rows):
        review = date_of(row.get("review", ""))
        if review is not None and review < today and not skip(row):
            label = row_label(register, saved, index)
            message = f"{label}: the review was due on {review.day} {review:%B %Y} and is past its date; review it."
            found.append(Finding(f"rows[{index}].review", message, index))
    return found


def owner_findings(register: Register, saved: SavedRegister, column_id: str = "owner") -> list[Finding]:
    """Owners who are not among the partners (a blank owner is a value finding, if required)."""
    partners = {same_name(name) for name in partner_names(saved)}
    found = []
    for index, row in enumerate(saved.rows):
        owner = row.get(column_id, "").strip()
        if owner and same_name(owner) not in partners:
            label = row_label(register, saved, index)
            message = f"{label}: the owner {owner!r} is not one of the partners; add them or choose a partner."
            found.append(Finding(f"rows[{index}].{column_id}", message, index))
    return found
