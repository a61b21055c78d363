"""The comparison document (relationship-matters-comparison/1) and the worker's comparison actions:
the workshop record saved, read back and refused with reasons; nothing touches anyone's own answers."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import docx
import pytest

from checks.answers import storage_key as answers_key
from checks.compare import read_comparison, record, storage_key
from checks.compare.record import (
    LARGEST_RECORD,
    MAX_ACTIONS,
    MAX_COMPARISON_BYTES,
    ActionItem,
    Record,
    SavedComparison,
    blank_comparison,
    comparison_text,
)
from checks.definitions import DEFINITIONS_DIR, load_checklist
from checks.errors import AnswersError
from checks.loader import load_definition
from checks.model import MAX_TEXT
from checks.saved_parts import MAX_SHORT_TEXT
from checks.worker_api import handle

EXAMPLES = sorted((Path(__file__).parents[1] / "checks" / "examples" / "compare-behaviours").glob("*.json"))
BEHAVIOURS = load_checklist(DEFINITIONS_DIR / "behaviours.yml")
DEFINITION = load_definition(DEFINITIONS_DIR / "behaviours.yml", "behaviours.yml")
FILES = [{"name": p.name, "text": p.read_text(encoding="utf-8"), "size": p.stat().st_size} for p in EXAMPLES]


def call(action: str, **payload) -> dict:
    request = {
        "checklist": "behaviours",
        "version": 2,
        "definition": DEFINITION,
        "base_url": "https://x.test/",
        **payload,
    }
    return json.loads(handle(action, json.dumps(request)))


def compared(files=FILES, document=None) -> dict:
    return call("compare", document=document or blank_comparison(BEHAVIOURS), files=files)["result"]


def test_the_comparison_has_its_own_storage_key():
    assert storage_key("behaviours") == "relationship-matters:comparison:behaviours" != answers_key("behaviours")


def test_compare_adds_files_and_returns_the_document_to_keep():
    reply = compared([*FILES, {"name": "<b>bad</b>.json", "text": "{", "size": 1}])
    assert reply["status"] == "6 of 7 files added; 6 in the comparison."
    assert reply["refused"] == {
        "title": "1 file was not compared. The other files are still compared.",
        "reasons": ["<b>bad</b>.json: This file is not valid JSON (line 1, column 2)."],
    }
    assert [r["name"] for r in reply["document"]["responses"]] == [p.name for p in EXAMPLES]
    assert 'data-agreed="' in reply["record_html"] and reply["empty"] is False
    again = compared(FILES, reply["document"])  # the same files again: counted once
    assert len(again["document"]["responses"]) == 6 and "counted once" in again["html"]


def test_an_empty_comparison_says_what_to_do():
    reply = compared([])
    assert reply["empty"] is True and "Add at least 2 answers files to compare them." in reply["html"]


def test_the_workshop_record_round_trips_and_shows_in_every_report():
    document = compared()["document"]
    contested = next(iter(json.loads(handle_json(document))["agenda"]["contested"]))
    document["agreed"] = {contested: "disagreement"}
    document["actions"] = [
        {"action": "Write a <b>one-page</b> note", "owner": "Tom", "due": "2027-01-31", "status": "in-progress"}
    ]
    saved = call("compare_export", document=document, today="2026-12-01")["result"]
    assert saved["file"]["name"] == "behaviours-comparison-2026-12-01.json"
    text = saved["file"]["text"]
    opened = call("compare_open", filename="x.json", size=len(text.encode()), text=text)["result"]
    assert opened["document"] == {**document, "saved_at": document["saved_at"]}
    reply = compared([], opened["document"])
    assert "Disagreement recorded" in reply["html"] and "Write a &lt;b&gt;one-page&lt;/b&gt; note" in reply["html"]
    assert 'value="disagreement" checked' in reply["record_html"]
    for kind, name in (("markdown", "md"), ("csv", "csv"), ("html", "html"), ("docx", "docx")):
        file = call("compare_report", document=document, format=kind, today="2026-12-01")["result"]["file"]
        assert file["name"] == f"behaviours-comparison-2026-12-01.{name}"
    word = call("compare_report", document=document, format="docx", today="2026-12-01")["result"]["file"]
    text = "\n".join(
        c.text
        for t in docx.Document(io.BytesIO(base64.b64decode(word["base64"]))).tables
        for r in t.rows
        for c in r.cells
    )
    assert "Write a <b>one-page</b> note" in text and "Disagreement recorded" in text


def handle_json(document: dict) -> str:
    """The comparison's data, as `python -m checks compare --format json` gives it."""
    from checks.compare import Inputs, compare, comparison_to_json

    saved = read_comparison(document, BEHAVIOURS)
    return comparison_to_json(compare(BEHAVIOURS, Inputs(saved.responses), saved.settings, saved.record))


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"format": "relationship-matters-answers/2"}, "This is not a Relationship Matters comparison file."),
        ({"checklist": "foundations"}, "This comparison is for 'foundations', not for Behaviours health check."),
        ({"min_group": 2}, "The smallest group shown must be a whole number from 3 to 1,000."),
        ({"anonymous": "yes"}, "Whether the comparison is anonymous must be true or false."),
        ({"agreed": {"nope": "agree"}}, "The agreed answer to 'nope' is not for a question of this checklist."),
        ({"actions": [{"action": "x", "due": "soon"}]}, "Action 1: the due date must be a date like 2027-01-31."),
        ({"actions": [{"status": "later"}]}, "Action 1: the status must be one of: not started, in progress, done."),
        (
            {"responses": [{"name": "a.json", "document": {}}]},
            "Response 1 (a.json): This is not a Relationship Matters answers file.",
        ),
        ({"extra": 1}, "The file has a field this toolkit does not use: 'extra'."),
        ({"saved_at": "last Tuesday"}, "The date the comparison was saved is not a date and time."),
        ({"saved_at": 20261201}, "The date the comparison was saved is not a date and time."),
    ],
)
def test_a_bad_comparison_is_refused_with_its_reason(change, problem):
    with pytest.raises(AnswersError) as error:
        read_comparison({**blank_comparison(BEHAVIOURS), **change}, BEHAVIOURS)
    assert [p.message for p in error.value.problems] == [problem]
    text = json.dumps({**blank_comparison(BEHAVIOURS), **change})
    reply = call("compare_open", filename="x.json", size=len(text), text=text)
    assert reply["error"]["message"] == "The file was not opened, and your comparison was not changed."


