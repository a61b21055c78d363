"""The agreement builder's page component, rendered at build time: the form (a printable checklist
without JavaScript), the toolbar (hidden until the script runs), the preview panel, and what the
page script needs (data-config). The script (docs/assets/js/rm-agreement.js) only wires events,
saves and moves data: every sentence it shows comes from here or from the worker.
"""

from __future__ import annotations

from typing import Any

from checks.agreement import wording
from checks.agreement.definitions import Builder
from checks.agreement.form import PARTS, agreement_form
from checks.agreement.reports import DOWNLOADS
from checks.agreement.saved import blank_draft
from checks.answers import storage_key
from checks.component import _attribute, _button
from checks.form import SEARCH_EXCLUDE
from checks.markup import escape
from checks.wording import time_needed


def agreement_component(builder: Builder, definition: dict[str, Any], base_url: str) -> str:
    """The whole component. `definition` is the plain data of the agreement and its presets, sent
    to the worker once; `base_url` leads from the page to the site root."""
    agreement = builder.agreement
    return (
        f'<div class="rm-agreement" data-module="rm-agreement" data-checklist="{escape(agreement.id)}"'
        f' data-config="{_attribute(page_config(builder, base_url))}" data-definition="{_attribute(definition)}">\n'
        f'<p class="rm-time">A first draft takes about {time_needed(agreement.minutes)}, '
        "best spent with your partners.</p>\n"
        f'<p class="rm-no-js">{escape(wording.NO_JAVASCRIPT)}</p>\n'
        f"{toolbar(builder)}\n"
        f"{agreement_form(agreement, base_url)}\n"
        '<h2 id="preview">Preview of your agreement</h2>\n'
        # rm-results too: like a checklist's results, the offline copy waits for it and keeps the engine
        # tabindex -1: focus goes to it when the part of it the reader was on is gone (rm-agreement.js)
        '<div class="rm-results rm-preview" data-state="loading" role="region" aria-labelledby="preview"'
        ' tabindex="-1">'
        f"<p>{escape(wording.PREVIEW_NEEDS_JAVASCRIPT)}</p></div>\n"
        '<p class="rm-preview-status rm-visually-hidden" role="status"></p>\n'
        "</div>\n"
    )


def page_config(builder: Builder, base_url: str) -> dict[str, Any]:
    agreement = builder.agreement
    return {
        "checklist": agreement.id,
        "version": agreement.version,
        "storage_key": storage_key(agreement.id),
        "base_url": base_url,
        "blank": blank_draft(agreement),
        "parts": PARTS,
        "max_bytes": agreement.max_bytes,
        "messages": wording.PAGE_MESSAGES,
    }


def toolbar(builder: Builder) -> str:
    options = "".join(f'<option value="{escape(p.id)}">{escape(p.title)}</option>' for p in builder.presets)
    buttons = [
        _button("export", "Export draft"),
        _button("import", "Import draft"),
        _button("register", "Import a register"),
    ]
    buttons += [_button("report", f"Download agreement ({d.label})", key) for key, d in DOWNLOADS.items()]
    buttons += [_button("print", "Print or save as PDF"), _button("reset", "Start again")]
    file_input = (
        '<input type="file" accept=".json,application/json" class="rm-visually-hidden" tabindex="-1"'
        ' aria-hidden="true" aria-label="{}" data-file="{}">'
    )
    return (
        f'<div class="rm-toolbar" id="rm-toolbar-{escape(builder.agreement.id)}" hidden>'
        '<div class="rm-preset"><label for="rm-preset">Start from an example</label>'
        f'<select id="rm-preset">{options}</select>{_button("preset", "Use this example")}</div>'
        f'<div class="rm-toolbar-buttons"{SEARCH_EXCLUDE} role="group"'
        ' aria-label="Save, share, download or clear your draft">'
        f"{''.join(buttons)}"
        f"{file_input.format('Draft file to import', 'import')}"
        f"{file_input.format('Register file to import', 'register')}</div>"
        f'<div class="rm-warning"{SEARCH_EXCLUDE} hidden>{escape(wording.STORAGE_WARNING)}</div>'
        '<div class="rm-toolbar-status" role="status"></div><div class="rm-alert" role="alert"></div></div>'
    )
