"""Text a reader typed, drawn by the renderers: it must come out as the same text, never as markup
or as instructions to whatever shows it (a Markdown viewer, a terminal)."""

from __future__ import annotations

import re
from html import unescape

import markdown
import pytest

from checks.document import Break, BulletList, Document, Heading, NumberedList, Paragraph, Table
from checks.render.markdown import document_to_markdown
from checks.render.text import document_to_text

# What a reader may well type at the start of a red line, a partner's name or a note.
BLOCK_STARTS = ["# Urgent", "1. No compulsory redundancies", "2) Data stays here", "- Council", "+ Trust", "> quoted"]
BLOCK_STARTS += ["---", "~~~", "  1. indented"]


def shown(drawn: str) -> str:
    """The Markdown as a Markdown tool shows it (as MkDocs would, with tables and fenced code)."""
    return markdown.markdown(drawn, extensions=["tables", "fenced_code"])


@pytest.mark.parametrize("typed", BLOCK_STARTS)
def test_markdown_text_at_the_start_of_a_block_stays_text(typed):
    document = Document(
        "T",
        (
            Paragraph(typed),
            BulletList((typed,)),
            Paragraph(("First line", Break(), typed)),
            NumberedList((typed,)),
            Table(typed, ("h",), (("x",),)),
        ),
        subtitle=typed,
    )
    html = shown(document_to_markdown(document))
    tags = re.findall(r"<([a-z0-9]+)", html)
    assert tags.count("h1") == 1, html  # the title only
    assert not {"blockquote", "hr", "pre", "code", "h2", "h3"} & set(tags), html
    assert (tags.count("ul"), tags.count("ol")) == (1, 1), html  # the two lists, none inside them
    assert unescape(html).count(typed.strip()) == 6, html  # each text, shown as written


@pytest.mark.parametrize("typed", ["Question #", "Goals ##", "#"])
def test_markdown_heading_keeps_its_closing_hashes(typed):
    html = shown(document_to_markdown(Document("T", (Heading(2, typed),))))
    assert f"<h2>{typed}</h2>" in html, html


def test_text_drops_terminal_control_characters():
    typed = "Clear\x1b[2J\x1b]0;title\x07 the\x00 screen\x9b31m\x7f"
    drawn = document_to_text(Document(typed, (Paragraph(typed), BulletList((typed,)), Table(typed, ("h",), ()))))
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", drawn), repr(drawn)
    shown = "Clear[2J]0;title the screen31m"
    assert drawn.count(shown) == 4, repr(drawn)
    assert drawn.startswith(f"{shown}\n{'=' * len(shown)}\n"), repr(drawn)  # underlined to its shown length
    assert "\n\na b\n---\n" in document_to_text(Document("T", (Heading(2, "a \x1b b"),)))  # one line, one space
    # tabs stay, and every kind of line end still ends a line
    assert document_to_text(Document("T", (Paragraph("a\tb\rc\r\nd\x85e\x0bf"),))).endswith("\n\na\tb\nc\nd\ne\nf\n")


def test_markdown_line_break_is_shown_as_one():
    document = Document("T", (Paragraph(("First", Break(), "second")), BulletList((("One", Break(), "two"),))))
    html = shown(document_to_markdown(document))
    assert "<p>First<br />\nsecond</p>" in html, html
    assert "<li>One<br />\n  two</li>" in html, html
