"""The worker's entry point: an action and JSON text in, one reply shape out, bad input answered in plain English."""

from __future__ import annotations

import base64
import io
import json
import zipfile
from pathlib import Path

import pytest
from answer_sets import MIXED
from spreadsheet import csv_text

from checks import definition_files
from checks.answers import FORMAT, FORMAT_VERSION
from checks.loader import load_definition
from checks.worker_api import handle

FORMAT_1_FILES = sorted((Path(__file__).parent / "fixtures" / "format-1").glob("*.json"))
REAL = {path.stem: load_definition(path) for path in definition_files()}


@pytest.fixture(autouse=True)
def fresh_worker(monkeypatch):
    """Each test starts as a new worker, with no checklist kept."""
    from checks import worker_api

    monkeypatch.setattr(worker_api, "_checklists", {})


def call(action: str, payload) -> dict:
    reply = json.loads(handle(action, json.dumps(payload)))
    assert list(reply) in (["result"], ["error"]), reply  # the one reply shape
    if "error" in reply:
        assert list(reply["error"]) == ["message", "problems"]
        assert all(list(problem) == ["path", "message"] for problem in reply["error"]["problems"])
    return reply


def named(definition: dict, **payload) -> dict:
    """A payload naming its checklist and bringing the definition, as the page's first request does."""
    return {"checklist": definition["id"], "version": definition["version"], "definition": definition, **payload}


def test_score_sends_the_panel_html_and_the_printed_answers_only(assessment_data, answers_document):
    document = {**answers_document(answers=MIXED), "notes": {"trust": "Ask <them>."}}
    reply = call("score", named(assessment_data, document=document, base_url="../"))
    assert list(reply["result"]) == ["html", "answers"]
    assert "<h3>Your answers</h3>" in reply["result"]["answers"]
    assert "<strong>Your notes:</strong> Ask &lt;them&gt;.</p>" in reply["result"]["answers"]
    assert "Overall:</strong> 57 out of 100, Developing" in reply["result"]["html"]
    assert 'href="../behaviours/trust/#' in reply["result"]["html"]  # guidance links start from the base URL


def test_the_definition_is_validated_once_and_kept(assessment_data, answers_document, monkeypatch):
    from checks import worker_api

    built = []
    monkeypatch.setattr(worker_api, "checklist_from_mapping", lambda data: built.append(1) or real(data))
    real = __import__("checks").checklist_from_mapping
    first = call("score", named(assessment_data, document=answers_document(), base_url=""))
    by_id = {"checklist": "team-health", "version": 3}
    for _ in range(3):
        assert call("score", {**by_id, "document": answers_document(), "base_url": ""}) == first
    assert built == [1]
    assert call("score", named(assessment_data, document=answers_document(), base_url="")) == first
    assert built == [1]  # sent again (a page opened again): still not read again


def test_a_checklist_never_sent_is_asked_for(answers_document):
    reply = call("score", {"checklist": "team-health", "version": 3, "document": answers_document(), "base_url": ""})
    assert reply["error"] == {
        "message": "Results are unavailable.",
        "problems": [{"path": "definition", "message": "checklist 'team-health' version 3 has not been sent yet"}],
    }


def test_a_definition_that_is_not_the_one_named(assessment_data, answers_document):
    reply = call("score", {**named(assessment_data, document=answers_document(), base_url=""), "version": 4})
    assert reply["error"]["problems"] == [
        {"path": "definition", "message": "the definition is 'team-health' version 3, not the one the request names"}
    ]


def test_an_unknown_action_or_a_missing_or_wrong_key_is_an_error_reply(assessment_data, answers_document):
    assert call("fly", {})["error"] == {
        "message": "The scoring engine could not handle this request.",
        "problems": [{"path": "action", "message": "no action called 'fly'"}],
    }
    payload = named(assessment_data, document=answers_document(), base_url="")
    for key in ("checklist", "version", "document", "base_url"):
        reply = call("score", {k: v for k, v in payload.items() if k != key})
        assert reply["error"]["problems"] == [{"path": key, "message": "this key is required"}], key
    assert call("score", {**payload, "version": "3"})["error"]["problems"] == [
        {"path": "version", "message": "expected a whole number, got '3'"}
    ]
    assert call("score", {**payload, "version": True})["error"]["problems"][0]["path"] == "version"
    assert call("score", {**payload, "document": "[]"})["error"]["problems"] == [
        {"path": "document", "message": "expected a mapping, got '[]'"}
    ]
    assert call("score", [])["error"]["problems"] == [{"path": "", "message": "expected a mapping, got an empty list"}]
    assert json.loads(handle("score", "{not json"))["error"]["problems"] == [
        {"path": "", "message": "the request is not JSON text"}
    ]


def test_refused_definitions_and_answers_name_their_problems(assessment_data, answers_document):
    broken = {**assessment_data, "version": "three"}
    reply = call("score", {"checklist": "team-health", "version": 3, "definition": broken, "document": {}})
    assert reply["error"]["problems"] == [
        {"path": "version", "message": "expected a whole number of 1 or more, got 'three'"}
    ]
    reply = call("score", named(assessment_data, document=answers_document(answers={"trust-open": "yes"}), base_url=""))
    assert reply["error"] == {
        "message": "Results are unavailable. These problems were found in the saved answers.",
        "problems": [
            {"path": "", "message": "The answer to question 'trust-open' is 'yes', which it does not accept."}
        ],
    }


