"""The accountability matrix: activities against partners, each cell R, A, C, I or blank.

Findings: every activity has exactly one A and at least one R; every partner has some role; a
partner holding the A on more than half the activities (of two or more) is a possible bottleneck;
an activity with only C and I roles is flagged.
"""

from __future__ import annotations

from checks.document import Paragraph, Table
from checks.registers.checks import named_row, row_label
from checks.registers.model import Finding, Register, SavedRegister, partner_key, partner_number

ROLE_NAMES = {"R": "Responsible", "A": "Accountable", "C": "Consulted", "I": "Informed"}


def roles(saved: SavedRegister, row: dict[str, str]) -> dict[str, str]:
    """Each named partner's role in a row (blank roles left out), in the partners' order."""
    found = {}
    for number, name in enumerate(saved.partners, 1):
        role = row.get(partner_key(number), "").strip()
        if name.strip() and role:
            found[name.strip()] = role
    return found


def findings(register: Register, saved: SavedRegister, today) -> list[Finding]:
    found: list[Finding] = []
    for index, row in enumerate(saved.rows):
        found += _row_findings(register, saved, index, roles(saved, row))
    found += _role_values(register, saved)
    found += _roles_without_a_partner(register, saved)
    found += _partners_without_roles(saved)
    found += _bottlenecks(saved)
    return found


def _row_findings(register: Register, saved: SavedRegister, index: int, held: dict[str, str]) -> list[Finding]:
    label = row_label(register, saved, index)
    path = f"rows[{index}]"
    accountable = [name for name, role in held.items() if role == "A"]
    found = []
    if not accountable:
        found.append(Finding(path, f"{label}: no partner is Accountable (A); give it exactly one.", index))
    elif len(accountable) > 1:
        names = " and ".join(accountable)
        message = f"{label}: {len(accountable)} partners are Accountable (A): {names}; give it exactly one."
        found.append(Finding(path, message, index))
    if "R" not in held.values():
        found.append(Finding(path, f"{label}: no partner is Responsible (R); give it at least one.", index))
    if held and set(held.values()) <= {"C", "I"}:
        message = f"{label}: it has only Consulted and Informed roles, so nobody does it or answers for it."
        found.append(Finding(path, message, index))
    return found


def _role_values(register: Register, saved: SavedRegister) -> list[Finding]:
    found = []
    for index, row in enumerate(saved.rows):
        for number, name in enumerate(saved.partners, 1):
            role = row.get(partner_key(number), "").strip()
            if role and role not in ROLE_NAMES:
                label = row_label(register, saved, index)
                who = name.strip() or f"partner {number}"
                message = f"{label}: the role of {who} is {role!r}; a role is R, A, C, I or blank."
                found.append(Finding(f"rows[{index}].{partner_key(number)}", message, index))
    return found


def _roles_without_a_partner(register: Register, saved: SavedRegister) -> list[Finding]:
    """A role given to a partner with no name (a file can hold one): no other finding counts it, and no report
    shows it, so it is said here, where the reader can name the partner or clear the role."""
    found = []
    for index, row in enumerate(saved.rows):
        for key, role in row.items():
            number = partner_number(key)
            if not number or not role.strip() or (number <= len(saved.partners) and saved.partners[number - 1].strip()):
                continue
            label = row_label(register, saved, index)
            message = f"{label}: partner {number} has a role ({role.strip()}) but no name; name them or clear the role."
            found.append(Finding(f"rows[{index}].{key}", message, index))
    return found


def _partners_without_roles(saved: SavedRegister) -> list[Finding]:
    found = []
    for number, name in enumerate(saved.partners, 1):
        if name.strip() and not any(row.get(partner_key(number), "").strip() for row in saved.rows):
            message = f"Partner {number} ({name.strip()}) has no role in any activity; give them one, or remove them."
            found.append(Finding(f"partners[{number - 1}]", message))
    return found


def _bottlenecks(saved: SavedRegister) -> list[Finding]:
    total = len(saved.rows)
    if total < 2:
        return []
    found = []
    for number, name in enumerate(saved.partners, 1):
        count = sum(row.get(partner_key(number), "").strip() == "A" for row in saved.rows)
        if name.strip() and count * 2 > total:
            message = (
                f"{name.strip()} is Accountable for {count} of {total} activities, more than half: a possible "
                "bottleneck. Could another partner answer for some of them?"
            )
            found.append(Finding(f"partners[{number - 1}]", message))
    return found


def summary(register: Register, saved: SavedRegister, today) -> dict:
    names = [name.strip() for name in saved.partners if name.strip()]
    return {"accountable_for": {name: sum(roles(saved, row).get(name) == "A" for row in saved.rows) for name in names}}


def blocks(register: Register, saved: SavedRegister, today) -> tuple[list, list[Table]]:
    names = [(number, name.strip()) for number, name in enumerate(saved.partners, 1) if name.strip()]
    activity, *others = register.columns
    # The other columns of text (the notes) follow the partners' roles: a report or download without them
    # would lose what only they say.
    texts = [column for column in others if column.kind != "roles"]
    header = (activity.label, *(name for _, name in names), *(column.label for column in texts))
    rows = tuple(
        (
            row.get(activity.id, ""),
            *(row.get(partner_key(number), "") for number, _ in names),
            *(row.get(column.id, "") for column in texts),
        )
        for row in saved.rows
    )
    table = Table(
        "The matrix: each partner's role in each activity",
        header,
        tuple(named_row(register, saved, index, cells) for index, cells in enumerate(rows)),
        id=f"rm-table-{register.id}",
        html_class="rm-register-table",
    )
    key = Paragraph("R: Responsible (does the work). A: Accountable (answers for it). C: Consulted. I: Informed.")
    return [table, key], [Table(table.caption, header, rows, row_headers=False)]
