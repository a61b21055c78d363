"""The result as an HTML fragment for the checklist page. Every piece of text is escaped here."""

from __future__ import annotations

from checks.charts import bar_chart, chart_text
from checks.links import guidance_url
from checks.markup import escape
from checks.reports import overall_line, summary_line
from checks.result import Action, Result


def to_html(result: Result, base_url: str = "") -> str:
    """The results panel's content; `base_url` leads from the checklist page to the site root.

    The panel is a polite live region: only the short hidden summary is announced when it
    changes; the detail below it is marked aria-live="off" so it is not read out every time.
    """
    parts = [
        f'<p class="rm-summary rm-visually-hidden">{escape(summary_line(result))}</p>',
        f'<div class="rm-result" data-checklist="{escape(result.checklist)}" aria-live="off">',
    ]
    parts.append(f'<p class="rm-overall"><strong>Overall:</strong> {escape(overall_line(result))}</p>')
    if result.decision:
        parts.append(_decision(result))
    parts += [f'<p class="rm-notice">{escape(notice)}</p>' for notice in result.notices]
    parts.append(_sections_table(result))
    parts.append(f'<figure class="rm-figure">{bar_chart(result, f"rm-chart-{escape(result.checklist)}")}')
    parts.append(f"<figcaption>{escape(chart_text(result))}</figcaption></figure>")
    parts.append("<h3>Red flags</h3>")
    parts.append(_actions(result.red_flags, base_url, "ul") if result.red_flags else "<p>No red flags.</p>")
    parts.append("<h3>Action plan</h3>")
    parts.append(_actions(result.actions, base_url, "ol") if result.actions else "<p>Nothing to act on yet.</p>")
    parts.append(_unknowns(result))
    parts.append("</div>")
    return "".join(parts)


def _decision(result: Result) -> str:
    decision = result.decision
    reasons = "".join(f"<li>{escape(reason)}</li>" for reason in decision.reasons)
    return (
        f'<div class="rm-decision" data-outcome="{escape(decision.outcome)}">'
        f"<h3>Recommendation: {escape(decision.title)}</h3><p>{escape(decision.meaning)}</p>"
        f"{f'<p>Why:</p><ul>{reasons}</ul>' if reasons else ''}</div>"
    )


def _sections_table(result: Result) -> str:
    rows = []
    for s in result.sections:
        score = f"{s.score}" if s.score is not None else "Not scored yet"
        band = escape(s.band) if s.band else escape(s.status)
        rows.append(
            f'<tr data-section="{escape(s.id)}"><th scope="row">{escape(s.title)}</th>'
            f"<td>{score}</td><td>{band}</td><td>{s.answered} of {s.total}</td></tr>"
        )
    # The table scrolls inside its own box on narrow screens instead of widening the page;
    # a box that scrolls must be reachable by keyboard, so it is a named, focusable region.
    caption = f"rm-sections-{escape(result.checklist)}"
    return (
        f'<div class="rm-table-scroll" role="region" aria-labelledby="{caption}" tabindex="0">'
        f'<table class="rm-sections"><caption id="{caption}">Scores by section, out of 100</caption>'
        '<thead><tr><th scope="col">Section</th><th scope="col">Score</th><th scope="col">Band</th>'
        f'<th scope="col">Answered</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )


def _actions(actions: tuple[Action, ...], base_url: str, tag: str) -> str:
    items = []
    for action in actions:
        flag = '<strong class="rm-flag">Red flag:</strong> ' if action.red_flag else ""
        items.append(
            f'<li data-question="{escape(action.question)}">{flag}{escape(action.text)} '
            f'<span class="rm-answer">(your answer: {escape(action.answer_label)})</span>'
            f"<br>{escape(action.advice)} "
            f'<a href="{escape(guidance_url(action.guidance, base_url))}">Read the guidance</a></li>'
        )
    return f'<{tag} class="rm-actions">{"".join(items)}</{tag}>'


def _unknowns(result: Result) -> str:
    parts = []
    dont_know = [q for q in result.questions if q.answer == "dont_know"]
    if dont_know:
        items = "".join(f"<li>{escape(q.text)}</li>" for q in dont_know)
        parts.append(f"<h3>What you don't know yet</h3><p>Someone lacks this information:</p><ul>{items}</ul>")
    unanswered = [q for q in result.questions if q.answer is None]
    if unanswered:
        items = "".join(f'<li><a href="#q-{escape(q.id)}">{escape(q.text)}</a></li>' for q in unanswered)
        parts.append(
            f"<h3>Still to answer</h3><p>{len(unanswered)} of {len(result.questions)} questions.</p>"
            f'<ul class="rm-unanswered">{items}</ul>'
        )
    if result.orphans:
        items = "".join(f"<li><code>{escape(k)}</code>: {escape(v)}</li>" for k, v in result.orphans.items())
        parts.append(f"<h3>Answers to questions that have since changed</h3><ul>{items}</ul>")
    return "".join(parts)
