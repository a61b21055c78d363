"""A comparison in every format, and the files the page downloads: the saved comparison (JSON) and
its reports (Markdown, CSV, HTML for print, Word), named for the checklist and the day."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from checks.compare.analysis import Comparison, compare
from checks.compare.inputs import read_files
from checks.compare.record import SavedComparison, comparison_text
from checks.compare.report import comparison_document
from checks.files import File, file_name
from checks.markup import escape
from checks.model import Checklist
from checks.plurals import counted
from checks.render import render_document
from checks.render.html import document_to_html


def comparison_html(c: Comparison, base_url: str) -> str:
    """The results panel: a short summary announced when it changes, then the report (not read out)."""
    report = document_to_html(comparison_document(c, base_url), title=False, heading_offset=1)
    summary = (
        f"{counted(len(c.responses), 'respondent')} compared; {counted(len(c.contested), 'contested question')}."
        if len(c.responses) >= 2
        else "Add at least 2 answers files to compare them."
    )
    return (
        f'<p class="rm-summary rm-visually-hidden">{escape(summary)}</p>'
        f'<div class="rm-result" data-checklist="{escape(c.checklist.id)}" aria-live="off">{report}</div>'
    )


def to_markdown(c: Comparison, base_url: str = "") -> str:
    return render_document(comparison_document(c, base_url), "markdown")


def to_text(c: Comparison, base_url: str = "") -> str:
    return render_document(comparison_document(c, base_url), "text")


def to_csv(c: Comparison, base_url: str = "") -> str:
    return render_document(comparison_document(c, base_url), "csv")


def to_docx(c: Comparison, base_url: str = "") -> bytes:
    return render_document(comparison_document(c, base_url), "docx")


def to_html_page(c: Comparison, base_url: str = "") -> str:
    """A whole HTML page of the report, to open and print anywhere (no script, no outside request)."""
    document = comparison_document(c, base_url)
    return (
        '<!doctype html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        f"<title>{escape(document.title)}</title>"
        "<style>body{font-family:sans-serif;max-width:60rem;margin:auto;line-height:1.4}"
        "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #777;padding:.2em .4em;text-align:left}"
        "svg{max-width:100%;height:auto}</style></head>"
        f"<body>{document_to_html(document)}</body></html>\n"
    )


def export_name(checklist: Checklist, day: date, extension: str) -> str:
    return file_name(checklist.id, "comparison", day.isoformat(), extension=extension)


@dataclass(frozen=True)
class Report:
    label: str
    extension: str
    mime: str
    render: Callable[[Comparison, str], str | bytes] | None
    """None for the saved comparison itself."""

    def file(self, checklist: Checklist, saved: SavedComparison, day: date, base_url: str) -> File:
        name = export_name(checklist, day, self.extension)
        if self.render is None:
            return File(name, self.mime, comparison_text(saved))
        comparison = compare(checklist, read_files(checklist, (), saved.responses), saved.settings, saved.record)
        return File(name, self.mime, self.render(comparison, base_url))


REPORTS = {
    "json": Report("JSON", "json", "application/json", None),
    "docx": Report("Word", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", to_docx),
    "markdown": Report("Markdown", "md", "text/markdown;charset=utf-8", to_markdown),
    "csv": Report("CSV", "csv", "text/csv;charset=utf-8", to_csv),
    "html": Report("HTML for print", "html", "text/html;charset=utf-8", to_html_page),
}
"""The saved comparison and the report formats, in the toolbar's order."""
