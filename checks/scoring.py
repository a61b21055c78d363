"""Scoring: turn a checklist and saved answers into a `Result`. Pure functions, no I/O."""

from __future__ import annotations

import math
from dataclasses import replace
from fractions import Fraction

from checks.answers import SavedAnswers
from checks.model import DONT_KNOW, NOT_RELEVANT, WEAK_BELOW, Checklist, Question, Section
from checks.outcomes import Case, decide, named, unsettled
from checks.result import Action, Decision, QuestionResult, Result, SectionResult

ACTION_BELOW = 0.75
"""Answers worth less than this share of the marks go into the action plan."""
_WEAK_BELOW = Fraction(WEAK_BELOW)
"""WEAK_BELOW as the exact shares are (a float compared with a fraction is made one each time)."""


def half_up(value: float | Fraction) -> int:
    """Round to a whole score the way people do (62.5 -> 63), not to the even neighbour."""
    return math.floor(value + Fraction(1, 2))


def score(checklist: Checklist, saved: SavedAnswers | dict[str, str]) -> Result:
    """Score every section and the whole checklist, raise red flags and plan actions."""
    answers = saved.answers if isinstance(saved, SavedAnswers) else dict(saved)
    questions = tuple(_question_result(q, s, answers.get(q.id)) for s in checklist.sections for q in s.questions)
    by_id = {q.id: q for q in questions}
    sections = tuple(_section_result(checklist, s, [by_id[q.id] for q in s.questions]) for s in checklist.sections)
    given = {s.id: s.score for s in sections}
    if checklist.kind == "decision":
        sections = tuple(_held_back(checklist.section(s.id), s, answers) for s in sections)
    scores = [s.score for s in sections]
    overall = half_up(sum(scores) / len(scores)) if None not in scores else None
    band = checklist.band(overall) if overall is not None else None
    red_flags = tuple(_action(checklist, q) for q in questions if q.red_flag)
    decision = _decision(checklist, answers, given)
    notices = _notices(checklist, saved) + _warnings(checklist, questions)
    if checklist.kind == "decision" and decision is None:
        notices += ("Answer enough questions in every section to get a recommendation.",)
    return Result(
        checklist=checklist.id,
        title=checklist.title,
        version=checklist.version,
        kind=checklist.kind,
        score=overall,
        band=band.name if band else None,
        band_meaning=band.meaning if band else None,
        sections=sections,
        questions=questions,
        red_flags=red_flags,
        actions=red_flags + _weak_actions(checklist, questions, sections),
        decision=decision,
        orphans=dict(saved.orphans) if isinstance(saved, SavedAnswers) else {},
        notices=notices,
    )


def _question_result(question: Question, section: Section, answer: str | None) -> QuestionResult:
    share = question.share(answer) if answer is not None else None
    exact = question.exact_share(answer) if answer is not None else None
    weak = exact is not None and exact < _WEAK_BELOW
    return QuestionResult(
        id=question.id,
        section=section.id,
        text=question.text,
        answer=answer,
        answer_label=question.label(answer) if answer is not None else "Not answered",
        share=share,
        weight=question.weight,
        critical=question.critical,
        red_flag=question.critical and question.scored and (weak or answer == DONT_KNOW),
    )


def _section_result(checklist: Checklist, section: Section, results: list[QuestionResult]) -> SectionResult:
    # Text answers are kept and reported but never scored, so they count neither way here.
    pairs = [(q, r) for r, q in zip(results, section.questions, strict=True) if q.scored]
    results = [r for _, r in pairs]
    scored = [q for q in results if q.share is not None]
    not_relevant = tuple(q.id for q in results if q.answer == NOT_RELEVANT)
    relevant = len(results) - len(not_relevant)
    # The share as written (.56 of 25 is 14 exactly), not its float (.56 * 25 is 14.000000000000002).
    needed = max(1, math.ceil(Fraction(str(checklist.min_answered)) * relevant))
    score = None
    if relevant and len(scored) >= needed:
        score = _weighted_score([(q, r.answer) for q, r in pairs if r.share is not None])
    band = checklist.band(score) if score is not None else None
    return SectionResult(
        id=section.id,
        title=section.title,
        guidance=section.guidance,
        score=score,
        band=band.name if band else None,
        band_meaning=band.meaning if band else None,
        answered=len(scored),
        needed=needed,
        total=len(results),
        dont_know=tuple(q.id for q in results if q.answer == DONT_KNOW),
        not_relevant=not_relevant,
        unanswered=tuple(q.id for q in results if q.answer is None),
        status=_status(len(scored), needed, relevant, len(results)),
    )