def test_settings_that_cannot_be_used_are_an_error_reply_and_change_nothing():
    reply = call("compare", document={**blank_comparison(BEHAVIOURS), "min_group": 1}, files=[])
    assert reply["error"]["problems"] == [
        {"path": "", "message": "The smallest group shown must be a whole number from 3 to 1,000."}
    ]


def test_a_comparison_larger_than_any_is_refused_by_its_size_in_bytes():
    """Counted in bytes, as the page's limit is: 17 million three-byte characters are 51 MB."""
    text = json.dumps({**blank_comparison(BEHAVIOURS), "actions": ["\u20ac" * 17_000_000]}, ensure_ascii=False)
    with pytest.raises(AnswersError) as error:
        read_comparison(text, BEHAVIOURS)
    assert [p.message for p in error.value.problems] == [
        "This file is 51.0 MB; a saved comparison is never more than 50 MB."
    ]
    reply = call("compare_open", filename="huge.json", size=60_000_000, text="{}")  # refused by its size, unread
    assert reply["error"]["message"] == "The file was not opened, and your comparison was not changed."
    assert reply["error"]["problems"] == [
        {"path": "", "message": "This file is 60.0 MB; a saved comparison is never more than 50 MB."}
    ]


def test_a_file_given_twice_or_already_compared_is_not_counted_as_added():
    reply = compared([FILES[0], FILES[0]])
    assert reply["status"] == "1 of 2 files added; 1 in the comparison."
    again = compared([FILES[0]], reply["document"])
    assert again["status"] == "0 of 1 file added; 1 in the comparison."
    assert [r["name"] for r in again["document"]["responses"]] == [FILES[0]["name"]]


