"""The agreement builder's page macro: it loads the agreement and its presets (guidance links
checked against the docs) and calls `checks.agreement.component`."""

from __future__ import annotations

from checks import load_docs_index
from checks.agreement.component import agreement_component
from checks.agreement.definitions import Builder, load_builder
from macros.checklists import DOCS_DIR


def builder(agreement_id: str) -> tuple[Builder, dict]:
    """Read afresh on every build (`mkdocs serve` rebuilds in the same process); one page uses it."""
    return load_builder(agreement_id, docs=load_docs_index(DOCS_DIR))


def agreement_view(agreement_id: str, page_url: str) -> str:
    """The builder, with the one page script (see macros/checklists.py for why it is here too)."""
    found, data = builder(agreement_id)
    base = "../" * page_url.strip("/").count("/") + ("../" if page_url.strip("/") else "")
    script = f'<script type="module" src="{base}assets/js/rm-main.js"></script>'
    return f"\n{agreement_component(found, data, base)}{script}\n"
