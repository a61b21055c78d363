"""The compare view's component, rendered at build time: choosing files, the settings, the toolbar,
the results panel and the workshop record, with what the page script needs (data-config).

The page script (docs/assets/js/rm-compare.js) only wires events, saves and moves data. Controls
that need JavaScript are rendered `hidden`; the script shows them once it runs.
"""

from __future__ import annotations

from typing import Any

from checks.answers import MAX_BYTES
from checks.compare.examples import load_examples
from checks.compare.groups import MIN_GROUP, MIN_GROUP_FLOOR, MIN_GROUP_MOST
from checks.compare.inputs import MAX_FILES_BROWSER
from checks.compare.record import MAX_COMPARISON_BYTES, blank_comparison, storage_key
from checks.compare.reports import REPORTS
from checks.component import _attribute, _button
from checks.form import SEARCH_EXCLUDE
from checks.markup import escape
from checks.model import Checklist
from checks.offline import DOWNLOAD_MESSAGES
from checks.wording import FAILED, PAGE_MESSAGES

STORAGE_WARNING = "This browser is not letting the page keep the comparison: save it as a file to carry on later."

MESSAGES = {
    **{action: FAILED[action] for action in ("compare", "compare_open", "compare_export", "compare_report")},
    **DOWNLOAD_MESSAGES,
    "loading": PAGE_MESSAGES["loading"],  # the one engine, the one download
    "checking": "Reading the files…",
    "confirm_clear": "Start a new comparison? This removes the files and the workshop record from this browser. "
    "Save the comparison first if you want to keep it. Your own answers to the checklist are not touched.",
    "cleared": "The comparison was cleared.",
    "page_failed": "Something went wrong in the page.",
    "engine-not-loaded": "The scoring engine could not be loaded.",
    "engine-failed": "The scoring engine failed while handling this request.",
}
"""Every sentence the page script shows on its own, by key."""


def compare_component(checklist: Checklist, definition: Any, base_url: str) -> str:
    cid = escape(checklist.id)
    return (
        f'<div class="rm-compare" data-module="rm-compare" data-checklist="{cid}"'
        f' data-config="{_attribute(page_config(checklist, base_url))}" data-definition="{_attribute(definition)}">\n'
        '<p class="rm-no-js">Comparing answers files needs JavaScript. Without it you can still compare printed '
        "answers by hand, question by question.</p>\n"
        f"{_chooser(cid)}\n{_settings(cid)}\n{_toolbar(cid)}\n"
        '<h2 id="comparison">The comparison</h2>\n'
        # A status is read whole (atomic) unless told otherwise: only its short summary is to be heard.
        '<div class="rm-results rm-compare-results" role="status" aria-live="polite" aria-atomic="false"'
        ' data-state="empty">'
        "<p>Choose 2 or more answers files to compare them.</p></div>\n"
        '<h2 id="workshop-record">Workshop record</h2>\n'
        "<p>Record what the workshop agrees. It is kept in this browser with the comparison.</p>\n"
        # tabindex: focus comes here when a save in another tab takes away the reader's place in the record
        f'<form class="rm-compare-record" id="rm-record-{cid}" novalidate aria-labelledby="workshop-record"'
        ' tabindex="-1">'
        "<p>The record starts once 2 or more answers files are compared.</p></form>\n"
        "</div>\n"
    )


def page_config(checklist: Checklist, base_url: str) -> dict[str, Any]:
    return {
        "checklist": checklist.id,
        "version": checklist.version,
        "storage_key": storage_key(checklist.id),
        "base_url": base_url,
        "blank": blank_comparison(checklist),
        "max_files": MAX_FILES_BROWSER,
        "max_bytes": MAX_BYTES,
        "max_comparison_bytes": MAX_COMPARISON_BYTES,
        "examples": load_examples(checklist.id),
        "messages": MESSAGES,
    }


def _chooser(cid: str) -> str:
    return (
        f'<div class="rm-compare-files" hidden><h2 id="choose-files">Choose the answers files</h2>'
        "<p>Each partner exports their answers from the checklist page and sends you the file. Choose or drop "
        f"every file here: up to {MAX_FILES_BROWSER} at once. They are read on this device and sent nowhere.</p>"
        '<div class="rm-drop">'
        f'<label for="rm-compare-files-{cid}">Answers files to compare</label>'
        f'<input type="file" id="rm-compare-files-{cid}" multiple accept=".json,application/json" '
        'data-role="add-files">'
        "<p>Or drag the files and drop them here.</p></div>"
        '<div class="rm-compare-list" tabindex="-1"></div></div>'
    )


def _settings(cid: str) -> str:
    return (
        f'<form class="rm-compare-settings" id="rm-compare-settings-{cid}" novalidate '
        f'aria-labelledby="rm-anonymity-{cid}" hidden>'
        f'<h2 id="rm-anonymity-{cid}">Anonymity</h2>'
        "<p>Named mode shows each organisation's answers and each person's name. Use anonymous mode where power "
        "is unequal and people may not speak freely.</p>"
        f'<div class="rm-field rm-check"><input type="checkbox" id="rm-compare-anonymous-{cid}" '
        f'data-setting="anonymous"><label for="rm-compare-anonymous-{cid}">Anonymous mode</label></div>'
        f'<div class="rm-field"><label for="rm-compare-min-{cid}">Smallest group shown in anonymous mode '
        f"(at least {MIN_GROUP_FLOOR})</label>"
        # A value Python refuses stays in the field, marked, with Python's reason here (GOV.UK's error
        # message: the script shows it and points the field's aria-describedby at it).
        f'<p class="rm-field-error" id="rm-compare-min-error-{cid}" hidden>'
        '<span class="rm-visually-hidden">Error: </span><span class="rm-field-error-text"></span></p>'
        f'<input type="number" id="rm-compare-min-{cid}" min="{MIN_GROUP_FLOOR}" max="{MIN_GROUP_MOST}" step="1" '
        f'value="{MIN_GROUP}" data-setting="min_group" data-error="rm-compare-min-error-{cid}"></div></form>'
    )


def _toolbar(cid: str) -> str:
    buttons = [
        _button("example", "Try an example"),
        _button("export", "Save the comparison"),
        _button("open", "Open a saved comparison"),
    ]
    buttons += [_button("report", f"Download report ({r.label})", key) for key, r in REPORTS.items() if r.render]
    buttons += [_button("print", "Print"), _button("clear", "Start a new comparison")]
    return (
        f'<div class="rm-toolbar" id="rm-compare-toolbar-{cid}" hidden>'
        f'<div class="rm-toolbar-buttons"{SEARCH_EXCLUDE} role="group"'
        ' aria-label="Save, open, report or clear the comparison">'
        f"{''.join(buttons)}"
        '<input type="file" accept=".json,application/json" class="rm-visually-hidden" tabindex="-1"'
        ' aria-hidden="true" aria-label="Comparison file to open" data-role="open-file"></div>'
        f'<div class="rm-warning"{SEARCH_EXCLUDE} hidden>{escape(STORAGE_WARNING)}</div>'
        '<div class="rm-toolbar-status" role="status"></div><div class="rm-alert" role="alert"></div>'
        '<div class="rm-refused" role="alert"></div></div>'
    )
