"""The agreement builder's checks, each shown to fire and not to fire; importing registers; and the
worker's actions, hostile imports included (they change nothing and say why)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from checks.agreement import wording
from checks.agreement.definitions import load_builder
from checks.agreement.review import review
from checks.agreement.saved import TAKEN, read_draft, register_rows, with_register
from checks.answers import MAX_BYTES
from checks.errors import AnswersError
from checks.model import MAX_TEXT
from checks.saved_parts import MAX_SHORT_TEXT
from checks.worker_api import handle

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "checks" / "examples"
BUILDER, PLAIN = load_builder("partnership-agreement")
AGREEMENT = BUILDER.agreement
COMPLETE = read_draft((EXAMPLES / "partnership-agreement.json").read_bytes(), AGREEMENT)


def findings(**answers: str) -> list[tuple[str, str]]:
    saved = replace(COMPLETE, answers={**COMPLETE.answers, **answers})
    return [(f.check, f.text) for f in review(AGREEMENT, saved).findings]


def test_the_complete_example_passes_every_check():
    assert findings() == []


def test_a_partner_in_the_matrix_who_is_not_a_party_is_flagged():
    stranger = {
        "table": "matrix",
        "activity": "Buy equipment",
        "responsible": "Example Housing Trust; Example City Council",
    }
    saved = replace(COMPLETE, rows=(*COMPLETE.rows, stranger))
    found = [(f.check, f.text, f.part) for f in review(AGREEMENT, saved).findings]
    assert found == [
        (
            "parties",
            "Example Housing Trust is named in the accountability matrix but is not a party: "
            "add them to the parties, or correct the name.",
            "roles",
        )
    ]


def test_partners_who_are_parties_are_not_flagged_whatever_their_case_and_spacing():
    known = {"table": "risks", "risk": "A risk", "owner": "example  city COUNCIL"}
    assert review(AGREEMENT, replace(COMPLETE, rows=(*COMPLETE.rows, known))).findings == ()


def test_shares_that_do_not_add_up_to_100_are_flagged():
    assert findings(**{"share-2": "30"}) == [("shares", "The contribution shares add up to 90%, not 100%.")]
    assert findings(**{"share-2": "lots"}) == [("shares", "The share of party 2 is not a number from 0 to 100.")]


def test_shares_that_add_up_or_are_not_given_are_not_flagged():
    assert findings(**{"share-1": "62.5%", "share-2": "37.5"}) == []
    assert findings(**{"share-1": "", "share-2": ""}) == []


def test_a_review_outside_the_term_is_flagged():
    outside = "The first review falls outside the term of the agreement."
    assert findings(**{"review-date": "2031-01-01"}) == [("term", outside)]
    assert findings(**{"review-date": "2027-03-31"}) == [("term", outside)]
    assert findings(**{"end-date": "2027-01-01"}) == [("term", "The end date is not after the start date.")]


def test_a_review_within_the_term_is_not_flagged():
    assert findings(**{"review-date": "2030-03-31"}) == []
    assert findings(**{"end-date": ""}) == []


def test_an_exit_without_notice_or_triggers_is_flagged():
    assert findings(**{"exit-notice": ""}) == [("exit", "The exit section says nothing about notice.")]
    both = findings(**{"exit-notice": "", "exit-triggers": " "})
    assert both == [("exit", "The exit section says nothing about notice or triggers for an early exit.")]
    saved = replace(COMPLETE, answers={**COMPLETE.answers, "exit-triggers": ""})
    assert [f.kind for f in review(AGREEMENT, saved).findings] == ["red_flag"]


def test_an_exit_with_notice_and_triggers_is_not_flagged():
    assert findings(**{"exit-notice": "One month", "exit-triggers": "Loss of funding"}) == []


# Importing the registers (issue 15): their saved documents, as their own examples hold them.


def test_the_accountability_matrix_becomes_the_matrix_table():
    found = register_rows((EXAMPLES / "accountability-matrix.json").read_text(encoding="utf-8"))
    assert found.table == "matrix"
    assert found.rows[0] == {
        "table": "matrix",
        "activity": "Approve the annual budget",
        "responsible": "",
        "accountable": "Northbrook City Council",
        "consulted": "Northbrook NHS Trust; Northbrook Community Voice",
        "informed": "Eastside Housing Association",
    }


@pytest.mark.parametrize(("name", "table"), [("risk-register.json", "risks"), ("red-lines-register.json", "red-lines")])
def test_the_risk_and_red_lines_registers_become_their_tables(name, table):
    found = register_rows((EXAMPLES / name).read_bytes())
    assert found.table == table and found.rows and all(row["table"] == table for row in found.rows)


def test_an_imported_register_replaces_only_its_own_table_and_its_partners_are_checked():
    saved, found = with_register(COMPLETE, (EXAMPLES / "risk-register.json").read_bytes())
    assert found.table == "risks"
    assert [r["table"] for r in saved.rows].count("matrix") == 1
    assert all(not r["risk"].startswith("Example") for r in saved.rows if r["table"] == "risks")
    named = {f.text.split(" is named")[0] for f in review(AGREEMENT, saved).findings}
    assert "Northbrook NHS Trust" in named and "Example City Council" not in named


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        json.dumps([1, 2]),
        json.dumps({"format": "relationship-matters-answers/2", "checklist": "behaviours", "rows": []}),
        json.dumps({"format": "relationship-matters-answers/2", "checklist": "risk-register", "rows": "x"}),
        json.dumps(
            {"format": "relationship-matters-answers/2", "checklist": "risk-register", "rows": [], "answers": 1}
        ),
    ],
)
def test_a_file_that_is_not_a_register_is_refused(text):
    with pytest.raises(AnswersError):
        register_rows(text)


# The worker's actions: the one reply shape; a refused file changes nothing.


def ask(action: str, **payload) -> dict:
    request = {"checklist": AGREEMENT.id, "version": AGREEMENT.version, "definition": PLAIN, **payload}
    return json.loads(handle(action, json.dumps(request)))


DOCUMENT = json.loads((EXAMPLES / "partnership-agreement.json").read_text(encoding="utf-8"))
HOSTILE = [
    ("not json at all", "This file is not valid JSON"),
    (json.dumps({**DOCUMENT, "checklist": "behaviours"}), "This file holds answers for 'behaviours'"),
    (json.dumps({**DOCUMENT, "rows": [{"table": "budget", "x": "1"}]}), "Row 1 must say which table it belongs to"),
    (json.dumps({**DOCUMENT, "rows": [{"table": "risks", "script": "<b>"}]}), "has fields it does not use"),
    (json.dumps({**DOCUMENT, "answers": {"status-parties": "signed"}}), "which it does not accept"),
    (json.dumps({**DOCUMENT, "answers": {"start-date": "tomorrow"}}), "which it does not accept"),
    (json.dumps({**DOCUMENT, "answers": {"shared-aims": "x" * 2001}}), "2,001 characters long"),
    (json.dumps({**DOCUMENT, "format": "relationship-matters-answers/9"}), "saved by a newer version"),
]


@pytest.mark.parametrize(("text", "reason"), HOSTILE)
def test_a_hostile_draft_is_refused_with_its_reason_and_no_document(text, reason):
    reply = ask("agreement_import", filename="draft.json", size=len(text), text=text)
    assert "result" not in reply
    assert reply["error"]["message"] == "draft.json was not imported, and your draft was not changed."
    assert any(reason in problem["message"] for problem in reply["error"]["problems"]), reply


def test_a_file_too_big_is_refused_by_its_size():
    reply = ask("agreement_import", filename="big.json", size=AGREEMENT.max_bytes + 1, text="{}")
    most = f"a saved draft is never more than {AGREEMENT.max_bytes / 1_000_000:g} MB"
    assert "result" not in reply and most in reply["error"]["problems"][0]["message"]


def test_a_good_draft_is_imported_and_comes_back_clean():
    text = json.dumps(DOCUMENT)
    reply = ask("agreement_import", filename="draft.json", size=len(text), text=text)
    assert reply["result"]["document"] == DOCUMENT
    assert reply["result"]["status"] == "The draft in draft.json was imported."


def test_a_register_is_imported_into_the_draft_and_a_bad_one_changes_nothing():
    text = (EXAMPLES / "red-lines-register.json").read_text(encoding="utf-8")
    reply = ask("agreement_register", document=DOCUMENT, filename="lines.json", size=len(text), text=text)
    rows = reply["result"]["document"]["rows"]
    assert [r["table"] for r in rows].count("red-lines") >= 2 and rows[:2] == DOCUMENT["rows"]
    count = [r["table"] for r in rows].count("red-lines")
    assert reply["result"]["status"].startswith(f"lines.json was imported into the red lines table: {count} rows. ")
    refused = ask("agreement_register", document=DOCUMENT, filename="x.json", size=3, text=json.dumps(DOCUMENT))
    assert "result" not in refused
    assert refused["error"]["message"] == "x.json was not imported, and your draft was not changed."


def test_a_register_imported_over_a_tables_rows_says_how_many_it_replaced():
    first = register_with("red-lines-register.json", 3, only=TAKEN["red-lines"])
    reply = ask("agreement_register", document=DOCUMENT, filename="ours.json", size=len(first), text=first)
    assert reply["result"]["status"] == "ours.json was imported into the red lines table: 3 rows."
    second = register_with("red-lines-register.json", 1, only=TAKEN["red-lines"])
    draft = reply["result"]["document"]
    again = ask("agreement_register", document=draft, filename="theirs.json", size=len(second), text=second)
    assert again["result"]["status"] == (
        "theirs.json was imported into the red lines table: 1 row, in place of the 3 rows there before."
    )
    assert [r["table"] for r in again["result"]["document"]["rows"]].count("red-lines") == 1


def test_a_register_saved_by_a_newer_toolkit_is_refused_as_the_register_pages_refuse_it():
    data = json.loads((EXAMPLES / "risk-register.json").read_text(encoding="utf-8"))
    text = json.dumps({**data, "format": data["format"].rsplit("/", 1)[0] + "/9"})
    reply = ask("agreement_register", document=DOCUMENT, filename="new.json", size=len(text), text=text)
    assert "result" not in reply
    assert reply["error"]["problems"][0]["message"].startswith(
        "This file was saved by a newer version of the toolkit (format 9)."
    )


def register_with(name: str, count: int, only: tuple[str, ...] | None = None) -> str:
    """The example register `name`, its first row repeated to `count` rows (keeping `only` its columns)."""
    data = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    first = {k: v for k, v in data["rows"][0].items() if only is None or k in only}
    data["rows"] = [first] * count
    return json.dumps(data)


def test_an_import_names_the_registers_columns_the_table_has_no_place_for():
    """A risk's sharing, status and review date are not in the agreement's risk table: the status says
    so in the register's own words, and only for columns that held something."""
    data = json.loads((EXAMPLES / "risk-register.json").read_text(encoding="utf-8"))
    data["rows"] = [{**data["rows"][0], "sharing": "", "status": "open", "review": "2027-03-31"}]
    text = json.dumps(data)
    reply = ask("agreement_register", document=DOCUMENT, filename="risks.json", size=len(text), text=text)
    assert reply["result"]["status"] == (
        "risks.json was imported into the risk register table: 1 row, in place of the 1 row there before. "
        "The table has no column for the "
        "register's “Status” and “Review date”, so those stay in the register only."
    )
    data["rows"] = [{k: v for k, v in data["rows"][0].items() if k != "review"}]
    assert register_rows(json.dumps(data)).left_out == ("status",)


