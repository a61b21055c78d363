"""A document's data tables as CSV, for spreadsheets (the reading blocks are not exported)."""

from __future__ import annotations

import io

from checks.document import Document, Table

BOM = "\ufeff"


def document_to_csv(document: Document) -> str:
    """The document's data tables: one header row, then a row per record, CRLF line ends.

    A document with several data tables gets each after a row holding its caption, with an
    empty row between them; one table is written alone, so it opens as a plain sheet. The text
    starts with a byte order mark, as Excel's own "CSV UTF-8" files do: without it, Excel on Windows
    opens a CSV file in the system's older code page, and "Siân" or a curly quote comes out garbled.
    """
    import csv  # here, not at the top: the browser's worker starts faster without it

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for number, table in enumerate(document.data):
        if number:
            writer.writerow([])
        if len(document.data) > 1:
            writer.writerow([_safe_cell(table.caption)])
        _write(writer, table)
    return BOM + out.getvalue() if document.data else ""


def _write(writer, table: Table) -> None:
    for row in (table.header, *table.rows):
        writer.writerow(_safe_cell(cell) for cell in row)


def _safe_cell(value: str) -> str:
    """Stop a spreadsheet treating text as a formula (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
