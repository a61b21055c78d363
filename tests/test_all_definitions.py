"""Every checklist definition in checks/definitions/ validates and scores: a new file is covered without new tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checks import definition_files, load_checklist, load_docs_index, read_answers, score
from checks.definitions import DEFINITIONS_DIR
from checks.model import DONT_KNOW

DOCS = Path(__file__).resolve().parent.parent / "docs"
FILES = definition_files()
FORMAT_1 = sorted((Path(__file__).resolve().parent / "fixtures" / "format-1").glob("*-complete.json"))


@pytest.fixture(scope="module")
def docs_index():
    return load_docs_index(DOCS)


@pytest.fixture(params=FILES, ids=[path.name for path in FILES])
def checklist(request, docs_index):
    return load_checklist(request.param, docs_index)


def best(checklist):
    return {q.id: max(q.options, key=lambda o: o.points).id for q in checklist.questions()}


def worst(checklist):
    return {q.id: min(q.options, key=lambda o: o.points).id for q in checklist.questions()}


def test_there_are_definitions():
    assert FILES


def test_the_id_matches_the_file_name(checklist):
    assert Path(checklist.source).stem == checklist.id


def test_validates_against_the_docs(checklist):
    # load_checklist raised nothing; every guidance link points at a real page and anchor
    assert checklist.sections
    assert all(q.advice and q.guidance for q in checklist.questions())


def test_empty_answers(checklist):
    result = score(checklist, {})
    assert result.score is None
    assert all(s.score is None for s in result.sections)
    assert result.red_flags == ()
    assert result.actions == ()
    assert result.decision is None


def test_all_best_answers(checklist):
    result = score(checklist, best(checklist))
    assert [s.score for s in result.sections] == [100] * len(checklist.sections)
    assert result.score == 100
    assert result.band == checklist.band(100).name
    assert result.red_flags == ()
    assert result.actions == ()
    if checklist.kind == "decision":
        assert result.decision is not None


def test_all_worst_answers(checklist):
    result = score(checklist, worst(checklist))
    assert [s.score for s in result.sections] == [0] * len(checklist.sections)
    assert result.score == 0
    assert result.band == checklist.band(0).name
    assert [a.question for a in result.red_flags] == [q.id for q in checklist.questions() if q.critical]
    assert len(result.actions) == len(checklist.questions())
    if checklist.kind == "decision":
        default = next(o for o in checklist.outcomes if o.default)
        assert result.decision is not None
        assert result.decision.outcome != default.id
        assert result.decision.reasons


def test_all_dont_know(checklist):
    result = score(checklist, {q.id: DONT_KNOW for q in checklist.questions()})
    assert result.score is None
    assert all(s.score is None and len(s.dont_know) == s.total for s in result.sections)
    assert [a.question for a in result.red_flags] == [q.id for q in checklist.questions() if q.critical]
    assert result.decision is None
    if checklist.kind == "decision":
        assert result.notices == ("Answer enough questions in every section to get a recommendation.",)


def test_every_decision_outcome_refers_to_the_checklist(checklist):
    questions = {q.id: q for q in checklist.questions()}
    sections = {s.id for s in checklist.sections}
    for outcome in checklist.outcomes:
        for condition in outcome.when:
            if condition.question:
                assert all(questions[condition.question].accepts(a) for a in condition.answers)
            elif condition.section:
                assert condition.section in sections
            else:
                assert condition.unknown in ("critical", "other") or 1 <= condition.critical_below <= 100


def test_every_decision_reason_names_the_answers_behind_it(checklist):
    """Each reason says where the answers behind it go, and the default has a reason too."""
    for outcome in checklist.outcomes:
        reasons = [c.reason for c in outcome.when] + ([outcome.reason] if outcome.default else [])
        assert reasons and all("{answers}" in reason for reason in reasons), outcome.id


def test_all_best_answers_give_the_default(checklist):
    if checklist.kind == "decision":
        assert score(checklist, best(checklist)).decision.outcome == checklist.outcomes[-1].id


def test_it_can_be_done_in_the_time_it_states(checklist):
    """About three questions a minute at most: the least time stated allows for every question."""
    least, most = checklist.minutes
    assert len(checklist.questions()) <= 3 * least <= 3 * most


@pytest.mark.parametrize("path", FORMAT_1, ids=[path.name for path in FORMAT_1])
def test_answers_saved_for_version_1_keep_changed_questions_as_orphans(path, docs_index):
    """Every checklist has changed since version 1: the answers to its changed questions stay visible."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    checklist = load_checklist(DEFINITIONS_DIR / f"{raw['checklist']}.yml", docs_index)
    assert checklist.version > raw["checklist_version"] == 1
    saved = read_answers(path.read_bytes(), checklist)
    changed = {qid: answer for qid, answer in raw["answers"].items() if checklist.question(qid) is None}
    assert changed and saved.orphans == changed
    assert saved.answers == {qid: answer for qid, answer in raw["answers"].items() if qid not in changed}
    result = score(checklist, saved)
    assert result.orphans == changed
    assert f"{len(changed)} answers are to questions that have since changed." in " ".join(result.notices)
