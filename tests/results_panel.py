"""The checklist results panel as a test reads it, in any browser: the one place that knows the
panel's markup (made by checks: checklist_document.py, render/html.py) and how it matches the
command line's JSON. Playwright runs `READ_PANEL` with `page.evaluate`, Selenium with
`execute_script(f"return ({READ_PANEL})();")`."""

from __future__ import annotations

READ_PANEL = """() => {
  const panel = document.querySelector('.rm-results');
  const text = el => el ? el.textContent.trim() : null;
  return {
    rows: [...panel.querySelectorAll('table.rm-sections tbody tr[data-section]')]
      .map(tr => [tr.dataset.section, ...[...tr.children].map(cell => cell.textContent.trim())]),
    red_flags: [...panel.querySelectorAll('ul.rm-actions > li[data-question]')].map(li => li.dataset.question),
    decision: panel.querySelector('.rm-decision[data-outcome]')?.dataset.outcome ?? null,
    overall: text(panel.querySelector('.rm-overall')),
  };
}"""
"""A script giving what the panel shows: section rows, red flags, decision and the overall line."""


def shown_panel(shown: dict) -> dict:
    """`READ_PANEL`'s answer with the overall line read as a score and band, to compare with
    `expected_panel`."""
    overall = shown.pop("overall") or ""
    score = band = None
    if " out of 100, " in overall:  # "Overall: 57 out of 100, Needs attention: ..."
        score_text, rest = overall.removeprefix("Overall:").strip().split(" out of 100, ", 1)
        score, band = int(score_text), rest.split(":", 1)[0]
    return {**shown, "score": score, "band": band}


def expected_panel(result: dict) -> dict:
    """What the panel should show for `python -m checks score FILE --format json`'s `result`."""
    rows = [
        [
            s["id"],
            s["title"],
            str(s["score"]) if s["score"] is not None else "Not scored yet",
            s["band"] or s["status"],
            f"{s['answered']} of {s['total']}",
        ]
        for s in result["sections"]
    ]
    return {
        "rows": rows,
        "red_flags": [flag["question"] for flag in result["red_flags"]],
        "decision": result["decision"]["outcome"] if result["decision"] else None,
        "score": result["score"],
        "band": result["band"],
    }
