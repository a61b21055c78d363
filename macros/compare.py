"""The compare view's page macro: it finds the checklist and calls `checks.compare.component`."""

from __future__ import annotations

from checks.compare.component import compare_component
from macros.checklists import definitions


def compare_view(checklist_id: str, page_url: str) -> str:
    """The compare view of an assessment checklist, with the one page script."""
    if checklist_id not in definitions():
        raise KeyError(f"no checklist called {checklist_id!r}; known: {', '.join(definitions())}")
    checklist, data = definitions()[checklist_id]
    if checklist.kind != "assessment":
        raise KeyError(f"compare(): {checklist_id!r} is a {checklist.kind} checklist; only assessments are compared")
    base = "../" * page_url.strip("/").count("/") + ("../" if page_url.strip("/") else "")
    script = f'<script type="module" src="{base}assets/js/rm-main.js"></script>'
    return f"\n{compare_component(checklist, data, base)}{script}\n"
