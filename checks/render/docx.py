"""A document as a Word file (.docx): WordprocessingML written as XML text and zipped.

No XML library: Pyodide cannot load lxml, and the few elements a report needs are simple to
write. Every text is XML-escaped and stripped of the characters XML 1.0 forbids (`xml_text`).
Headings use Word's built-in Heading 1-3 styles, so Word's navigation pane and outline see them.
The parts around the body (styles, numbering, relationships) are in `docx_package`.
"""

from __future__ import annotations

from dataclasses import replace

from checks.document import (
    Break,
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
from checks.render.docx_package import BULLETS, has_scheme, package, xml_text

TEXT_WIDTH = 9026
"""The width between the page's margins, in twentieths of a point (A4, 2.54 cm margins)."""
WORD_COLUMNS = 63
"""The most columns a table may have for Microsoft Word to open the file at all (it refuses more): a
comparison of 70 organisations has 71. A wider table is written as several, each repeating the first."""


def document_to_docx(document: Document) -> bytes:
    """The document as the bytes of a .docx file; the same document always gives the same bytes."""
    body = _Body()
    paragraphs = [body.paragraph(document.title, "Heading1")]
    if document.subtitle:
        paragraphs.append(body.paragraph(document.subtitle, "Subtitle"))
    paragraphs += [body.block(block) for block in ungrouped(document.blocks)]
    return package(document.title, "".join(paragraphs), body.links, body.numbered_lists, document.header)


class _Body:
    """Writes the body's XML, collecting what the other parts must declare: the hyperlinks'
    targets, and one numbering instance per numbered list (so each list starts at 1)."""

    def __init__(self) -> None:
        self.links: list[str] = []
        self.numbered_lists = 0

    def block(self, block) -> str:
        if isinstance(block, Heading):
            return self.paragraph(block.text, f"Heading{min(max(block.level, 1), 3)}", new_page=block.new_page)
        if isinstance(block, Paragraph):
            return self.paragraph(block.content)
        if isinstance(block, Notice):
            said = (f" {block.text}",) if isinstance(block.text, str) else (" ", *block.text)
            return self.paragraph((Strong(f"{block.label}:"), *said), "Notice")
        if isinstance(block, Figure):
            return self.paragraph(block.caption, "Caption")  # the figure in words: the SVG is not drawn
        if isinstance(block, Table):
            return "".join(self.paragraph(part.caption, "Caption") + self.table(part) for part in word_tables(block))
        if isinstance(block, ItemList):
            return self.item_list(block)
        raise TypeError(f"cannot draw a {type(block).__name__} in a Word file")

    def paragraph(self, content: Content, style: str = "", numbering: int = 0, new_page: bool = False) -> str:
        properties = f'<w:pStyle w:val="{style}"/>' if style else ""
        if new_page:
            properties += "<w:pageBreakBefore/>"
        if numbering:
            properties += f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{numbering}"/></w:numPr>'
        runs = "".join(self.run(run) for run in inlines(content))
        return f"<w:p>{f'<w:pPr>{properties}</w:pPr>' if properties else ''}{runs}</w:p>"

    def run(self, run) -> str:
        if isinstance(run, str):
            return _text_run(run)
        if isinstance(run, Strong):
            return _text_run(run.text, "<w:b/>")
        if isinstance(run, Code):
            return _text_run(run.text, '<w:rStyle w:val="HTMLCode"/>')
        if isinstance(run, Break):
            return "<w:r><w:br/></w:r>"
        if isinstance(run, Link):
            return self.link(run)
        raise TypeError(f"cannot draw a {type(run).__name__} in a Word file")

    def link(self, link: Link) -> str:
        url = safe_url(link.url)
        if not url or url.startswith("#"):  # no target, or a place on the web page: the text is enough
            return _text_run(link.text)
        # The address is written out as well, so a printed report still says where to look.
        address = _text_run(f" ({url})") if url != link.text else ""
        if not has_scheme(url):  # a relative address leads nowhere from a file: text only
            return _text_run(link.text) + address
        self.links.append(url)
        target = f"rId{len(self.links) + 2}"  # rId1 and rId2 are the styles and the numbering
        text = _text_run(link.text, '<w:rStyle w:val="Hyperlink"/>')
        return f'<w:hyperlink r:id="{target}">{text}</w:hyperlink>{address}'

    def item_list(self, items: ItemList) -> str:
        if isinstance(items, NumberedList):
            self.numbered_lists += 1
            style, numbering = "ListNumber", BULLETS + self.numbered_lists
        else:
            style, numbering = "ListBullet", BULLETS
        return "".join(self.paragraph(item, style, numbering) for item in items.items)

    def table(self, table: Table) -> str:
        widths = _column_widths(table)
        grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
        header = f"<w:tr><w:trPr><w:tblHeader/></w:trPr>{self.cells(table.header, widths, '<w:b/>')}</w:tr>"
        rows = "".join(f"<w:tr>{self.cells(row, widths)}</w:tr>" for row in table.rows)
        return f"<w:tbl>{_table_properties(table)}<w:tblGrid>{grid}</w:tblGrid>{header}{rows}</w:tbl>"

    def cells(self, cells: tuple[str, ...], widths: list[int], properties: str = "") -> str:
        return "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr>{_text_run(cell, properties)}</w:p></w:tc>'
            for cell, width in zip(cells, widths, strict=True)
        )


def word_tables(table: Table) -> list[Table]:
    """The table as Word can open it: itself, or, when wider than `WORD_COLUMNS`, in parts side by side
    that each keep its first column (what names each row)."""
    if len(table.header) <= WORD_COLUMNS:
        return [table]
    step = WORD_COLUMNS - 1
    starts = range(1, len(table.header), step)
    return [
        replace(
            table,
            caption=f"{table.caption} (part {number} of {len(starts)}: columns {start + 1} to "
            f"{min(start + step, len(table.header))} of {len(table.header)})",
            header=(table.header[0], *table.header[start : start + step]),
            rows=tuple((row[0], *row[start : start + step]) for row in table.rows),
        )
        for number, start in enumerate(starts, 1)
    ]


def _text_run(text: str, properties: str = "") -> str:
    """One run of text; line breaks and tabs in it become Word's own (w:t would fold them to spaces)."""
    pieces = []
    for number, line in enumerate(xml_text(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if number:
            pieces.append("<w:br/>")
        pieces.append("<w:tab/>".join(f'<w:t xml:space="preserve">{part}</w:t>' for part in line.split("\t")))
    return f"<w:r>{f'<w:rPr>{properties}</w:rPr>' if properties else ''}{''.join(pieces)}</w:r>"


def _table_properties(table: Table) -> str:
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    # The caption is also the table's title for screen readers (Word's "Alt Text" title).
    return (
        f'<w:tblPr><w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders>'
        '<w:tblCellMar><w:left w:w="100" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar>'
        f'<w:tblCaption w:val="{xml_text(table.caption)}"/></w:tblPr>'
    )


def _column_widths(table: Table) -> list[int]:
    """Widths in proportion to each column's longest text (within limits), filling the text width;
    a heading (bold) gets room enough not to break inside a word."""
    weights = [
        max(len(heading) + 6, min(max((len(cell) for cell in cells), default=0), 40) + 4)
        for heading, *cells in zip(table.header, *table.rows, strict=True)
    ]
    widths = [TEXT_WIDTH * weight // sum(weights) for weight in weights]
    widths[0] += TEXT_WIDTH - sum(widths)
    return widths
