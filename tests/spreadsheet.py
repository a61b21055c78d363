"""CSV text as a spreadsheet reads it: every CSV the toolkit writes starts with a byte order mark (so
that Excel on Windows reads it as UTF-8), which these helpers check for and take off."""

from __future__ import annotations

import csv
import io

from checks.render.csv import BOM


def csv_text(text: str) -> str:
    """The CSV after its byte order mark, which must be there."""
    assert text.startswith(BOM), repr(text[:40])
    return text[len(BOM) :]


def csv_rows(text: str) -> list[list[str]]:
    """The rows, each a list of cells, as a spreadsheet would read them."""
    return list(csv.reader(io.StringIO(csv_text(text), newline="")))
