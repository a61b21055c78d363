"""Relationship Matters checklist engine: model, validation, scoring and reports.

Standard library only, so the same code runs under pytest, the site build, the
command line and Pyodide in the browser.
"""

from checks.answers import SavedAnswers, answers_to_dict, checklist_id_of, new_answers, read_answers
from checks.charts import bar_chart, chart_text
from checks.checklist_document import result_document
from checks.definitions import checklist_from_mapping, definition_files, load_checklist
from checks.errors import AnswersError, ChecklistError, DefinitionError, Problem
from checks.html_report import to_html
from checks.model import Checklist, Question, Section
from checks.reports import to_csv, to_docx, to_json, to_markdown, to_text
from checks.result import Result, result_to_dict
from checks.scoring import score

__all__ = [
    "AnswersError",
    "Checklist",
    "ChecklistError",
    "DefinitionError",
    "Problem",
    "Question",
    "Result",
    "SavedAnswers",
    "Section",
    "answers_to_dict",
    "bar_chart",
    "chart_text",
    "checklist_from_mapping",
    "checklist_id_of",
    "definition_files",
    "load_checklist",
    "load_docs_index",
    "new_answers",
    "read_answers",
    "result_document",
    "result_to_dict",
    "score",
    "to_csv",
    "to_docx",
    "to_html",
    "to_json",
    "to_markdown",
    "to_text",
]


def __getattr__(name: str):
    # The build and the command line use the docs index; the browser's worker does not, so it is
    # loaded only when asked for (a leaner start when the worker cannot use its snapshot).
    if name == "load_docs_index":
        from checks.docs_index import load_docs_index

        return load_docs_index
    raise AttributeError(f"module 'checks' has no attribute {name!r}")
