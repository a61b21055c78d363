"""A document as an HTML fragment. Every piece of text is escaped here, attribute values included."""

from __future__ import annotations

import re

from checks.document import (
    Break,
    BulletList,
    Code,
    Content,
    Document,
    Figure,
    Group,
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
)
from checks.markup import escape
from checks.render import draw_with


def document_to_html(document: Document, *, title: bool = True, heading_offset: int = 0) -> str:
    """The document as HTML. A page that has its own title passes `title=False`, and moves the
    document's headings down by `heading_offset` levels to fit under the page's own (h2 -> h3)."""
    parts = []
    if title:
        parts.append(_heading(Heading(1, document.title), heading_offset))
        if document.subtitle:
            parts.append(f"<p>{escape(document.subtitle)}</p>")
    parts += [_block(block, heading_offset) for block in document.blocks]
    return "".join(parts)


def _block(block, offset: int) -> str:
    if isinstance(block, Heading):
        return _heading(block, offset)
    if isinstance(block, Group):
        inner = "".join(_block(child, offset) for child in block.blocks)
        data = tuple((f"data-{name}", value) for name, value in block.data)
        return f"<div{_attributes(('class', block.html_class), *data)}>{inner}</div>"
    return draw_with(DRAW, block, "HTML")


def _heading(heading: Heading, offset: int) -> str:
    level = min(heading.level + offset, 6)
    return f"<h{level}{_attributes(('id', heading.id))}>{escape(heading.text)}</h{level}>"


def _paragraph(paragraph: Paragraph) -> str:
    return f"<p{_attributes(('class', paragraph.html_class))}>{_inline(paragraph.content)}</p>"


def _notice(notice: Notice) -> str:
    return f'<p class="rm-notice" data-kind="{notice.kind}"><strong>{notice.label}:</strong> {_inline(notice.text)}</p>'


def _table(table: Table) -> str:
    head = "".join(f'<th scope="col">{escape(cell)}</th>' for cell in table.header)
    ids = table.row_ids or ("",) * len(table.rows)
    body = "".join(
        f"<tr{_attributes((f'data-{table.id_name}', row_id))}>{_cells(row, table.row_headers)}</tr>"
        for row, row_id in zip(table.rows, ids, strict=True)
    )
    # A wide table scrolls inside its own box on narrow screens instead of widening the page;
    # a box that scrolls must be reachable by keyboard, so it is a named, focusable region.
    name = ("aria-labelledby", table.id) if table.id else ("aria-label", table.caption)
    return (
        f'<div class="rm-table-scroll" role="region"{_attributes(name)} tabindex="0">'
        f"<table{_attributes(('class', table.html_class))}>"
        f"<caption{_attributes(('id', table.id))}>{escape(table.caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def _cells(row: tuple[str, ...], row_headers: bool) -> str:
    cells = [f"<td>{escape(cell)}</td>" for cell in row]
    if row_headers and row:
        cells[0] = f'<th scope="row">{escape(row[0])}</th>'
    return "".join(cells)


def _list(items: ItemList) -> str:
    tag = "ol" if isinstance(items, NumberedList) else "ul"
    ids = items.item_ids or ("",) * len(items.items)
    body = "".join(
        f"<li{_attributes((f'data-{items.id_name}', item_id))}>{_inline(item)}</li>"
        for item, item_id in zip(items.items, ids, strict=True)
    )
    return f"<{tag}{_attributes(('class', items.html_class))}>{body}</{tag}>"


def _figure(figure: Figure) -> str:
    # The SVG is markup made (and escaped) by checks.charts; it names itself with its own title.
    caption = "" if figure.caption_in_image else f"<figcaption>{escape(figure.caption)}</figcaption>"
    return f'<figure class="rm-figure">{figure.svg}{caption}</figure>'


DRAW = {
    Paragraph: _paragraph,
    Notice: _notice,
    Table: _table,
    BulletList: _list,
    NumberedList: _list,
    Figure: _figure,
}


def _inline(content: Content) -> str:
    return "".join(_run(run) for run in inlines(content))


def _run(run) -> str:
    if isinstance(run, str):
        return escape(run)
    if isinstance(run, Strong):
        return f"<strong{_attributes(('class', run.html_class))}>{escape(run.text)}</strong>"
    if isinstance(run, Link):
        url = safe_url(run.url)
        return f'<a href="{escape(url)}">{escape(run.text)}</a>' if url else escape(run.text)
    if isinstance(run, Code):
        return f"<code>{escape(run.text)}</code>"
    if isinstance(run, Break):
        return "<br>"
    raise TypeError(f"cannot draw a {type(run).__name__} as HTML")


_NAME = re.compile(r"[a-z][a-z0-9-]*")


def _attributes(*pairs: tuple[str, str]) -> str:
    """name="value" for each pair with a value; values escaped, names checked (they come from code)."""
    drawn = []
    for name, value in pairs:
        if not _NAME.fullmatch(name):
            raise ValueError(f"not an HTML attribute name: {name!r}")
        if value:
            drawn.append(f' {name}="{escape(value)}"')
    return "".join(drawn)
