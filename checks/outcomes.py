"""Decision checklists: reading their outcomes and naming the one the answers point to."""

from __future__ import annotations

from typing import Any

from checks.model import DONT_KNOW, NOT_RELEVANT, SCALES, Checklist, Condition, Outcome
from checks.reader import Reader, describe, join


def read_outcomes(reader: Reader, value: Any, path: str, data: dict) -> tuple[Outcome, ...]:
    """The outcomes of a decision definition; `data` is the whole definition, to check references."""
    answers_by_question = _answers_by_question(data)
    section_ids = {s.get("id") for s in _dicts(data.get("sections")) if isinstance(s.get("id"), str)}

    def condition(item: Any, item_path: str) -> Condition | None:
        keys = reader.mapping(item, item_path, ("reason",), ("question", "in", "section", "below", "at_least"))
        if keys is None:
            return None
        reason = reader.get(keys, "reason", item_path, reader.text)
        if "question" in keys:
            return _question_condition(reader, keys, item_path, reason, answers_by_question)
        if "section" in keys:
            return _section_condition(reader, keys, item_path, reason, section_ids)
        reader.fail(item_path, "a condition needs either 'question' and 'in', or 'section' and 'below' or 'at_least'")
        return None

    def outcome(item: Any, item_path: str) -> Outcome | None:
        keys = reader.mapping(item, item_path, ("id", "title", "meaning"), ("when", "default"))
        if keys is None:
            return None
        default = reader.get(keys, "default", item_path, reader.boolean, False)
        when = reader.get(keys, "when", item_path, lambda v, p: reader.items(v, p, condition), [])
        if default and "when" in keys:
            reader.fail(join(item_path, "when"), "the default outcome holds when nothing else does; remove 'when'")
        if not default and "when" not in keys:
            reader.fail(item_path, "an outcome needs 'when' conditions, or 'default: true' if it is the last one")
        return Outcome(
            id=reader.get(keys, "id", item_path, reader.ident),
            title=reader.get(keys, "title", item_path, reader.text),
            meaning=reader.get(keys, "meaning", item_path, reader.text),
            when=tuple(when or ()),
            default=bool(default),
        )

    outcomes = tuple(reader.items(value, path, outcome))
    defaults = [index for index, o in enumerate(outcomes) if o.default]
    if outcomes and defaults != [len(outcomes) - 1]:
        reader.fail(path, "exactly one outcome, the last, must have 'default: true'")
    return outcomes


def _dicts(value: Any) -> list[dict]:
    """The mappings in a list; nothing when the value is not a list (its problem is reported elsewhere)."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _answers_by_question(data: dict) -> dict[str, tuple[str, ...]]:
    """Every answer each question in the raw definition accepts, tolerating malformed parts."""
    accepted: dict[str, tuple[str, ...]] = {}
    for section in _dicts(data.get("sections")):
        for question in _dicts(section.get("questions")):
            if not isinstance(question.get("id"), str):
                continue
            kind = question.get("kind")
            if isinstance(kind, str) and kind in SCALES:
                values = tuple(o.id for o in SCALES[kind])
            else:
                values = tuple(o.get("id") for o in _dicts(question.get("options")))
            specials = (DONT_KNOW, NOT_RELEVANT) if question.get("not_relevant") is True else (DONT_KNOW,)
            accepted[question["id"]] = values + specials
    return accepted


def _question_condition(reader, keys, path, reason, answers_by_question) -> Condition | None:
    question = keys["question"]
    if not isinstance(question, str):
        reader.fail(join(path, "question"), f"expected a question id, got {describe(question)}")
        return None
    if question not in answers_by_question:
        reader.fail(join(path, "question"), f"no question with id {describe(question)} in this checklist")
        return None
    accepted = answers_by_question[question]
    values = keys.get("in")
    if not isinstance(values, list) or not values:
        reader.fail(join(path, "in"), "expected a list of the answers that make this condition hold")
        return None
    for index, value in enumerate(values):
        if value not in accepted:
            message = f"question {describe(question)} has no answer {describe(value)}"
            reader.fail(join(join(path, "in"), index), message)
    return Condition(reason=reason, question=question, answers=tuple(values))


def _section_condition(reader, keys, path, reason, section_ids) -> Condition | None:
    if not isinstance(keys["section"], str):
        reader.fail(join(path, "section"), f"expected a section id, got {describe(keys['section'])}")
    elif keys["section"] not in section_ids:
        reader.fail(join(path, "section"), f"no section with id {describe(keys['section'])} in this checklist")
    limits = [key for key in ("below", "at_least") if key in keys]
    if len(limits) != 1:
        reader.fail(path, "a section condition needs exactly one of 'below' or 'at_least'")
        return None
    limit = reader.whole(keys[limits[0]], join(path, limits[0]), 0, 100)
    return Condition(reason=reason, section=keys["section"], **{limits[0]: limit})


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
