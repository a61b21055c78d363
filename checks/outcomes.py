"""Decision checklists: the declared fields of their outcomes, and naming the one the answers point to.

Outcomes are tried in the order the definition lists them, and the first with a condition that
holds is the result. Each outcome also says how far it is from the default (the last, which holds
when nothing stands in its way): its `distance`, never more than that of an outcome listed before
it. Every condition holds for weaker answers whenever it holds for stronger ones, so a stronger
answer can only move the result nearer the default.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

from checks.fields import Field, Spec, items, one_of, unique_id, whole
from checks.model import DONT_KNOW, Checklist, Condition, Outcome, Question, Section
from checks.plurals import listed
from checks.reader import Reader, describe, join

IN_NEEDED = "expected a list of the answers that make this condition hold"
ANSWERS = "{answers}"
"""Written in a reason where the answers behind it are to be named."""
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
NAMED = 3
"""How many of a section's answers a reason names before saying how many more there are."""
UNKNOWN = ("critical", "other")
FORMS = {
    "question": ("question", "in"),
    "section": ("section", "below", "at_least"),
    "unknown": ("unknown",),
    "critical_below": ("critical_below",),
}
"""The keys of each form a condition can take; a condition takes exactly one form."""
OWN_REASON = "only the default outcome has a reason of its own; the others give their conditions' reasons"
FORM_NEEDED = (
    "a condition needs one of: 'question' and 'in'; 'section' and 'below' or 'at_least'; 'unknown'; or 'critical_below'"
)


def _reference(what: str):
    """A question or section id named by a condition; whether it exists is checked once it is read."""

    def check(reader: Reader, value: Any, path: str) -> str | None:
        if not isinstance(value, str):
            reader.fail(path, f"expected a {what} id, got {describe(value)}")
            return None
        return value

    return check


def _answer_list(reader: Reader, value: Any, path: str) -> tuple | None:
    if not isinstance(value, list) or not value:
        reader.fail(path, IN_NEEDED)
        return None
    for index, answer in enumerate(value):
        if isinstance(answer, str):
            reader.unique(answer, join(path, index), path)
    return tuple(value)


def _reason(reader: Reader, value: Any, path: str) -> str | None:
    """A sentence; `{answers}` is the one placeholder it may hold."""
    text = reader.text(value, path)
    for found in PLACEHOLDER.findall(text or ""):
        if found != ANSWERS:
            reader.fail(path, f"unknown placeholder {found!r}: the only one is {ANSWERS!r}")
    return text


def _condition(reader: Reader, v: dict[str, Any], path: str, given: frozenset) -> Condition | None:
    forms = [form for form, keys in FORMS.items() if given & set(keys)]
    if len(forms) != 1:
        reader.fail(path, FORM_NEEDED if not forms else f"a condition tests one thing, but this one has {_keys(forms)}")
        return None
    form = forms[0]
    if form == "unknown":
        return Condition(reason=v["reason"], unknown=v["unknown"])
    if form == "critical_below":
        return Condition(reason=v["reason"], critical_below=v["critical_below"])
    if form == "question":
        for key in ("question", "in"):
            if key not in given:
                reader.fail(join(path, key), IN_NEEDED if key == "in" else "expected the id of the question to test")
        _check_answers(reader, v["question"], v["in"] or (), path)
        return Condition(reason=v["reason"], question=v["question"], answers=v["in"] or ())
    if "section" not in given:
        reader.fail(join(path, "section"), "expected the id of the section to test")
    elif v["section"] is not None and v["section"] not in {s.id for s in reader.earlier("sections") or ()}:
        reader.fail(join(path, "section"), f"no section with id {describe(v['section'])} in this checklist")
    limits = [key for key in ("below", "at_least") if key in given]
    if len(limits) != 1:
        reader.fail(path, "a section condition needs exactly one of 'below' or 'at_least'")
        return None
    return Condition(reason=v["reason"], section=v["section"], **{limits[0]: v[limits[0]]})


def _keys(forms: list[str]) -> str:
    names = [f"'{form}'" for form in forms]
    return "both " + " and ".join(names) if len(names) == 2 else ", ".join(names[:-1]) + " and " + names[-1]


def _check_answers(reader: Reader, question_id: str | None, answers: tuple, path: str) -> None:
    """The question exists (the sections were read before the outcomes) and accepts every answer."""
    if question_id is None:
        return
    sections = reader.earlier("sections") or ()
    question = next((q for s in sections for q in s.questions if q.id == question_id), None)
    if question is None:
        reader.fail(join(path, "question"), f"no question with id {describe(question_id)} in this checklist")
        return
    accepted = [value for value, _ in question.choices()]
    for index, answer in enumerate(answers):
        if answer not in accepted:
            message = f"question {describe(question_id)} has no answer {describe(answer)}"
            reader.fail(join(join(path, "in"), index), message)


