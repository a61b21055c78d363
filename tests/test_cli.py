"""The command line: exit 0 on success, 1 on invalid input (reason on stderr, no traceback), 2 on usage errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import docx
import pytest
import yaml
from answer_sets import MIXED
from spreadsheet import csv_text

from checks.answers import FORMAT
from checks.cli import largest_file, main
from checks.reports import CSV_COLUMNS

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def definition(tmp_path, assessment_data) -> Path:
    path = tmp_path / "team-health.yml"
    path.write_text(yaml.safe_dump(assessment_data, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def docs(tmp_path, docs_index) -> Path:
    """A docs folder with the pages and anchors the test checklists link to."""
    root = tmp_path / "docs"
    for page, anchors in docs_index.items():
        path = root / page
        path.parent.mkdir(parents=True, exist_ok=True)
        headings = [f"## Heading {anchor} {{#{anchor}}}" for anchor in sorted(anchors)]
        path.write_text("\n\n".join(["# Page", *headings]) + "\n", encoding="utf-8")
    return root


@pytest.fixture
def answers_file(tmp_path, answers_document) -> Path:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers_document(answers=MIXED)), encoding="utf-8")
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


def usage_error(capsys, *argv: str) -> str:
    with pytest.raises(SystemExit) as excinfo:
        main([str(arg) for arg in argv])
    assert excinfo.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    return err


# validate


def test_validate_a_good_file(capsys, definition, docs):
    code, out, err = run(capsys, "validate", definition, "--docs", docs)
    assert code == 0
    assert out == f"{definition}: valid (2 sections, 7 questions)\n"
    assert err == ""


def test_validate_without_a_docs_folder_says_links_were_not_checked(capsys, definition, tmp_path):
    code, out, err = run(capsys, "validate", definition, "--docs", tmp_path / "nowhere")
    assert code == 0
    assert out == f"{definition}: valid (2 sections, 7 questions)\n"
    assert err == f"Guidance links were not checked: no docs folder at {tmp_path / 'nowhere'}\n"


def test_validate_reports_every_problem_with_the_file_name(capsys, tmp_path, definition, docs, assessment_data):
    assessment_data["sections"][0]["questions"][0]["weight"] = "high"
    assessment_data["sections"][1]["guidance"] = "foundations/goals.md#nowhere"
    bad = tmp_path / "bad.yml"
    bad.write_text(yaml.safe_dump(assessment_data), encoding="utf-8")
    code, out, err = run(capsys, "validate", bad, definition, "--docs", docs)
    assert code == 1
    assert out == f"{definition}: valid (2 sections, 7 questions)\n"
    assert err == (
        f"{bad}: sections[0].questions[0].weight: expected a positive number, got 'high'\n"
        f"{bad}: sections[1].guidance: page 'foundations/goals.md' has no heading with anchor 'nowhere'\n"
    )
    assert "Traceback" not in err


def test_validate_a_file_that_is_not_yaml(capsys, tmp_path, docs):
    bad = tmp_path / "bad.yml"
    bad.write_text("id: [\n", encoding="utf-8")
    code, out, err = run(capsys, "validate", bad, "--docs", docs)
    assert code == 1
    assert out == ""
    assert err.startswith(f"{bad}: line 2: not valid YAML (")
    assert "Traceback" not in err


def test_validate_a_missing_file(capsys, tmp_path, docs):
    missing = tmp_path / "missing.yml"
    code, _, err = run(capsys, "validate", missing, "--docs", docs)
    assert code == 1
    assert err == f"{missing}: cannot read the file (No such file or directory)\n"


def test_validate_every_real_definition_by_default(capsys):
    code, out, err = run(capsys, "validate")
    assert code == 0, err
    assert err == ""
    definitions = ROOT / "checks" / "definitions"
    assert out.count(": valid (") == len([*definitions.glob("*.yml"), *definitions.glob("registers/*.yml")])


# score


def test_score_prints_a_text_report(capsys, answers_file, definition):
    code, out, err = run(capsys, "score", answers_file, "--definition", definition)
    assert (code, err) == (0, "")
    assert out.startswith("Team health: results\n")
    assert "\nOverall: 57 out of 100, Developing: Some good habits are in place.\n" in out
    assert "\n  Trust    69     Developing       4 of 4\n" in out
    assert "\n  Goals    45     Needs attention  3 of 3\n" in out


def test_score_formats(capsys, answers_file, definition):
    code, out, _ = run(capsys, "score", answers_file, "--definition", definition, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert (data["score"], [s["score"] for s in data["sections"]]) == (57, [69, 45])

    code, out, _ = run(capsys, "score", answers_file, "--definition", definition, "--format", "csv")
    assert code == 0
    assert csv_text(out).splitlines()[0] == ",".join(CSV_COLUMNS)
    assert len(out.splitlines()) == 8

    code, out, _ = run(capsys, "score", answers_file, "--definition", definition, "--format", "markdown")
    assert code == 0
    assert out.startswith("# Team health: results\n")

    code, out, _ = run(capsys, "score", answers_file, "--definition", definition, "--format", "html")
    assert code == 0
    assert out.startswith('<p class="rm-summary rm-visually-hidden">Overall: 57 out of 100, Developing.')
    assert '<div class="rm-result" data-checklist="team-health" aria-live="off">' in out


def test_score_finds_the_definition_the_file_names(capsys, tmp_path, answers_document):
    # A real checklist: only the shape of the report is checked, not the content.
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers_document(checklist="should-we-partner", checklist_version=1, answers={})))
    code, out, err = run(capsys, "score", path)
    assert (code, err) == (0, "")
    assert "Overall: No overall score until every section has enough answers." in out


def test_score_keeps_orphans(capsys, tmp_path, definition, answers_document):
    path = tmp_path / "old.json"
    path.write_text(json.dumps(answers_document(checklist_version=2, answers={**MIXED, "trust-gone": "agree"})))
    code, out, _ = run(capsys, "score", path, "--definition", definition)
    assert code == 0
    assert "Note: These answers were saved for version 2 of this checklist; it is now version 3.\n" in out
    assert "  - trust-gone: agree\n" in out


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"not json", "This file is not valid JSON (line 1, column 1)."),
        (b"\xff\xfe", "This file is not text: an answers file is JSON text."),
        (b"[]", "This is not a Relationship Matters answers file."),
        (b"[" * 100_000, "This file is nested too deeply to be an answers file."),
        (
            f'{{"format": "{FORMAT}/9"}}'.encode(),
            "This file was saved by a newer version of the toolkit (format 9). "
            "This copy reads format 2: update it, or export the answers again from an older copy.",
        ),
        (f'{{"format": "{FORMAT}/1"}}'.encode(), "The file does not say which checklist its answers are for."),
    ],
)
def test_score_refuses_a_bad_answers_file(capsys, tmp_path, definition, content, reason):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    for argv in (("score", path), ("score", path, "--definition", definition)):
        code, out, err = run(capsys, *argv)
        assert code == 1
        assert out == ""
        assert err == f"{path}: {reason}\n"


def test_score_refuses_answers_it_does_not_accept(capsys, tmp_path, definition, answers_document):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(answers_document(answers={"trust-open": "maybe"}, respondent={"name": 1})))
    code, out, err = run(capsys, "score", path, "--definition", definition)
    assert (code, out) == (1, "")
    assert err == (
        f"{path}: The respondent's name must be text of at most 200 characters.\n"
        f"{path}: The answer to question 'trust-open' is 'maybe', which it does not accept.\n"
    )


def test_score_refuses_answers_for_another_checklist(capsys, tmp_path, definition, answers_document):
    path = tmp_path / "other.json"
    path.write_text(json.dumps(answers_document(checklist="behaviours")))
    code, _, err = run(capsys, "score", path, "--definition", definition)
    assert code == 1
    assert err == f"{path}: This file holds answers for 'behaviours', not for Team health.\n"


def test_score_a_missing_file(capsys, tmp_path):
    path = tmp_path / "missing.json"
    code, out, err = run(capsys, "score", path)
    assert (code, out) == (1, "")
    assert err == f"{path}: cannot read the file (No such file or directory)\n"


def test_score_a_folder(capsys, tmp_path):
    code, _, err = run(capsys, "score", tmp_path)
    assert code == 1
    assert err == f"{tmp_path}: cannot read the file (Is a directory)\n"


@pytest.mark.parametrize(
    ("megabytes", "limit", "kind"),
    [
        # larger than a saved file of any kind may be (a register's can be larger): not read
        (60, largest_file, "a saved file of any kind"),
        (2, lambda: 1_000_000, "an answers file"),  # within a register's limit, but larger than any answers
    ],
)
def test_score_a_file_too_large(capsys, tmp_path, definition, megabytes, limit, kind):
    path = tmp_path / "huge.json"
    path.write_bytes(b" " * megabytes * 1_000_000)
    code, out, err = run(capsys, "score", path, "--definition", definition)
    assert (code, out) == (1, "")
    most = limit() / 1_000_000
    assert err == f"{path}: This file is {megabytes}.0 MB; {kind} is never more than {most:g} MB.\n"


def test_score_answers_for_an_unknown_checklist(capsys, tmp_path, answers_document):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers_document(checklist="no-such-checklist")))
    code, _, err = run(capsys, "score", path)
    assert code == 1
    assert err == f"{path}: no checklist definition at {ROOT / 'checks' / 'definitions' / 'no-such-checklist.yml'}\n"


def test_score_with_a_missing_definition(capsys, answers_file, tmp_path):
    code, _, err = run(capsys, "score", answers_file, "--definition", tmp_path / "nope.yml")
    assert code == 1
    assert err == f"{answers_file}: no checklist definition at {tmp_path / 'nope.yml'}\n"


def test_score_with_an_invalid_definition(capsys, tmp_path, answers_file, assessment_data):
    assessment_data["version"] = 0
    bad = tmp_path / "bad.yml"
    bad.write_text(yaml.safe_dump(assessment_data), encoding="utf-8")
    code, _, err = run(capsys, "score", answers_file, "--definition", bad)
    assert code == 1
    assert err == f"{bad}: version: expected a whole number of 1 or more, got 0\n"


# report (score is its older name)


def test_report_and_score_give_the_same_report(capsys, answers_file, definition):
    reports = {
        command: run(capsys, command, answers_file, "--definition", definition) for command in ("report", "score")
    }
    assert reports["report"] == reports["score"]
    assert reports["report"][0] == 0


def test_report_writes_a_word_file(capsys, tmp_path, answers_file, definition):
    out = tmp_path / "report.docx"
    code, printed, err = run(
        capsys, "report", answers_file, "--definition", definition, "--format", "docx", "--output", out
    )
    assert (code, printed, err) == (0, "", "")
    doc = docx.Document(str(out))
    assert (doc.paragraphs[0].style.name, doc.paragraphs[0].text) == ("Heading 1", "Team health: results")
    assert [c.text for c in doc.tables[0].rows[1].cells] == ["Trust", "69", "Developing", "4 of 4"]


def test_report_in_word_needs_an_output_file(capsys, answers_file):
    err = usage_error(capsys, "report", answers_file, "--format", "docx")
    assert "--format docx writes a binary file: name it with --output FILE" in err


@pytest.mark.parametrize("fmt", ["text", "markdown", "csv", "json", "html"])
def test_report_writes_text_formats_to_a_file_as_printed(capsys, tmp_path, answers_file, definition, fmt):
    out = tmp_path / "report.out"
    argv = ("report", answers_file, "--definition", definition, "--format", fmt)
    _, printed, _ = run(capsys, *argv)
    assert run(capsys, *argv, "--output", out) == (0, "", "")
    assert out.read_bytes() == printed.encode("utf-8")  # CSV keeps its CRLF line ends


def test_report_links_start_from_the_base_url(capsys, answers_file, definition):
    argv = ("report", answers_file, "--definition", definition, "--format", "markdown")
    _, out, _ = run(capsys, *argv, "--base-url", "https://example.org/rm/")
    assert "[Read the guidance](https://example.org/rm/foundations/goals/)" in out


def test_report_to_a_file_that_cannot_be_written(capsys, tmp_path, answers_file, definition):
    out = tmp_path / "no-such-folder" / "report.docx"
    code, printed, err = run(
        capsys, "report", answers_file, "--definition", definition, "--format", "docx", "--output", out
    )
    assert (code, printed) == (1, "")
    assert err == f"{out}: cannot write the file (No such file or directory)\n"


def test_report_of_a_bad_file_writes_nothing(capsys, tmp_path, definition):
    bad, out = tmp_path / "bad.json", tmp_path / "report.docx"
    bad.write_bytes(b"not json")
    code, _, err = run(capsys, "report", bad, "--definition", definition, "--format", "docx", "--output", out)
    assert code == 1
    assert err == f"{bad}: This file is not valid JSON (line 1, column 1).\n"
    assert not out.exists()


def test_report_reads_each_kind_of_saved_file_from_disk_once(capsys, tmp_path, monkeypatch, answers_file, definition):
    """A file may be up to 50 MB: `report` reads it once, and each kind's reader looks at those bytes."""
    import checks.cli

    examples = Path(checks.cli.__file__).parent / "examples"
    comparison = tmp_path / "comparison.json"
    comparison.write_text(json.dumps({"format": "relationship-matters-comparison/1", "checklist": "behaviours"}))
    reads: list[Path] = []
    read_bytes = checks.cli._read_bytes
    monkeypatch.setattr(checks.cli, "_read_bytes", lambda path: reads.append(path) or read_bytes(path))
    files = [answers_file, examples / "risk-register.json", examples / "partnership-agreement.json", comparison]
    for path in files:
        given = ("--definition", definition) if path == answers_file else ()
        code, out, err = run(capsys, "report", path, *given, "--format", "markdown")
        assert (code, err, out[:2]) == (0, "", "# "), path  # each kind's own reader made its report
    assert reads == files


