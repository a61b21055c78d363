"""A checklist's report in every format: its one document (`checklist_document`), drawn by a renderer.

Each function takes the scored result and `base_url`, which leads from where the report will be
read to the site root (guidance links start from it; CSV and JSON hold no links). The results
panel's HTML is `checks.html_report.to_html`.
"""

from __future__ import annotations

import json

from checks.checklist_document import CSV_COLUMNS, overall_line, result_document, summary_line
from checks.render import render_document
from checks.result import Result, result_to_dict

__all__ = ["CSV_COLUMNS", "overall_line", "summary_line", "to_csv", "to_docx", "to_json", "to_markdown", "to_text"]


def to_text(result: Result, base_url: str = "") -> str:
    """A report for a terminal."""
    return render_document(result_document(result, base_url), "text")


def to_markdown(result: Result, base_url: str = "") -> str:
    """A report to keep or share, e.g. pasted into meeting papers."""
    return render_document(result_document(result, base_url), "markdown")


def to_csv(result: Result, base_url: str = "") -> str:
    """One row per question, for spreadsheets."""
    return render_document(result_document(result, base_url), "csv")


def to_docx(result: Result, base_url: str = "") -> bytes:
    """A Word file of the report. Give `base_url` as the site's full address for clickable guidance links."""
    return render_document(result_document(result, base_url), "docx")


def to_json(result: Result, base_url: str = "") -> str:
    """The result as JSON data (the data behind the report, not the report's wording)."""
    return json.dumps(result_to_dict(result), indent=2, ensure_ascii=False) + "\n"