@pytest.mark.parametrize("name", ["accountability-matrix.json", "risk-register.json", "red-lines-register.json"])
def test_the_columns_said_to_be_left_out_are_those_the_table_does_not_use(name):
    """TAKEN, the columns each table is made from, is true of `register_rows` itself: blanking a
    column it names changes the rows, and blanking any other column changes nothing."""
    data = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    found = register_rows(json.dumps(data))
    for column in {key for row in data["rows"] for key in row if not key.startswith("partner-")}:
        blanked = {**data, "rows": [{**row, column: ""} for row in data["rows"]]}
        assert (register_rows(json.dumps(blanked)).rows != found.rows) == (column in TAKEN[found.table]), column
        assert (column in found.left_out) == (column not in TAKEN[found.table]), column


def test_registers_that_would_take_the_draft_past_its_rows_are_refused_and_the_draft_still_exports():
    """Up to 200 rows from the registers together: a draft with more could be neither read nor exported."""
    risks = register_with("risk-register.json", 120)
    reply = ask("agreement_register", document=DOCUMENT, filename="risks.json", size=len(risks), text=risks)
    document = reply["result"]["document"]
    kept = sum(row["table"] != "red-lines" for row in document["rows"])
    lines = register_with("red-lines-register.json", 201 - kept)
    refused = ask("agreement_register", document=document, filename="lines.json", size=len(lines), text=lines)
    assert "result" not in refused, len(refused["result"]["document"]["rows"])
    assert refused["error"]["problems"] == [{"path": "", "message": wording.too_many_rows(200, 201 - kept, kept)}]
    assert f"This register has {201 - kept} to import, and the draft already has {kept} " in wording.too_many_rows(
        200, 201 - kept, kept
    )
    lines = register_with("red-lines-register.json", 200 - kept)  # exactly 200: taken, and still exported
    document = ask("agreement_register", document=document, filename="lines.json", size=len(lines), text=lines)
    assert len(document["result"]["document"]["rows"]) == 200
    assert "file" in ask("agreement_export", document=document["result"]["document"], today="2026-12-01")["result"]


