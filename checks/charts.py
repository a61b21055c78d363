"""SVG charts drawn by Python, each with a text alternative carrying the same numbers."""

from __future__ import annotations

from checks.markup import escape
from checks.result import Result

ROW = 34
LABEL_WIDTH = 330
BAR_WIDTH = 300
WIDTH = LABEL_WIDTH + BAR_WIDTH + 230  # room for the score and the longest band name


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
    """A horizontal bar chart of section scores; text labels carry every number and band.

    `id_prefix` starts the ids of the chart's title and description, which name it: unique on the page."""
    id_prefix = escape(id_prefix)
    height = ROW * len(result.sections) + 30
    rows = []
    for index, section in enumerate(result.sections):
        y = 10 + index * ROW
        rows.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 17}" text-anchor="end">{escape(_short(section.title))}</text>'
            f'<rect class="rm-chart-track" fill-opacity="0.12" {_box(y, BAR_WIDTH)}/>'
        )
        if section.score is None:
            rows.append(f'<text x="{LABEL_WIDTH + 8}" y="{y + 17}">not scored yet</text>')
            continue
        width = round(BAR_WIDTH * section.score / 100)
        rows.append(
            f'<rect class="rm-chart-bar" fill="#3949ab" {_box(y, width)}/>'
            f'<text x="{LABEL_WIDTH + BAR_WIDTH + 8}" y="{y + 17}">{section.score} · {escape(section.band)}</text>'
        )
    axis = "".join(
        f'<text class="rm-chart-axis" x="{LABEL_WIDTH + BAR_WIDTH * tick // 100}" y="{height - 4}" '
        f'text-anchor="middle">{tick}</text>'
        for tick in (0, 25, 50, 75, 100)
    )
    title = f"{result.title}: scores by section, out of 100"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="rm-chart" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'aria-labelledby="{id_prefix}-title {id_prefix}-desc" font-size="14" fill="currentColor">'
        f'<title id="{id_prefix}-title">{escape(title)}</title>'
        f'<desc id="{id_prefix}-desc">{escape(chart_text(result))}</desc>'
        f"{''.join(rows)}{axis}</svg>"
    )


def _box(y: int, width: int) -> str:
    return f'x="{LABEL_WIDTH}" y="{y + 4}" width="{width}" height="18" rx="2"'


def _short(title: str, limit: int = 44) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"
