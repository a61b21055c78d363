"""The "Should we partner?" decision aid on the cases that issue 13 found giving wrong advice, and others
like them, on the real definition."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks import load_checklist, read_answers, score, to_text
from checks.definitions import DEFINITIONS_DIR
from checks.model import DONT_KNOW
from checks.outcomes import named

SWP = load_checklist(DEFINITIONS_DIR / "should-we-partner.yml")
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "format-1"
FIRM = {"not-now", "network", "contract"}
DECIDING = {c.question for o in SWP.outcomes for c in o.when if c.question}
"""The questions whose answer alone can give a firm outcome."""


def ranked(question):
    return sorted(question.options, key=lambda o: o.points)


BEST = {q.id: ranked(q)[-1].id for q in SWP.questions()}
MIDDLE = {q.id: ranked(q)[len(q.options) // 2].id for q in SWP.questions()}
"""Every answer the middle one ("partly", or the middle choice): issue 13's first case."""
LEADERS_AND_STAFF_UNKNOWN = {**BEST, "will-want": DONT_KNOW, "means-staff-time": DONT_KNOW}
"""Every answer the strongest except "don't know" on the two questions about leaders and staff time: the second."""


def question(question_id):
    return SWP.question(question_id)


def test_all_middle_answers_are_not_a_go_ahead(tmp_path):
    result = score(SWP, MIDDLE)
    assert [s.score for s in result.sections] == [50, 50, 50, 50]
    assert result.decision.outcome == "settle-first"
    assert result.decision.title == "Settle the open questions first"
    partly = [question(q) for q in ("will-want", "means-staff-time", "means-legal-powers")]
    assert result.decision.reasons[0] == (
        "A question this decision depends on is only partly met. Settle it before you commit: "
        + "; ".join(named(q, MIDDLE) for q in partly)
        + "."
    )
    # then each section, mixed, with what to do and the weakest answers behind it
    assert [reason.split(".")[0] for reason in result.decision.reasons[1:]] == [
        "The need for a partnership is only partly made, so check whether a lighter arrangement would do",
        "The will to partner is mixed, so talk with the other organisations about what holds them back",
        "The time, money and authority are only partly there, so agree what each organisation will commit",
        "The relationship is partly a contract, so agree which parts you will shape together and which one "
        "organisation will buy",
    ]
    assert "Need scores 50 out of 100; weakest answers: “Could your organisation reach" in result.decision.reasons[1]
    # "partly" on each critical question is a warning the reader sees
    assert [n for n in result.notices if n.startswith("Warning")] == [
        f"Warning on a critical question: “{q.text}” was answered “Partly”. {q.advice}" for q in partly
    ]


def test_dont_know_on_leaders_and_staff_time_is_not_a_go_ahead():
    result = score(SWP, LEADERS_AND_STAFF_UNKNOWN)
    assert result.decision.outcome == "settle-first"
    assert result.decision.reasons == (
        "You do not know yet the answer to a question this decision depends on. Find out before you decide: "
        "“Do the leaders of each organisation involved want to work in partnership on this?”: Don't know; "
        "“Can each partner commit staff time to the partnership for as long as it is needed?”: Don't know.",
    )
    assert [a.question for a in result.red_flags] == ["will-want", "means-staff-time"]


def test_a_section_with_a_critical_question_unknown_is_never_a_clean_100():
    result = score(SWP, LEADERS_AND_STAFF_UNKNOWN)
    need, will, means, nature = result.sections
    assert (need.score, nature.score) == (100, 100)
    assert (will.score, will.band, means.score, means.band) == (None, None, None, None)
    assert will.status == (
        "Not scored while a critical question is unknown: “Do the leaders of each organisation involved want to "
        "work in partnership on this?”: Don't know. The other answers score 100."
    )
    assert means.status.startswith("Not scored while a critical question is unknown: “Can each partner commit")
    assert result.score is None
    report = to_text(result)
    assert "Not scored while a critical question is unknown" in report
    assert "Overall: 100" not in report


