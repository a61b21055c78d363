"""Every register definition and example: validates, reads, renders in every format, and refuses
hostile files with a plain message. A new register definition is covered without new tests."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import docx
import pytest
from spreadsheet import csv_text

from checks import AnswersError, DefinitionError, load_docs_index
from checks.cli import main
from checks.plurals import counted
from checks.registers import (
    blank_register,
    check_register,
    load_register,
    read_register,
    register_files,
    register_from_mapping,
    register_to_dict,
    result_to_dict,
)
from checks.registers.files import export_file, render
from checks.registers.model import MAX_CELL, MAX_PARTNERS, MAX_ROWS, partner_key
from checks.registers.report import KIND_MODULES
from checks.saved_parts import MAX_SHORT_TEXT
from checks.worker_api import handle

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "checks" / "examples"
FILES = register_files()
TODAY = date(2026, 12, 1)


@pytest.fixture(params=FILES, ids=[p.stem for p in FILES])
def register(request):
    return load_register(request.param, load_docs_index(ROOT / "docs"))


@pytest.fixture
def example(register):
    return read_register((EXAMPLES / f"{register.id}.json").read_bytes(), register)


def test_every_kind_has_a_definition_and_an_example():
    kinds = {load_register(p).kind for p in FILES}
    assert kinds == {"accountability-matrix", "red-lines", "risk-register"}
    assert {p.stem for p in FILES} <= {p.stem for p in EXAMPLES.glob("*.json")}


def test_the_id_matches_the_file_name(register):
    assert Path(register.source).stem == register.id


def test_the_example_round_trips_and_has_findings(register, example):
    assert read_register(register_to_dict(example), register) == example
    result = check_register(register, example, TODAY)
    assert result.findings, "each example shows what the tool finds"
    assert all(f.path and f.message for f in result.findings)


@pytest.mark.parametrize("format_name", ["text", "markdown", "csv", "json", "html"])
def test_renders_in_every_text_format(register, example, format_name):
    out = render(check_register(register, example, TODAY), format_name)
    assert isinstance(out, str) and out


def test_json_findings_are_path_and_message(register, example):
    data = json.loads(render(check_register(register, example, TODAY), "json"))
    assert all(set(f) == {"path", "message"} for f in data["findings"])


def test_the_word_report_opens_with_its_tables(register, example):
    document = docx.Document(io.BytesIO(render(check_register(register, example, TODAY), "docx")))
    assert document.tables
    assert len(document.tables[0].rows) == len(example.rows) + 1  # header and one row per entry


def test_the_blank_document_reads_and_has_no_findings(register):
    saved = read_register(blank_register(register), register)
    assert check_register(register, saved, TODAY).findings == ()


def test_the_matrix_csv_opens_as_one_sheet():
    register = load_register(FILES[0])
    saved = read_register((EXAMPLES / "accountability-matrix.json").read_bytes(), register)
    text = render(check_register(register, saved, TODAY), "csv")
    assert csv_text(text).splitlines()[0] == (
        "Activity or decision,Northbrook City Council,Northbrook NHS Trust,Northbrook Community Voice,"
        "Eastside Housing Association,Notes"
    )
    assert "\r\n" in text
    # The notes are in every report: the matrix table is the only place the report shows them.
    for format_name in ("csv", "markdown", "html"):
        assert "The board signs off in March." in render(check_register(register, saved, TODAY), format_name)


def test_a_definition_missing_a_needed_column_names_it():
    data = {
        "id": "x",
        "title": "X",
        "version": 1,
        "kind": "risk-register",
        "description": "d",
        "guidance": "index.md",
        "row_name": "risk",
        "settings": [{"id": "threshold", "label": "T", "kind": "whole"}],
        "columns": [{"id": "ref", "label": "Ref", "kind": "text"}],
    }
    with pytest.raises(DefinitionError) as error:
        register_from_mapping(data, "x.yml")
    assert "x.yml: columns: a risk-register register needs a 'score' column with id 'likelihood'" in str(error.value)


# Hostile and oversized files: refused with a plain message.


def document(register, **changes):
    return {**blank_register(register), **changes}


def refused(source, register) -> str:
    with pytest.raises(AnswersError) as error:
        read_register(source, register)
    return str(error.value)


def test_a_file_of_the_wrong_kind_is_refused(register):
    other = next(p.stem for p in FILES if p.stem != register.id)
    assert "not a" in refused(document(register, checklist=other), register)
    assert "not a" in refused(document(register, checklist="behaviours"), register)


SAVED_FILE = {
    "accountability-matrix": "a saved accountability matrix",
    "red-lines-register": "a saved red-lines register",
    "risk-register": "a saved partnership risk register",
}


def test_a_file_larger_than_the_largest_register_is_refused_by_the_register_s_name(register):
    size = register.max_bytes + 1
    limit = f"{register.max_bytes // 1_000_000} MB"
    expected = f"This file is {size / 1e6:.1f} MB; {SAVED_FILE[register.id]} is never more than {limit}."
    assert refused(b" " * size, register) == expected


def test_the_largest_register_the_form_allows_is_imported_again(register):
    """Every row used and every entry as long as the form lets it be, in a three-byte character: the file
    the page exports is read back (a 1 MB limit refused a full risk register the page had saved)."""
    wide = "\u20ac"  # the euro sign: three bytes in UTF-8, one unit of a form's maxlength
    row = {}
    for column in register.columns:
        if column.kind == "roles":
            role = max((o.id for o in column.options), key=len)
            row |= {partner_key(n): role for n in range(1, MAX_PARTNERS + 1)}
        elif column.options:
            row[column.id] = max((o.id for o in column.options), key=len)
        else:
            row[column.id] = wide * MAX_CELL
    partners = {partner_key(n): wide * MAX_SHORT_TEXT for n in range(1, MAX_PARTNERS + 1)}
    saved = read_register(document(register, answers=partners, rows=[row] * MAX_ROWS), register)
    exported = export_file(check_register(register, saved, TODAY), TODAY).content.encode("utf-8")
    assert len(exported) > 1_000_000
    assert read_register(exported, register) == saved


def test_ten_thousand_rows_are_refused(register):
    message = refused(document(register, rows=[{}] * 10_000), register)
    assert message == "This file holds 10,000 rows; a document never has more than 200."


def test_more_than_twenty_partners_are_refused(register):
    answers = {f"partner-{n}": f"P{n}" for n in range(1, 22)}
    assert "more than 20 partners" in refused(document(register, answers=answers), register)


def test_a_cell_over_2000_characters_is_refused(register):
    first = register.columns[0].id
    message = refused(document(register, rows=[{first: "x" * 2001}]), register)
    assert message == f"Row 1, field '{first}': the entry is 2,001 characters long; an entry is never more than 2,000."


def test_script_in_a_cell_is_kept_as_text_and_escaped(register):
    first = register.columns[0].id
    saved = read_register(document(register, rows=[{first: "<script>alert(1)</script>"}]), register)
    html = render(check_register(register, saved, TODAY), "html")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_row_not_named_yet_is_called_by_its_number_in_the_report(register):
    """The first cell heads its row (th scope="row" in HTML): left blank, a screen reader would announce
    an empty header, so the report calls the row as its findings do. The data keeps the blank."""
    named, second = register.columns[0].id, register.columns[1].id
    saved = read_register(document(register, rows=[{named: "Named"}, {second: ""}]), register)
    result = check_register(register, saved, TODAY)
    html = render(result, "html")
    name = register.row_name.capitalize()
    assert '<th scope="row">Named</th>' in html and f'<th scope="row">{name} 2</th>' in html
    assert '<th scope="row"></th>' not in html
    _, (data, *_) = KIND_MODULES[register.kind].blocks(register, saved, TODAY)
    assert [row[0] for row in data.rows] == ["Named", ""], "the data keeps the blank"


# The command line and the worker give the same data.


def test_the_command_line_reports_every_example(register, capsys, tmp_path):
    path = EXAMPLES / f"{register.id}.json"
    assert main(["report", str(path), "--format", "json", "--today", "2026-12-01"]) == 0
    expected = result_to_dict(check_register(register, read_register(path.read_bytes(), register), TODAY))
    assert json.loads(capsys.readouterr().out) == expected
    assert main(["report", str(path), "--format", "docx", "--output", str(tmp_path / "r.docx")]) == 0


def test_the_command_line_refuses_an_unreadable_register(register, capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document(register, rows="nope")))
    assert main(["report", str(bad)]) == 1
    assert capsys.readouterr().err == f"{bad}: The rows must be a list of entries, each a set of named fields.\n"


def test_the_worker_checks_imports_and_reports(register):
    definition = __import__("checks.loader", fromlist=["x"]).load_definition(
        FILES[[p.stem for p in FILES].index(register.id)]
    )
    example = json.loads((EXAMPLES / f"{register.id}.json").read_text())
    base = {"checklist": register.id, "version": register.version, "definition": definition, "today": "2026-12-01"}
    reply = json.loads(handle("register_check", json.dumps({**base, "document": example})))["result"]
    expected = result_to_dict(check_register(register, read_register(example, register), TODAY))
    assert reply["data"] == expected
    assert len(reply["marks"]) == len(example["rows"])
    bad = json.loads(handle("register_import", json.dumps({**base, "filename": "x.json", "size": 5, "text": "[1]"})))
    assert bad["error"]["message"] == "x.json was not imported, and your saved register was not changed."
    huge = {**base, "filename": "x.json", "size": register.max_bytes + 1, "text": "{}"}  # refused unread
    problems = json.loads(handle("register_import", json.dumps(huge)))["error"]["problems"]
    assert [p["message"] for p in problems] == [
        f"This file is {huge['size'] / 1e6:.1f} MB; {SAVED_FILE[register.id]} "
        f"is never more than {register.max_bytes // 1_000_000} MB."
    ]
    word = json.loads(handle("register_report", json.dumps({**base, "document": example, "format": "docx"})))
    exported = json.loads(handle("register_export", json.dumps({**base, "document": example})))["result"]["file"]
    assert word["result"]["file"]["name"] == exported["name"].replace("-2026-12-01.json", "-report-2026-12-01.docx")


def test_the_readme_tables_are_the_declared_fields():
    from checks.fields import table
    from checks.registers.spec import COLUMN, OPTION, REGISTER, REGISTERS_DIR

    readme = (REGISTERS_DIR / "README.md").read_text(encoding="utf-8")
    for spec in (REGISTER, COLUMN, OPTION):
        assert table([("", spec)]) in readme, f"the README should have, as generated:\n\n{table([('', spec)])}"


def test_validate_checks_every_register_definition_too(capsys):
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    for path in FILES:
        assert f"{path.name}: valid ({load_register(path).kind}, " in out


# Removing a partner: those after it move up a place, and whatever a row gives them goes with them.


def removing(register, document, number: int) -> dict:
    """The worker's reply to removing partner `number` from `document`."""
    definition = __import__("checks.loader", fromlist=["x"]).load_definition(
        FILES[[p.stem for p in FILES].index(register.id)]
    )
    payload = {"checklist": register.id, "version": register.version, "definition": definition}
    return json.loads(
        handle("register_remove_partner", json.dumps({**payload, "document": document, "partner": number}))
    )


