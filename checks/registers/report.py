"""A saved register checked: its findings, and the one report `Document` every format draws.

`check_register` is what the worker, the command line and the tests call; today's date is given.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from types import ModuleType

from checks.document import BulletList, Document, Heading, Paragraph, Table, link_to
from checks.plurals import counted, plural
from checks.registers import matrix, red_lines, risks
from checks.registers.checks import partner_names, value_findings
from checks.registers.model import Finding, Register, SavedRegister

KIND_MODULES: dict[str, ModuleType] = {
    "accountability-matrix": matrix,
    "red-lines": red_lines,
    "risk-register": risks,
}
"""Each kind's own findings, summary and report blocks."""


@dataclass(frozen=True)
class RegisterResult:
    register: Register
    saved: SavedRegister
    today: date
    findings: tuple[Finding, ...]
    summary: dict

    def row_marks(self) -> list[list[str]]:
        """Each row's findings, to mark it on the form (an invalid row is kept, and marked)."""
        marks: list[list[str]] = [[] for _ in self.saved.rows]
        for finding in self.findings:
            if finding.row is not None:
                marks[finding.row].append(finding.message)
        return marks


def check_register(register: Register, saved: SavedRegister, today: date) -> RegisterResult:
    kind = KIND_MODULES[register.kind]
    found = value_findings(register, saved) + kind.findings(register, saved, today)
    found.sort(key=lambda f: (f.row is None, f.row or 0))  # row by row, then the register as a whole
    return RegisterResult(register, saved, today, tuple(found), kind.summary(register, saved, today))


def summary_line(result: RegisterResult) -> str:
    saved = result.saved
    parts = (
        counted(len(saved.rows), result.register.row_name),
        counted(len(partner_names(saved)), "partner"),
        counted(len(result.findings), "finding"),
    )
    return ", ".join(parts) + "."


def register_document(result: RegisterResult, field_id: Callable[[str], str] | None = None) -> Document:
    """The report. The page's findings panel gives `field_id` (a finding's path to the id of the form's
    control it is about, or ""): each finding about a control links to it, as a GOV.UK error summary's
    items do. A report for download has no form to link to, and is given none."""
    register, saved = result.register, result.saved
    reading, data = KIND_MODULES[register.kind].blocks(register, saved, result.today)
    partners = partner_names(saved)
    blocks = [
        Paragraph(
            f"Checked on {result.today.day} {result.today:%B %Y}. {summary_line(result)}", html_class="rm-overall"
        ),
        Heading(2, "Findings"),
        _findings(result, field_id),
        Heading(2, "Partners"),
        BulletList(tuple(partners)) if partners else Paragraph("No partners named yet."),
        Heading(2, "The matrix" if register.kind == "accountability-matrix" else f"The {plural(register.row_name)}"),
        *(reading if saved.rows else [Paragraph(f"Nothing listed yet: no {plural(register.row_name)}.")]),
    ]
    findings_table = Table("Findings", ("where", "finding"), tuple((f.path, f.message) for f in result.findings))
    return Document(
        title=register.title,
        subtitle=f"Version {register.version} of the register.",
        blocks=tuple(blocks),
        data=(*data, findings_table) if register.kind != "accountability-matrix" else tuple(data),
    )


def _findings(result: RegisterResult, field_id: Callable[[str], str] | None):
    if not result.findings:
        return Paragraph("Nothing to fix: no findings.")
    return BulletList(
        tuple(link_to(f.message, field_id(f.path) if field_id else "") for f in result.findings),
        item_ids=tuple(f.path for f in result.findings),
        id_name="path",
        html_class="rm-findings",
    )


def result_to_dict(result: RegisterResult) -> dict:
    """The data behind the report, as JSON data; findings are ``{path, message}``."""
    saved = result.saved
    return {
        "register": result.register.id,
        "kind": result.register.kind,
        "version": saved.version,
        "today": result.today.isoformat(),
        "partners": partner_names(saved),
        "rows": [dict(row) for row in saved.rows],
        "findings": [{"path": f.path, "message": f.message} for f in result.findings],
        **result.summary,
    }


def to_json(result: RegisterResult) -> str:
    return json.dumps(result_to_dict(result), indent=2, ensure_ascii=False) + "\n"
