"""The document model and its renderers (text, Markdown, CSV, HTML): every block type, escaping, links.

The renderers know nothing about checklists, so these tests use made-up documents; the checklist's
own report is tested in test_reports.py and the Word renderer in test_docx.py.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
import pytest
from spreadsheet import csv_rows

from checks.document import (
    Break,
    BulletList,
    Code,
    Document,
    Figure,
    Group,
    Heading,
    Link,
    Notice,
    NumberedList,
    Paragraph,
    Strong,
    Table,
    safe_url,
    ungrouped,
)
from checks.render import render_document
from checks.render.csv import document_to_csv
from checks.render.html import document_to_html
from checks.render.markdown import document_to_markdown
from checks.render.text import document_to_text

SAMPLE = Document(
    title="Sample report",
    subtitle="Made for the tests.",
    blocks=(
        Heading(2, "Part one", id="part-one"),
        Paragraph(
            (
                Strong("Label:", html_class="rm-label"),
                " plain ",
                Code("code-id"),
                Break(),
                "next line ",
                Link("a link", "https://example.org/page"),
                ", ",
                Link("in the page", "#q-1"),
                ".",
            ),
            html_class="rm-para",
        ),
        Notice("Mind this.", "warning"),
        Table(
            "Numbers",
            ("Name", "Value"),
            (("One", "1"), ("Two", "22")),
            id="t-1",
            row_ids=("one", "two"),
            id_name="row",
            html_class="rm-table",
        ),
        BulletList(
            ("first", ("second ", Strong("bold"))), item_ids=("a", "b"), id_name="item", html_class="rm-bullets"
        ),
        NumberedList(("step one", ("step two", Break(), "more"))),
        Figure('<svg role="img"><title>Picture</title></svg>', "The picture in words."),
        Group((Heading(3, "Inside"), Paragraph("In the box.")), html_class="rm-box", data=(("kind", "box"),)),
    ),
    data=(Table("Raw", ("a", "b"), (("=1", "x"),)),),
)
"""One of every block and inline run, with every option that changes what a renderer draws."""

SCRIPT = '<script>alert("x")</script>'
ATTACK = f"{SCRIPT} & 'quotes' \"double\" <img src=x onerror=alert(1)> [x](javascript:alert(2)) *em* `tick` | pipe"


def hostile_document(text: str = ATTACK) -> Document:
    """Hostile text in every place a document holds text, ids and data attributes included."""
    return Document(
        title=text,
        subtitle=text,
        blocks=(
            Heading(2, text, id=text),
            Paragraph((Strong(text, html_class="rm-x"), text, Code(text), Link(text, f"https://e.org/{text}")), text),
            Notice(text),
            Table(text, (text, text), ((text, text),), id=text, row_ids=(text,), id_name="row", html_class=text),
            BulletList((text, (Link(text, f"#{text}"),)), item_ids=(text, text), id_name="item", html_class=text),
            NumberedList((text,), html_class=text),
            Figure("<svg></svg>", text),
            Group((Paragraph(text),), html_class=text, data=(("kind", text),)),
        ),
        data=(Table(text, (text,), ((text,),)),),
    )


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text, as a browser would read them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse_html(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser


# One of every block, in each format


def test_text_draws_every_block():
    assert document_to_text(SAMPLE) == (
        "Sample report\n=============\nMade for the tests.\n\n"
        "Part one\n--------\n\n"
        "Label: plain code-id\nnext line a link (https://example.org/page), in the page.\n\n"
        "Warning: Mind this.\n\n"
        "Numbers:\n  Name  Value\n  ----  -----\n  One   1\n  Two   22\n\n"
        "  - first\n  - second bold\n\n"
        "  1. step one\n  2. step two\n     more\n\n"
        "The picture in words.\n\n"
        "Inside\n~~~~~~\n\nIn the box.\n"
    )


def test_markdown_draws_every_block():
    assert document_to_markdown(SAMPLE) == (
        "# Sample report\n\nMade for the tests.\n\n"
        "## Part one\n\n"
        "**Label:** plain `code-id`  \nnext line [a link](https://example.org/page), in the page.\n\n"
        "> **Warning:** Mind this.\n\n"
        "Numbers:\n\n| Name | Value |\n|---|---|\n| One | 1 |\n| Two | 22 |\n\n"
        "- first\n- second **bold**\n\n"
        "1. step one\n2. step two  \n   more\n\n"
        "*The picture in words.*\n\n"
        "### Inside\n\nIn the box.\n"
    )


def test_html_draws_every_block():
    assert document_to_html(SAMPLE) == (
        '<h1>Sample report</h1><p>Made for the tests.</p><h2 id="part-one">Part one</h2>'
        '<p class="rm-para"><strong class="rm-label">Label:</strong> plain <code>code-id</code><br>'
        'next line <a href="https://example.org/page">a link</a>, <a href="#q-1">in the page</a>.</p>'
        '<p class="rm-notice" data-kind="warning"><strong>Warning:</strong> Mind this.</p>'
        '<div class="rm-table-scroll" role="region" aria-labelledby="t-1" tabindex="0"><table class="rm-table">'
        '<caption id="t-1">Numbers</caption><thead><tr><th scope="col">Name</th><th scope="col">Value</th></tr>'
        '</thead><tbody><tr data-row="one"><th scope="row">One</th><td>1</td></tr>'
        '<tr data-row="two"><th scope="row">Two</th><td>22</td></tr></tbody></table></div>'
        '<ul class="rm-bullets"><li data-item="a">first</li><li data-item="b">second <strong>bold</strong></li></ul>'
        "<ol><li>step one</li><li>step two<br>more</li></ol>"
        '<figure class="rm-figure"><svg role="img"><title>Picture</title></svg>'
        "<figcaption>The picture in words.</figcaption></figure>"
        '<div class="rm-box" data-kind="box"><h3>Inside</h3><p>In the box.</p></div>'
    )


def test_html_draws_no_caption_under_an_image_that_carries_it():
    """A chart whose desc is its caption gets no visible figcaption repeating it (issue 13)."""
    svg = '<svg role="img" aria-labelledby="c-desc"><desc id="c-desc">In words.</desc></svg>'
    assert document_to_html(Document("T", (Figure(svg, "In words.", caption_in_image=True),)), title=False) == (
        f'<figure class="rm-figure">{svg}</figure>'
    )
    assert "<figcaption>In words.</figcaption>" in document_to_html(Document("T", (Figure(svg, "In words."),)))


def test_html_for_a_page_leaves_the_title_out_and_moves_headings_down():
    html = document_to_html(SAMPLE, title=False, heading_offset=1)
    assert html.startswith('<h3 id="part-one">Part one</h3>')
    assert "<h4>Inside</h4>" in html
    assert "Sample report" not in html
    assert "<h7>" not in document_to_html(Document("T", (Heading(3, "Deep"),)), heading_offset=4)


def test_html_table_without_an_id_is_named_by_its_caption():
    html = document_to_html(Document("T", (Table("Plain", ("A",), (("1",),), row_headers=False),)), title=False)
    assert html == (
        '<div class="rm-table-scroll" role="region" aria-label="Plain" tabindex="0"><table><caption>Plain</caption>'
        '<thead><tr><th scope="col">A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table></div>'
    )


def test_csv_writes_the_data_tables_only():
    assert document_to_csv(SAMPLE) == "\ufeffa,b\r\n'=1,x\r\n"  # a byte order mark first, for Excel
    two = Document("T", (), data=(Table("First", ("a",), (("1",),)), Table("Second", ("b",), (("2",),))))
    assert document_to_csv(two) == "\ufeffFirst\r\na\r\n1\r\n\r\nSecond\r\nb\r\n2\r\n"
    assert document_to_csv(Document("T", (SAMPLE.data[0],))) == ""  # a table to read is not exported


def test_reading_formats_leave_the_data_tables_out():
    for drawn in (document_to_text(SAMPLE), document_to_markdown(SAMPLE), document_to_html(SAMPLE)):
        assert "Raw" not in drawn


@pytest.mark.parametrize("formula", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x")'])
def test_csv_guards_every_cell_against_formulas(formula):
    table = Table(formula, (formula, "b"), ((formula, formula + "x"), ("plain", "-")))
    rows = csv_rows(document_to_csv(Document("T", (), data=(table, table))))
    cells = [cell for row in rows for cell in row]
    assert cells.count("'" + formula) == 6  # the captions, the headers and the first cells
    assert "'-" in cells and "plain" in cells
    assert all(cell[:1] not in ("=", "+", "-", "@", "\t", "\r") for cell in cells), cells


# Links


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)", "\x01javascript:x", "data:text/html,x"],
)
def test_a_link_that_would_run_code_is_never_made(url):
    assert safe_url(url) == ""
    document = Document("T", (Paragraph((Link("click", url),)),))
    assert document_to_html(document, title=False) == "<p>click</p>"
    assert document_to_markdown(document).endswith("\n\nclick\n")
    assert document_to_text(document).endswith("\n\nclick\n")


@pytest.mark.parametrize("url", ["https://e.org/x", "http://e.org", "mailto:a@e.org", "../guide/", "#q-1", ""])
def test_web_and_relative_links_are_kept(url):
    assert safe_url(url) == url


def test_links_into_the_page_are_text_outside_html():
    document = Document("T", (Paragraph((Link("question", "#q-1"),)),))
    assert document_to_markdown(document).endswith("\n\nquestion\n")
    assert document_to_text(document).endswith("\n\nquestion\n")


def test_markdown_link_targets_stay_whole():
    document = Document("T", (Paragraph((Link("guide", "https://e.org/a b(c)"),)),))
    assert "[guide](https://e.org/a%20b%28c%29)" in document_to_markdown(document)


# Hostile text


def test_html_escapes_every_text_and_attribute():
    html = document_to_html(hostile_document())
    assert "<script" not in html.lower()
    assert "<img" not in html
    elements = parse_html(html)
    allowed = {"h1", "h2", "p", "strong", "code", "a", "div", "table", "caption", "thead", "tbody", "tr", "th", "td"}
    allowed |= {"ul", "ol", "li", "figure", "svg", "figcaption"}
    assert {tag for tag, _ in elements.tags} <= allowed
    assert not any(name.startswith("on") for _, attrs in elements.tags for name in attrs)
    # escaped, not removed: the text comes back whole once parsed, in the text and in the attributes
    assert "".join(elements.text).count(ATTACK) == 18  # every text but the ids, classes and link targets
    assert ("id", ATTACK) in elements.tags[2][1].items()
    assert next(attrs for tag, attrs in elements.tags if tag == "tr" and "data-row" in attrs) == {"data-row": ATTACK}
    assert {"href": f"https://e.org/{ATTACK}"} in [attrs for tag, attrs in elements.tags if tag == "a"]


def test_markdown_keeps_hostile_text_as_text():
    drawn = document_to_markdown(hostile_document())
    html = markdown.markdown(drawn, extensions=["tables"])  # as MkDocs or another Markdown tool would show it
    elements = parse_html(html)
    assert "script" not in {tag for tag, _ in elements.tags}
    assert "img" not in {tag for tag, _ in elements.tags}
    assert [attrs["href"][:14] for tag, attrs in elements.tags if tag == "a"] == ["https://e.org/"]
    text = "".join(elements.text)
    assert SCRIPT in text
    assert "[x](javascript:alert(2)) *em* `tick`" in text


def test_markdown_table_cells_keep_pipes_in_their_cell():
    document = Document("T", (Table("C", ("a | b", "c"), (("1 | 2", "3"),)),))
    html = markdown.markdown(document_to_markdown(document), extensions=["tables"])
    assert [len(re.findall(r"<t[hd]>", row)) for row in html.split("<tr>")[1:]] == [2, 2]
    assert "<td>1 | 2</td>" in html


def test_markdown_code_with_backticks():
    drawn = document_to_markdown(Document("T", (Paragraph((Code("a`b"), " ", Code("`c"))),)))
    assert drawn.endswith("\n\n``a`b`` `` `c ``\n")
    assert "<code>a`b</code> <code>`c</code>" in markdown.markdown(drawn)


def test_text_keeps_hostile_text_as_it_is():
    drawn = document_to_text(hostile_document())
    assert drawn.count(ATTACK) >= 10
    assert f"Note: {ATTACK}" in drawn


def test_csv_keeps_hostile_text_as_data():
    rows = csv_rows(document_to_csv(hostile_document()))
    assert rows == [[ATTACK], [ATTACK]]


def test_line_breaks_in_text_keep_lists_in_line():
    document = Document("T", (BulletList(("one\ntwo",)), Table("C", ("h",), (("a\nb",),))))
    assert "  - one\n    two\n" in document_to_text(document)
    assert "  a b\n" in document_to_text(document)
    assert "- one two\n" in document_to_markdown(document)


# The model


def test_a_notice_kind_must_be_known():
    assert [Notice("x", kind).label for kind in ("note", "warning", "red_flag")] == ["Note", "Warning", "Red flag"]
    with pytest.raises(ValueError, match="notice kind 'shout': expected one of note, warning, red_flag"):
        Notice("x", "shout")


def test_groups_are_opened_for_formats_that_draw_no_box():
    kinds = [type(block).__name__ for block in ungrouped(SAMPLE.blocks)]
    assert kinds[-3:] == ["Figure", "Heading", "Paragraph"]
    assert "Group" not in kinds


def test_a_block_no_renderer_knows_is_refused():
    odd = Document("T", ("not a block",))
    for render in (document_to_text, document_to_markdown, document_to_html):
        with pytest.raises(TypeError, match="cannot draw a str"):
            render(odd)


def test_an_attribute_name_from_code_is_checked():
    with pytest.raises(ValueError, match="not an HTML attribute name"):
        document_to_html(Document("T", (Group((), data=(('x" onload="alert(1)', "v"),)),)))


# One entry point for every format


@pytest.mark.parametrize(
    "format_name, draw",
    [
        ("text", document_to_text),
        ("markdown", document_to_markdown),
        ("csv", document_to_csv),
        ("html", document_to_html),
    ],
)
def test_render_document_draws_with_the_named_format(format_name, draw):
    assert render_document(SAMPLE, format_name) == draw(SAMPLE)


def test_render_document_draws_word_as_bytes():
    assert render_document(SAMPLE, "docx")[:2] == b"PK"


def test_render_document_refuses_a_format_it_does_not_know():
    with pytest.raises(ValueError, match="no renderer for the format 'pdf'"):
        render_document(SAMPLE, "pdf")
