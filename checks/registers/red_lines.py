"""The red-lines register: each partner's non-negotiables, and a prospective partner screened
against them (yes, no or not yet known per red line).

Findings: the shared ones (blank or wrong values, reviews past their date, owners who are not
partners). The screening result reads plainly: "Crosses 1 red line: ...; 2 not yet known: ...".
"""

from __future__ import annotations

from checks.document import BulletList, Heading, Paragraph, Strong, Table
from checks.plurals import counted
from checks.registers.checks import named_row, overdue_findings, owner_findings
from checks.registers.model import Finding, Register, SavedRegister


def findings(register: Register, saved: SavedRegister, today) -> list[Finding]:
    return overdue_findings(register, saved, today) + owner_findings(register, saved)


def screening(saved: SavedRegister) -> dict:
    """Which red lines the prospective partner crosses, which are not yet known, which are clear."""
    lines = [(row.get("line", "").strip() or f"red line {n}") for n, row in enumerate(saved.rows, 1)]
    answers = [row.get("screen", "").strip() for row in saved.rows]
    crosses = [line for line, answer in zip(lines, answers, strict=True) if answer == "yes"]
    unknown = [line for line, answer in zip(lines, answers, strict=True) if answer not in ("yes", "no")]
    clear = [line for line, answer in zip(lines, answers, strict=True) if answer == "no"]
    return {
        "partner": saved.settings.get("prospect", "").strip(),
        "crosses": crosses,
        "unknown": unknown,
        "clear": clear,
        "result": screening_sentence(crosses, unknown, len(lines)),
    }


def screening_sentence(crosses: list[str], unknown: list[str], total: int) -> str:
    """'Crosses 1 red line: No tobacco money; 2 not yet known: X; Y.'"""
    if not total:
        return "There are no red lines to screen against yet."
    parts = []
    if crosses:
        parts.append(f"Crosses {_count(len(crosses))}: {'; '.join(crosses)}")
    if unknown:
        parts.append(f"{len(unknown)} not yet known: {'; '.join(unknown)}")
    if not parts:
        return f"Crosses none of the {_count(total)}." if total != 1 else "Does not cross the red line."
    if not crosses:
        parts.insert(0, "Crosses no red line known so far")
    return "; ".join(parts) + "."


def _count(number: int) -> str:
    return counted(number, "red line")


def summary(register: Register, saved: SavedRegister, today) -> dict:
    return {"screening": screening(saved)}


def blocks(register: Register, saved: SavedRegister, today) -> tuple[list, list[Table]]:
    result = screening(saved)
    who = result["partner"] or "the prospective partner"
    shown = [c for c in register.columns if c.id != "screen"]
    header = tuple(c.label for c in shown)
    rows = tuple(
        named_row(register, saved, index, tuple(c.label_of(row.get(c.id, "")) for c in shown))
        for index, row in enumerate(saved.rows)
    )
    data_header = tuple(c.label for c in register.columns)
    data_rows = tuple(tuple(row.get(c.id, "") for c in register.columns) for row in saved.rows)
    reading = [
        Table("The red lines", header, rows, id=f"rm-table-{register.id}", html_class="rm-register-table"),
        Heading(2, f"Screening {who}"),
        Paragraph((Strong("Result:"), " " + result["result"]), html_class="rm-screening"),
    ]
    if result["clear"]:
        reading += [Paragraph("Not crossed:"), BulletList(tuple(result["clear"]))]
    return reading, [Table("Red lines", data_header, data_rows, row_headers=False)]
