"""Decision checklists: reading outcomes, and which outcome the answers point to (worked by hand).

The test decision (conftest.py) tries, in order:
  not-now: means-time is not_in_place, or the means section scores below 40
  network: the need section scores below 50, or need-alone is yes-alone
  partner: the default
"""

from __future__ import annotations

import pytest

from checks import DefinitionError, checklist_from_mapping, score
from checks.model import Condition
from checks.outcomes import Case, distance, holds

BEST = {"need-alone": "not-alone", "need-shared": "yes", "means-time": "fully_in_place", "means-money": "yes"}


def decision_of(checklist, **changes):
    return score(checklist, {**BEST, **changes}).decision


def test_outcomes_are_read_in_order(decision):
    assert [o.id for o in decision.outcomes] == ["not-now", "network", "partner"]
    assert decision.outcomes[-1].default is True
    assert decision.outcomes[0].when[0] == Condition(
        reason="No one has time for it.", question="means-time", answers=("not_in_place",)
    )
    assert decision.outcomes[0].when[1] == Condition(reason="The means are not there.", section="means", below=40)


def test_nothing_holds_gives_the_default(decision):
    result = score(decision, BEST)
    assert [s.score for s in result.sections] == [100, 100]
    assert result.decision.outcome == "partner"
    assert result.decision.title == "Go ahead as a partnership"
    assert result.decision.meaning == "Partner."
    assert result.decision.reasons == ()
    assert result.score == 100


def test_a_question_condition(decision):
    # means: (0 + 1) / 2 = 50, not below 40; only the question condition holds
    decision_result = decision_of(decision, **{"means-time": "not_in_place"})
    assert decision_result.outcome == "not-now"
    assert decision_result.reasons == ("No one has time for it.",)


def test_every_condition_that_holds_gives_a_reason(decision):
    # means: (0 + .5) / 2 = 25, below 40: both conditions hold, reasons in order
    result = score(decision, {**BEST, "means-time": "not_in_place", "means-money": "partly"})
    assert result.sections[1].score == 25
    assert result.decision.outcome == "not-now"
    assert result.decision.reasons == ("No one has time for it.", "The means are not there.")


def test_a_section_condition(decision):
    # need: (.5 + 0) / 2 = 25, below 50; need-alone is not yes-alone
    result = score(decision, {**BEST, "need-alone": "part-alone", "need-shared": "no"})
    assert result.sections[0].score == 25
    assert result.decision.outcome == "network"
    assert result.decision.reasons == ("The need is weak.",)


def test_a_section_exactly_at_the_threshold_does_not_hold(decision):
    # need: (0 + 1) / 2 = 50, not below 50; only the question condition holds
    result = score(decision, {**BEST, "need-alone": "yes-alone"})
    assert result.sections[0].score == 50
    assert result.decision.outcome == "network"
    assert result.decision.reasons == ("You can do it alone.",)


def test_the_first_outcome_that_holds_wins(decision):
    result = score(decision, {**BEST, "need-alone": "yes-alone", "means-time": "not_in_place"})
    assert result.decision.outcome == "not-now"
    assert result.decision.reasons == ("No one has time for it.",)


def test_all_worst_answers(decision):
    worst = {q.id: q.options[0].id for q in decision.questions()}
    result = score(decision, worst)
    assert result.decision.outcome == "not-now"
    assert result.decision.reasons == ("No one has time for it.", "The means are not there.")


def test_too_few_answers_gives_no_decision(decision):
    result = score(decision, {"need-alone": "yes-alone", "need-shared": "yes"})
    # need-alone is yes-alone, but the means section has no score, so there is no recommendation yet
    assert result.sections[1].score is None
    assert result.decision is None
    assert result.notices == ("Answer enough questions in every section to get a recommendation.",)


def test_dont_know_can_be_a_condition(decision_data):
    decision_data["outcomes"][0]["when"].append(
        {"question": "means-money", "in": ["dont_know"], "reason": "No one knows about the budget."}
    )
    checklist = checklist_from_mapping(decision_data)
    result = score(checklist, {**BEST, "means-money": "dont_know"})
    # means: means-time alone scores (1 of 2, needs 1): 100
    assert result.sections[1].score == 100
    assert result.decision.outcome == "not-now"
    assert result.decision.reasons == ("No one knows about the budget.",)