def test_preview_preset_export_and_report_replies():
    assert ask("agreement_preview", document=DOCUMENT)["result"]["html"].startswith("<h3>")
    preset = ask("agreement_preset", preset="voluntary-mou")["result"]
    assert preset["document"]["answers"]["preset"] == "voluntary-mou"
    exported = ask("agreement_export", document=DOCUMENT, today="2026-12-01")["result"]["file"]
    assert json.loads(exported["text"]) == DOCUMENT
    assert exported["name"] == "joint-community-equipment-service-draft-2026-12-01.json"
    word = ask("agreement_report", document=DOCUMENT, format="docx", today="2026-12-01")["result"]["file"]
    assert word["name"].endswith(".docx") and word["base64"]
    assert "error" in ask("agreement_report", document=DOCUMENT, format="pdf", today="2026-12-01")
    assert "error" in ask("agreement_preset", preset="no-such-thing")


def test_a_register_entry_too_long_for_the_agreement_is_refused_and_the_draft_still_reads():
    """A risk's reference goes before its description in the agreement's table: a description as long as the
    register allows (2,000 characters, what a pasted text is cut to) would make a cell the draft cannot hold,
    and every later request (preview, export) would then fail on it."""
    data = json.loads((EXAMPLES / "risk-register.json").read_text(encoding="utf-8"))
    data["rows"][1]["description"] = "x" * 2000
    text = json.dumps(data)
    refused = ask("agreement_register", document=DOCUMENT, filename="risks.json", size=len(text), text=text)
    assert "result" not in refused, ask("agreement_preview", document=refused["result"]["document"])
    assert refused["error"]["problems"] == [
        {
            "path": "",
            "message": wording.entry_too_long(2, "Risk", "risk register", 2000 + len(data["rows"][1]["ref"]) + 2),
        }
    ]