CONDITION = Spec(
    fields=(
        Field(
            "reason",
            _reason,
            doc="the sentence shown as a reason when the condition holds; `{answers}` in it names the answers "
            "behind it",
        ),
        Field("question", _reference("question"), None, "a question's id: holds when its answer is one of `in`"),
        Field("in", _answer_list, None, "with `question`: the answers (values) that make the condition hold"),
        Field("section", _reference("section"), None, "a section's id: holds when its score passes the limit"),
        Field("below", whole(0, 100), None, "with `section`: holds when the section scores below this"),
        Field("at_least", whole(0, 100), None, "with `section`: holds when the section scores this or more"),
        Field(
            "unknown",
            one_of(UNKNOWN),
            None,
            "`critical` or `other`: holds when a critical question (or one that is not critical) is unanswered "
            'or "don\'t know"',
        ),
        Field(
            "critical_below",
            whole(1, 100),
            None,
            "holds when a critical question's answer earns less than this share of its marks, in per cent "
            "(`100`: anything short of the strongest answer)",
        ),
    ),
    build=_condition,
)


def _outcome(reader: Reader, v: dict[str, Any], path: str, given: frozenset) -> Outcome:
    if v["default"] and "when" in given:
        reader.fail(join(path, "when"), "the default outcome holds when nothing else does; remove 'when'")
    if not v["default"] and "when" not in given:
        reader.fail(path, "an outcome needs 'when' conditions, or 'default: true' if it is the last one")
    if not v["default"] and "reason" in given:
        reader.fail(join(path, "reason"), OWN_REASON)
    if v["distance"] is not None and (v["distance"] == 0) != bool(v["default"]):
        reader.fail(join(path, "distance"), "the default, and only the default, is 0 steps from the default")
    when = tuple(v["when"] or ())
    return Outcome(v["id"], v["title"], v["meaning"], when, bool(v["default"]), v["reason"] or "", v["distance"])


OUTCOME = Spec(
    fields=(
        Field("id", unique_id(), doc="stable id, unique among the outcomes"),
        Field("title", Reader.text, doc="the recommendation, as a heading"),
        Field("meaning", Reader.text, doc="what to do about it, in a few sentences"),
        Field("when", items(CONDITION), (), "conditions, any one of which makes this the outcome"),
        Field("default", Reader.boolean, False, "`true` on the last outcome only: the result when nothing else holds"),
        Field(
            "reason",
            _reason,
            "",
            "on the default only: the reason it gives; `{answers}` in it names the section scores and the answers "
            "to the critical questions",
        ),
        Field(
            "distance",
            whole(0),
            None,
            "how many steps the outcome is from the default (`0` on the default), never more than an outcome listed "
            "before it; outcomes at the same distance are equally far; default: the number of outcomes after it",
        ),
    ),
    build=_outcome,
)


def outcomes(reader: Reader, value: Any, path: str) -> tuple[Outcome, ...]:
    """The ordered outcomes of a decision; the last, and only it, is the default."""
    read = tuple(items(OUTCOME)(reader, value, path))
    defaults = [index for index, o in enumerate(read) if o.default]
    if read and defaults != [len(read) - 1]:
        reader.fail(path, "exactly one outcome, the last, must have 'default: true'")
    read = tuple(
        replace(o, distance=len(read) - 1 - i if o.distance is None else o.distance) for i, o in enumerate(read)
    )
    for index, (before, after) in enumerate(itertools.pairwise(read), start=1):
        if after.distance > before.distance:
            steps = f"{after.distance} step{'s are' if after.distance != 1 else ' is'}"
            message = f"{steps} further than the outcome before it ({before.distance})"
            reader.fail(join(join(path, index), "distance"), message)
    return read


def distance(checklist: Checklist, outcome_id: str) -> int:
    """How many steps an outcome is from the default: its `distance` (0 for the default)."""
    return next(o.distance for o in checklist.outcomes if o.id == outcome_id)


# Deciding


@dataclass(frozen=True)
class Case:
    """What a decision is made from."""

    checklist: Checklist
    answers: Mapping[str, str]
    scores: Mapping[str, int | None]
    """Each section's score from the answers given, sections shown without a score included."""


def known(question: Question, answer: str | None) -> bool:
    """Whether a question has an answer it accepts other than "don't know"."""
    return answer is not None and answer != DONT_KNOW and question.accepts(answer)


def unsettled(section: Section, answers: Mapping[str, str]) -> tuple[Question, ...]:
    """The critical questions of a section that are unanswered or "don't know": a decision checklist
    shows such a section without a score."""
    return tuple(q for q in section.questions if q.scored and q.critical and not known(q, answers.get(q.id)))


