"""Scoring, worked by hand on the test checklist in conftest.py.

Section score = round(100 * sum(share * weight) / sum(weight)) over the answers that score;
overall = round(mean of the section scores), None unless every section has a score; a section
needs max(1, ceil(min_answered * relevant questions)) scored answers; critical and (share < .5
or "don't know") is a red flag; the action plan lists red flags first, then the other answers
worth less than .75, weakest section first, then weakest answer, then heaviest weight.
"""

from __future__ import annotations

from answer_sets import MIXED

from checks import SavedAnswers, checklist_from_mapping, score


def by_id(result):
    return {s.id: s for s in result.sections}


def action_ids(result):
    return [a.question for a in result.actions]


def test_a_mixed_set_of_answers(assessment):
    result = score(assessment, MIXED)
    sections = by_id(result)
    # trust: (1.5 + .5 + 1 + .125) / (2 + 1 + 1 + .5) = 3.125 / 4.5 = 69.4 -> 69
    assert sections["trust"].score == 69
    assert sections["trust"].band == "Developing"
    assert sections["trust"].band_meaning == "Some good habits are in place."
    # goals: (1 + .75 + .5) / (1 + 3 + 1) = 2.25 / 5 = 45
    assert sections["goals"].score == 45
    assert sections["goals"].band == "Needs attention"
    # overall: (69 + 45) / 2 = 57
    assert result.score == 57
    assert result.band == "Developing"
    assert result.band_meaning == "Some good habits are in place."
    # goals-measured is critical but .5 is not below .5: no red flag
    assert result.red_flags == ()
    # worth less than .75: goals-reviewed .25, goals-measured .5 (goals, 45, first),
    # then trust-meetings .25 and trust-promises .5 (trust, 69); trust-open at .75 is not listed
    assert action_ids(result) == ["goals-reviewed", "goals-measured", "trust-meetings", "trust-promises"]
    assert not any(a.red_flag for a in result.actions)


def test_section_details(assessment):
    result = score(assessment, {**MIXED, "trust-agreement": "not_relevant", "goals-shared": "dont_know"})
    trust, goals = result.sections
    # trust: (1.5 + .5 + .125) / (2 + 1 + .5) = 2.125 / 3.5 = 60.7 -> 61; 3 relevant, needs ceil(1.5) = 2
    assert (trust.score, trust.answered, trust.needed, trust.total) == (61, 3, 2, 4)
    assert trust.not_relevant == ("trust-agreement",)
    assert trust.status == "3 of 4 questions answered."
    # goals: (.75 + .5) / (3 + 1) = 31.25 -> 31; needs ceil(1.5) = 2
    assert (goals.score, goals.answered, goals.needed, goals.total) == (31, 2, 2, 3)
    assert goals.dont_know == ("goals-shared",)
    assert goals.unanswered == ()
    assert goals.guidance == "foundations/goals.md#what-it-means"
    # (61 + 31) / 2 = 46
    assert result.score == 46
    assert result.answered == 7


def test_weights_count(assessment):
    # trust-open (weight 2) at 1 and trust-promises (weight 1) at 0: 2 / 3 = 66.7 -> 67, not 50
    result = score(assessment, {"trust-open": "strongly_agree", "trust-promises": "not_in_place"})
    assert by_id(result)["trust"].score == 67
    # the other way round: 1 / 3 = 33.3 -> 33
    result = score(assessment, {"trust-open": "strongly_disagree", "trust-promises": "fully_in_place"})
    assert by_id(result)["trust"].score == 33
    # the light choice question (weight .5) at 1 with trust-promises at 0: .5 / 1.5 = 33.3 -> 33
    result = score(assessment, {"trust-meetings": "monthly", "trust-promises": "not_in_place"})
    assert by_id(result)["trust"].score == 33


def test_choice_points(assessment):
    # quarterly is 2 of 4 points: .5; with trust-promises fully in place: (.25 + 1) / 1.5 = 83.3 -> 83
    result = score(assessment, {"trust-meetings": "quarterly", "trust-promises": "fully_in_place"})
    assert by_id(result)["trust"].score == 83
    assert next(q for q in result.questions if q.id == "trust-meetings").share == 0.5


def test_all_best_and_all_worst(assessment):
    best = {q.id: q.options[-1].id for q in assessment.questions()}
    worst = {q.id: q.options[0].id for q in assessment.questions()}
    assert [s.score for s in score(assessment, best).sections] == [100, 100]
    assert score(assessment, best).score == 100
    assert score(assessment, best).band == "Strong"
    assert [s.score for s in score(assessment, worst).sections] == [0, 0]
    assert score(assessment, worst).band == "Needs attention"


