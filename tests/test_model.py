"""The domain model (questions, scales, sections, bands) and the error family."""

from __future__ import annotations

import pytest

from checks import AnswersError, ChecklistError, DefinitionError, Problem
from checks.model import DONT_KNOW, KINDS, NOT_RELEVANT, SCALES


def test_kinds_are_the_three_scales_and_choice():
    assert KINDS == ("agreement", "in_place", "yes_partly_no", "choice")


@pytest.mark.parametrize(
    ("kind", "shares"),
    [
        (
            "agreement",
            {"strongly_disagree": 0, "disagree": 0.25, "neutral": 0.5, "agree": 0.75, "strongly_agree": 1},
        ),
        ("in_place", {"not_in_place": 0, "partly_in_place": 0.5, "fully_in_place": 1}),
        ("yes_partly_no", {"no": 0, "partly": 0.5, "yes": 1}),
    ],
)
def test_scale_shares(assessment, kind, shares):
    question = next(q for q in assessment.questions() if q.kind == kind)
    assert [option.id for option in SCALES[kind]] == list(shares)  # worst first
    assert {value: question.share(value) for value in shares} == shares


def test_choice_share_is_points_over_the_best(assessment):
    question = assessment.question("trust-meetings")
    assert question.best == 4
    assert [question.share(v) for v in ("never", "yearly", "quarterly", "monthly")] == [0, 0.25, 0.5, 1]


def test_special_answers_do_not_score(assessment):
    question = assessment.question("trust-agreement")
    assert question.share(DONT_KNOW) is None
    assert question.share(NOT_RELEVANT) is None
    assert question.share("maybe") is None


def test_accepts(assessment):
    allows_not_relevant = assessment.question("trust-agreement")
    plain = assessment.question("trust-open")
    assert allows_not_relevant.accepts("yes")
    assert allows_not_relevant.accepts(DONT_KNOW)
    assert allows_not_relevant.accepts(NOT_RELEVANT)
    assert plain.accepts(DONT_KNOW)
    assert not plain.accepts(NOT_RELEVANT)
    assert not plain.accepts("yes")  # a yes_partly_no value, not an agreement one
    assert not plain.accepts("")


def test_labels(assessment):
    question = assessment.question("trust-meetings")
    assert question.label("quarterly") == "Every quarter"
    assert question.label(DONT_KNOW) == "Don't know"
    assert question.label(NOT_RELEVANT) == "Not relevant"
    assert question.label("unknown-value") == "unknown-value"
    assert assessment.question("trust-open").label("neutral") == "Neither agree nor disagree"


def test_choices_offer_the_scale_then_the_special_answers(assessment):
    assert assessment.question("trust-promises").choices() == (
        ("not_in_place", "Not in place"),
        ("partly_in_place", "Partly in place"),
        ("fully_in_place", "Fully in place"),
        ("dont_know", "Don't know"),
    )
    assert assessment.question("trust-agreement").choices()[-2:] == (
        ("dont_know", "Don't know"),
        ("not_relevant", "Not relevant"),
    )


def test_question_defaults(assessment):
    question = assessment.question("goals-shared")
    assert (question.weight, question.critical, question.not_relevant, question.hint) == (1.0, False, False, "")
    assert assessment.question("trust-agreement").hint == "A short letter counts."


def test_checklist_lookups(assessment):
    assert [q.id for q in assessment.questions()] == [
        "trust-open",
        "trust-promises",
        "trust-agreement",
        "trust-meetings",
        "goals-shared",
        "goals-reviewed",
        "goals-measured",
    ]
    assert assessment.question("nope") is None
    assert assessment.section("goals").title == "Goals"
    assert assessment.section("trust").intro == "How far the partners trust each other."
    assert assessment.section("nope") is None


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (0, "Needs attention"),
        (49, "Needs attention"),
        (50, "Developing"),
        (74, "Developing"),
        (75, "Strong"),
        (100, "Strong"),
    ],
)
def test_band_edges(assessment, score, band):
    assert assessment.band(score).name == band


def test_checklist_defaults(assessment):
    assert assessment.kind == "assessment"
    assert assessment.min_answered == 0.5
    assert assessment.outcomes == ()
    assert assessment.version == 3


def test_problem_text():
    assert str(Problem("sections[0].id", "this key is required")) == "sections[0].id: this key is required"
    assert str(Problem("", "expected a mapping, got a list")) == "expected a mapping, got a list"


def test_error_lines_with_and_without_source():
    problems = [Problem("id", "first"), Problem("", "second")]
    assert ChecklistError(problems).lines() == ["id: first", "second"]
    error = DefinitionError(problems, "defs/x.yml")
    assert error.lines() == ["defs/x.yml: id: first", "defs/x.yml: second"]
    assert str(error) == "defs/x.yml: id: first\ndefs/x.yml: second"
    error.source = "other.yml"  # the text follows the source, e.g. when the command line names the file
    assert str(error) == "other.yml: id: first\nother.yml: second"


def test_error_family():
    assert issubclass(DefinitionError, ChecklistError)
    assert issubclass(AnswersError, ChecklistError)
    assert issubclass(ChecklistError, Exception)
    for cls in (ChecklistError, DefinitionError, AnswersError):
        assert cls.__doc__
