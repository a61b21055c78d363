"""SVG charts drawn by Python, each with a text alternative carrying the same numbers."""

from __future__ import annotations

import textwrap

from checks.markup import escape
from checks.result import Result

WIDTH = 400
"""The chart's width in its own units. The page draws it at most 1.25 times this wide and, in the
results column of a 390 px phone, about 0.8 times: FONT_SIZE stays at 12 CSS px or more."""
FONT_SIZE = 16
LINE = 20  # a line of text
BAR_WIDTH = 300  # the score's number follows the bar, so the widest label line is the longest
BAR_HEIGHT = 18
GAP = 12  # between sections
LINE_CHARACTERS = 36
"""A label line holds at most this many characters (about 330 units in a wide sans-serif font)."""


def chart_text(result: Result) -> str:
    """The chart's numbers as one sentence per section, for screen readers and text reports."""
    parts = []
    for section in result.sections:
        if section.score is None:
            parts.append(f"{section.title}: not scored yet.")
        else:
            parts.append(f"{section.title}: {section.score} out of 100 ({section.band}).")
    return " ".join(parts)


def bar_chart(result: Result, id_prefix: str = "rm-chart") -> str:
    """A horizontal bar chart of section scores: each section's title and band in words on a line
    (two if long) above its bar, and the score after the bar.

    Labels sit above the bars, not beside them, so the chart can be narrow and its text large
    wherever it is shown. `id_prefix` starts the ids of the chart's title and description, which
    name it: unique on the page."""
    id_prefix = escape(id_prefix)
    rows, y = [], 0
    for section in result.sections:
        label = section.title if section.score is None else f"{section.title}: {section.band}"
        for line in textwrap.wrap(label, LINE_CHARACTERS) or [""]:
            y += LINE
            rows.append(f'<text x="1" y="{y - 5}">{escape(line)}</text>')
        bar_y = y + 4
        rows.append(f'<rect class="rm-chart-track" fill-opacity="0.12" {_box(bar_y, BAR_WIDTH)}/>')
        if section.score is None:
            rows.append(f'<text x="8" y="{bar_y + 14}">not scored yet</text>')
        else:
            width = round(BAR_WIDTH * section.score / 100)
            rows.append(
                f'<rect class="rm-chart-bar" fill="#3949ab" {_box(bar_y, width)}/>'
                f'<text x="{BAR_WIDTH + 8}" y="{bar_y + 14}">{section.score}</text>'
            )
        y = bar_y + BAR_HEIGHT + GAP
    y += LINE
    axis = "".join(
        f'<text class="rm-chart-axis" x="{BAR_WIDTH * tick // 100}" y="{y - 5}" text-anchor="{anchor}">{tick}</text>'
        for tick, anchor in ((0, "start"), (50, "middle"), (100, "middle"))
    )
    title = f"{result.title}: scores by section, out of 100"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="rm-chart" role="img" viewBox="0 0 {WIDTH} {y}" '
        f'aria-labelledby="{id_prefix}-title {id_prefix}-desc" font-size="{FONT_SIZE}" fill="currentColor">'
        f'<title id="{id_prefix}-title">{escape(title)}</title>'
        f'<desc id="{id_prefix}-desc">{escape(chart_text(result))}</desc>'
        f"{''.join(rows)}{axis}</svg>"
    )


def _box(y: int, width: int) -> str:
    return f'x="0" y="{y}" width="{width}" height="{BAR_HEIGHT}" rx="2"'