def test_import_returns_the_clean_document_in_the_newest_format(assessment_data, answers_document):
    old = answers_document(format=f"{FORMAT}/1", respondent={"role": "Volunteer"})
    reply = call("import", named(assessment_data, filename="mine.json", size=900, text=json.dumps(old)))
    assert reply["result"] == {
        "document": {**old, "format": f"{FORMAT}/{FORMAT_VERSION}", "respondent": {"role": "volunteer"}, "rows": []},
        "status": "The answers in mine.json were imported.",
        "confirm": None,  # no document of the reader's was sent, so none is replaced
    }


def test_import_refuses_a_bad_or_too_large_file_with_its_name(assessment_data):
    reply = call("import", named(assessment_data, filename="<b>x</b>.json", size=9, text="{not json"))
    assert reply["error"] == {
        "message": "<b>x</b>.json was not imported, and your saved answers were not changed.",
        "problems": [{"path": "", "message": "This file is not valid JSON (line 1, column 2)."}],
    }
    reply = call("import", named(assessment_data, filename="huge.json", size=21_000_000, text="{"))
    assert reply["error"]["problems"] == [
        {"path": "", "message": "This file is 21.0 MB; an answers file is never more than 1 MB."}
    ]


@pytest.mark.parametrize("path", FORMAT_1_FILES, ids=[path.name for path in FORMAT_1_FILES])
def test_every_format_1_file_imports_unchanged(path):
    raw = json.loads(path.read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    reply = call("import", named(REAL[raw["checklist"]], filename=path.name, size=len(text), text=text))
    document = reply["result"]["document"]
    assert document == {**raw, "format": f"{FORMAT}/{FORMAT_VERSION}", "rows": []}
    for key in ("answers", "notes", "checklist_version", "saved_at", "respondent"):
        assert document[key] == raw[key], key


def test_export_names_the_file_for_the_checklist_organisation_and_day(assessment_data, answers_document):
    document = answers_document(respondent={"organisation": "Age UK: Leeds & Wakefield / Café", "role": "other"})
    reply = call("export", named(assessment_data, document=document, today="2026-12-01"))
    file = reply["result"]["file"]
    assert file["name"] == "team-health-age-uk-leeds-wakefield-cafe-2026-12-01.json"
    assert file["mime"] == "application/json"
    assert json.loads(file["text"]) == {**document, "rows": []}
    assert reply["result"]["status"] == f"Your answers were downloaded as {file['name']}."
    anonymous = call("export", named(assessment_data, document=answers_document(respondent={}), today="2026-12-01"))
    assert anonymous["result"]["file"]["name"] == "team-health-2026-12-01.json"
    for today in ("01/12/2026", "2026-13-01", 20261201):
        assert (
            call("export", named(assessment_data, document=document, today=today))["error"]["problems"][0]["path"]
            == "today"
        )


def test_an_organisation_name_never_makes_an_unsafe_file_name(assessment_data, answers_document):
    for organisation in ("../../etc/passwd", "CON", "a" * 200, 'x<>:"/\\|?*\x00y', "   ", "日本語"):
        document = answers_document(respondent={"organisation": organisation})
        name = call("export", named(assessment_data, document=document, today="2026-12-01"))["result"]["file"]["name"]
        stem = name.removesuffix(".json")
        assert stem.startswith("team-health-") and stem.endswith("-2026-12-01"), name
        assert all(c.isascii() and (c.isalnum() or c == "-") for c in stem) and "--" not in stem, name
        assert len(name) <= 100, name


def test_report_gives_a_named_file_of_each_format(assessment_data, answers_document):
    document = answers_document(answers=MIXED, respondent={"organisation": "Leeds City Council"})
    payload = named(assessment_data, document=document, base_url="https://x.test/", today="2026-12-01")
    markdown = call("report", {**payload, "format": "markdown"})["result"]
    # Named as the answers file is: each partner's report, and each day's, has a name of its own.
    assert (markdown["file"]["name"], markdown["file"]["mime"]) == (
        "team-health-leeds-city-council-report-2026-12-01.md",
        "text/markdown;charset=utf-8",
    )
    assert "](https://x.test/behaviours/trust/" in markdown["file"]["text"]
    assert markdown["status"] == "The report was downloaded as team-health-leeds-city-council-report-2026-12-01.md."
    csv = call("report", {**payload, "format": "csv"})["result"]["file"]
    assert csv_text(csv["text"]).splitlines()[0].startswith("section,question_id,question")
    word = call("report", {**payload, "format": "docx"})["result"]["file"]
    assert word["name"] == "team-health-leeds-city-council-report-2026-12-01.docx" and "text" not in word
    with zipfile.ZipFile(io.BytesIO(base64.b64decode(word["base64"]))) as docx:
        assert "Team health" in docx.read("word/document.xml").decode("utf-8")
    assert call("report", {**payload, "format": "pdf"})["error"] == {
        "message": "The report could not be made.",
        "problems": [{"path": "format", "message": "expected one of: docx, markdown, csv, got 'pdf'"}],
    }


def test_warm_up_scores_made_up_answers_of_every_kind_and_returns_nothing(assessment_data, monkeypatch):
    from checks import worker_api

    seen = []
    real_score = worker_api.score

    def score(checklist, saved):
        seen.append(saved.answers)
        return real_score(checklist, saved)

    monkeypatch.setattr(worker_api, "score", score)
    for turn in range(12):
        assert call("warm_up", named(assessment_data, turn=turn, base_url="../")) == {"result": {}}
    assert len({len(answers) for answers in seen}) > 1  # turns answer different numbers of questions
    given = {value for answers in seen for value in answers.values()}
    assert {"dont_know", "strongly_agree", "strongly_disagree"} <= given
