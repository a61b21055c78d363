"""A checked register in every format (one document, drawn by each renderer), and the files the
page downloads: the saved register and its reports, named for the register, organisation and day."""

from __future__ import annotations

import json
from datetime import date

from checks.files import REPORTS, File, saved_file_name
from checks.markup import escape
from checks.registers.form import field_id
from checks.registers.report import RegisterResult, register_document, summary_line, to_json
from checks.registers.saved import register_to_dict
from checks.render import render_document
from checks.render.html import document_to_html


def render(result: RegisterResult, format_name: str) -> str | bytes:
    """The report in one of: text, markdown, csv, json, html, docx (bytes)."""
    if format_name == "json":
        return to_json(result)
    return render_document(register_document(result), format_name)


def panel_html(result: RegisterResult) -> str:
    """The page's findings panel: a short summary announced politely, then the report (not re-read), whose
    findings link to the controls of the form they are about."""
    document = register_document(result, lambda path: field_id(result.register, path))
    report = document_to_html(document, title=False, heading_offset=1)
    return (
        f'<p class="rm-summary rm-visually-hidden">{escape(summary_line(result))}</p>'
        f'<div class="rm-result" data-register="{escape(result.register.id)}" aria-live="off">{report}</div>'
    )


def export_file(result: RegisterResult, day: date) -> File:
    text = json.dumps(register_to_dict(result.saved), indent=2, ensure_ascii=False) + "\n"
    return File(
        saved_file_name(result.register.id, result.saved.respondent, day, extension="json"), "application/json", text
    )


def report_file(result: RegisterResult, format_name: str, day: date) -> File:
    report = REPORTS[format_name]
    name = saved_file_name(result.register.id, result.saved.respondent, day, "report", extension=report.extension)
    return File(name, report.mime, render(result, format_name))
