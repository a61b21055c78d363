"""Renderers: each draws any `checks.document.Document` in one format, as a pure function.

- `text.document_to_text` for a terminal, `markdown.document_to_markdown` to keep or paste,
- `csv.document_to_csv` for spreadsheets (the document's data tables only),
- `html.document_to_html` for a page (every text escaped here),
- `docx.document_to_docx` for Word (bytes).

None of them knows what the document reports on. Import the one you need: the browser's worker
loads only the HTML renderer, and the others load what they need (csv, zipfile) when called.
"""


def draw_with(drawers: dict, item, format_name: str):
    """Draw `item` with the drawer for its type; a type the format has no drawer for is refused."""
    draw = drawers.get(type(item))
    if draw is None:
        raise TypeError(f"cannot draw a {type(item).__name__} as {format_name}")
    return draw(item)