def test_registers_that_would_make_a_draft_too_large_to_import_again_are_refused():
    """Each register's file is within the limit, but the draft holding both would not be: it could be exported
    but never imported again."""
    long = "–" * 1990  # three bytes a character
    risks = json.loads(register_with("risk-register.json", 80))
    risks["rows"] = [{**row, "description": long, "mitigations": long} for row in risks["rows"]]
    lines = json.loads(register_with("red-lines-register.json", 110))
    lines["rows"] = [{**row, "line": long} for row in lines["rows"]]
    document = DOCUMENT
    for name, data in (("risks.json", risks), ("lines.json", lines)):
        text = json.dumps(data, ensure_ascii=False)
        assert len(text.encode()) < MAX_BYTES
        reply = ask("agreement_register", document=document, filename=name, size=len(text.encode()), text=text)
        if "error" in reply:
            break
        document = reply["result"]["document"]
    else:
        exported = ask("agreement_export", document=document, today="2026-12-01")["result"]["file"]["text"]
        again = ask("agreement_import", filename="d.json", size=len(exported.encode()), text=exported)
        raise AssertionError(again.get("error"))
    assert (
        name == "lines.json"
        and reply["error"]["message"] == "lines.json was not imported, and your draft was not changed."
    )
    assert reply["error"]["problems"][0]["message"].startswith("With these rows your draft would be 1.")


