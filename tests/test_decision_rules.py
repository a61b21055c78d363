"""The rules every decision checklist here must keep, for any answers (hypothesis), over the real definitions.

The order of the outcomes is the order the definition lists them, the furthest from the default
first (`checks.outcomes.distance`): for "Should we partner?" that is not now, network, contract,
settle the open questions first, go ahead.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks import definition_files, load_checklist, score
from checks.model import DONT_KNOW, NOT_RELEVANT
from checks.outcomes import Case, distance, holds, named, short_title

DECISIONS = [c for c in (load_checklist(path) for path in definition_files()) if c.kind == "decision"]
RULES = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_there_is_a_decision_checklist():
    assert DECISIONS


def accepted(question) -> list[str]:
    return [*(o.id for o in question.options), DONT_KNOW, *([NOT_RELEVANT] if question.not_relevant else [])]


@st.composite
def answer_sets(draw, checklist) -> dict[str, str]:
    """Answers to every question, some blank: all at random, or the strongest with a few changed,
    so that cases near the default are as common as the rest."""
    questions = [q for q in checklist.questions() if q.scored]
    if draw(st.booleans()):
        answers = {q.id: max(q.options, key=lambda o: o.points).id for q in questions}
        for question in draw(st.lists(st.sampled_from(questions), max_size=4)):
            answers[question.id] = draw(st.sampled_from([*accepted(question), None]))
    else:
        answers = {q.id: draw(st.sampled_from([*accepted(q), None])) for q in questions}
    return {key: value for key, value in answers.items() if value is not None}


def decision(checklist, answers):
    return score(checklist, answers).decision


def steps(checklist, result) -> int | None:
    return distance(checklist, result.outcome) if result else None


@pytest.mark.parametrize("checklist", DECISIONS, ids=[c.id for c in DECISIONS])
@RULES
@given(data=st.data())
def test_a_stronger_answer_never_moves_the_outcome_further_from_the_default(checklist, data):
    answers = data.draw(answer_sets(checklist))
    question = data.draw(st.sampled_from([q for q in checklist.questions() if q.scored]))
    worse, better = data.draw(st.lists(st.sampled_from(question.options), min_size=2, max_size=2, unique=True))
    if worse.points > better.points:
        worse, better = better, worse
    low = decision(checklist, {**answers, question.id: worse.id})
    high = decision(checklist, {**answers, question.id: better.id})
    assert (low is None) == (high is None)
    if low is not None:
        assert steps(checklist, high) <= steps(checklist, low), (question.id, low.outcome, high.outcome)


@pytest.mark.parametrize("checklist", DECISIONS, ids=[c.id for c in DECISIONS])
@RULES
@given(data=st.data())
def test_dont_know_never_improves_the_outcome(checklist, data):
    """In place of any answer, "don't know" never gives the default, and never an outcome nearer it,
    except that a firm "no" may become the outcome for open questions, whose reasons name this one."""
    answers = data.draw(answer_sets(checklist))
    question = data.draw(st.sampled_from([q for q in checklist.questions() if q.scored]))
    answer = data.draw(st.sampled_from(question.options)).id
    with_answer = decision(checklist, {**answers, question.id: answer})
    unknown = decision(checklist, {**answers, question.id: DONT_KNOW})
    if unknown is None:  # too few answers left to recommend anything
        return
    assert unknown.outcome != checklist.outcomes[-1].id
    if with_answer is not None and steps(checklist, unknown) < steps(checklist, with_answer):
        outcome = next(o for o in checklist.outcomes if o.id == unknown.outcome)
        assert any(c.unknown for c in outcome.when), (question.id, with_answer.outcome, unknown.outcome)
        assert f"“{question.text}”: Don't know" in " ".join(unknown.reasons)


def given_scores(checklist, answers) -> dict[str, int | None]:
    """Each section's score from the answers given, as the decision sees it (a section shown without a
    score because a critical question is unknown included)."""
    return {s.id: s.score for s in score(replace(checklist, kind="assessment"), answers).sections}


@pytest.mark.parametrize("checklist", DECISIONS, ids=[c.id for c in DECISIONS])
@RULES
@given(data=st.data())
def test_every_outcome_gives_reasons_that_name_the_answers_behind_them(checklist, data):
    answers = data.draw(answer_sets(checklist))
    result = decision(checklist, answers)
    if result is None:
        return
    outcome = next(o for o in checklist.outcomes if o.id == result.outcome)
    case = Case(checklist, answers, given_scores(checklist, answers))
    assert result.reasons
    if outcome.default:
        (reason,) = result.reasons
        for section in checklist.sections:
            assert f"{short_title(section)} {case.scores[section.id]}" in reason
        for question in (q for q in checklist.questions() if q.critical):
            assert named(question, answers) in reason
        return
    conditions = [c for c in outcome.when if holds(c, case)]
    assert len(conditions) == len(result.reasons)
    for condition, reason in zip(conditions, result.reasons, strict=True):
        for question in behind(checklist, condition, answers):
            assert named(question, answers) in reason, (condition, reason)
        if condition.section:
            section = checklist.section(condition.section)
            assert f"{short_title(section)} scores {case.scores[section.id]} out of 100" in reason
            assert any(named(q, answers) in reason for q in section.questions), reason


def behind(checklist, condition, answers):
    """The questions a reason must name: the one a question condition tests, or every one that makes an
    `unknown` or `critical_below` condition hold (a blank that is not critical is only counted)."""
    if condition.question:
        return [checklist.question(condition.question)]
    scored = [q for q in checklist.questions() if q.scored]
    if condition.unknown:
        critical = condition.unknown == "critical"
        unknown = [q for q in scored if q.critical == critical and answers.get(q.id) in (None, DONT_KNOW)]
        return [q for q in unknown if critical or answers.get(q.id) == DONT_KNOW]
    if condition.critical_below is not None:
        shares = {q.id: q.share(answers[q.id]) for q in scored if q.critical and q.id in answers}
        return [q for q in scored if shares.get(q.id) is not None and 100 * shares[q.id] < condition.critical_below]
    return []
