"""The docs index that checks guidance links: its anchors are the ones the built site really has."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from markdown.extensions.toc import slugify as markdown_slugify

from checks.docs_index import anchors_in, slugify


@given(st.text())
def test_slugify_is_python_markdowns_own(text):
    assert slugify(text) == markdown_slugify(text, "-")


def test_headings_with_explicit_ids_and_code_fences():
    markdown = "# Title\n\n## What good looks like {#good}\n\n```\n## not a heading\n```\n\n### Café & co\n"
    assert anchors_in(markdown) == {"title", "good", "cafe-co"}