def test_a_draft_filled_in_after_its_registers_came_in_is_imported_again():
    """Registers are let into a draft while it stays within 1 MB; the reader may then fill every field of
    the form to its limit. The file the builder exports then must still import: it was refused as over 1 MB."""
    long = "–" * 1990  # three bytes a character
    risks = json.loads(register_with("risk-register.json", 80))
    risks["rows"] = [{**row, "description": long, "mitigations": long} for row in risks["rows"]]
    text = json.dumps(risks, ensure_ascii=False)
    reply = ask("agreement_register", document=DOCUMENT, filename="r.json", size=len(text.encode()), text=text)
    document = reply["result"]["document"]
    assert len(json.dumps(document, ensure_ascii=False).encode()) > 0.9 * MAX_BYTES  # just under the limit
    limits = {"text": MAX_TEXT, "line": MAX_SHORT_TEXT}
    for key, item in AGREEMENT.keys().items():
        if item.kind in limits:
            document["answers"][key] = "–" * limits[item.kind]
        elif item.kind == "choice":
            document["answers"][key] = max((option.id for option in item.options), key=len)
    exported = ask("agreement_export", document=document, today="2026-12-01")["result"]["file"]["text"]
    assert len(exported.encode()) > MAX_BYTES
    again = ask("agreement_import", filename="d.json", size=len(exported.encode()), text=exported)
    assert "result" in again, again
    assert again["result"]["document"]["answers"] == document["answers"]
    assert len(exported.encode()) <= AGREEMENT.max_bytes


@pytest.mark.parametrize(
    ("answers", "fields"),
    [
        ({"share-2": "30"}, ["share-1", "share-2"]),
        ({"share-2": "lots"}, ["share-2"]),
        ({"review-date": "2031-01-01"}, ["review-date"]),
        ({"end-date": "2027-01-01"}, ["start-date", "end-date"]),
        ({"exit-notice": "", "exit-triggers": ""}, ["exit-notice", "exit-triggers"]),
    ],
)
def test_each_finding_names_the_fields_it_is_about_and_the_preview_gives_it_for_each(answers, fields):
    """So the page can read it out with those fields, where a screen reader on the share or the date is."""
    saved = replace(COMPLETE, answers={**COMPLETE.answers, **answers})
    [finding] = review(AGREEMENT, saved).findings
    assert list(finding.keys) == fields
    document = {**DOCUMENT, "answers": {**DOCUMENT["answers"], **answers}}
    reply = ask("agreement_preview", document=document)["result"]
    assert reply["fields"] == {key: [finding.text] for key in fields}
    assert ask("agreement_preview", document=DOCUMENT)["result"]["fields"] == {}


def test_every_field_of_the_form_has_a_place_for_its_findings_read_with_it():
    from checks.agreement.form import agreement_form

    markup = agreement_form(AGREEMENT, "../../")
    for key in ("share-1", "review-date", "exit-notice"):
        box = f'id="ag-{key}-problems"'
        assert f'<div class="rm-field-problems" {box} data-key="{key}"></div>' in markup
        control = re.search(rf'<(?:input|textarea)[^>]*data-answer="{key}"[^>]*>', markup).group(0)
        assert f"ag-{key}-problems" in re.search(r'aria-describedby="([^"]*)"', control).group(1)


def test_roles_given_to_partners_the_matrix_does_not_name_are_said_to_be_left_out():
    data = json.loads((EXAMPLES / "accountability-matrix.json").read_text(encoding="utf-8"))
    data["answers"]["partner-4"] = " "
    data["rows"] = [{k: v for k, v in row.items() if k != "notes"} for row in data["rows"][:2]]
    text = json.dumps(data)
    reply = ask("agreement_register", document=DOCUMENT, filename="matrix.json", size=len(text), text=text)
    assert reply["result"]["status"].endswith(
        "2 roles were given to partners the register does not name, and left out: name them in the register "
        "and import it again."
    )
    assert all("Eastside" not in json.dumps(row) for row in reply["result"]["document"]["rows"])
    data["answers"]["partner-4"] = "Eastside Housing Association"
    assert register_rows(json.dumps(data)).unnamed == 0