# Usage errors


def test_no_command(capsys):
    assert "usage: python -m checks" in usage_error(capsys)


def test_unknown_command(capsys):
    assert "invalid choice: 'frobnicate'" in usage_error(capsys, "frobnicate")


def test_score_needs_a_file(capsys):
    assert "the following arguments are required: FILE" in usage_error(capsys, "score")
    assert "the following arguments are required: FILE" in usage_error(capsys, "report")


def test_unknown_format(capsys, answers_file):
    assert "argument --format: invalid choice: 'pdf'" in usage_error(capsys, "score", answers_file, "--format", "pdf")
    assert "argument --format: invalid choice: 'pdf'" in usage_error(capsys, "report", answers_file, "--format", "pdf")


def test_unknown_option(capsys):
    assert "unrecognized arguments: --fast" in usage_error(capsys, "validate", "--fast")


def test_help_exits_0(capsys):
    with pytest.raises(SystemExit) as excinfo:
        main(["--help"])
    assert excinfo.value.code == 0
    assert "validate" in capsys.readouterr().out


# One real run of `python -m checks`


def test_python_m_checks_score(tmp_path, definition, answers_file):
    completed = subprocess.run(
        [sys.executable, "-m", "checks", "score", str(answers_file), "--definition", str(definition)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""
    assert "Overall: 57 out of 100, Developing: Some good habits are in place." in completed.stdout
    assert "  1. Is progress measured? (answer: Partly)" not in completed.stdout  # not a red flag at half marks
    assert "  1. The goal is reviewed every year. (answer: Disagree)\n" in completed.stdout