def test_dont_know_does_not_count_but_is_reported(assessment):
    # trust: only trust-meetings scores: 1 of 4, needs 2 -> no score
    answers = {"trust-open": "dont_know", "trust-promises": "dont_know", "trust-meetings": "monthly"}
    result = score(assessment, answers)
    trust = by_id(result)["trust"]
    assert trust.score is None
    assert trust.band is None
    assert trust.dont_know == ("trust-open", "trust-promises")
    assert trust.answered == 1
    assert trust.unanswered == ("trust-agreement",)
    assert trust.status == "Too few answers to score fairly: 1 of 4 answered; at least 2 are needed."
    assert result.answered == 3


def test_too_few_answers(assessment):
    result = score(assessment, {"trust-open": "agree"})
    trust, goals = result.sections
    assert trust.score is None
    assert trust.needed == 2
    assert goals.score is None
    assert goals.status == "Too few answers to score fairly: 0 of 3 answered; at least 2 are needed."
    assert result.score is None
    assert result.band is None
    assert result.band_meaning is None


def test_not_relevant_lowers_the_number_needed(assessment):
    # 3 relevant questions: ceil(.5 * 3) = 2 needed
    answers = {"trust-agreement": "not_relevant", "trust-open": "agree"}
    assert by_id(score(assessment, answers))["trust"].status == (
        "Too few answers to score fairly: 1 of 3 answered; at least 2 are needed."
    )
    # a second answer is enough: (1.5 + 1) / 3 = 83.3 -> 83
    answers["trust-promises"] = "fully_in_place"
    assert by_id(score(assessment, answers))["trust"].score == 83


def test_overall_needs_every_section(assessment):
    answers = {"trust-open": "agree", "trust-promises": "fully_in_place"}
    result = score(assessment, answers)
    assert by_id(result)["trust"].score == 83
    assert result.score is None
    # goals: (1 + .75 * 3) / 4 = 81.25 -> 81; overall (83 + 81) / 2 = 82
    result = score(assessment, {**answers, "goals-shared": "strongly_agree", "goals-reviewed": "agree"})
    assert by_id(result)["goals"].score == 81
    assert result.score == 82
    assert result.band == "Strong"


def test_min_answered_all(assessment_data):
    assessment_data["min_answered"] = 1
    checklist = checklist_from_mapping(assessment_data)
    answers = {"goals-shared": "agree", "goals-reviewed": "agree"}
    assert by_id(score(checklist, answers))["goals"].score is None  # 2 of 3: all 3 needed
    answers["goals-measured"] = "yes"
    # (.75 + 2.25 + 1) / 5 = 80
    assert by_id(score(checklist, answers))["goals"].score == 80


def test_min_answered_zero_still_needs_one_answer(assessment_data):
    assessment_data["min_answered"] = 0
    checklist = checklist_from_mapping(assessment_data)
    goals = by_id(score(checklist, {}))["goals"]
    assert goals.score is None
    assert goals.needed == 1  # max(1, ceil(0 * 3))
    assert goals.status == "Too few answers to score fairly: 0 of 3 answered; at least 1 is needed."
    assert by_id(score(checklist, {"goals-measured": "partly"}))["goals"].score == 50


def test_a_section_where_nothing_is_relevant(assessment_data):
    for question in assessment_data["sections"][1]["questions"]:
        question["not_relevant"] = True
    checklist = checklist_from_mapping(assessment_data)
    answers = {q: "not_relevant" for q in ("goals-shared", "goals-reviewed", "goals-measured")}
    goals = by_id(score(checklist, answers))["goals"]
    assert goals.score is None
    assert goals.needed == 1
    assert goals.not_relevant == ("goals-shared", "goals-reviewed", "goals-measured")
    assert goals.status == "Every question was marked not relevant, so this section has no score."