def test_the_example_goes_only_into_an_empty_comparison():
    """Its invented partners would otherwise be compared, saved and reported with the reader's real ones."""
    mine = compared(FILES[:2])["document"]
    reply = call("compare", document=mine, files=FILES[2:], example=True)
    assert reply["error"]["message"] == "The comparison was not changed."
    assert [p["message"] for p in reply["error"]["problems"]] == [
        "The example goes only into an empty comparison, so that its invented partners are never mixed with "
        "yours. To see it, choose Save the comparison to keep a copy of this one, then Start a new comparison."
    ]
    example = call("compare", document=blank_comparison(BEHAVIOURS), files=FILES, example=True)["result"]
    assert example["status"] == f"{len(FILES)} of {len(FILES)} files added; {len(FILES)} in the comparison."
    # Only the example is refused in a comparison that has files: a file the reader adds is checked as ever
    # (this one is refused as one the comparison has already).
    assert compared(FILES[:1], example["document"])["status"] == f"0 of 1 file added; {len(FILES)} in the comparison."


def test_a_full_record_offers_no_more_actions_and_says_why():
    document = compared()["document"]
    action = {"action": "Agree a purpose", "owner": "", "due": "", "status": "not-started"}
    below = compared([], {**document, "actions": [action] * (MAX_ACTIONS - 1)})["record_html"]
    assert 'data-action="add-action"' in below
    full = compared([], {**document, "actions": [action] * MAX_ACTIONS})["record_html"]
    assert 'data-action="add-action"' not in full  # one more made every later change fail
    assert f"<p>The record holds at most {MAX_ACTIONS} actions. Remove one to add another.</p>" in full


def test_files_that_would_make_the_comparison_too_large_to_open_again_are_not_added(monkeypatch):
    """A comparison the page keeps must leave room for the largest workshop record within the limit,
    or its export would be refused when opened: here the record's room leaves space for two files."""
    two = compared(FILES[:2])["document"]
    size = len(comparison_text(read_comparison(two, BEHAVIOURS)).encode())
    monkeypatch.setattr(record, "LARGEST_RECORD", MAX_COMPARISON_BYTES - size)
    assert compared(FILES[:2])["document"]["responses"] == two["responses"]  # exactly at the limit: kept
    reply = compared([*FILES[2:4], {"name": "bad.json", "text": "{", "size": 1}], two)
    assert reply["document"]["responses"] == two["responses"]  # neither file is added
    assert reply["status"] == "0 of 3 files added; 2 in the comparison."
    [bad, first, second] = reply["refused"]["reasons"]
    assert bad == "bad.json: This file is not valid JSON (line 1, column 2)."  # its own reason, as before
    for line, file in zip((first, second), FILES[2:4], strict=True):
        assert line.startswith(f"{file['name']}: Not added: with the files chosen with it, the comparison would be ")
        assert line.endswith("is never more than 50 MB. Choose fewer files.")


def test_the_room_kept_for_the_record_holds_the_largest_record_its_form_can_make():
    """Every action the form allows, each field at its maxlength in a three-byte character, and an
    agreed answer for every question."""
    wide = "\u20ac"
    action = ActionItem(wide * MAX_TEXT, wide * MAX_SHORT_TEXT, "2027-01-31", "not-started")
    largest = Record({q.id: "disagreement" for q in BEHAVIOURS.questions()}, (action,) * MAX_ACTIONS)
    empty = SavedComparison(BEHAVIOURS.id, BEHAVIOURS.version)
    full = SavedComparison(BEHAVIOURS.id, BEHAVIOURS.version, record=largest)
    assert 0 < len(comparison_text(full).encode()) - len(comparison_text(empty).encode()) <= LARGEST_RECORD


