"""A checklist's page component, rendered at build time: the forms, the toolbar, the results panel,
and what the page script needs to run it (data-config). Also the box that links to a checklist.

The page script (docs/assets/js/rm-checklist.js) only wires events, saves and moves data: every
sentence it shows and everything about the saved document comes from here or from the worker.
JavaScript-only controls are rendered `hidden`; the script shows them once it runs.
"""

from __future__ import annotations

import json
from typing import Any

from checks.answers import MAX_BYTES, blank_document, storage_key
from checks.files import REPORTS
from checks.form import PARTS, SEARCH_EXCLUDE, about_form, questions_form
from checks.markup import escape
from checks.model import Checklist, Section
from checks.plurals import counted
from checks.saved_parts import MAX_ORGANISATIONS, ORGANISATIONS_KEY
from checks.wording import (
    NO_JAVASCRIPT,
    PAGE_MESSAGES,
    RESULTS_NEED_JAVASCRIPT,
    SEE_RESULT,
    STORAGE_WARNING,
    time_needed,
)


def checklist_component(checklist: Checklist, definition: Any, base_url: str) -> str:
    """The whole component. `definition` is the validated plain data, sent to the worker once;
    `base_url` leads from the page to the site root."""
    cid = escape(checklist.id)
    return (
        f'<div class="rm-checklist" data-module="rm-checklist" data-checklist="{cid}"'
        f' data-config="{_attribute(page_config(checklist, base_url))}" data-definition="{_attribute(definition)}">\n'
        f'<p class="rm-time">Allow about {time_needed(checklist.minutes)}.</p>\n'
        f'<p class="rm-no-js">{escape(NO_JAVASCRIPT)}</p>\n'
        f"{toolbar(checklist)}\n"
        f"{progress(checklist)}\n"
        f"{about_form(checklist)}\n"
        f"{questions_form(checklist, base_url)}\n"
        f'<h2 id="results">Your results</h2>\n'
        # A status is read whole (atomic) unless told otherwise: only its short summary is to be heard.
        f'<div class="rm-results" role="status" aria-live="polite" aria-atomic="false" data-state="loading">'
        f"<p>{escape(RESULTS_NEED_JAVASCRIPT)}</p></div>\n"
        # The answers as a compact table, from the worker: printed after the result, never on screen.
        f'<div class="rm-print-answers"></div>\n'
        f"</div>\n"
    )


def page_config(checklist: Checklist, base_url: str) -> dict[str, Any]:
    """What the page script is told: which checklist, where to keep it, the blank document, its words."""
    return {
        "checklist": checklist.id,
        "version": checklist.version,
        "storage_key": storage_key(checklist.id),
        "base_url": base_url,
        "blank": blank_document(checklist),
        "parts": PARTS,
        "max_bytes": MAX_BYTES,
        "messages": PAGE_MESSAGES,
        "organisations": {"key": ORGANISATIONS_KEY, "most": MAX_ORGANISATIONS},
    }


def progress(checklist: Checklist) -> str:
    """Near the top of the form: how many questions are answered (filled in by the page script, which
    says it politely in the hidden live region when the count changes) and a link to the result."""
    return (
        '<div class="rm-answered">'
        '<p class="rm-count" data-count="all" hidden></p>'
        f'<p class="rm-jump"><a href="#results">{escape(SEE_RESULT)}</a></p>'
        '<p class="rm-count-live rm-visually-hidden" role="status" aria-live="polite"></p></div>'
    )


def _attribute(data: Any) -> str:
    # In an attribute, not a <script type="application/json">: Material's instant navigation
    # re-creates every script in the page without its type, and would run the JSON as code.
    return escape(json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def toolbar(checklist: Checklist) -> str:
    """The buttons, the storage warning, the status line and the alert: all hidden until the script runs."""
    buttons = [_button("export", "Export answers"), _button("import", "Import answers")]
    buttons += [_button("report", f"Download report ({r.label})", key) for key, r in REPORTS.items()]
    buttons += [_button("print", "Print"), _button("print-blank", "Print a blank copy")]
    buttons += [_button("reset", "Start again")]
    return (
        f'<div class="rm-toolbar" id="rm-toolbar-{escape(checklist.id)}" hidden>'
        f'<div class="rm-toolbar-buttons"{SEARCH_EXCLUDE} role="group" aria-label="Save, share or clear your answers">'
        f"{''.join(buttons)}"
        '<input type="file" accept=".json,application/json" class="rm-visually-hidden" tabindex="-1"'
        ' aria-hidden="true" aria-label="Answers file to import"></div>'
        f'<div class="rm-warning"{SEARCH_EXCLUDE} hidden>{escape(STORAGE_WARNING)}</div>'
        '<div class="rm-toolbar-status" role="status"></div><div class="rm-alert" role="alert"></div></div>'
    )


def _button(action: str, label: str, report_format: str = "") -> str:
    data_format = f' data-format="{report_format}"' if report_format else ""
    return f'<button type="button" class="md-button rm-button" data-action="{action}"{data_format}>{label}</button>'


def link_box(checklist: Checklist, section: Section | None, target: str) -> str:
    """An admonition (Markdown, so MkDocs checks the link) pointing at a checklist or one of its sections."""
    if section is None:
        body = (
            f"Use the [{checklist.title}]({target}) to see where you stand. "
            f"It takes about {time_needed(checklist.minutes)}."
        )
    else:
        body = (
            f"The [{checklist.title}: {section.title}]({target}#{section.id}) asks "
            f"{counted(len(section.questions), 'question')} on this. "
            f"Answer {'it' if len(section.questions) == 1 else 'them'} alone, with your team or with each partner."
        )
    return f'!!! tip "Check how you are doing"\n    {body}\n'
