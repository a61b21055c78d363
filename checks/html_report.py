"""The checklist page's results panel: the result's report document, drawn as HTML."""

from __future__ import annotations

from collections.abc import Mapping

from checks.checklist_document import answers_document, result_document, summary_line
from checks.markup import escape
from checks.render.html import document_to_html
from checks.result import Result


def to_html(result: Result, base_url: str = "") -> str:
    """The results panel's content; `base_url` leads from the checklist page to the site root.

    The panel is a polite live region: only the short hidden summary is announced when it
    changes; the report below it is marked aria-live="off" so it is not read out every time.
    The page has its own title, so the report's is left out and its headings start at h3.
    """
    report = document_to_html(result_document(result, base_url), title=False, heading_offset=1)
    return (
        f'<p class="rm-summary rm-visually-hidden">{escape(summary_line(result))}</p>'
        f'<div class="rm-result" data-checklist="{escape(result.checklist)}" aria-live="off">{report}</div>'
    )


def answers_html(result: Result, notes: Mapping[str, str] | None = None) -> str:
    """The answers and notes as a compact table per section, which the checklist page prints after
    its result (the form itself is not printed then). Not a live region: nothing here is announced."""
    return document_to_html(answers_document(result, notes), title=False, heading_offset=1)