def by_name(register, document) -> list[dict[str, str]]:
    """Each matrix row's roles by the partner's name, as its findings and report read them."""
    from checks.registers.matrix import roles

    saved = read_register(document, register)
    return [roles(saved, row) for row in saved.rows]


def test_removing_a_matrix_partner_keeps_every_other_role_with_its_own_partner():
    register = load_register(EXAMPLES.parent / "definitions" / "registers" / "accountability-matrix.yml")
    example = json.loads((EXAMPLES / "accountability-matrix.json").read_text())
    reply = removing(register, example, 2)["result"]
    assert reply["confirm"] == {
        "question": "Remove partner 2 (Northbrook NHS Trust)? It has a role in 4 activities: Activity 1 (Approve "
        "the annual budget), Activity 2 (Run the single referral line), Activity 3 (Report outcomes to the board) "
        "and Activity 5 (Handle complaints). Those roles are removed with it. Export your register first if you "
        "want to keep a copy.",
        "declined": "Partner 2 (Northbrook NHS Trust) was not removed, and your register has not changed.",
    }
    assert reply["status"] == "Partner 2 (Northbrook NHS Trust) removed. The partners after it moved up one place."
    after = reply["document"]
    assert after["answers"] == {
        "partner-1": "Northbrook City Council",
        "partner-2": "Northbrook Community Voice",
        "partner-3": "Eastside Housing Association",
    }
    before = by_name(register, example)
    assert by_name(register, after) == [
        {name: role for name, role in roles.items() if name != "Northbrook NHS Trust"} for roles in before
    ]
    # Eastside's roles, moved up from partner-4, and Community Voice's from partner-3
    assert [row.get("partner-3") for row in after["rows"]] == ["I", "I", None, None, None]
    assert [row.get("partner-2") for row in after["rows"]] == ["C", "R", "C", "C", "I"]
    assert all("partner-4" not in row for row in after["rows"])
    assert after["rows"][0]["notes"] == "The board signs off in March."


