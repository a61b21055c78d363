"""Counts in words: "1 answer", "3 answers", "1,200 rows", never "answer(s)"."""

from __future__ import annotations


def plural(noun: str) -> str:
    """``risk`` -> ``risks``, ``activity`` -> ``activities``, ``red line`` -> ``red lines``."""
    if noun.endswith("y") and noun[-2:-1] not in ("", "a", "e", "i", "o", "u"):
        return noun[:-1] + "ies"
    return noun + "s"


def counted(count: int, noun: str) -> str:
    """The count as GOV.UK writes it (a numeral, commas in thousands) and the noun in the right number:
    ``counted(1, "answer")`` -> "1 answer", ``counted(1200, "row")`` -> "1,200 rows"."""
    return f"{count:,} {noun if count == 1 else plural(noun)}"


def listed(items: list[str] | tuple[str, ...]) -> str:
    """Items as a sentence lists them: "a", "a and b", "a, b and c" (no serial comma, as GOV.UK writes)."""
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)