def test_an_at_least_condition(decision_data):
    decision_data["outcomes"].insert(
        0,
        {
            "id": "fast-track",
            "title": "Fast track",
            "meaning": "Everything is ready.",
            "when": [{"section": "means", "at_least": 75, "reason": "The means are there."}],
        },
    )
    checklist = checklist_from_mapping(decision_data)
    assert decision_of(checklist).outcome == "fast-track"
    # means: (.5 + 1) / 2 = 75: at least 75 holds
    assert decision_of(checklist, **{"means-time": "partly_in_place"}).outcome == "fast-track"
    # means: (.5 + .5) / 2 = 50
    assert decision_of(checklist, **{"means-time": "partly_in_place", "means-money": "partly"}).outcome == "partner"


def test_a_section_without_a_score_never_holds(decision):
    below = Condition(reason="r", section="means", below=40)
    at_least = Condition(reason="r", section="means", at_least=0)
    assert not holds(below, Case(decision, {}, {"means": None}))
    assert not holds(at_least, Case(decision, {}, {"means": None}))
    assert not holds(at_least, Case(decision, {}, {}))
    assert holds(below, Case(decision, {}, {"means": 39}))
    assert not holds(below, Case(decision, {}, {"means": 40}))
    assert holds(at_least, Case(decision, {}, {"means": 0}))


def test_a_question_condition_on_an_unanswered_question(decision):
    condition = Condition(reason="r", question="means-money", answers=("no",))
    assert not holds(condition, Case(decision, {}, {}))
    assert holds(condition, Case(decision, {"means-money": "no"}, {}))
    assert not holds(condition, Case(decision, {"means-money": "yes"}, {}))


def test_distance_counts_the_outcomes_listed_after_one(decision):
    assert [distance(decision, o.id) for o in decision.outcomes] == [2, 1, 0]


def test_an_assessment_gives_no_decision(assessment):
    assert score(assessment, {}).decision is None
    assert score(assessment, {q.id: q.options[-1].id for q in assessment.questions()}).decision is None


# Validation of outcomes


def problems(data) -> list[str]:
    with pytest.raises(DefinitionError) as excinfo:
        checklist_from_mapping(data)
    return excinfo.value.lines()


def test_the_default_must_be_last(decision_data):
    decision_data["outcomes"].reverse()
    decision_data["outcomes"][-1]["default"] = False
    assert problems(decision_data) == ["outcomes: exactly one outcome, the last, must have 'default: true'"]


def test_there_must_be_a_default(decision_data):
    decision_data["outcomes"].pop()
    assert problems(decision_data) == ["outcomes: exactly one outcome, the last, must have 'default: true'"]


def test_only_one_default(decision_data):
    decision_data["outcomes"][1] = {"id": "network", "title": "N", "meaning": "M.", "default": True}
    assert problems(decision_data) == ["outcomes: exactly one outcome, the last, must have 'default: true'"]


def test_the_default_has_no_conditions(decision_data):
    decision_data["outcomes"][2]["when"] = [{"section": "need", "below": 10, "reason": "R."}]
    assert problems(decision_data) == [
        "outcomes[2].when: the default outcome holds when nothing else does; remove 'when'"
    ]


def test_an_outcome_needs_conditions(decision_data):
    del decision_data["outcomes"][1]["when"]
    assert problems(decision_data) == [
        "outcomes[1]: an outcome needs 'when' conditions, or 'default: true' if it is the last one"
    ]


def test_conditions_must_refer_to_real_questions_answers_and_sections(decision_data):
    when = decision_data["outcomes"][0]["when"]
    when[0]["question"] = "means-hours"
    when[1]["section"] = "money"
    decision_data["outcomes"][1]["when"][1]["in"] = ["yes-alone", "maybe"]
    assert problems(decision_data) == [
        "outcomes[0].when[0].question: no question with id 'means-hours' in this checklist",
        "outcomes[0].when[1].section: no section with id 'money' in this checklist",
        "outcomes[1].when[1].in[1]: question 'need-alone' has no answer 'maybe'",
    ]


def test_not_relevant_is_an_answer_only_where_the_question_allows_it(decision_data):
    decision_data["outcomes"][0]["when"][0]["in"] = ["not_relevant"]
    assert problems(decision_data) == ["outcomes[0].when[0].in[0]: question 'means-time' has no answer 'not_relevant'"]
    decision_data["sections"][1]["questions"][0]["not_relevant"] = True
    checklist_from_mapping(decision_data)