def test_removing_a_partner_nothing_refers_to_asks_nothing():
    register = load_register(EXAMPLES.parent / "definitions" / "registers" / "accountability-matrix.yml")
    mine = document(
        register,
        answers={"partner-1": "A", "partner-2": "B", "partner-3": "C"},
        rows=[{"activity": "Run it", "partner-1": "A", "partner-3": "R", "partner-25": "kept as it is"}],
    )
    reply = removing(register, mine, 2)["result"]
    assert reply["confirm"] is None
    assert reply["status"] == "Partner 2 (B) removed. The partners after it moved up one place."
    assert reply["document"]["answers"] == {"partner-1": "A", "partner-2": "C"}
    # C's role moves up with C; a field past the last partner's is not one of theirs, and stays.
    assert reply["document"]["rows"] == [
        {"activity": "Run it", "partner-1": "A", "partner-2": "R", "partner-25": "kept as it is"}
    ]
    last = removing(register, reply["document"], 3)["result"]  # a slot with no name and no roles
    assert (last["confirm"], last["status"]) == (None, "Partner 3 removed.")
    assert last["document"]["rows"] == reply["document"]["rows"]


def test_a_partner_unnamed_but_given_roles_is_asked_about_too():
    register = load_register(EXAMPLES.parent / "definitions" / "registers" / "accountability-matrix.yml")
    rows = [{"activity": f"Task {n}", "partner-3": "C"} for n in range(1, 9)]
    reply = removing(register, document(register, answers={"partner-1": "A"}, rows=rows), 3)["result"]
    assert reply["confirm"]["question"] == (
        "Remove partner 3? It has a role in 8 activities: Activity 1 (Task 1), Activity 2 (Task 2), Activity 3 "
        "(Task 3), Activity 4 (Task 4), Activity 5 (Task 5) and 3 more. Those roles are removed with it. "
        "Export your register first if you want to keep a copy."
    )
    assert all("partner-3" not in row for row in reply["document"]["rows"])


