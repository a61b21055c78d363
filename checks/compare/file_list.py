"""The files in a comparison, drawn by Python for the page each time they change: each file's name with
a button that removes it, so that a file added by mistake does not cost the workshop its record. In
anonymous mode the names are not shown (a file name can say who answered), only how many there are."""

from __future__ import annotations

from checks.compare.analysis import Comparison
from checks.markup import escape


def file_list(c: Comparison) -> str:
    if not c.responses:  # said, not left empty: focus comes here when the last file is removed
        return "<h3>Files in this comparison</h3><p>None yet.</p>"
    count = f"{len(c.responses)} file{'s' if len(c.responses) != 1 else ''}"
    if c.settings.anonymous:
        return (
            f"<h3>Files in this comparison</h3><p>{count}. Their names are not shown in anonymous mode: "
            "turn anonymous mode off to see them or to remove one.</p>"
        )
    items = "".join(
        f"<li><span>{escape(r.name)}</span> "
        f'<button type="button" class="md-button rm-button" data-action="remove-response" data-index="{n}">'
        f'Remove<span class="rm-visually-hidden"> {escape(r.name)}</span></button></li>'
        for n, r in enumerate(c.responses)
    )
    return f'<h3>Files in this comparison</h3><p>{count}.</p><ul class="rm-file-list">{items}</ul>'
