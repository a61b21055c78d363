"""`python -m checks compare`: formats, exit codes (0, 1, 2), refused files on stderr, limits."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from spreadsheet import csv_rows

from checks.cli import main

ROOT = Path(__file__).parents[1]
EXAMPLES = sorted((ROOT / "checks" / "examples" / "compare-behaviours").glob("*.json"))
FORMAT_1 = ROOT / "tests" / "fixtures" / "format-1"


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(["compare", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def usage(capsys, *argv) -> str:
    with pytest.raises(SystemExit) as exit_info:
        main(["compare", *map(str, argv)])
    assert exit_info.value.code == 2
    return capsys.readouterr().err.splitlines()[-1]


def test_json_lists_every_question_with_its_id_and_whether_it_is_contested(capsys):
    code, out, err = run(capsys, *EXAMPLES, "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert len(data["questions"]) == 40
    assert all(isinstance(q["id"], str) and isinstance(q["contested"], bool) for q in data["questions"])
    assert [q["id"] for q in data["questions"] if q["contested"]] != []
    assert data["files"] == [str(p) for p in EXAMPLES]


def test_refused_files_are_named_on_stderr_and_the_rest_compared(capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    other = FORMAT_1 / "foundations-complete.json"
    code, out, err = run(capsys, *EXAMPLES[:2], bad, other, tmp_path / "missing.json", "--format", "json")
    assert code == 0
    assert err.splitlines() == [
        f"{tmp_path / 'missing.json'}: cannot read the file (No such file or directory)",
        f"{bad}: This file is not valid JSON (line 1, column 2).",
        f"{other}: This file holds answers for 'foundations', not for Behaviours health check.",
    ]
    assert json.loads(out)["respondents"] == 2


def test_fewer_than_two_usable_files_exit_1(capsys, tmp_path):
    code, out, err = run(capsys, EXAMPLES[0], FORMAT_1 / "foundations-complete.json")
    assert (code, out) == (1, "")
    assert err.splitlines()[-1] == (
        "Nothing was compared: a comparison needs 2 or more usable files, and only 1 is usable."
    )
    same = run(capsys, EXAMPLES[0], EXAMPLES[0])  # the same file twice counts once
    assert same[0] == 1
    nothing = tmp_path / "nothing.json"
    nothing.write_text("[]", encoding="utf-8")
    assert run(capsys, nothing, nothing)[0] == 1


def test_usage_errors_exit_2(capsys, tmp_path):
    assert usage(capsys, *EXAMPLES, "--min-group", "2").endswith(
        "--min-group must be 3 or more: smaller groups could be identified"
    )
    assert usage(capsys, *EXAMPLES, "--min-group", "1001").endswith("--min-group must be 1,000 or less")
    assert usage(capsys, *EXAMPLES, "--format", "docx").endswith("name it with --output FILE")
    assert usage(capsys, *EXAMPLES, "--format", "pdf")
    assert usage(capsys, *([EXAMPLES[0]] * 501)).endswith("501 files were chosen; at most 500 can be compared at once.")


def test_every_format(capsys, tmp_path):
    text = run(capsys, *EXAMPLES, "--format", "text")[1]
    assert text.startswith("Behaviours health check: comparison\n") and "Discussion agenda" in text
    markdown = run(capsys, *EXAMPLES, "--format", "markdown")[1]
    assert markdown.startswith("# Behaviours health check: comparison") and "| Question |" in markdown
    rows = csv_rows(run(capsys, *EXAMPLES, "--format", "csv")[1])
    assert rows[0] == ["section", "question_id", "question", "answered", "median", "lowest", "highest", "contested"]
    assert len(rows) == 41
    html = run(capsys, *EXAMPLES, "--format", "html")[1]
    assert html.startswith("<!doctype html>") and "<script" not in html and "<svg" in html
    output = tmp_path / "report.docx"
    assert run(capsys, *EXAMPLES, "--format", "docx", "--output", output)[0] == 0
    paragraphs = [p.text for p in docx.Document(output).paragraphs]
    assert "Discussion agenda" in paragraphs and "Workshop record" in paragraphs


def test_anonymous_shows_no_names_or_file_names(capsys):
    out = run(capsys, *EXAMPLES, "--anonymous", "--format", "json")[1]
    data = json.loads(out)
    assert data["files"] == [] and data["anonymous"] is True
    assert set(data["sections"][0]["by_organisation"].values()) == {"fewer than 5 respondents"}
    text = run(capsys, *EXAMPLES, "--anonymous")[1]
    assert "Priya Shah" not in text and "northgate" not in text
    named = run(capsys, *EXAMPLES)[1]
    assert "Priya Shah" in named
    min_three = json.loads(run(capsys, *EXAMPLES, "--anonymous", "--min-group", "3", "--format", "json")[1])
    assert set(min_three["sections"][0]["by_role"].values()) == {"fewer than 3 respondents"}


def test_report_renders_a_saved_comparison_and_refuses_a_bad_one(capsys, tmp_path, monkeypatch):
    from checks.answers import read_answers
    from checks.compare import SavedComparison, comparison_to_dict
    from checks.compare.inputs import Response
    from checks.definitions import DEFINITIONS_DIR, load_checklist

    checklist = load_checklist(DEFINITIONS_DIR / "behaviours.yml")
    responses = tuple(Response(p.name, read_answers(p.read_bytes(), checklist)) for p in EXAMPLES)
    saved = comparison_to_dict(SavedComparison("behaviours", 2, responses=responses))
    path = tmp_path / "comparison.json"
    path.write_text(json.dumps(saved), encoding="utf-8")
    assert main(["report", str(path), "--format", "markdown"]) == 0
    reported = capsys.readouterr().out
    monkeypatch.chdir(EXAMPLES[0].parent)  # the same files, named as the comparison names them
    assert reported == run(capsys, *(p.name for p in EXAMPLES), "--format", "markdown")[1]
    path.write_text(json.dumps({**saved, "min_group": 1}), encoding="utf-8")
    assert main(["report", str(path)]) == 1
    assert capsys.readouterr().err == f"{path}: The smallest group shown must be a whole number from 3 to 1,000.\n"