def test_condition_shapes(decision_data):
    when = decision_data["outcomes"][0]["when"]
    when[0] = {"reason": "Nothing to test."}
    when[1] = {"section": "means", "below": 40, "at_least": 10, "reason": "Both."}
    decision_data["outcomes"][1]["when"][0] = {"section": "need", "reason": "Neither."}
    decision_data["outcomes"][1]["when"][1] = {"question": "need-alone", "in": [], "reason": "Empty."}
    assert problems(decision_data) == [
        "outcomes[0].when[0]: a condition needs one of: 'question' and 'in'; 'section' and 'below' or "
        "'at_least'; 'unknown'; or 'critical_below'",
        "outcomes[0].when[1]: a section condition needs exactly one of 'below' or 'at_least'",
        "outcomes[1].when[0]: a section condition needs exactly one of 'below' or 'at_least'",
        "outcomes[1].when[1].in: expected a list of the answers that make this condition hold",
    ]


def test_condition_values(decision_data):
    when = decision_data["outcomes"][0]["when"]
    when[1]["below"] = 140
    when[0]["reason"] = ""
    when[0]["because"] = "x"
    assert problems(decision_data) == [
        "outcomes[0].when[0].because: unknown key (expected one of: reason, question, in, section, below, "
        "at_least, unknown, critical_below)",
        "outcomes[0].when[0].reason: expected some text, got ''",
        "outcomes[0].when[1].below: expected a whole number from 0 to 100, got 140",
    ]


def test_outcome_fields(decision_data):
    outcome = decision_data["outcomes"][0]
    outcome["id"] = "Not now"
    del outcome["meaning"]
    decision_data["outcomes"][2]["default"] = "yes"
    assert problems(decision_data) == [
        "outcomes[0].meaning: this key is required",
        "outcomes[0].id: expected an id of lower-case letters, digits and hyphens, got 'Not now'",
        "outcomes[2].default: expected true or false, got 'yes'",
        "outcomes[2]: an outcome needs 'when' conditions, or 'default: true' if it is the last one",
        "outcomes: exactly one outcome, the last, must have 'default: true'",
    ]


@pytest.mark.parametrize(
    ("outcomes", "expected"),
    [
        ([], "outcomes: expected a list with at least one item, got an empty list"),
        ("partner", "outcomes: expected a list with at least one item, got 'partner'"),
        (["partner"], "outcomes[0]: expected a mapping, got 'partner'"),
    ],
)
def test_outcomes_of_the_wrong_shape(decision_data, outcomes, expected):
    decision_data["outcomes"] = outcomes
    assert problems(decision_data)[0] == expected


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("question", ["means-time"], "outcomes[0].when[0].question: expected a question id, got a list"),
        ("question", {"id": "x"}, "outcomes[0].when[0].question: expected a question id, got a mapping"),
        ("in", "not_in_place", "outcomes[0].when[0].in: expected a list of the answers that make this condition hold"),
    ],
)
def test_condition_references_of_the_wrong_type(decision_data, key, value, expected):
    decision_data["outcomes"][0]["when"][0][key] = value
    assert problems(decision_data) == [expected]


def test_section_reference_of_the_wrong_type(decision_data):
    decision_data["outcomes"][0]["when"][1]["section"] = ["means"]
    assert problems(decision_data) == ["outcomes[0].when[1].section: expected a section id, got a list"]


def test_malformed_sections_do_not_break_reading_outcomes(decision_data):
    # The outcomes refer to sections and questions that are themselves malformed: only DefinitionError comes out.
    for sections in (5, "need", {"id": "need"}, [5, None, {"id": ["x"], "questions": 7}]):
        decision_data["sections"] = sections
        with pytest.raises(DefinitionError):
            checklist_from_mapping(decision_data)


def test_duplicate_outcome_ids_are_refused_naming_both(decision_data):
    decision_data["outcomes"][1]["id"] = "not-now"
    assert problems(decision_data) == ["outcomes[1].id: duplicate id 'not-now', already used at outcomes[0].id"]


def test_a_condition_lists_each_answer_once(decision_data):
    decision_data["outcomes"][0]["when"][0]["in"] = ["not_in_place", "partly_in_place", "not_in_place"]
    assert problems(decision_data) == [
        "outcomes[0].when[0].in[2]: duplicate id 'not_in_place', already used at outcomes[0].when[0].in[0]"
    ]


# Conditions on what is unknown or only partly met, and reasons that name the answers behind them


