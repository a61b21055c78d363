"""What a comparison computes: per question the spread of answers and whether it is contested, per
section each group's score, and the agenda's order. Pure functions over the responses read."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from checks.compare.groups import Group, Settings, group_by, organisation_of, role_of
from checks.compare.inputs import Inputs, Response
from checks.compare.record import Record
from checks.model import WEAK_BELOW, Checklist, Question
from checks.scoring import ACTION_BELOW, half_up, score

CONTESTED_STEPS = 2
"""Answers this many scale steps apart, or more, make a question contested."""
STRONG_FROM = ACTION_BELOW
"""A group whose middle answer earns this share of the marks or more is strong on a question."""


@dataclass(frozen=True)
class Spread:
    """One question's answers across every respondent."""

    id: str
    section: str
    text: str
    guidance: str
    counts: tuple[tuple[str, str, int], ...]
    """(value, label, how many chose it) for every answer the form offers, then ("", "Not answered", n)."""
    answered: int
    """How many answered on the scale (not "don't know", "not relevant" or nothing)."""
    median: str
    low: str
    high: str
    steps: int
    """How many scale steps apart the lowest and highest answers are."""
    by_organisation: tuple[float | None, ...]
    """Each organisation's middle share of the marks (0 to 1), in `Comparison.organisations` order."""
    contested: bool
    reason: str
    shared: str
    """"weak" when every organisation is weak on it, "strong" when every one is strong, else ""."""


@dataclass(frozen=True)
class SectionScores:
    id: str
    title: str
    guidance: str
    by_organisation: tuple[int | None, ...]
    by_role: tuple[int | None, ...]


@dataclass(frozen=True)
class Comparison:
    checklist: Checklist
    settings: Settings
    inputs: Inputs
    organisations: tuple[Group, ...]
    roles: tuple[Group, ...]
    questions: tuple[Spread, ...]
    sections: tuple[SectionScores, ...]
    record: Record

    @property
    def responses(self) -> tuple[Response, ...]:
        return self.inputs.responses

    @property
    def contested(self) -> tuple[Spread, ...]:
        """The contested questions, the widest spread first, then in the checklist's order."""
        return tuple(sorted((q for q in self.questions if q.contested), key=lambda q: -q.steps))


def level(share: float | None) -> str:
    """ "weak", "mixed" or "strong" for a share of the marks; "" for none."""
    if share is None:
        return ""
    return "weak" if share < WEAK_BELOW else "strong" if share >= STRONG_FROM else "mixed"


def compare(
    checklist: Checklist, inputs: Inputs, settings: Settings | None = None, record: Record | None = None
) -> Comparison:
    """The comparison of every usable response in `inputs`."""
    settings, record = settings or Settings(), record or Record()
    responses = inputs.responses
    organisations = group_by(responses, organisation_of, settings)
    roles = group_by(responses, role_of, settings)
    questions = tuple(
        _spread(q, s.id, responses, organisations) for s in checklist.sections for q in s.questions if q.scored
    )
    results = [score(checklist, r.saved.answers) for r in responses]
    sections = tuple(
        SectionScores(
            section.id,
            section.title,
            section.guidance,
            tuple(_mean([results[i].sections[n].score for i in g.members]) for g in organisations),
            tuple(_mean([results[i].sections[n].score for i in g.members]) for g in roles),
        )
        for n, section in enumerate(checklist.sections)
    )
    return Comparison(checklist, settings, inputs, organisations, roles, questions, sections, record)


def _mean(scores: list[int | None]) -> int | None:
    given = [s for s in scores if s is not None]
    return half_up(sum(given) / len(given)) if given else None


def _spread(question: Question, section: str, responses: tuple[Response, ...], organisations) -> Spread:
    order = sorted(question.options, key=lambda o: o.points)
    step = {o.id: n for n, o in enumerate(order)}
    answers = [r.saved.answers.get(question.id) for r in responses]
    counts = tuple((value, label, answers.count(value)) for value, label in question.choices())
    counts += (("", "Not answered", answers.count(None)),)
    steps = sorted(step[a] for a in answers if a in step)
    by_org = tuple(_middle([question.share(answers[i]) for i in g.members]) for g in organisations)
    levels = {level(share) for share in by_org if share is not None}
    spread = steps[-1] - steps[0] if steps else 0
    contested = spread >= CONTESTED_STEPS or {"weak", "strong"} <= levels
    reason = ""
    if spread >= CONTESTED_STEPS:
        reason = f"Answers are {spread} steps apart on the scale."
    elif contested:
        reason = "One organisation is weak on this and another strong."
    shared = levels.pop() if not contested and len(levels) == 1 and levels <= {"weak", "strong"} else ""
    return Spread(
        id=question.id,
        section=section,
        text=question.text,
        guidance=question.guidance,
        counts=counts,
        answered=len(steps),
        median=_median_label(steps, order),
        low=order[steps[0]].label if steps else "",
        high=order[steps[-1]].label if steps else "",
        steps=spread,
        by_organisation=by_org,
        contested=contested,
        reason=reason,
        shared=shared,
    )


def _middle(shares: list[float | None]) -> float | None:
    given = [s for s in shares if s is not None]
    return statistics.median(given) if given else None


def _median_label(steps: list[int], order) -> str:
    if not steps:
        return ""
    middle = statistics.median(steps)
    if middle == int(middle):
        return order[int(middle)].label
    return f"Between {order[int(middle)].label} and {order[int(middle) + 1].label}"