def holds(condition: Condition, case: Case) -> bool:
    """Whether a condition holds; a section with too few answers to score never triggers one."""
    if condition.question:
        return case.answers.get(condition.question) in condition.answers
    if condition.unknown or condition.critical_below is not None:
        return bool(_questions_behind(condition, case))
    score = case.scores.get(condition.section)
    if score is None:
        return False
    if condition.below is not None:
        return score < condition.below
    return score >= condition.at_least


def decide(case: Case) -> tuple[Outcome, tuple[str, ...]]:
    """The first outcome with a condition that holds, and the reasons of all its conditions that hold;
    the default when none does, with its own reason if it has one."""
    for outcome in case.checklist.outcomes:
        if outcome.default:
            return outcome, (_fill(outcome.reason, _scores_and_critical(case)),) if outcome.reason else ()
        reasons = tuple(_fill(c.reason, _behind(c, case)) for c in outcome.when if holds(c, case))
        if reasons:
            return outcome, reasons
    raise AssertionError("a validated decision checklist always ends with its default outcome")


def _fill(reason: str, behind: str) -> str:
    return reason.replace(ANSWERS, behind)


def _questions_behind(condition: Condition, case: Case) -> list[Question]:
    """For `unknown` and `critical_below`: the questions that make the condition hold."""
    scored = [q for q in case.checklist.questions() if q.scored]
    if condition.unknown:
        critical = condition.unknown == "critical"
        return [q for q in scored if q.critical == critical and not known(q, case.answers.get(q.id))]
    limit = condition.critical_below
    return [q for q in scored if q.critical and _share(q, case) is not None and 100 * _share(q, case) < limit]


def _share(question: Question, case: Case) -> Fraction | None:
    """Exact, so that an answer exactly at a limit (29 points of 100, `critical_below: 29`) is not below it."""
    answer = case.answers.get(question.id)
    return question.exact_share(answer) if answer is not None else None


def named(question: Question, answers: Mapping[str, str]) -> str:
    """A question and its answer, as a reason names them: “Question?”: Answer."""
    answer = answers.get(question.id)
    return f"“{question.text}”: {question.label(answer) if answer is not None else 'Not answered'}"


def _behind(condition: Condition, case: Case) -> str:
    """The answers that make a condition hold, named for its reason."""
    if condition.question:
        return named(case.checklist.question(condition.question), case.answers)
    if condition.critical_below is not None:
        return "; ".join(named(q, case.answers) for q in _questions_behind(condition, case))
    if condition.unknown:
        questions = _questions_behind(condition, case)
        # Every "don't know" is named, and a critical question left unanswered; other blanks are counted.
        shown = [q for q in questions if q.critical or case.answers.get(q.id) is not None]
        blank = len(questions) - len(shown)
        parts = [named(q, case.answers) for q in shown]
        if blank:
            parts.append(f"{'and ' if parts else ''}{blank} question{'s' if blank != 1 else ''} not answered yet")
        return "; ".join(parts)
    return _section_behind(condition, case)


def _section_behind(condition: Condition, case: Case) -> str:
    """A section's score and the answers that pull it past the limit: the weakest below it, or the strongest."""
    section = case.checklist.section(condition.section)
    answered = [(q, _share(q, case)) for q in section.questions if q.scored]
    answered = [(q, share) for q, share in answered if share is not None]
    if condition.below is not None:
        chosen = sorted((a for a in answered if 100 * a[1] < condition.below), key=lambda a: (a[1], -a[0].weight))
        kind = "weakest"
    else:
        chosen = sorted(answered, key=lambda a: (-a[1], -a[0].weight))
        kind = "strongest"
    names = [named(q, case.answers) for q, _ in chosen[:NAMED]]
    if len(chosen) > NAMED:
        names.append(f"and {len(chosen) - NAMED} more")
    return f"{short_title(section)} scores {case.scores[section.id]} out of 100; {kind} answers: {'; '.join(names)}"


def _scores_and_critical(case: Case) -> str:
    """For the default's reason: every section's score, then every critical question and its answer."""
    scores = [
        f"{short_title(s)} {case.scores[s.id] if case.scores.get(s.id) is not None else 'not scored'}"
        for s in case.checklist.sections
    ]
    text = listed(scores) + " out of 100"
    critical = [named(q, case.answers) for q in case.checklist.questions() if q.scored and q.critical]
    return "; ".join([text, *critical])


def short_title(section: Section) -> str:
    """A section's title up to any colon: "Need: can you reach the outcome alone?" is "Need"."""
    return section.title.split(":")[0].strip()
