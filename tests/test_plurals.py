"""Counts read as GOV.UK writes them: "1 answer", "3 answers", "1,200 rows", never "answer(s)"."""

from __future__ import annotations

from datetime import date

import pytest

from checks.answers import MAX_PROBLEMS_SHOWN, SavedAnswers, refused_file
from checks.compare.record import _left_out
from checks.definitions import DEFINITIONS_DIR, load_checklist
from checks.plurals import counted, listed, plural
from checks.registers import check_register, load_register, read_register
from checks.registers.component import messages, no_javascript
from checks.registers.report import register_document
from checks.registers.spec import REGISTERS_DIR
from checks.render.text import document_to_text
from checks.scoring import score


@pytest.mark.parametrize(
    ("count", "noun", "expected"),
    [
        (0, "answer", "0 answers"),
        (1, "answer", "1 answer"),
        (2, "activity", "2 activities"),
        (1, "activity", "1 activity"),
        (3, "day", "3 days"),
        (200, "red line", "200 red lines"),
        (1_200, "row", "1,200 rows"),
    ],
)
def test_counted_writes_the_count_and_the_noun_in_the_right_number(count, noun, expected):
    assert counted(count, noun) == expected


@pytest.mark.parametrize(
    ("items", "expected"), [([], ""), (["a"], "a"), (["a", "b"], "a and b"), (["a", "b", "c"], "a, b and c")]
)
def test_listed_joins_items_as_a_sentence_does(items, expected):
    assert listed(items) == expected


def test_plural():
    assert [plural(n) for n in ("risk", "activity", "key", "red line")] == ["risks", "activities", "keys", "red lines"]


def test_a_register_names_its_rows_in_the_plural_as_english_does():
    """The accountability matrix's rows are activities, not 'activitys'."""
    matrix = load_register(REGISTERS_DIR / "accountability-matrix.yml")
    assert "you can add up to 200 activities," in no_javascript(matrix)
    assert (
        messages(matrix)["too_many_rows"]
        == "A register holds at most 200 activities. Remove one before adding another."
    )


def test_the_register_report_gives_the_day_it_was_checked_as_a_date_in_words():
    risks = load_register(REGISTERS_DIR / "risk-register.yml")
    saved = read_register(
        {"format": "relationship-matters-answers/2", "checklist": risks.id, "checklist_version": 1}, risks
    )
    text = document_to_text(register_document(check_register(risks, saved, date(2026, 12, 1))))
    assert "Checked on 1 December 2026. 0 risks, 0 partners, 0 findings." in text


def test_one_changed_answer_is_said_in_the_singular():
    checklist = load_checklist(DEFINITIONS_DIR / "behaviours.yml")
    saved = SavedAnswers(checklist.id, checklist.version, answers={}, orphans={"gone": "agree"})
    assert score(checklist, saved).notices == (
        "1 answer is to a question that has since changed. It is kept in your saved answers and exports, "
        "but does not count towards the scores.",
    )


def test_one_agreed_answer_left_out_is_said_in_the_singular():
    checklist = load_checklist(DEFINITIONS_DIR / "behaviours.yml")
    said = _left_out(["gone"], 1, checklist)
    assert said.endswith(
        "The agreed answer to 1 question is left out, as this version does not have that question or that "
        "answer: 'gone'."
    )


def test_one_problem_past_those_shown_is_one_more_problem():
    error = refused_file([f"Problem {n}." for n in range(MAX_PROBLEMS_SHOWN + 1)])
    assert error.problems[-1].message == "... and 1 more problem."
