"""The site's search index (Material's search plugin): the tools' pages are found by what they ask and explain,
not by the labels of their controls, which are the same on every tool page (checks.form.SEARCH_EXCLUDE)."""

from __future__ import annotations

import json

CONTROLS = (
    "Strongly disagree",  # a checklist's options
    "Answer anonymously",  # about the person answering
    "Export answers",  # a checklist's toolbar
    "Import register",  # a register's toolbar
    "Status of section",  # each section of the agreement builder
    "Agreed by all",
)


def index_text(site) -> str:
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return "\n".join(f"{doc['title']} {doc['text']}" for doc in docs)


def test_the_search_index_leaves_out_the_tools_controls(site):
    text = index_text(site)
    assert [label for label in CONTROLS if label in text] == []


def test_what_the_tools_ask_is_still_found(site):
    text = index_text(site)
    assert "Leaders from every partner organisation describe the partnership" in text  # a checklist's question
    assert "What is each partner" in text  # one of the agreement builder's questions to settle
