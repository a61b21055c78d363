"""A checklist's result as a report `Document`: what every format of the report says, said once.

The renderers in `checks.render` draw it; the wording lives here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Mapping

from checks.charts import bar_chart, chart_text
from checks.document import (
    Break,
    BulletList,
    Code,
    Content,
    Document,
    Figure,
    Group,
    Heading,
    Link,
    Notice,
    NumberedList,
    Paragraph,
    Strong,
    Table,
)
from checks.links import guidance_url
from checks.model import question_anchor
from checks.plurals import counted
from checks.result import Action, Decision, Result

RED_FLAGS_ADVICE = "What to do about each red flag comes first in the action plan below."

CSV_COLUMNS = ("section", "question_id", "question", "answer", "points_share", "weight", "critical", "red_flag")
"""The columns of the per-question table that CSV exports (kept as they were: spreadsheets rely on them)."""


def overall_line(result: Result) -> str:
    if result.score is None:
        return "No overall score until every section has enough answers."
    return f"{result.score} out of 100, {result.band}: {result.band_meaning}"


def summary_line(result: Result) -> str:
    """One short sentence a screen reader announces when the results change."""
    parts = [
        f"Overall: {result.score} out of 100, {result.band}." if result.score is not None else overall_line(result)
    ]
    if result.decision:
        parts.append(f"Recommendation: {result.decision.title}.")
    parts.append(f"{counted(len(result.red_flags), 'red flag')}.")
    left = sum(q.answer is None for q in result.questions)
    if left:
        parts.append(f"{left} of {len(result.questions)} questions still to answer.")
    return " ".join(parts)


def result_document(result: Result, base_url: str = "") -> Document:
    """The report of a scored checklist; `base_url` leads from where the report is read to the site root."""
    blocks = [Paragraph((Strong("Overall:"), f" {overall_line(result)}"), html_class="rm-overall")]
    if result.decision:
        blocks.append(_decision(result.decision))
    blocks += [Notice(notice) for notice in result.notices]
    blocks.append(_sections_table(result))
    # On screen the chart's text alternative is its own (title and desc): the table above says the same.
    blocks.append(Figure(bar_chart(result, f"rm-chart-{result.checklist}"), chart_text(result), caption_in_image=True))
    blocks.append(Heading(2, "Red flags"))
    # Each red flag once in brief: what to do about it is said once, first in the action plan.
    flags = _actions(BulletList, result.red_flags, base_url, advice=False)
    blocks += [flags, Paragraph(RED_FLAGS_ADVICE)] if flags else [Paragraph("No red flags.")]
    blocks.append(Heading(2, "Action plan"))
    blocks.append(_actions(NumberedList, result.actions, base_url) or Paragraph("Nothing to act on yet."))
    blocks += _unknowns(result)
    return Document(
        title=f"{result.title}: results",
        subtitle=f"Version {result.version} of the checklist.",
        blocks=tuple(blocks),
        data=(_questions_table(result),),
    )


def answers_document(result: Result, notes: Mapping[str, str] | None = None) -> Document:
    """The answers as they are printed after the result: for each section, a compact table of every
    question and its answer (no options left unchosen), then the section's note if there is one."""
    numbers = {q.id: n for n, q in enumerate(result.questions, 1)}
    blocks: list = [Heading(2, "Your answers")]
    for section in result.sections:
        rows = tuple(
            (f"{numbers[q.id]}. {q.text}{' (key question)' if q.critical else ''}", q.answer_label)
            for q in result.section_questions(section.id)
        )
        blocks.append(Table(section.title, ("Question", "Answer"), rows, row_headers=False, html_class="rm-answers"))
        note = (notes or {}).get(section.id, "").strip()
        if note:
            blocks.append(Paragraph((Strong("Your notes:"), f" {note}"), html_class="rm-answers-note"))
    return Document(title=f"{result.title}: your answers", blocks=tuple(blocks))


def _decision(decision: Decision) -> Group:
    blocks = [Heading(2, f"Recommendation: {decision.title}"), Paragraph(decision.meaning)]
    if decision.reasons:
        blocks += [Paragraph("Why:"), BulletList(decision.reasons)]
    return Group(tuple(blocks), html_class="rm-decision", data=(("outcome", decision.outcome),))


def _sections_table(result: Result) -> Table:
    rows = tuple(
        (
            s.title,
            "Not scored yet" if s.score is None else str(s.score),
            s.band or s.status,  # an unscored section says why instead
            f"{s.answered} of {s.total}",
        )
        for s in result.sections
    )
    return Table(
        caption="Scores by section, out of 100",
        header=("Section", "Score", "Band", "Answered"),
        rows=rows,
        id=f"rm-sections-{result.checklist}",
        row_ids=tuple(s.id for s in result.sections),
        id_name="section",
        html_class="rm-sections",
    )


def _actions(kind: type[BulletList | NumberedList], actions: tuple[Action, ...], base_url: str, advice: bool = True):
    """The list of actions (each with its advice, or only the question and answer), or None when there are none."""
    if not actions:
        return None
    return kind(
        tuple(_action(action, base_url) if advice else _flag(action) for action in actions),
        item_ids=tuple(action.question for action in actions),
        id_name="question",
        html_class="rm-actions",
    )


def _flag(action: Action) -> Content:
    """The question and its answer, after "Red flag:" if it raises one."""
    flag = (Strong("Red flag:", html_class="rm-flag"), " ") if action.red_flag else ()
    return (*flag, f"{action.text} (answer: {action.answer_label})")


def _action(action: Action, base_url: str) -> Content:
    return (
        *_flag(action),
        Break(),
        f"{action.advice} ",
        Link("Read the guidance", guidance_url(action.guidance, base_url)),
    )


def _unknowns(result: Result) -> list:
    blocks = []
    dont_know = [q for q in result.questions if q.answer == "dont_know"]
    if dont_know:
        blocks.append(Heading(2, "What you do not know yet"))
        blocks += [Paragraph("Someone lacks this information:"), BulletList(tuple(q.text for q in dont_know))]
    unanswered = [q for q in result.questions if q.answer is None]
    if unanswered:
        # The links lead to the questions on the checklist's page; other formats show the text only.
        links = tuple((Link(q.text, f"#{question_anchor(q.id)}"),) for q in unanswered)
        blocks.append(Heading(2, "Still to answer"))
        blocks.append(Paragraph(f"{len(unanswered)} of {len(result.questions)} questions."))
        blocks.append(BulletList(links, html_class="rm-unanswered"))
    if result.orphans:
        blocks.append(Heading(2, "Answers to questions that have since changed"))
        blocks.append(BulletList(tuple((Code(qid), f": {value}") for qid, value in result.orphans.items())))
    return blocks


def _questions_table(result: Result) -> Table:
    """One row per question, for spreadsheets."""
    titles = {s.id: s.title for s in result.sections}
    rows = tuple(
        (
            titles[q.section],
            q.id,
            q.text,
            q.answer_label,
            "" if q.share is None else f"{q.share:.2f}",
            f"{q.weight:g}",
            _yes(q.critical),
            _yes(q.red_flag),
        )
        for q in result.questions
    )
    return Table(caption="Answers, one row per question", header=CSV_COLUMNS, rows=rows, row_headers=False)


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"