def test_red_flags(assessment):
    answers = {
        "trust-open": "disagree",  # critical, .25: red flag; .25 x 2 = .5
        "trust-promises": "not_in_place",  # 0
        "trust-agreement": "no",  # 0
        "trust-meetings": "monthly",  # 1 x .5 = .5
        "goals-shared": "agree",  # .75
        "goals-reviewed": "strongly_agree",  # 1 x 3 = 3
        "goals-measured": "dont_know",  # critical and "don't know": red flag
    }
    result = score(assessment, answers)
    # trust: (.5 + 0 + 0 + .5) / 4.5 = 22.2 -> 22; goals: (.75 + 3) / 4 = 93.75 -> 94; overall 58
    assert [s.score for s in result.sections] == [22, 94]
    assert result.score == 58
    assert [a.question for a in result.red_flags] == ["trust-open", "goals-measured"]
    flag = result.red_flags[0]
    assert (flag.section, flag.answer_label, flag.red_flag) == ("trust", "Disagree", True)
    assert flag.advice == "Talk about what worries you before it grows."
    assert flag.guidance == "behaviours/trust.md#warning-signs"
    assert result.red_flags[1].answer_label == "Don't know"
    # red flags first, then trust (22): two answers at 0 and weight 1, kept in question order
    assert action_ids(result) == ["trust-open", "goals-measured", "trust-promises", "trust-agreement"]
    assert [a.red_flag for a in result.actions] == [True, True, False, False]


def test_no_red_flag_at_half_marks_or_when_not_critical(assessment):
    result = score(
        assessment, {"goals-measured": "partly", "trust-promises": "not_in_place", "goals-shared": "dont_know"}
    )
    assert result.red_flags == ()
    assert not any(q.red_flag for q in result.questions)


def test_a_critical_question_left_unanswered_is_not_a_red_flag(assessment):
    assert score(assessment, {}).red_flags == ()


def test_critical_at_zero_is_a_red_flag(assessment):
    result = score(assessment, {"goals-measured": "no"})
    assert [a.question for a in result.red_flags] == ["goals-measured"]
    assert result.red_flags[0].answer_label == "No"


def test_action_plan_puts_heavier_questions_first(assessment):
    # goals-shared and goals-reviewed both .25; goals-reviewed (weight 3) comes first though it is second
    # goals: (.25 + .75 + 1) / 5 = 40
    result = score(assessment, {"goals-shared": "disagree", "goals-reviewed": "disagree", "goals-measured": "yes"})
    assert by_id(result)["goals"].score == 40
    assert action_ids(result) == ["goals-reviewed", "goals-shared"]


def test_action_plan_puts_weaker_sections_first(assessment):
    answers = {
        "trust-open": "strongly_agree",  # 2
        "trust-promises": "partly_in_place",  # .5 -> trust (2 + .5) / 3 = 83.3 -> 83
        "goals-shared": "strongly_disagree",  # 0
        "goals-reviewed": "agree",  # 2.25
        "goals-measured": "yes",  # 1 -> goals 3.25 / 5 = 65
    }
    result = score(assessment, answers)
    assert [s.score for s in result.sections] == [83, 65]
    # goals (65) before trust (83), though trust-promises comes first in the checklist
    assert action_ids(result) == ["goals-shared", "trust-promises"]


def test_action_plan_weakest_answer_first_within_a_section(assessment):
    answers = {"trust-promises": "partly_in_place", "trust-meetings": "never", "trust-open": "neutral"}
    # trust-open is critical at .5: not a flag. Shares: trust-meetings 0, then .5 (open, weight 2, before promises)
    assert action_ids(score(assessment, answers)) == ["trust-meetings", "trust-open", "trust-promises"]


def test_unscored_sections_come_last_in_the_action_plan(assessment):
    answers = {"trust-open": "strongly_agree", "trust-promises": "not_in_place", "goals-shared": "strongly_disagree"}
    result = score(assessment, answers)
    # trust scores 67; goals has 1 of 3 answers, no score, so its weak answer comes after trust's
    assert [s.score for s in result.sections] == [67, None]
    assert action_ids(result) == ["trust-promises", "goals-shared"]


def test_question_results(assessment):
    result = score(assessment, {"trust-meetings": "quarterly", "trust-agreement": "not_relevant"})
    questions = {q.id: q for q in result.questions}
    assert [q.id for q in result.questions] == [q.id for q in assessment.questions()]
    meetings = questions["trust-meetings"]
    assert (meetings.section, meetings.answer, meetings.answer_label, meetings.share, meetings.weight) == (
        "trust",
        "quarterly",
        "Every quarter",
        0.5,
        0.5,
    )
    assert (questions["trust-agreement"].answer_label, questions["trust-agreement"].share) == ("Not relevant", None)
    assert (questions["goals-shared"].answer, questions["goals-shared"].answer_label) == (None, "Not answered")
    assert [q.id for q in result.section_questions("goals")] == ["goals-shared", "goals-reviewed", "goals-measured"]


