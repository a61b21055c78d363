"""Renderers: each draws any `checks.document.Document` in one format, as a pure function.

- `text.document_to_text` for a terminal, `markdown.document_to_markdown` to keep or paste,
- `csv.document_to_csv` for spreadsheets (the document's data tables only),
- `html.document_to_html` for a page (every text escaped here),
- `docx.document_to_docx` for Word (bytes).

None of them knows what the document reports on. `render_document` draws a document in a format named
by a string, importing only that format's module: the browser's worker loads the HTML renderer
alone, and the others load what they need (csv, zipfile) when first asked for.
"""

from __future__ import annotations

FORMATS = ("text", "markdown", "csv", "html", "docx")
"""The formats `render_document` draws (docx gives bytes, the others text)."""


def render_document(document, format_name: str) -> str | bytes:
    """`document` drawn in `format_name`, one of `FORMATS`; only that format's module is imported."""
    if format_name == "text":
        from checks.render.text import document_to_text as draw
    elif format_name == "markdown":
        from checks.render.markdown import document_to_markdown as draw
    elif format_name == "csv":
        from checks.render.csv import document_to_csv as draw
    elif format_name == "html":
        from checks.render.html import document_to_html as draw
    elif format_name == "docx":
        from checks.render.docx import document_to_docx as draw
    else:
        raise ValueError(f"no renderer for the format {format_name!r}; the formats are {', '.join(FORMATS)}")
    return draw(document)


def draw_with(drawers: dict, item, format_name: str):
    """Draw `item` with the drawer for its type; a type the format has no drawer for is refused."""
    draw = drawers.get(type(item))
    if draw is None:
        raise TypeError(f"cannot draw a {type(item).__name__} as {format_name}")
    return draw(item)
