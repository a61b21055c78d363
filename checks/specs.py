"""The declared fields of a checklist definition, kind by kind (see checks.fields).

A definition's `kind` picks its spec from `KINDS`. A kind to come (a register, a comparison,
an agreement) adds its own spec here, built from the shared parts it needs.
"""

from __future__ import annotations

from typing import Any

from checks.fields import Field, Spec, items, link, one_of, span, unique_id, whole
from checks.model import KINDS as SCORED_KINDS
from checks.model import SCALES, TEXT, Band, Checklist, Option, Question, Section
from checks.outcomes import CONDITION, OUTCOME, outcomes
from checks.reader import Reader, join

ENTRIES = "entries"
"""The one scope of section and question ids: both name parts of the same form and document."""


def _options(reader: Reader, value: Any, path: str) -> tuple[Option, ...]:
    options = tuple(items(OPTION)(reader, value, path))
    points = [o.points for o in options if o.points is not None]
    if len(options) < 2:
        reader.fail(path, "a choice needs at least two options")
    elif len(points) == len(options) and len(set(points)) < 2:
        reader.fail(path, f"every option is worth {points[0]} points, so the question cannot score")
    return options


OPTION = Spec(
    fields=(
        Field("id", unique_id(), doc="the answer's value, unique in its question"),
        Field("label", Reader.text, doc="what the form shows"),
        Field("points", whole(0), doc="whole number of 0 or more; the share of the marks is points / highest"),
    ),
    build=lambda reader, v, path, given: Option(**v),
)

UNSCORED = ("options", "weight", "critical", "not_relevant")
"""What a text question may not have: it is never scored."""


def _as_given(reader: Reader, value: Any, path: str) -> Any:
    """Options are read by `_question`, once it knows the kind: only a choice's options are read."""
    return value


def _question(reader: Reader, v: dict[str, Any], path: str, given: frozenset) -> Question:
    kind = v["kind"]
    if kind == "choice" and "options" not in given:
        reader.fail(join(path, "options"), "a 'choice' question needs options")
    elif kind == TEXT:
        for key in (key for key in UNSCORED if key in given):
            reader.fail(join(path, key), f"a question of kind 'text' is not scored; remove {key!r}")
    elif kind is not None and "options" in given and kind != "choice":
        reader.fail(join(path, "options"), f"a question of kind '{kind}' uses its built-in scale; remove 'options'")
    if kind == "choice" and "options" in given:
        options = _options(reader, v["options"], join(path, "options"))
    else:
        options = SCALES.get(kind, ())
    return Question(**{**v, "options": tuple(options)})


QUESTION = Spec(
    fields=(
        Field(
            "id", unique_id(ENTRIES), doc="stable id, unique in the whole checklist; never reused for another question"
        ),
        Field("text", Reader.text, doc="the statement or question, in plain English"),
        Field("kind", one_of((*SCORED_KINDS, TEXT)), doc=f"{', '.join(f'`{k}`' for k in SCORED_KINDS)} or `text`"),
        Field(
            "options",
            _as_given,
            (),
            "list of `{id, label, points}`; points are whole numbers of 0 or more, and at least two must differ",
            needed="`choice` only",
        ),
        Field("weight", Reader.positive, 1.0, "positive number, default `1`"),
        Field(
            "critical",
            Reader.boolean,
            False,
            '`true` raises a red flag when the answer is weak (below half marks) or "don\'t know", whatever the score',
        ),
        Field("not_relevant", Reader.boolean, False, '`true` offers "not relevant" as an answer'),
        Field("hint", Reader.text, "", "one sentence that helps people answer"),
        Field("guidance", link, doc="docs page and anchor, e.g. `behaviours/leadership.md#warning-signs`"),
        Field("advice", Reader.text, doc="what to do when the answer is weak: one or two practical sentences"),
    ),
    build=_question,
)


def _section(reader: Reader, v: dict[str, Any], path: str, given: frozenset) -> Section:
    questions = tuple(v["questions"] or ())
    if questions and not any(q.scored for q in questions):
        reader.fail(join(path, "questions"), "a section needs at least one question that is scored (not 'text')")
    return Section(v["id"], v["title"], v["guidance"], questions, v["intro"])