def test_an_answer_the_question_does_not_accept_does_not_score(assessment):
    result = score(assessment, {"trust-open": "yes", "trust-promises": "fully_in_place"})
    trust = by_id(result)["trust"]
    assert trust.answered == 1
    assert trust.score is None


def test_empty_answers(assessment):
    result = score(assessment, {})
    assert result.score is None
    assert result.answered == 0
    assert result.red_flags == ()
    assert result.actions == ()
    assert result.decision is None
    assert result.notices == ()
    assert [s.unanswered for s in result.sections] == [
        ("trust-open", "trust-promises", "trust-agreement", "trust-meetings"),
        ("goals-shared", "goals-reviewed", "goals-measured"),
    ]


def test_result_names_the_checklist(assessment):
    result = score(assessment, {})
    assert (result.checklist, result.title, result.version, result.kind) == (
        "team-health",
        "Team health",
        3,
        "assessment",
    )


def test_saved_answers_score_the_same_as_a_dict(assessment):
    saved = SavedAnswers("team-health", 3, answers=dict(MIXED))
    assert score(assessment, saved) == score(assessment, MIXED)


def test_orphans_and_an_old_version_give_notices(assessment):
    saved = SavedAnswers("team-health", 2, answers={"trust-open": "agree"}, orphans={"trust-old": "agree", "x": "yes"})
    result = score(assessment, saved)
    assert result.orphans == {"trust-old": "agree", "x": "yes"}
    assert result.notices == (
        "These answers were saved for version 2 of this checklist; it is now version 3.",
        "2 answers are to questions that have since changed. "
        "They are kept in your saved answers and exports, but do not count towards the scores.",
    )
    # orphans never count towards a score
    assert by_id(result)["trust"].answered == 1


def test_very_large_weights_do_not_overflow(assessment_data):
    # 1e308 * 100 would overflow to infinity; the weights are scaled first.
    assessment_data["sections"][1]["questions"][0]["weight"] = 1e308
    assessment_data["sections"][1]["questions"][1]["weight"] = 1e308
    checklist = checklist_from_mapping(assessment_data)
    result = score(checklist, {"goals-shared": "strongly_agree", "goals-reviewed": "neutral", "goals-measured": "no"})
    # (1 + .5 + 0 * tiny) / (2 + tiny) = 75
    assert by_id(result)["goals"].score == 75


def test_very_small_weights(assessment_data):
    assessment_data["sections"][1]["questions"][0]["weight"] = 5e-324
    checklist = checklist_from_mapping(assessment_data)
    result = score(checklist, {"goals-shared": "strongly_agree", "goals-reviewed": "neutral", "goals-measured": "no"})
    # goals-shared weighs next to nothing: 1.5 / 4 = 37.5 -> 38 (a half rounds up)
    assert by_id(result)["goals"].score == 38


def test_a_half_rounds_up_as_people_expect(assessment_data):
    checklist = checklist_from_mapping(assessment_data)
    result = score(checklist, {"goals-shared": "strongly_agree", "goals-reviewed": "neutral"})
    # (1 * 1 + .5 * 3) / (1 + 3) = 62.5 -> 63, not the even neighbour 62
    assert by_id(result)["goals"].score == 63


def test_a_critical_answer_at_half_marks_is_a_warning_not_a_red_flag(assessment):
    # goals-measured is critical: "partly" is .5, not a red flag, but a warning the reader sees
    result = score(assessment, MIXED)
    assert result.red_flags == ()
    assert result.notices == (
        "Warning on a critical question: “Is progress measured?” was answered “Partly”. "
        "Pick two measures every partner can see.",
    )


def test_only_critical_answers_short_of_three_quarters_are_warnings(assessment):
    # trust-open (critical, agreement): neutral .5 warns; agree .75 does not; disagree .25 is a red flag instead
    def warnings(answer):
        return [n for n in score(assessment, {"trust-open": answer}).notices if n.startswith("Warning")]

    assert warnings("neutral") == [
        "Warning on a critical question: “We are open with each other about problems.” was answered "
        "“Neither agree nor disagree”. Talk about what worries you before it grows."
    ]
    assert warnings("agree") == warnings("disagree") == warnings("dont_know") == []
    # a question that is not critical never warns
    assert score(assessment, {"trust-promises": "partly_in_place"}).notices == ()
