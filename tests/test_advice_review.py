"""Advice at its edges: scores exactly on a half or a band's edge, the "too few answers" rule exactly at its
limit, a critical answer exactly at a `critical_below` limit, and "Should we partner?" on answers that
describe a contract. Each case is worked with exact fractions, as a person would work it by hand."""

from __future__ import annotations

import math
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks import checklist_from_mapping, load_checklist, score
from checks.definitions import DEFINITIONS_DIR

EDGES = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
SWP = load_checklist(DEFINITIONS_DIR / "should-we-partner.yml")


def tenths(question_id: str, weight: float = 1) -> dict:
    """A choice question worth 0 to 10 points: "p4" earns 4/10 of the marks."""
    return {
        "id": question_id,
        "text": "How far?",
        "kind": "choice",
        "weight": weight,
        "options": [{"id": f"p{points}", "label": f"{points} of 10", "points": points} for points in range(11)],
        "guidance": "index.md",
        "advice": "Do more.",
    }


def one_section(assessment_data, questions, **top) -> dict:
    data = {**assessment_data, **top}
    data["sections"] = [{"id": "only", "title": "Only", "guidance": "index.md", "questions": questions}]
    return data


def test_a_half_on_a_band_edge_rounds_up_into_the_higher_band(assessment_data):
    # (1 + .5 + 2 * .4) / 4 = 2.3 / 4 = 57.5 -> 58, which is "Strong" here. In floating point
    # .4 is a shade more and 1 + .5 + .8 a shade less, so the score came out as 57.49999... -> 57.
    questions = assessment_data["sections"][1]["questions"][:2]
    questions[1]["weight"] = 1
    data = one_section(assessment_data, [*questions, tenths("how-far", weight=2)])
    data["bands"] = [
        {"name": "Developing", "min": 0, "max": 57, "meaning": "Keep going."},
        {"name": "Strong", "min": 58, "max": 100, "meaning": "Keep doing what works."},
    ]
    result = score(
        checklist_from_mapping(data), {"goals-shared": "strongly_agree", "goals-reviewed": "neutral", "how-far": "p4"}
    )
    (section,) = result.sections
    assert (section.score, section.band) == (58, "Strong")


def exact_score(questions, answers) -> int:
    """round half up (100 * sum(share * weight) / sum(weight)), in exact fractions, the weights as written."""
    earned = total = Fraction(0)
    for question in questions:
        value = answers.get(question["id"])
        points = {o["id"]: o["points"] for o in question["options"]}
        if value in points:
            weight = Fraction(str(question["weight"]))
            earned += Fraction(points[value], max(points.values())) * weight
            total += weight
    return math.floor(100 * earned / total + Fraction(1, 2))


@EDGES
@given(st.data())
def test_a_section_score_is_the_exact_weighted_share_rounded_half_up(assessment_data, data):
    weights = st.decimals(min_value="0.1", max_value="20", places=1).map(float) | st.integers(1, 5)
    questions = [tenths(f"q{i}", data.draw(weights)) for i in range(data.draw(st.integers(1, 6)))]
    answers = {q["id"]: f"p{data.draw(st.integers(0, 10))}" for q in questions}
    (section,) = score(checklist_from_mapping(one_section(assessment_data, questions)), answers).sections
    assert section.score == exact_score(questions, answers)


def test_exactly_the_share_needed_is_enough_to_score(assessment_data):
    # min_answered .56 of 25 questions is 14 answers exactly; .56 * 25 is 14.000000000000002 in
    # floating point, which asked for 15 and left a section with enough answers unscored.
    questions = [{**tenths(f"q{i}"), "text": f"Question {i}?"} for i in range(25)]
    data = one_section(assessment_data, questions, min_answered=0.56)
    result = score(checklist_from_mapping(data), {f"q{i}": "p10" for i in range(14)})
    (section,) = result.sections
    assert (section.needed, section.score) == (14, 100)


@EDGES
@given(
    share=st.decimals(min_value="0.01", max_value="1", places=2),
    relevant=st.integers(1, 40),
)
def test_the_answers_needed_are_the_exact_share_rounded_up(assessment_data, share, relevant):
    questions = [tenths(f"q{i}") for i in range(relevant)]
    data = one_section(assessment_data, questions, min_answered=float(share))
    (section,) = score(checklist_from_mapping(data), {}).sections
    assert section.needed == max(1, math.ceil(Fraction(share) * relevant))


def test_a_critical_answer_exactly_at_the_limit_is_not_below_it(decision_data):
    # points 29 of 100 earn exactly 29% of the marks, which is not less than 29; in floating point
    # 100 * .29 is 28.999999999999996, so the condition held and the default was never reached.
    need = decision_data["sections"][0]["questions"][0]
    need["critical"] = True
    need["options"] = [
        {"id": "yes-alone", "label": "Yes, alone", "points": 0},
        {"id": "part-alone", "label": "Partly", "points": 29},
        {"id": "not-alone", "label": "No", "points": 100},
    ]
    decision_data["outcomes"].insert(
        2,
        {
            "id": "settle-first",
            "title": "Settle it first",
            "meaning": "Settle it.",
            "when": [{"critical_below": 29, "reason": "Settle: {answers}."}],
        },
    )
    checklist = checklist_from_mapping(decision_data)
    strong = {"need-shared": "yes", "means-time": "fully_in_place", "means-money": "yes"}
    assert score(checklist, {**strong, "need-alone": "part-alone"}).decision.outcome == "partner"
    decision_data["outcomes"][2]["when"][0]["critical_below"] = 30
    checklist = checklist_from_mapping(decision_data)
    assert score(checklist, {**strong, "need-alone": "part-alone"}).decision.outcome == "settle-first"


BEST = {q.id: max(q.options, key=lambda o: o.points).id for q in SWP.questions() if q.scored}


def test_partners_who_will_not_decide_together_are_told_it_is_a_contract():
    """partnership-or-outsourcing.md: in a partnership the partners decide together; where one side
    decides, it is a contract. The question's own advice says so too; the outcome said "Go ahead"."""
    result = score(SWP, {**BEST, "nature-shared-decisions": "no"})
    assert result.decision.outcome == "contract"
    assert "Will the partners make the main decisions together?”: No" in result.decision.reasons[0]
    # "partly" alone is not decisive: it is weighed with the rest of the section, as before
    assert score(SWP, {**BEST, "nature-shared-decisions": "partly"}).decision.outcome == "partner"