def test_a_file_is_removed_and_the_record_is_kept():
    document = compared(FILES[:3])["document"]
    document["actions"] = [{"action": "Meet", "owner": "Tom", "due": "", "status": "not-started"}]
    reply = call("compare", document=document, files=[], remove=1)["result"]
    assert [r["name"] for r in reply["document"]["responses"]] == [FILES[0]["name"], FILES[2]["name"]]
    assert reply["document"]["actions"] == document["actions"]
    assert reply["status"] == f"{FILES[1]['name']} was removed; 2 files in the comparison."
    listed = reply["files_html"]
    assert FILES[1]["name"] not in listed and "<p>2 files.</p>" in listed
    assert f'data-index="1">Remove<span class="rm-visually-hidden"> {FILES[2]["name"]}</span>' in listed
    for bad in (3, -1, True, "1"):
        error = call("compare", document=document, files=[], remove=bad)["error"]
        assert error["problems"] == [{"path": "remove", "message": "expected the number of one of the 3 files, from 0"}]
    one = call("compare", document=compared(FILES[:1])["document"], files=[], remove=0)["result"]
    assert (one["document"]["responses"], one["files_html"]) == (
        [],
        "<h3>Files in this comparison</h3><p>None yet.</p>",
    )
    anonymous = call("compare", document={**document, "anonymous": True}, files=[])["result"]["files_html"]
    assert "<p>3 files. Their names are not shown in anonymous mode" in anonymous
    assert not any(f["name"] in anonymous for f in FILES[:3]) and "remove-response" not in anonymous


def test_what_an_older_file_lacks_is_said_after_it_was_added_and_in_every_report_and_saved_comparison():
    """A file of version 1 of the checklist: what of it is left out is said whenever the comparison is shown,
    downloaded or opened again, not only when the file is added (the workshop reads the report)."""
    old = Path(__file__).parent / "fixtures" / "format-1" / "behaviours-complete.json"
    files = [{"name": old.name, "text": old.read_text(encoding="utf-8"), "size": old.stat().st_size}, FILES[0]]
    first = compared(files)
    note = "behaviours-complete.json was saved for version 1 of the checklist; this is version 2."
    left_out = "behaviours-complete.json: the comparison leaves out 13 answers to questions this version does not have"
    assert note in first["html"] and left_out in first["html"]
    shown = {"shown again": compared([], first["document"])["html"]}
    for kind in ("markdown", "html"):
        reply = call("compare_report", document=first["document"], format=kind, today="2026-12-01")
        shown[kind] = reply["result"]["file"]["text"]
    saved = call("compare_export", document=first["document"], today="2026-12-01")["result"]["file"]["text"]
    opened = call("compare_open", filename="c.json", size=len(saved), text=saved)["result"]["document"]
    shown["opened"] = compared([], opened)["html"]
    assert {where: (note in text, left_out in text) for where, text in shown.items()} == dict.fromkeys(
        shown, (True, True)
    )


def test_a_comparison_saved_for_another_version_opens_with_what_that_version_lacks_left_out_and_said():
    """A site update that drops a question, or an answer, must not leave a saved comparison unreadable
    (every request on it refused until the reader starts again): its joint answers to what this version
    lacks are left out, and the comparison says so. Saved for this version, such an answer is still refused."""
    document = compared()["document"]
    contested = next(iter(json.loads(handle_json(document))["agenda"]["contested"]))
    agreed = {contested: "disagreement", "dropped-question": "agree", BEHAVIOURS.questions()[0].id: "no-longer"}
    older = {**document, "checklist_version": BEHAVIOURS.version - 1, "agreed": agreed}
    saved = read_comparison(older, BEHAVIOURS)
    assert saved.record.agreed == {contested: "disagreement"}
    left_out = saved.record.notes[0]
    assert left_out.startswith(f"This comparison was saved for version {BEHAVIOURS.version - 1} of the checklist; ")
    assert "The agreed answers to 2 questions are left out" in left_out and "'dropped-question'" in left_out
    reply = compared([], older)
    assert "dropped-question" in reply["html"] and "Disagreement recorded" in reply["html"]
    report = call("compare_report", document=older, format="markdown", today="2026-12-01")["result"]["file"]["text"]
    assert "are left out, as this version does not have those questions" in report
    with pytest.raises(AnswersError):
        read_comparison({**older, "checklist_version": BEHAVIOURS.version}, BEHAVIOURS)
