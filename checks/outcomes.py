"""Decision checklists: the declared fields of their outcomes, and naming the one the answers point to."""

from __future__ import annotations

from typing import Any

from checks.fields import Field, Spec, items, unique_id, whole
from checks.model import Checklist, Condition, Outcome
from checks.reader import Reader, describe, join

IN_NEEDED = "expected a list of the answers that make this condition hold"


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


def _condition(reader: Reader, v: dict[str, Any], path: str, given: frozenset) -> Condition | None:
    if "question" in given:
        if "in" not in given:
            reader.fail(join(path, "in"), IN_NEEDED)
        _check_answers(reader, v["question"], v["in"] or (), path)
        return Condition(reason=v["reason"], question=v["question"], answers=v["in"] or ())
    if "section" not in given:
        reader.fail(path, "a condition needs either 'question' and 'in', or 'section' and 'below' or 'at_least'")
        return None
    if v["section"] is not None and v["section"] not in {s.id for s in reader.earlier("sections") or ()}:
        reader.fail(join(path, "section"), f"no section with id {describe(v['section'])} in this checklist")
    limits = [key for key in ("below", "at_least") if key in given]
    if len(limits) != 1:
        reader.fail(path, "a section condition needs exactly one of 'below' or 'at_least'")
        return None
    return Condition(reason=v["reason"], section=v["section"], **{limits[0]: v[limits[0]]})


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
        Field("reason", Reader.text, doc="the sentence shown as a reason when the condition holds"),
        Field("question", _reference("question"), None, "a question's id: holds when its answer is one of `in`"),
        Field("in", _answer_list, None, "with `question`: the answers (values) that make the condition hold"),
        Field("section", _reference("section"), None, "a section's id: holds when its score passes the limit"),
        Field("below", whole(0, 100), None, "with `section`: holds when the section scores below this"),
        Field("at_least", whole(0, 100), None, "with `section`: holds when the section scores this or more"),
    ),
    build=_condition,
)


def _outcome(reader: Reader, v: dict[str, Any], path: str, given: frozenset) -> Outcome:
    if v["default"] and "when" in given:
        reader.fail(join(path, "when"), "the default outcome holds when nothing else does; remove 'when'")
    if not v["default"] and "when" not in given:
        reader.fail(path, "an outcome needs 'when' conditions, or 'default: true' if it is the last one")
    return Outcome(v["id"], v["title"], v["meaning"], tuple(v["when"] or ()), bool(v["default"]))


OUTCOME = Spec(
    fields=(
        Field("id", unique_id(), doc="stable id, unique among the outcomes"),
        Field("title", Reader.text, doc="the recommendation, as a heading"),
        Field("meaning", Reader.text, doc="what to do about it, in a few sentences"),
        Field("when", items(CONDITION), (), "conditions, any one of which makes this the outcome"),
        Field("default", Reader.boolean, False, "`true` on the last outcome only: the result when nothing else holds"),
    ),
    build=_outcome,
)


def outcomes(reader: Reader, value: Any, path: str) -> tuple[Outcome, ...]:
    """The ordered outcomes of a decision; the last, and only it, is the default."""
    read = tuple(items(OUTCOME)(reader, value, path))
    defaults = [index for index, o in enumerate(read) if o.default]
    if read and defaults != [len(read) - 1]:
        reader.fail(path, "exactly one outcome, the last, must have 'default: true'")
    return read


def holds(condition: Condition, answers: dict[str, str], section_scores: dict[str, int | None]) -> bool:
    """Whether a condition holds; a section with too few answers to score never triggers one."""
    if condition.question:
        return answers.get(condition.question) in condition.answers
    score = section_scores.get(condition.section)
    if score is None:
        return False
    if condition.below is not None:
        return score < condition.below
    return score >= condition.at_least


def decide(
    checklist: Checklist, answers: dict[str, str], section_scores: dict[str, int | None]
) -> tuple[Outcome, tuple[str, ...]]:
    """The first outcome with a condition that holds, and the reasons of all its conditions that hold."""
    for outcome in checklist.outcomes:
        if outcome.default:
            return outcome, ()
        reasons = tuple(c.reason for c in outcome.when if holds(c, answers, section_scores))
        if reasons:
            return outcome, reasons
    raise AssertionError("a validated decision checklist always ends with its default outcome")
