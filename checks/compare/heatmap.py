"""The heat-map of questions against organisations: an SVG whose every cell says its level in words
(and weak cells are hatched), so colour is never the only signal; `cell` gives the same words for
the table that goes with it."""

from __future__ import annotations

from checks.compare.analysis import Comparison, level
from checks.compare.groups import Group, fewer_than
from checks.markup import escape

LEVELS = {"weak": ("Weak", "#f4c7c3"), "mixed": ("Mixed", "#fce8b2"), "strong": ("Strong", "#b7e1cd")}
NONE = ("No answers", "#e8e8e8")
ROW, LABEL, COLUMN = 26, 430, 130


def cell(share: float | None, group: Group, comparison: Comparison) -> str:
    """A cell's words: "Weak (25)" (the group's middle answer, out of 100), or why there is none."""
    if not group.shown:
        return fewer_than(comparison.settings).capitalize()
    if share is None:
        return NONE[0]
    return f"{LEVELS[level(share)][0]} ({round(share * 100)})"


def heatmap_svg(comparison: Comparison, id_prefix: str) -> str:
    groups = comparison.organisations
    prefix = escape(id_prefix)
    width = LABEL + COLUMN * len(groups)
    height = ROW * (len(comparison.questions) + 1) + 8
    parts = [
        f'<text x="{LABEL + COLUMN * n + COLUMN // 2}" y="18" text-anchor="middle">{escape(_short(g.key, 16))}</text>'
        for n, g in enumerate(groups)
    ]
    for row, question in enumerate(comparison.questions, 1):
        y = ROW * row + 4
        parts.append(f'<text x="{LABEL - 8}" y="{y + 17}" text-anchor="end">{escape(_short(question.text))}</text>')
        for n, (share, group) in enumerate(zip(question.by_organisation, groups, strict=True)):
            name, fill = LEVELS.get(level(share), NONE) if group.shown else ("", NONE[1])
            x = LABEL + COLUMN * n
            hatch = f'<rect x="{x + 2}" y="{y}" width="{COLUMN - 4}" height="{ROW - 4}" fill="url(#{prefix}-hatch)"/>'
            parts.append(
                f'<rect x="{x + 2}" y="{y}" width="{COLUMN - 4}" height="{ROW - 4}" fill="{fill}"/>'
                + (hatch if name == "Weak" else "")
                + f'<text x="{x + COLUMN // 2}" y="{y + 16}" text-anchor="middle" fill="#1a1a1a">'
                f"{escape(_short(cell(share, group, comparison), 18))}</text>"
            )
    title = f"{comparison.checklist.title}: each organisation's middle answer to each question"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="rm-heatmap" role="img" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{prefix}-title" font-size="13" fill="currentColor">'
        f'<title id="{prefix}-title">{escape(title)}</title>'
        f'<defs><pattern id="{prefix}-hatch" width="8" height="8" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="8" stroke="#a33a2f" stroke-width="2" '
        f'stroke-opacity="0.35"/></pattern></defs>{"".join(parts)}</svg>'
    )


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