def test_a_critical_question_left_unanswered_is_an_open_question():
    answers = {key: value for key, value in BEST.items() if key != "means-legal-powers"}
    result = score(SWP, answers)
    assert result.decision.outcome == "settle-first"
    assert "“Do the partners' legal powers and rules allow them" in result.decision.reasons[0]
    assert result.decision.reasons[0].endswith(": Not answered.")


def test_the_law_question_is_critical():
    law = question("means-legal-powers")
    assert law.critical
    result = score(SWP, {**BEST, "means-legal-powers": "no"})
    assert result.decision.outcome == "not-now"
    assert "Change the design, with legal advice" in result.decision.reasons[0]
    assert [a.question for a in result.red_flags] == ["means-legal-powers"]
    assert score(SWP, {**BEST, "means-legal-powers": "partly"}).decision.outcome == "settle-first"


def test_go_ahead_only_when_everything_is_clearly_strong():
    result = score(SWP, BEST)
    assert result.decision.outcome == "partner"
    assert result.red_flags == ()
    (reason,) = result.decision.reasons
    assert reason.startswith("Need, will, means and nature each score 75 or more")
    assert "Need 100, Will 100, Means 100 and Nature 100 out of 100" in reason


@pytest.mark.parametrize("question_id", sorted(q.id for q in SWP.questions() if q.id not in DECIDING))
def test_one_answer_never_turns_go_ahead_into_a_firm_no(question_id):
    """Only an answer that decides by itself (such as "one organisation alone" sets the terms) can; any
    other answer, however weak, at most asks you to settle it first."""
    for option in [*question(question_id).options, None]:
        answers = {**BEST, question_id: option.id if option else DONT_KNOW}
        assert score(SWP, answers).decision.outcome in ("partner", "settle-first"), (question_id, option)


def test_no_longer_shared_risk_from_the_middle_is_still_an_open_question():
    """Issue 13: "partly" to "no" on shared risk flipped the result to a contract."""
    assert score(SWP, {**MIDDLE, "nature-shared-risk": "no"}).decision.outcome == "settle-first"
    assert score(SWP, {**BEST, "nature-shared-risk": "no"}).decision.outcome == "partner"


def test_a_partner_that_does_not_set_the_terms_can_answer_honestly():
    """A charity, or any partner, whose partner leads with real input from the others is not told to
    use a contract; one paid to deliver a service another specifies is, from either side."""
    terms = [o.label for o in question("nature-who-sets-terms").options]
    assert "Mostly one organisation, with real input from the others" in terms
    assert score(SWP, {**BEST, "nature-who-sets-terms": "one-with-input"}).decision.outcome not in FIRM
    assert score(SWP, {**BEST, "nature-kind-of-work": "bought-service"}).decision.outcome == "contract"
    for q in (question("nature-who-sets-terms"), question("nature-kind-of-work")):
        assert not any(word in f" {o.label} ".lower() for o in q.options for word in (" us ", " we "))


def test_other_unknown_answers_are_open_questions_too():
    result = score(SWP, {**BEST, "will-governance-backing": DONT_KNOW})
    assert result.decision.outcome == "settle-first"
    assert result.decision.reasons == (
        "Some other answers are not known yet, and they could change the result. Find them out: "
        "“Would each organisation's board or governing body back the partnership?”: Don't know.",
    )


CHANGED = {
    "need-people-between": "dont_know",
    "will-asked": "yes",
    "will-shared-passion": "dont_know",
    "nature-terms": "all-partners",
    "nature-what-you-want": "mix",
}
"""Version 1's answers, in the format-1 fixture, to questions version 2 changed."""


def test_a_format_1_file_keeps_its_answers_to_changed_questions_as_orphans():
    saved = read_answers((FIXTURES / "should-we-partner-complete.json").read_bytes(), SWP)
    assert saved.checklist_version == 1
    assert saved.orphans == CHANGED
    assert saved.answers["means-legal-powers"] == "dont_know"  # unchanged in meaning, so kept as an answer
    result = score(SWP, saved)
    assert result.orphans == CHANGED
    assert result.notices[:2] == (
        "These answers were saved for version 1 of this checklist; it is now version 2.",
        "5 answers are to questions that have since changed. "
        "They are kept in your saved answers and exports, but do not count towards the scores.",
    )
    assert "Answers to questions that have since changed" in to_text(result)
