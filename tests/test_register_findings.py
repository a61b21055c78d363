"""Each register finding fires on a document made to show it, and stays quiet on one that is fine."""

from __future__ import annotations

from datetime import date

import pytest

from checks.registers import check_register, load_register, read_register
from checks.registers.red_lines import screening_sentence
from checks.registers.spec import REGISTERS_DIR

TODAY = date(2026, 12, 1)


def register(name):
    return load_register(REGISTERS_DIR / f"{name}.yml")


def findings(name, rows, answers):
    reg = register(name)
    document = {
        "format": "relationship-matters-answers/2",
        "checklist": reg.id,
        "checklist_version": 1,
        "answers": answers,
        "rows": rows,
    }
    return [f.message for f in check_register(reg, read_register(document, reg), TODAY).findings]


PARTNERS = {"partner-1": "Council", "partner-2": "Trust", "partner-3": "Charity"}


def matrix(rows, partners=PARTNERS):
    return findings("accountability-matrix", rows, partners)


GOOD_ROW = {"activity": "Budget", "partner-1": "A", "partner-2": "R", "partner-3": "C"}
ROTATED = [
    GOOD_ROW,
    {"activity": "Referrals", "partner-1": "R", "partner-2": "A", "partner-3": "I"},
    {"activity": "Volunteers", "partner-1": "C", "partner-2": "R", "partner-3": "A"},
]


def test_a_sound_matrix_has_no_findings():
    assert matrix(ROTATED) == []


@pytest.mark.parametrize(
    ("roles", "expected"),
    [
        ({"partner-1": "R"}, "Activity 1 (Budget): no partner is Accountable (A); give it exactly one."),
        (
            {"partner-1": "A", "partner-2": "A", "partner-3": "R"},
            "Activity 1 (Budget): 2 partners are Accountable (A): Council and Trust; give it exactly one.",
        ),
        (
            {"partner-1": "A", "partner-2": "C", "partner-3": "I"},
            "Activity 1 (Budget): no partner is Responsible (R); give it at least one.",
        ),
        (
            {"partner-1": "C", "partner-2": "I", "partner-3": "I"},
            "Activity 1 (Budget): it has only Consulted and Informed roles, so nobody does it or answers for it.",
        ),
    ],
)
def test_each_activity_needs_one_a_and_an_r_and_not_only_c_and_i(roles, expected):
    assert expected in matrix([{"activity": "Budget", **roles}, *ROTATED[1:]])


def test_a_partner_with_no_role_is_named():
    rows = [{**row, "partner-3": ""} for row in ROTATED[:2]]
    assert "Partner 3 (Charity) has no role in any activity; give them one, or remove them." in matrix(rows)
    assert not [m for m in matrix(ROTATED) if "has no role" in m]


def test_a_role_given_to_a_partner_with_no_name_is_said():
    """A file can give a role to a partner it does not name; no other finding or report counts that role."""
    rows = [{"activity": "Budget", "partner-1": "R", "partner-4": "A"}]
    assert matrix(rows, {"partner-1": "Council"}) == [
        "Activity 1 (Budget): no partner is Accountable (A); give it exactly one.",
        "Activity 1 (Budget): partner 4 has a role (A) but no name; name them or clear the role.",
    ]
    # A partner whose name was left blank, among named ones: each of their roles is said; a blank role is no role.
    rows = [GOOD_ROW, {**GOOD_ROW, "activity": "Referrals", "partner-2": " "}]
    said = [m for m in matrix(rows, {**PARTNERS, "partner-2": ""}) if "but no name" in m]
    assert said == ["Activity 1 (Budget): partner 2 has a role (R) but no name; name them or clear the role."]


def test_a_partner_accountable_for_more_than_half_is_a_bottleneck():
    rows = [{**row, "partner-1": "A", "partner-2": "R", "partner-3": "C"} for row in ROTATED[:2]] + ROTATED[2:]
    message = (
        "Council is Accountable for 2 of 3 activities, more than half: a possible bottleneck. "
        "Could another partner answer for some of them?"
    )
    assert message in matrix(rows)
    assert not [m for m in matrix(ROTATED) if "bottleneck" in m]  # one of three each


def test_a_role_that_is_not_raci_marks_the_row_and_keeps_it():
    reg = register("accountability-matrix")
    rows = [{"activity": "Budget", "partner-1": "X", "partner-2": "R"}, *ROTATED[1:]]
    document = {
        "format": "relationship-matters-answers/2",
        "checklist": reg.id,
        "checklist_version": 1,
        "answers": PARTNERS,
        "rows": rows,
    }
    result = check_register(reg, read_register(document, reg), TODAY)
    assert len(result.saved.rows) == 3
    assert "Activity 1 (Budget): the role of Council is 'X'; a role is R, A, C, I or blank." in result.row_marks()[0]


