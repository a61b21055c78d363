"""What scoring returns: plain frozen dataclasses, and their JSON form for reports and the browser."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class QuestionResult:
    id: str
    section: str
    text: str
    answer: str | None
    """The answer's value; None when unanswered."""
    answer_label: str
    share: float | None
    """Share of the marks earned (0 to 1); None when it does not score."""
    weight: float
    critical: bool
    red_flag: bool


@dataclass(frozen=True)
class SectionResult:
    id: str
    title: str
    guidance: str
    score: int | None
    """0 to 100; None when too few questions were answered to give a fair score."""
    band: str | None
    band_meaning: str | None
    answered: int
    """Questions answered on the scale (not "don't know" or "not relevant")."""
    needed: int
    """Answers needed before the section gets a score."""
    total: int
    dont_know: tuple[str, ...]
    not_relevant: tuple[str, ...]
    unanswered: tuple[str, ...]
    status: str
    """A sentence on how complete the section is."""


@dataclass(frozen=True)
class Action:
    question: str
    section: str
    text: str
    answer_label: str
    advice: str
    guidance: str
    red_flag: bool


@dataclass(frozen=True)
class Decision:
    outcome: str
    title: str
    meaning: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Result:
    checklist: str
    title: str
    version: int
    kind: str
    score: int | None
    """The mean of the section scores; None until every section has one."""
    band: str | None
    band_meaning: str | None
    sections: tuple[SectionResult, ...]
    questions: tuple[QuestionResult, ...]
    red_flags: tuple[Action, ...]
    actions: tuple[Action, ...]
    """The action plan: red flags first, then the weakest answers in the weakest sections."""
    decision: Decision | None = None
    orphans: dict[str, str] = field(default_factory=dict)
    """Answers to questions the checklist no longer has."""
    notices: tuple[str, ...] = ()
    """Sentences the reader should see about the answers as a whole."""

    @property
    def answered(self) -> int:
        return sum(q.answer is not None for q in self.questions)

    def section_questions(self, section_id: str) -> tuple[QuestionResult, ...]:
        return tuple(q for q in self.questions if q.section == section_id)


def result_to_dict(result: Result) -> dict[str, Any]:
    """The result as plain JSON data (what the JSON report and the browser worker give)."""
    data = asdict(result)
    data["answered"] = result.answered
    return data