def _held_back(section: Section, result: SectionResult, answers: dict[str, str]) -> SectionResult:
    """A decision shows a section without a score while a critical question in it is unknown, and says which:
    a score that leaves out what matters most would look settled when it is not."""
    missing = unsettled(section, answers)
    if result.score is None or not missing:
        return result
    status = (
        f"Not scored while a critical question is unknown: {'; '.join(named(q, answers) for q in missing)}. "
        f"The other answers score {result.score}."
    )
    return replace(result, score=None, band=None, band_meaning=None, status=status)


def _weighted_score(scored: list[tuple[Question, str]]) -> int:
    """round(100 * sum(share * weight) / sum(weight)), half up, worked in exact fractions.

    Each share is exact (4 points of 10 is 2/5) and each weight is the number as written (0.1 is 1/10),
    so a score exactly on a half rounds up as it does by hand: in floats (1 + .5 + 2 * .4) / 4 came to
    57.49999... and 57, not 58, which can put a score in the band below. Fractions cannot overflow, so
    very large weights (say 1e307) need no care either.
    """
    weights = [question.exact_weight for question, _ in scored]
    earned = sum(q.exact_share(answer) * weight for (q, answer), weight in zip(scored, weights, strict=True))
    return half_up(100 * earned / sum(weights))


def _status(answered: int, needed: int, relevant: int, total: int) -> str:
    if not relevant:
        return "Every question was marked not relevant, so this section has no score."
    if answered < needed:
        return (
            f"Too few answers to score fairly: {answered} of {relevant} answered; "
            f"at least {needed} {'is' if needed == 1 else 'are'} needed."
        )
    return f"{answered} of {total} questions answered."


def _action(checklist: Checklist, result: QuestionResult) -> Action:
    question = checklist.question(result.id)
    return Action(
        question=result.id,
        section=result.section,
        text=result.text,
        answer_label=result.answer_label,
        advice=question.advice,
        guidance=question.guidance,
        red_flag=result.red_flag,
    )


def _weak_actions(checklist: Checklist, questions, sections) -> tuple[Action, ...]:
    """Weak answers that are not red flags, weakest sections first, then weakest answers, heaviest first."""
    section_rank = {s.id: (s.score if s.score is not None else 101) for s in sections}
    weak = [q for q in questions if not q.red_flag and q.share is not None and q.share < ACTION_BELOW]
    weak.sort(key=lambda q: (section_rank[q.section], q.share, -q.weight))
    return tuple(_action(checklist, q) for q in weak)


def _decision(checklist: Checklist, answers: dict[str, str], scores: dict[str, int | None]) -> Decision | None:
    """The outcome, once every section has enough answers to score (shown with a score or not)."""
    if checklist.kind != "decision" or None in scores.values():
        return None
    outcome, reasons = decide(Case(checklist, answers, scores))
    return Decision(outcome.id, outcome.title, outcome.meaning, reasons)


def _warnings(checklist: Checklist, questions: tuple[QuestionResult, ...]) -> tuple[str, ...]:
    """A critical question answered short of the marks that would make it safe to rely on, but not weak
    enough for a red flag (such as "partly"), is a warning."""
    return tuple(
        f"Warning on a critical question: “{q.text}” was answered “{q.answer_label}”. {checklist.question(q.id).advice}"
        for q in questions
        if q.critical and q.share is not None and WEAK_BELOW <= q.share < ACTION_BELOW
    )


def _notices(checklist: Checklist, saved: SavedAnswers | dict[str, str]) -> tuple[str, ...]:
    notices = []
    if isinstance(saved, SavedAnswers):
        if saved.checklist_version != checklist.version:
            notices.append(
                f"These answers were saved for version {saved.checklist_version} of this checklist; "
                f"it is now version {checklist.version}."
            )
        if saved.orphans:
            notices.append(_changed(len(saved.orphans)))
    return tuple(notices)


def _changed(count: int) -> str:
    """The notice for answers kept to questions the checklist no longer has."""
    if count == 1:
        return (
            "1 answer is to a question that has since changed. It is kept in your saved answers and exports, "
            "but does not count towards the scores."
        )
    return (
        f"{count:,} answers are to questions that have since changed. They are kept in your saved answers and "
        "exports, but do not count towards the scores."
    )
