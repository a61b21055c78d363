"""How much a rendered form lets a reader type or choose: for the tests that a page's file limit holds
every document its form can make."""

from __future__ import annotations

import html
import re


def most_characters(markup: str) -> int:
    """The characters the form's controls in `markup` can hold at most: each text field's maxlength, and
    each list's longest option."""
    typed = sum(int(n) for n in re.findall(r' maxlength="(\d+)"', markup))
    chosen = sum(
        max(len(html.unescape(value)) for value in re.findall(r'<option value="([^"]*)"', select))
        for select in re.findall(r"<select.*?</select>", markup, re.S)
    )
    return typed + chosen