def critical_means(decision_data, **outcome_changes):
    """The test decision with means-time critical and a "settle" outcome tried before the default."""
    decision_data["sections"][1]["questions"][0]["critical"] = True
    decision_data["outcomes"].insert(
        2,
        {
            "id": "settle",
            "title": "Settle first",
            "meaning": "Find out.",
            "when": [
                {"unknown": "critical", "reason": "Find out: {answers}."},
                {"critical_below": 100, "reason": "Only partly: {answers}."},
                {"unknown": "other", "reason": "Also unknown: {answers}."},
            ],
        },
    )
    decision_data["outcomes"][-1].update(outcome_changes)
    return checklist_from_mapping(decision_data)


def test_an_unknown_critical_question_holds_and_names_it(decision_data):
    checklist = critical_means(decision_data)
    result = score(checklist, {**BEST, "means-time": "dont_know"})
    assert result.decision.outcome == "settle"
    assert result.decision.reasons == ("Find out: “Staff time is set aside.”: Don't know.",)


def test_a_critical_answer_short_of_the_strongest_holds_and_names_it(decision_data):
    checklist = critical_means(decision_data)
    result = score(checklist, {**BEST, "means-time": "partly_in_place"})
    assert result.decision.outcome == "settle"
    assert result.decision.reasons == ("Only partly: “Staff time is set aside.”: Partly in place.",)


def test_other_unknowns_name_each_dont_know_and_count_the_blanks(decision_data):
    checklist = critical_means(decision_data)
    result = score(checklist, {**BEST, "need-shared": "dont_know"})
    assert result.decision.reasons == ("Also unknown: “Do the causes cut across organisations?”: Don't know.",)
    # need: 1 of 2 answered is enough to score; the blank is counted, not named
    answers = {key: value for key, value in BEST.items() if key != "need-shared"}
    assert score(checklist, answers).decision.reasons == ("Also unknown: 1 question not answered yet.",)
    both = {**answers, "means-money": "dont_know"}
    assert score(checklist, both).decision.reasons == (
        "Also unknown: “Is there a budget?”: Don't know; and 1 question not answered yet.",
    )


def test_a_critical_question_left_unanswered_is_unknown(decision_data):
    checklist = critical_means(decision_data)
    answers = {key: value for key, value in BEST.items() if key != "means-time"}
    result = score(checklist, answers)
    assert result.decision.reasons == ("Find out: “Staff time is set aside.”: Not answered.",)


def test_reasons_name_the_answers_behind_question_and_section_conditions(decision_data):
    for outcome in decision_data["outcomes"][:2]:
        for condition in outcome["when"]:
            condition["reason"] += " {answers}"
    checklist = checklist_from_mapping(decision_data)
    result = score(checklist, {**BEST, "means-time": "not_in_place", "means-money": "partly"})
    assert result.decision.reasons == (
        "No one has time for it. “Staff time is set aside.”: Not in place",
        # weakest answers below the limit first
        "The means are not there. Means scores 25 out of 100; weakest answers: “Staff time is set aside.”: "
        "Not in place",
    )


def test_a_section_reason_names_three_answers_then_counts_the_rest(decision_data):
    questions = decision_data["sections"][0]["questions"]
    for number in range(4):
        questions.append({**questions[1], "id": f"need-extra-{number}", "text": f"Extra {number}?"})
    decision_data["outcomes"][1]["when"][0]["reason"] = "Weak: {answers}."
    checklist = checklist_from_mapping(decision_data)
    answers = {**BEST, "need-alone": "part-alone", "need-shared": "no"} | {f"need-extra-{n}": "no" for n in range(4)}
    # need: .5 / 6 = 8; five answers are under the limit of 50 (need-alone at .5 is not), the first three named
    assert score(checklist, answers).decision.reasons == (
        "Weak: Need scores 8 out of 100; weakest answers: “Do the causes cut across organisations?”: No; "
        "“Extra 0?”: No; “Extra 1?”: No; and 2 more.",
    )


def test_the_default_gives_its_own_reason_with_the_scores_and_critical_answers(decision_data):
    checklist = critical_means(decision_data, reason="Nothing stands in the way: {answers}.")
    assert score(checklist, BEST).decision.reasons == (
        "Nothing stands in the way: Need 100 and Means 100 out of 100; “Staff time is set aside.”: Fully in place.",
    )