RED_LINE = {
    "line": "No gambling money",
    "owner": "Charity",
    "category": "values",
    "review": "2027-01-31",
    "screen": "no",
}


def red_lines(rows, answers=PARTNERS):
    return findings("red-lines-register", rows, answers)


def test_a_sound_red_line_has_no_findings():
    assert red_lines([RED_LINE]) == []


def test_red_line_review_past_its_date():
    message = "Red line 1 (No gambling money): the review was due on 30 November 2026 and is past its date; review it."
    assert message in red_lines([{**RED_LINE, "review": "2026-11-30"}])
    assert red_lines([{**RED_LINE, "review": "2026-12-01"}]) == []  # due today is not past


def test_red_line_owner_who_is_not_a_partner():
    message = (
        "Red line 1 (No gambling money): the owner 'Eastside' is not one of the partners; add them or choose a partner."
    )
    assert message in red_lines([{**RED_LINE, "owner": "Eastside"}])
    assert red_lines([{**RED_LINE, "owner": "charity"}]) == []  # case does not matter


def test_a_blank_required_field_and_a_wrong_choice_are_marked():
    found = red_lines([{**RED_LINE, "line": "", "category": "vibes"}])
    assert "Red line 1: The red line: this is blank; fill it in." in found
    assert any(m.startswith("Red line 1: Category: 'vibes' is not one of the choices") for m in found)


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (["yes", "unknown", ""], "Crosses 1 red line: L1; 2 not yet known: L2; L3."),
        (["no", "no", "no"], "Crosses none of the 3 red lines."),
        (["no", "unknown", "no"], "Crosses no red line known so far; 1 not yet known: L2."),
        (["yes", "yes", "no"], "Crosses 2 red lines: L1; L2."),
        (["yes"], "Crosses 1 red line: L1."),
        (["no"], "Does not cross the red line."),
    ],
)
def test_screening_reads_plainly(answers, expected):
    crosses = [f"L{n}" for n, a in enumerate(answers, 1) if a == "yes"]
    unknown = [f"L{n}" for n, a in enumerate(answers, 1) if a not in ("yes", "no")]
    assert screening_sentence(crosses, unknown, len(answers)) == expected


RISK = {
    "ref": "R1",
    "description": "Funding ends",
    "likelihood": "4",
    "impact": "4",
    "owner": "Trust",
    "sharing": "shared",
    "mitigations": "Bid early",
    "status": "open",
    "review": "2027-03-31",
}


def risks(rows, answers=None):
    return findings("risk-register", rows, {**PARTNERS, "threshold": "12", **(answers or {})})


def test_a_sound_risk_has_no_findings():
    assert risks([RISK]) == []


def test_risk_review_past_its_date_unless_closed():
    message = "Risk 1 (R1: Funding ends): the review was due on 1 January 2026 and is past its date; review it."
    assert message in risks([{**RISK, "review": "2026-01-01"}])
    assert risks([{**RISK, "review": "2026-01-01", "status": "closed"}]) == []


def test_risk_above_the_threshold_with_no_mitigation():
    message = (
        "Risk 1 (R1: Funding ends): it scores 16, above your threshold of 12, and has no mitigation; "
        "say what the partners will do about it."
    )
    assert message in risks([{**RISK, "mitigations": " "}])
    assert risks([{**RISK, "mitigations": ""}], {"threshold": "16"}) == []  # at the threshold is not above it
    assert risks([{**RISK, "likelihood": "3", "mitigations": ""}]) == []  # 12


def test_risk_owner_who_is_not_a_partner():
    message = (
        "Risk 1 (R1: Funding ends): the owner 'Eastside' is not one of the partners; add them or choose a partner."
    )
    assert message in risks([{**RISK, "owner": "Eastside"}])
    assert risks([{**RISK, "owner": "trust"}]) == []


def test_a_likelihood_out_of_range_is_marked_and_the_row_kept():
    found = risks([{**RISK, "likelihood": "7"}])
    assert found == [
        "Risk 1 (R1: Funding ends): Likelihood (1 rare to 5 almost certain): '7' is not a whole number from 1 to 5."
    ]


def test_a_bad_threshold_is_said_and_the_default_used():
    assert risks([RISK], {"threshold": "high"}) == [
        "The threshold 'high' is not a whole number from 1 to 25, so 12 is used."
    ]


def test_a_row_named_with_a_full_stop_is_called_by_its_name_without_it():
    """A finding calls a row by its number and name, in brackets within a sentence: a name typed as a
    sentence ("Funding confirmed.") used to end the bracket with its full stop, "(Funding confirmed.)."."""
    said = [
        message for message in matrix([{"activity": "Funding confirmed.", "partner-1": "R"}]) if "Activity 1" in message
    ]
    assert said and all("Activity 1 (Funding confirmed)" in message for message in said), said
    assert not any(".)" in message for message in said), said
