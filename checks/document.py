"""One document model for every report: headings, paragraphs, tables, lists, figures and notices.

A tool turns its result into a `Document`; each renderer in `checks.render` draws any Document in
one format (text, Markdown, CSV, HTML, Word). Renderers know nothing about checklists: whatever a
report needs shown is said here, in the blocks. Text is plain text everywhere: each renderer
escapes it for its own format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Inline runs: the pieces a paragraph or a list item is made of.


@dataclass(frozen=True)
class Strong:
    """Text that stands out (bold), such as a label: "Overall:", "Red flag:"."""

    text: str
    html_class: str = ""
    """A class for the page's styles and scripts; only HTML draws it."""


@dataclass(frozen=True)
class Link:
    """A link: HTML and Word make it clickable; text and Markdown show where it leads."""

    text: str
    url: str
    """Where it leads. A URL that starts with "#" points into the page the HTML is shown on, so
    other formats draw only the text. A URL whose scheme is not http, https or mailto is never
    made a link anywhere (see `safe_url`)."""


@dataclass(frozen=True)
class Code:
    """An identifier shown exactly as it is stored, such as the id of a retired question."""

    text: str


@dataclass(frozen=True)
class Break:
    """A line break inside a paragraph or a list item."""


Inline = str | Strong | Link | Code | Break
Content = str | tuple[Inline, ...]
"""A paragraph's or a list item's content: plain text, or a tuple of inline runs."""


def inlines(content: Content) -> tuple[Inline, ...]:
    """The content as inline runs, whichever way it was given."""
    return (content,) if isinstance(content, str) else content


def link_to(text: str, element_id: str) -> Content:
    """`text` as a link to the element with the id `element_id` in the page that shows it (a finding to the
    form field it is about), or `text` alone for no id. Only HTML draws such a link (see `Link`)."""
    return (Link(text, f"#{element_id}"),) if element_id else text


# Blocks: what a document is made of, in reading order.


@dataclass(frozen=True)
class Heading:
    level: int
    """2 for the document's parts, 3 for parts within them (1 is the document's title)."""
    text: str
    id: str = ""
    """An anchor for links into the document; only HTML draws it."""
    new_page: bool = False
    """Start a new page here (after a cover, say); only Word draws it."""


@dataclass(frozen=True)
class Paragraph:
    content: Content
    html_class: str = ""
    """A class for the page's styles and scripts; only HTML draws it."""


@dataclass(frozen=True)
class Table:
    caption: str
    """What the table holds, shown with it in every format."""
    header: tuple[str, ...]
    """The column headings."""
    rows: tuple[tuple[str, ...], ...]
    """The cells, row by row, as text: one per column."""
    id: str = ""
    """Unique on the page: the HTML caption's id, which names the table's scrolling box."""
    row_ids: tuple[str, ...] = ()
    """One per row (or none), drawn in HTML as the rows' data-{id_name} attribute."""
    id_name: str = "id"
    """The data attribute that carries `row_ids`, e.g. "section" for data-section."""
    row_headers: bool = True
    """The first cell of each row names the row (HTML: th scope="row")."""
    html_class: str = ""
    """A class for the page's styles and scripts; only HTML draws it."""


@dataclass(frozen=True)
class ItemList:
    """What bulleted and numbered lists share; use one of the two below."""

    items: tuple[Content, ...]
    """The items, each plain text or inline runs."""
    item_ids: tuple[str, ...] = ()
    """One per item (or none), drawn in HTML as the items' data-{id_name} attribute."""
    id_name: str = "id"
    """The data attribute that carries `item_ids`, e.g. "question" for data-question."""
    html_class: str = ""
    """A class for the page's styles and scripts; only HTML draws it."""


@dataclass(frozen=True)
class BulletList(ItemList):
    """A list whose order does not matter."""


@dataclass(frozen=True)
class NumberedList(ItemList):
    """A list whose order matters, numbered from 1."""


@dataclass(frozen=True)
class Figure:
    svg: str
    """SVG markup made by `checks.charts`, which escapes every text in it. Only HTML draws it."""
    caption: str
    """The figure in words: HTML shows it under the image, other formats show it instead."""
    caption_in_image: bool = False
    """The SVG already carries the caption as its own text alternative (its desc): HTML then shows
    no caption under it, which would repeat it on screen (a chart whose table is beside it)."""


NOTICE_LABELS = {"note": "Note", "warning": "Warning", "red_flag": "Red flag"}


@dataclass(frozen=True)
class Notice:
    """A sentence the reader should not miss, drawn after its label ("Note:", "Warning:")."""

    text: Content
    """Plain text, or inline runs: a link to the form field it is about, on the page that shows the form."""
    kind: str = "note"
    """One of NOTICE_LABELS: "note", "warning" or "red_flag"."""

    def __post_init__(self) -> None:
        if self.kind not in NOTICE_LABELS:
            raise ValueError(f"notice kind {self.kind!r}: expected one of {', '.join(NOTICE_LABELS)}")

    @property
    def label(self) -> str:
        return NOTICE_LABELS[self.kind]


@dataclass(frozen=True)
class Group:
    """Blocks that belong together: HTML draws a box (div) around them, other formats just the blocks."""

    blocks: tuple[Block, ...]
    html_class: str = ""
    """A class for the page's styles and scripts; only HTML draws it."""
    data: tuple[tuple[str, str], ...] = ()
    """(name, value) pairs drawn in HTML as data-{name}="{value}" attributes."""


Block = Heading | Paragraph | Table | BulletList | NumberedList | Figure | Notice | Group


@dataclass(frozen=True)
class Document:
    title: str
    """The document's title: a level-1 heading, and the Word file's title property."""
    blocks: tuple[Block, ...]
    """The content, in reading order."""
    subtitle: str = ""
    """A line drawn under the title (wherever the title is drawn), e.g. which version of a checklist."""
    data: tuple[Table, ...] = ()
    """Tables of raw data for spreadsheets: CSV writes these and only these, and the reading formats
    leave them out. A table that should be both read and exported goes in `blocks` as well."""
    header: str = ""
    """A line at the top of every page, such as "DRAFT"; only Word draws it."""


def ungrouped(blocks: tuple[Block, ...]):
    """The blocks in reading order with every group opened: what a format that draws no box around
    a group draws."""
    for block in blocks:
        if isinstance(block, Group):
            yield from ungrouped(block.blocks)
        else:
            yield block


_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_SAFE_SCHEMES = {"http", "https", "mailto"}


def safe_url(url: str) -> str:
    """The URL if it is relative or uses http, https or mailto; otherwise "" (never link to it).

    Browsers drop tabs and newlines anywhere in a URL and spaces and control characters around it
    before they read its scheme, so " java\\tscript:" is caught as what a browser would run."""
    seen = re.sub(r"[\t\n\r]", "", url).strip("".join(map(chr, range(33))))
    scheme = _SCHEME.match(seen)
    return url if scheme is None or scheme.group(1).lower() in _SAFE_SCHEMES else ""
