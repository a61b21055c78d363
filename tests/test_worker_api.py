"""The worker's entry point: JSON text in, JSON text out, bad input answered in plain English."""

from __future__ import annotations

import json

from answer_sets import MIXED

from checks.worker_api import handle


def call(action: str, payload: dict) -> dict:
    return json.loads(handle(action, json.dumps(payload)))


def test_score_sends_the_panel_html_only(assessment_data, answers_document):
    reply = call("score", {"definition": assessment_data, "answers": answers_document(answers=MIXED), "base": "../"})
    assert list(reply) == ["html"]
    assert "Overall:</strong> 57/100, Developing" in reply["html"]
    assert 'href="../behaviours/trust/#' in reply["html"]  # guidance links start from the page's base


def test_import_returns_the_clean_document_or_the_problems(assessment_data, answers_document):
    good = call("import", {"definition": assessment_data, "text": json.dumps(answers_document())})
    assert good["ok"] is True
    assert good["answers"]["answers"] == {"trust-open": "agree", "goals-measured": "dont_know"}
    bad = call("import", {"definition": assessment_data, "text": "{not json"})
    assert bad["ok"] is False
    assert bad["problems"] and all(isinstance(problem, str) for problem in bad["problems"])


def test_report_gives_a_named_file(assessment_data, answers_document):
    payload = {"definition": assessment_data, "answers": answers_document(answers=MIXED), "base_url": "https://x.test/"}
    markdown = call("report", {**payload, "format": "markdown"})
    assert (markdown["filename"], markdown["mime"]) == ("team-health-report.md", "text/markdown")
    csv = call("report", {**payload, "format": "csv"})
    assert csv["text"].splitlines()[0].startswith("section,question_id,question")


def test_refusals_come_back_as_messages(assessment_data):
    broken = {**assessment_data, "version": "three"}
    reply = call("score", {"definition": broken, "answers": {}})
    assert "version" in reply["error"] and reply["problems"]
    assert call("score", {"definition": assessment_data, "answers": "[]"})["error"]


def test_warm_up_scores_made_up_answers_of_every_kind_and_returns_nothing(assessment_data, monkeypatch):
    from checks import worker_api

    seen = []
    real_score = worker_api.score

    def score(checklist, saved):
        seen.append(saved.answers)
        return real_score(checklist, saved)

    monkeypatch.setattr(worker_api, "score", score)
    for turn in range(12):
        assert call("warm_up", {"definition": assessment_data, "turn": turn, "base": "../"}) == {}
    assert len({len(answers) for answers in seen}) > 1  # turns answer different numbers of questions
    given = {value for answers in seen for value in answers.values()}
    assert {"dont_know", "strongly_agree", "strongly_disagree"} <= given
