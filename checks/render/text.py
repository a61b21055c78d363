"""A document as plain text, for a terminal: headings underlined, tables in aligned columns."""

from __future__ import annotations

import re

from checks.document import (
    Break,
    BulletList,
    Code,
    Content,
    Document,
    Figure,
    Heading,
    ItemList,
    Link,
    Notice,
    NumberedList,
    Paragraph,
    Strong,
    Table,
    inlines,
    safe_url,
    ungrouped,
)
from checks.render import draw_with


def document_to_text(document: Document) -> str:
    top = _heading(Heading(1, document.title))
    if document.subtitle:
        top += f"\n{_flat(document.subtitle)}"
    blocks = [draw_with(DRAW, block, "text") for block in ungrouped(document.blocks)]
    return "\n\n".join([top, *blocks]) + "\n"


UNDERLINES = "=-~"
"""What underlines a heading of level 1, of level 2, and of level 3 or deeper."""


def _heading(heading: Heading) -> str:
    text = _flat(heading.text)
    return f"{text}\n{UNDERLINES[min(max(heading.level, 1), 3) - 1] * len(text)}"


def _table(table: Table) -> str:
    rows = [tuple(_flat(cell) for cell in row) for row in (table.header, *table.rows)]
    widths = [max(len(row[column]) for row in rows) for column in range(len(table.header))]
    rows.insert(1, tuple("-" * width for width in widths))
    lines = ["  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows]
    return "\n".join([f"{_flat(table.caption)}:", *(line.rstrip() for line in lines)])


def _list(items: ItemList) -> str:
    lines = []
    for number, item in enumerate(items.items, 1):
        mark = f"  {number}. " if isinstance(items, NumberedList) else "  - "
        lines.append(mark + _inline(item, " " * len(mark)))
    return "\n".join(lines)


DRAW = {
    Heading: _heading,
    Paragraph: lambda paragraph: _inline(paragraph.content),
    Notice: lambda notice: f"{notice.label}: {_inline(notice.text)}",
    Table: _table,
    BulletList: _list,
    NumberedList: _list,
    Figure: lambda figure: _inline(figure.caption),  # the figure in words: a terminal draws no image
}


def _inline(content: Content, indent: str = "") -> str:
    """The runs as one string; line breaks go on at `indent`, so a list item's lines stay in line."""
    text = "".join(_run(run) for run in inlines(content))
    return "\n".join(_printable(line).rstrip() for line in text.splitlines()).replace("\n", "\n" + indent)


def _run(run) -> str:
    if isinstance(run, str):
        return run
    if isinstance(run, Strong | Code):
        return run.text
    if isinstance(run, Link):
        url = safe_url(run.url)
        # A link into the page ("#...") means nothing in a terminal: its text is enough.
        return f"{run.text} ({url})" if url and not url.startswith("#") and url != run.text else run.text
    if isinstance(run, Break):
        return "\n"
    raise TypeError(f"cannot draw a {type(run).__name__} as text")


def _flat(text: str) -> str:
    """Text on one line: headings and table cells cannot break."""
    return " ".join(filter(None, map(_printable, text.split())))


_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def _printable(line: str) -> str:
    """A line (split already, so its line ends are drawn) without control characters but tab: a
    terminal obeys them (ESC starts a sequence that can clear the screen or retitle the window),
    and a report on a file a partner sent must only ever show it."""
    return _CONTROL.sub("", line)
