"""The checklist domain model: small frozen dataclasses built only by `definitions`."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property

DONT_KNOW = "dont_know"
NOT_RELEVANT = "not_relevant"
SPECIAL_LABELS = {DONT_KNOW: "Don't know", NOT_RELEVANT: "Not relevant"}


@dataclass(frozen=True)
class Option:
    """One answer a question accepts, worth `points` out of the question's best option."""

    id: str
    label: str
    points: float


def _scale(*options: tuple[str, str, float]) -> tuple[Option, ...]:
    return tuple(Option(value, label, points) for value, label, points in options)


SCALES: dict[str, tuple[Option, ...]] = {
    "agreement": _scale(
        ("strongly_disagree", "Strongly disagree", 0),
        ("disagree", "Disagree", 1),
        ("neutral", "Neither agree nor disagree", 2),
        ("agree", "Agree", 3),
        ("strongly_agree", "Strongly agree", 4),
    ),
    "in_place": _scale(
        ("not_in_place", "Not in place", 0),
        ("partly_in_place", "Partly in place", 1),
        ("fully_in_place", "Fully in place", 2),
    ),
    "yes_partly_no": _scale(("no", "No", 0), ("partly", "Partly", 1), ("yes", "Yes", 2)),
}
"""The built-in answer scales; a `choice` question brings its own options."""

KINDS = (*SCALES, "choice")
"""The kinds of question that score."""
TEXT = "text"
"""The kind of question answered in the reader's own words: kept and reported, never scored."""
MAX_TEXT = 2_000
"""The longest free-text answer, in characters."""
WEAK_BELOW = 0.5
"""An answer worth less than this share of the marks is weak (red flag when critical)."""


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    kind: str
    options: tuple[Option, ...]
    """The scored answers, worst first as written in the definition or scale."""
    guidance: str
    """Docs page and anchor this question draws on, e.g. ``behaviours/leadership.md#warning-signs``."""
    advice: str
    """What to do when the answer is weak."""
    weight: float = 1.0
    critical: bool = False
    not_relevant: bool = False
    """Whether "not relevant" is an accepted answer."""
    hint: str = ""

    @property
    def scored(self) -> bool:
        return self.kind != TEXT

    @property
    def best(self) -> float:
        return max(option.points for option in self.options)

    def share(self, value: str) -> float | None:
        """The share of the marks (0 to 1) an answer earns; None when it does not score."""
        return self._shares.get(value) if isinstance(value, str) else None

    def exact_share(self, value: str) -> Fraction | None:
        """The share as an exact fraction (4 points of 10 is 2/5, not the float a shade over .4), for
        scores and limits that must come out right exactly on a half or an edge."""
        return self._exact_shares.get(value) if isinstance(value, str) else None

    @cached_property
    def _exact_shares(self) -> dict[str, Fraction]:
        # Worked out once for each question: the worker keeps its checklists, and a fraction costs
        # several times a float to make.
        best = Fraction(self.best)
        return {option.id: Fraction(option.points) / best for option in self.options}

    @cached_property
    def _shares(self) -> dict[str, float]:
        return {option_id: float(exact) for option_id, exact in self._exact_shares.items()}

    @cached_property
    def exact_weight(self) -> Fraction:
        """The weight as written (0.1 is 1/10, not the float a shade over it)."""
        return Fraction(str(self.weight))

    def accepts(self, value: str) -> bool:
        if not self.scored:
            return isinstance(value, str) and len(value) <= MAX_TEXT
        return value == DONT_KNOW or (value == NOT_RELEVANT and self.not_relevant) or self.share(value) is not None

    def label(self, value: str) -> str:
        if value in SPECIAL_LABELS and self.scored:
            return SPECIAL_LABELS[value]
        return next((option.label for option in self.options if option.id == value), value)

    def choices(self) -> tuple[tuple[str, str], ...]:
        """Every (value, label) a form offers for this question, in order (none for a text question)."""
        if not self.scored:
            return ()
        specials = (DONT_KNOW, NOT_RELEVANT) if self.not_relevant else (DONT_KNOW,)
        return tuple((o.id, o.label) for o in self.options) + tuple((s, SPECIAL_LABELS[s]) for s in specials)


def question_anchor(question_id: str) -> str:
    """The id of a question's part of the form, which the results link to: defined here only."""
    return f"q-{question_id}"


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    guidance: str
    questions: tuple[Question, ...]
    intro: str = ""


@dataclass(frozen=True)
class Band:
    """A named range of whole scores, ``min`` to ``max`` inclusive."""

    name: str
    min: int
    max: int
    meaning: str


@dataclass(frozen=True)
class Condition:
    """One test that makes a decision outcome hold, and the reason it gives."""

    reason: str
    question: str = ""
    answers: tuple[str, ...] = ()
    """With `question`: the answers that make the condition hold."""
    section: str = ""
    below: int | None = None
    at_least: int | None = None
    unknown: str = ""
    """`critical` or `other`: holds when a question of that kind is unanswered or "don't know"."""
    critical_below: int | None = None
    """Holds when a critical question's answer earns less than this share of its marks, in per cent."""


@dataclass(frozen=True)
class Outcome:
    id: str
    title: str
    meaning: str
    when: tuple[Condition, ...] = ()
    default: bool = False
    reason: str = ""
    """The default's own reason: what nothing standing in the way means."""
    distance: int | None = None
    """How many steps from the default: 0 for it, never more than an outcome listed before."""


@dataclass(frozen=True)
class Checklist:
    id: str
    title: str
    version: int
    description: str
    sections: tuple[Section, ...]
    bands: tuple[Band, ...]
    kind: str = "assessment"
    min_answered: float = 0.5
    outcomes: tuple[Outcome, ...] = ()
    minutes: tuple[int, int] | None = None
    """How long most people take, least and most, in minutes."""
    source: str = field(default="", compare=False)
    """Where the definition came from (a file path), for messages."""
    _by_id: dict[str, Question] = field(init=False, repr=False, compare=False)
    """Every question by its id, in order: worked out once, as scoring and reports ask for questions by
    id many times for each answer given."""

    def __post_init__(self) -> None:
        by_id = {q.id: q for section in self.sections for q in section.questions}
        object.__setattr__(self, "_by_id", by_id)  # frozen: set once, here

    def questions(self) -> tuple[Question, ...]:
        return tuple(self._by_id.values())

    def question(self, question_id: str) -> Question | None:
        return self._by_id.get(question_id)

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def band(self, score: int) -> Band:
        return next(band for band in self.bands if band.min <= score <= band.max)