@pytest.mark.parametrize("stem", ["red-lines-register", "risk-register"])
def test_removing_a_partner_rows_name_as_owner_asks_first_and_keeps_the_rows_as_they_are(stem):
    register = load_register(EXAMPLES.parent / "definitions" / "registers" / f"{stem}.yml")
    example = json.loads((EXAMPLES / f"{stem}.json").read_text())
    owner = register.column("owner")
    owned = [
        f"{register.row_name.capitalize()} {index}"
        for index, row in enumerate(example["rows"], 1)
        if row["owner"] == "Northbrook NHS Trust"
    ]
    reply = removing(register, example, 2)["result"]
    question = reply["confirm"]["question"]
    rows = counted(len(owned), register.row_name)
    assert question.startswith(f"Remove partner 2 (Northbrook NHS Trust)? {rows} name")
    assert f"it under “{owner.label}”: {owned[0]} (" in question
    assert question.endswith(
        "but the findings will say it is not one of the partners. Export your register first if "
        "you want to keep a copy."
    )
    assert reply["document"]["rows"] == example["rows"]  # rows name partners by name: nothing moves
    settings = {key: value for key, value in example["answers"].items() if not key.startswith("partner-")}
    partners = {"partner-1": "Northbrook City Council", "partner-2": "Northbrook Community Voice"}
    assert reply["document"]["answers"] == {**partners, **settings}
    # A partner whose name another partner shares leaves the rows naming a partner still: nothing to ask.
    twice = {**example, "answers": {**example["answers"], "partner-4": "Northbrook NHS Trust"}}
    assert removing(register, twice, 2)["result"]["confirm"] is None


def test_a_partner_to_remove_is_one_of_the_twenty(register):
    for number in (0, MAX_PARTNERS + 1):
        reply = removing(register, blank_register(register), number)
        assert reply["error"]["message"] == "The partner was not removed, and your saved register was not changed."
        assert [p["path"] for p in reply["error"]["problems"]] == ["partner"]