SECTION = Spec(
    fields=(
        Field("id", unique_id(ENTRIES), doc="stable id, unique in the checklist (also the form's anchor)"),
        Field("title", Reader.text, doc="the section's heading"),
        Field("guidance", link, doc="docs page (and optional `#anchor`) it draws on, e.g. `behaviours/leadership.md`"),
        Field("intro", Reader.text, "", "a sentence shown before the section's questions"),
        Field("questions", items(QUESTION, "a section needs at least one question"), doc="at least one question"),
    ),
    build=_section,
)


def _band(reader: Reader, v: dict[str, Any], path: str, given: frozenset) -> Band | None:
    if v["min"] is not None and v["max"] is not None and v["min"] > v["max"]:
        reader.fail(path, f"min ({v['min']}) is above max ({v['max']})")
        return None
    return Band(**v)


BAND = Spec(
    fields=(
        Field("name", Reader.text, doc="the band's name, shown beside a score"),
        Field("min", whole(0, 100), doc="the lowest whole score in the band"),
        Field("max", whole(0, 100), doc="the highest whole score in the band"),
        Field("meaning", Reader.text, doc="what a score in this band means, in a sentence"),
    ),
    build=_band,
)


def _bands(reader: Reader, value: Any, path: str) -> tuple[Band, ...]:
    """Every whole score from 0 to 100 must fall in exactly one band; sorted by score."""
    bands = items(BAND)(reader, value, path)
    if bands and all(b.min is not None and b.max is not None for b in bands):
        owners = {score: [b.name for b in bands if b.min <= score <= b.max] for score in range(101)}
        for scores, message in (
            ([s for s, names in owners.items() if not names], "no band covers scores {}"),
            ([s for s, names in owners.items() if len(names) > 1], "more than one band covers scores {}"),
        ):
            if scores:
                reader.fail(path, message.format(_ranges(scores)))
    return tuple(sorted(bands, key=lambda b: b.min if b.min is not None else 0))


def _ranges(scores: list[int]) -> str:
    """[1, 2, 3, 7] -> '1 to 3, 7'."""
    runs: list[list[int]] = []
    for score in scores:
        if runs and score == runs[-1][-1] + 1:
            runs[-1].append(score)
        else:
            runs.append([score])
    return ", ".join(f"{r[0]} to {r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def _kind(reader: Reader, value: Any, path: str) -> str | None:
    return reader.choice(value, path, tuple(KINDS))


CHECKLIST_FIELDS = (
    Field("id", Reader.ident, doc="stable id, lower-case letters, digits and hyphens; also the page's file name"),
    Field("title", Reader.text, doc="shown as the checklist's name"),
    Field("version", whole(1), doc="whole number; goes up whenever a question is added, removed or reworded"),
    Field("description", Reader.text, doc="one or two sentences on what the checklist is for"),
    Field("kind", _kind, "assessment", "`assessment` (default: scores and bands) or `decision` (names an outcome)"),
    Field(
        "minutes",
        span(1, 600),
        doc="how long most people take, `[least, most]` in minutes, e.g. `[15, 20]`; said on the page",
    ),
    Field(
        "min_answered",
        Reader.share,
        0.5,
        "share of a section's questions that must be answered (not \"don't know\") before it gets a score; "
        "default `0.5`",
    ),
    Field("bands", _bands, doc="score bands covering every whole score from 0 to 100 exactly once"),
    Field("sections", items(SECTION), doc="at least one section"),
)


def _checklist(reader: Reader, v: dict[str, Any], path: str, given: frozenset) -> Checklist:
    return Checklist(**{**v, "sections": tuple(v["sections"] or ()), "outcomes": tuple(v.get("outcomes") or ())})


ASSESSMENT = Spec(CHECKLIST_FIELDS, _checklist)
DECISION = Spec(
    (*CHECKLIST_FIELDS, Field("outcomes", outcomes, doc="ordered outcomes, the last the default; see below")),
    _checklist,
)

KINDS: dict[str, Spec] = {"assessment": ASSESSMENT, "decision": DECISION}
"""Each kind of definition, by the name its `kind` field gives."""

DOCUMENTED = {
    "Top level": tuple(KINDS.items()),
    "Bands": (("", BAND),),
    "Sections": (("", SECTION),),
    "Questions": (("", QUESTION),),
    "Options (`choice` questions)": (("", OPTION),),
    "Outcomes (`decision` checklists)": (("", OUTCOME),),
    "Conditions (an outcome's `when`)": (("", CONDITION),),
}
"""The README's tables (checks/definitions/README.md), by the heading above each; a test keeps them equal."""
