"""The offline copy's words and controls, rendered at build time: the notice that offers a new version of
the site, the "Make this site available offline" control, and the scoring engine's download progress.

The page scripts (docs/assets/js/rm-offline.js, rm-main.js) hold none of these sentences: the notice is a
<template> in every page, the control's markup is rendered hidden with its messages in data-config, and
the progress messages go to each tool's script with its own (checks.wording.PAGE_MESSAGES and the messages of
checks.compare.component, checks.registers.component and checks.agreement.wording). A message
with ``{done}``, ``{total}`` or ``{remaining}`` has those placeholders filled with megabytes by the script.
"""

from __future__ import annotations

import json

from checks.markup import escape

UPDATE_AVAILABLE = "A new version of this site is available."
UPDATE_BUTTON = "Reload to update"

OFFLINE_BUTTON = "Make this site available offline"
OFFLINE_MESSAGES = {
    "size": (
        "Your browser already keeps the pages. To use the checklists and other tools without a connection "
        "too, it also needs the scoring engine: a download of {remaining} MB."
    ),
    "copying": "Downloading the scoring engine for offline use.",
    "progress": "{done} of {total} MB",
    "label": "Scoring engine downloaded for offline use",
    "done": "This site is now available offline in this browser: every page and every checklist.",
    "failed": (
        "The scoring engine could not be downloaded, so the checklists are not yet available offline. "
        "Check your connection and try again."
    ),
}
"""What the offline control says, by the key its script looks up."""

DOWNLOAD_MESSAGES = {
    "downloading": "Downloading the scoring engine: {done} of {total} MB.",
    "download_label": "Scoring engine downloaded",
    "working": "Working on it. The first time, this waits until the scoring engine has downloaded.",
}
"""What a tool's results panel says while the scoring engine downloads the first time (`downloading`,
`download_label`), and what its toolbar says of an action that takes a while, most often because it
waits for that download (`working`)."""


def update_notice() -> str:
    """The notice shown when a new version of the site is ready: a template the script copies into the page."""
    return (
        '<template id="rm-update-notice"><div class="rm-update" role="status">'
        f'{escape(UPDATE_AVAILABLE)} <button type="button" class="md-button rm-button">{escape(UPDATE_BUTTON)}</button>'
        "</div></template>"
    )


def offline_control() -> str:
    """The "Make this site available offline" control, hidden until its script runs (it needs a service worker)."""
    config = escape(json.dumps({"messages": OFFLINE_MESSAGES}, ensure_ascii=False, separators=(",", ":")))
    label = escape(OFFLINE_MESSAGES["label"])
    return (
        f'<div class="rm-offline" data-module="rm-offline" data-config="{config}" hidden>'
        '<p class="rm-offline-size"></p>'
        f'<button type="button" class="md-button rm-button">{escape(OFFLINE_BUTTON)}</button>'
        f'<p class="rm-offline-meter" hidden><progress max="1" value="0" aria-label="{label}"></progress> '
        '<span class="rm-offline-figures" aria-hidden="true"></span></p>'
        '<p class="rm-offline-status" role="status"></p></div>'
    )