def test_a_decision_shows_a_section_with_an_unknown_critical_question_without_a_score(decision_data):
    checklist = critical_means(decision_data)
    result = score(checklist, {**BEST, "means-time": "dont_know"})
    means = result.sections[1]
    assert (means.score, means.band, means.band_meaning) == (None, None, None)
    assert means.status == (
        "Not scored while a critical question is unknown: “Staff time is set aside.”: Don't know. "
        "The other answers score 100."
    )
    assert result.score is None
    # the decision is still made, on the answers given
    assert result.decision.outcome == "settle"
    assert "Answer enough questions in every section to get a recommendation." not in result.notices


def test_the_decision_uses_the_score_of_the_other_answers(decision_data):
    checklist = critical_means(decision_data)
    # means-money "no" alone scores 0, below 40: not now, though means-time is unknown
    result = score(checklist, {**BEST, "means-time": "dont_know", "means-money": "no"})
    assert result.sections[1].score is None
    assert result.decision.outcome == "not-now"
    assert result.decision.reasons == ("The means are not there.",)


def test_an_assessment_keeps_the_score_of_a_section_with_an_unknown_critical_question(assessment):
    result = score(assessment, {"goals-shared": "agree", "goals-reviewed": "agree", "goals-measured": "dont_know"})
    assert result.sections[1].score == 75


def test_a_condition_tests_one_thing(decision_data):
    when = decision_data["outcomes"][0]["when"]
    when[0]["unknown"] = "critical"
    when[1]["critical_below"] = 50
    when[1]["unknown"] = "other"
    assert problems(decision_data) == [
        "outcomes[0].when[0]: a condition tests one thing, but this one has both 'question' and 'unknown'",
        "outcomes[0].when[1]: a condition tests one thing, but this one has 'section', 'unknown' and 'critical_below'",
    ]


def test_unknown_and_critical_below_values(decision_data):
    decision_data["outcomes"][1]["when"] = [
        {"unknown": "some", "reason": "R."},
        {"critical_below": 0, "reason": "R."},
        {"critical_below": "half", "reason": "R."},
    ]
    assert problems(decision_data) == [
        "outcomes[1].when[0].unknown: expected one of: critical, other, got 'some'",
        "outcomes[1].when[1].critical_below: expected a whole number from 1 to 100, got 0",
        "outcomes[1].when[2].critical_below: expected a whole number from 1 to 100, got 'half'",
    ]


def test_a_question_or_section_form_needs_its_id(decision_data):
    decision_data["outcomes"][0]["when"] = [{"in": ["no"], "reason": "R."}, {"below": 40, "reason": "R."}]
    assert problems(decision_data) == [
        "outcomes[0].when[0].question: expected the id of the question to test",
        "outcomes[0].when[1].section: expected the id of the section to test",
    ]


def test_a_reason_has_only_the_answers_placeholder(decision_data):
    decision_data["outcomes"][0]["when"][0]["reason"] = "No time: {answer}."
    decision_data["outcomes"][2]["reason"] = "Go: {answers} and {scores}."
    assert problems(decision_data) == [
        "outcomes[0].when[0].reason: unknown placeholder '{answer}': the only one is '{answers}'",
        "outcomes[2].reason: unknown placeholder '{scores}': the only one is '{answers}'",
    ]


def test_only_the_default_has_a_reason_of_its_own(decision_data):
    decision_data["outcomes"][0]["reason"] = "R."
    assert problems(decision_data) == [
        "outcomes[0].reason: only the default outcome has a reason of its own; the others give their conditions' "
        "reasons"
    ]


def test_outcomes_may_share_a_distance(decision_data):
    decision_data["outcomes"][0]["distance"] = 1
    checklist = checklist_from_mapping(decision_data)
    assert [distance(checklist, o.id) for o in checklist.outcomes] == [1, 1, 0]


def test_an_outcome_is_never_further_than_one_listed_before_it(decision_data):
    decision_data["outcomes"][0]["distance"] = 1
    decision_data["outcomes"][1]["distance"] = 3
    assert problems(decision_data) == ["outcomes[1].distance: 3 steps are further than the outcome before it (1)"]


def test_only_the_default_is_0_steps_from_the_default(decision_data):
    decision_data["outcomes"][1]["distance"] = 0
    decision_data["outcomes"][2]["distance"] = 1
    assert problems(decision_data) == [
        "outcomes[1].distance: the default, and only the default, is 0 steps from the default",
        "outcomes[2].distance: the default, and only the default, is 0 steps from the default",
        "outcomes[2].distance: 1 step is further than the outcome before it (0)",
    ]
