"""Plain reports of a result: text (the command line), Markdown, CSV and JSON."""

from __future__ import annotations

import io
import json

from checks.charts import chart_text
from checks.links import guidance_url
from checks.result import Action, Result, SectionResult, result_to_dict


def score_line(section: SectionResult) -> str:
    if section.score is None:
        return f"not scored yet. {section.status}"
    return f"{section.score}/100, {section.band}. {section.status}"


def overall_line(result: Result) -> str:
    if result.score is None:
        return "No overall score until every section has enough answers."
    return f"{result.score}/100, {result.band}: {result.band_meaning}"


def summary_line(result: Result) -> str:
    """One short sentence a screen reader announces when the results change."""
    parts = [
        f"Overall: {result.score} out of 100, {result.band}." if result.score is not None else overall_line(result)
    ]
    if result.decision:
        parts.append(f"Recommendation: {result.decision.title}.")
    flags = len(result.red_flags)
    parts.append(f"{flags} red flag{'s' if flags != 1 else ''}.")
    left = sum(q.answer is None for q in result.questions)
    if left:
        parts.append(f"{left} of {len(result.questions)} questions still to answer.")
    return " ".join(parts)


def to_text(result: Result) -> str:
    """A report for a terminal."""
    lines = [f"{result.title} (version {result.version})", "", f"Overall: {overall_line(result)}"]
    if result.decision:
        lines += ["", f"Recommendation: {result.decision.title}", f"  {result.decision.meaning}"]
        lines += [f"  - {reason}" for reason in result.decision.reasons]
    lines += [f"Note: {notice}" for notice in result.notices]
    lines += ["", "Sections:"]
    lines += [f"  {s.title}: {score_line(s)}" for s in result.sections]
    lines += ["", "Red flags:"] + (_text_actions(result.red_flags) or ["  None."])
    lines += ["", "Action plan:"] + (_text_actions(result.actions, numbered=True) or ["  Nothing to act on yet."])
    lines += _text_unknowns(result)
    return "\n".join(lines) + "\n"


def _text_actions(actions: tuple[Action, ...], numbered: bool = False) -> list[str]:
    lines = []
    for number, action in enumerate(actions, 1):
        mark = f"{number}." if numbered else "-"
        flag = " [red flag]" if action.red_flag and numbered else ""
        lines.append(f"  {mark} {action.text} (answer: {action.answer_label}){flag}")
        lines.append(f"     {action.advice} See {guidance_url(action.guidance)}")
    return lines


def _text_unknowns(result: Result) -> list[str]:
    lines = []
    dont_know = [q for q in result.questions if q.answer == "dont_know"]
    if dont_know:
        lines += ["", "Don't know (someone lacks this information):"] + [f"  - {q.text}" for q in dont_know]
    unanswered = [q for q in result.questions if q.answer is None]
    if unanswered:
        lines += ["", f"Still to answer: {len(unanswered)} of {len(result.questions)} questions."]
    if result.orphans:
        lines += ["", "Answers to questions that have since changed (kept, not scored):"]
        lines += [f"  - {qid}: {value}" for qid, value in result.orphans.items()]
    return lines


def to_markdown(result: Result, base_url: str = "") -> str:
    """A report to keep or share, e.g. pasted into meeting papers."""
    lines = [f"# {result.title}: results", "", f"**Overall:** {overall_line(result)}", ""]
    if result.decision:
        lines += [f"## Recommendation: {result.decision.title}", "", result.decision.meaning, ""]
        lines += [f"- {reason}" for reason in result.decision.reasons] + [""]
    lines += [f"> {notice}" for notice in result.notices] + ([""] if result.notices else [])
    lines += ["## Sections", "", "| Section | Score | Band | Answered |", "|---|---|---|---|"]
    for s in result.sections:
        score = s.score if s.score is not None else "not scored yet"
        lines.append(f"| {_cell(s.title)} | {score} | {s.band or '-'} | {s.answered} of {s.total} |")
    lines += ["", f"Chart in words: {chart_text(result)}", "", "## Red flags", ""]
    lines += [_md_action(a, base_url, "-") for a in result.red_flags] or ["None."]
    lines += ["", "## Action plan", ""]
    lines += [_md_action(a, base_url, f"{n}.") for n, a in enumerate(result.actions, 1)] or ["Nothing to act on yet."]
    dont_know = [q for q in result.questions if q.answer == "dont_know"]
    if dont_know:
        lines += ["", "## What you don't know yet", ""] + [f"- {q.text}" for q in dont_know]
    if result.orphans:
        lines += ["", "## Answers to questions that have since changed", ""]
        lines += [f"- `{qid}`: {value}" for qid, value in result.orphans.items()]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _md_action(action: Action, base_url: str, mark: str) -> str:
    flag = "**Red flag.** " if action.red_flag else ""
    link = guidance_url(action.guidance, base_url)
    return f"{mark} {flag}{action.text} *(answer: {action.answer_label})* {action.advice} [Guidance]({link})"


CSV_COLUMNS = ("section", "question_id", "question", "answer", "points_share", "weight", "critical", "red_flag")


def to_csv(result: Result) -> str:
    """One row per question, for spreadsheets."""
    import csv  # here, not at the top: the browser's worker starts faster without it

    titles = {s.id: s.title for s in result.sections}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for q in result.questions:
        share = "" if q.share is None else f"{q.share:.2f}"
        row = (
            titles[q.section],
            q.id,
            q.text,
            q.answer_label,
            share,
            f"{q.weight:g}",
            _yes(q.critical),
            _yes(q.red_flag),
        )
        writer.writerow(_safe_cell(value) for value in row)
    return out.getvalue()


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _safe_cell(value: str) -> str:
    """Stop a spreadsheet treating text as a formula (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def to_json(result: Result) -> str:
    return json.dumps(result_to_dict(result), indent=2, ensure_ascii=False) + "\n"
