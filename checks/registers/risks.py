"""The partnership risk register: likelihood and impact (1 to 5) and their product, an owner among
the partners, shared or single, mitigations, status and a review date; a 5x5 heat map.

Findings: the shared ones (blank or wrong values, reviews past their date on risks not closed,
owners who are not partners), and risks scoring above the partners' threshold with no mitigation.
"""

from __future__ import annotations

from checks.document import Figure, Heading, Paragraph, Table
from checks.markup import escape
from checks.registers.checks import named_row, overdue_findings, owner_findings, row_label, score_of
from checks.registers.model import Finding, Register, SavedRegister

DEFAULT_THRESHOLD = 12
CELL = 64
LEVELS = ((1, 4, "low"), (5, 9, "medium"), (10, 14, "high"), (15, 25, "very high"))


def threshold(saved: SavedRegister) -> int:
    value = saved.settings.get("threshold", "").strip()
    return int(value) if value.isdigit() and 1 <= int(value) <= 25 else DEFAULT_THRESHOLD


def risk_score(row: dict[str, str]) -> int | None:
    likelihood, impact = score_of(row.get("likelihood", "")), score_of(row.get("impact", ""))
    return None if likelihood is None or impact is None else likelihood * impact


def level(score: int) -> str:
    return next(name for low, high, name in LEVELS if low <= score <= high)


def findings(register: Register, saved: SavedRegister, today) -> list[Finding]:
    found = overdue_findings(register, saved, today, skip=lambda row: row.get("status", "").strip() == "closed")
    found += owner_findings(register, saved)
    limit = threshold(saved)
    value = saved.settings.get("threshold", "").strip()
    if value and not (value.isdigit() and 1 <= int(value) <= 25):
        message = f"The threshold {value!r} is not a whole number from 1 to 25, so {limit} is used."
        found.append(Finding("settings.threshold", message))
    for index, row in enumerate(saved.rows):
        score = risk_score(row)
        if score is not None and score > limit and not row.get("mitigations", "").strip():
            message = (
                f"{row_label(register, saved, index)}: it scores {score}, above your threshold of {limit}, "
                "and has no mitigation; say what the partners will do about it."
            )
            found.append(Finding(f"rows[{index}].mitigations", message, index))
    return found


def summary(register: Register, saved: SavedRegister, today) -> dict:
    return {"threshold": threshold(saved), "scores": [risk_score(row) for row in saved.rows]}


def _grid(saved: SavedRegister) -> dict[tuple[int, int], list[str]]:
    """The risks' references in each (likelihood, impact) cell."""
    grid: dict[tuple[int, int], list[str]] = {}
    for number, row in enumerate(saved.rows, 1):
        likelihood, impact = score_of(row.get("likelihood", "")), score_of(row.get("impact", ""))
        if likelihood and impact:
            grid.setdefault((likelihood, impact), []).append(row.get("ref", "").strip() or f"risk {number}")
    return grid


def heat_map(saved: SavedRegister, id_prefix: str) -> str:
    """A 5x5 grid, likelihood up the side and impact along the bottom; each cell says its score, its
    level and the risks in it, so colour is never the only signal."""
    grid = _grid(saved)
    left, top = 90, 10
    cells = []
    for likelihood in range(5, 0, -1):
        y = top + (5 - likelihood) * CELL
        cells.append(f'<text x="{left - 8}" y="{y + CELL / 2 + 4}" text-anchor="end">L{likelihood}</text>')
        for impact in range(1, 6):
            x = left + (impact - 1) * CELL
            score = likelihood * impact
            refs = grid.get((likelihood, impact), [])
            shown = ", ".join(refs[:3]) + ("…" if len(refs) > 3 else "")
            cells.append(
                f'<rect class="rm-heat rm-heat-{level(score).replace(" ", "-")}" x="{x}" y="{y}" '
                f'width="{CELL}" height="{CELL}"/>'
                f'<text x="{x + 4}" y="{y + 14}" class="rm-heat-score">{score}</text>'
                f'<text x="{x + 4}" y="{y + 36}" class="rm-heat-refs">{escape(shown)}</text>'
            )
    bottom = top + 5 * CELL
    cells += [
        f'<text x="{left + (i - 0.5) * CELL}" y="{bottom + 18}" text-anchor="middle">I{i}</text>' for i in range(1, 6)
    ]
    width, height = left + 5 * CELL + 10, bottom + 50
    title = escape(f"{id_prefix}-title")
    return (
        f'<svg class="rm-heat-map" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{title}"><title id="{title}">Heat map of the risks: likelihood (L) by impact (I)</title>'
        f'{"".join(cells)}<text x="{left + 2.5 * CELL}" y="{bottom + 40}" text-anchor="middle">Impact</text></svg>'
    )


def heat_map_text(saved: SavedRegister) -> str:
    grid = _grid(saved)
    if not grid:
        return "No risk has both a likelihood and an impact yet."
    parts = [
        f"Likelihood {likelihood}, impact {impact} (score {likelihood * impact}): {', '.join(refs)}."
        for (likelihood, impact), refs in sorted(grid.items(), key=lambda item: -item[0][0] * item[0][1])
    ]
    return " ".join(parts)


def blocks(register: Register, saved: SavedRegister, today) -> tuple[list, list[Table]]:
    columns = register.columns
    header = (*(c.label for c in columns[:4]), "Score", *(c.label for c in columns[4:]))
    rows = []
    for index, row in enumerate(saved.rows):
        score = risk_score(row)
        cells = [columns[i].label_of(row.get(columns[i].id, "")) for i in range(len(columns))]
        shown = (*cells[:4], "" if score is None else f"{score} ({level(score)})", *cells[4:])
        rows.append(named_row(register, saved, index, shown))
    data_header = (*(c.id for c in columns[:4]), "score", *(c.id for c in columns[4:]))
    data_rows = tuple(
        (
            *(row.get(c.id, "") for c in columns[:4]),
            str(risk_score(row) or ""),
            *(row.get(c.id, "") for c in columns[4:]),
        )
        for row in saved.rows
    )
    reading = [
        Paragraph(f"Threshold: risks scoring above {threshold(saved)} need a mitigation."),
        Table("The risks", header, tuple(rows), id=f"rm-table-{register.id}", html_class="rm-register-table"),
        Heading(2, "Heat map"),
        Figure(heat_map(saved, f"rm-heat-{register.id}"), heat_map_text(saved)),
        _grid_table(saved),
    ]
    return reading, [Table("Risks", data_header, data_rows, row_headers=False)]


def _grid_table(saved: SavedRegister) -> Table:
    """The heat map as a table: the same cells, for anyone who cannot see the picture."""
    grid = _grid(saved)
    rows = tuple(
        (
            f"Likelihood {likelihood}",
            *(", ".join(grid.get((likelihood, impact), [])) or "none" for impact in range(1, 6)),
        )
        for likelihood in range(5, 0, -1)
    )
    header = ("Likelihood", *(f"Impact {impact}" for impact in range(1, 6)))
    return Table(
        "The heat map as a table: the risks in each cell",
        header,
        rows,
        id="rm-heat-table",
        html_class="rm-register-table",
    )
