"""Hostile saved files and definitions, and the command line's output: each refused in plain English,
naming where the problem is, and never a Python traceback."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from checks.agreement.definitions import load_builder
from checks.answers import read_answers
from checks.cli import main
from checks.definitions import DEFINITIONS_DIR, load_checklist
from checks.errors import AnswersError
from checks.registers.saved import read_register
from checks.registers.spec import REGISTERS_DIR, load_register
from checks.worker_api import handle

EXAMPLES = Path(__file__).resolve().parent.parent / "checks" / "examples"
ANSWERS = EXAMPLES / "compare-behaviours" / "behaviours-hillside-community-action-2026-11-24.json"
BEHAVIOURS = load_checklist(DEFINITIONS_DIR / "behaviours.yml")
TOO_LONG = "9" * 5_000
"""More digits than Python converts to a whole number (4,300): `int()` raises ValueError."""


def answers_text(**fields) -> str:
    return json.dumps({**json.loads(ANSWERS.read_text(encoding="utf-8")), **fields}, indent=2)


def messages(error: AnswersError) -> list[str]:
    return [problem.message for problem in error.problems]


# Lone surrogates: a JSON escape such as "\ud800" is half of a character; Python reads it, but it
# cannot be written out as UTF-8, so the report of such a file ended in a UnicodeEncodeError.


def test_a_broken_character_in_an_answers_file_is_refused_with_its_line():
    text = answers_text().replace('"Grace Owusu"', '"Grace \\ud800"')  # as json.dumps writes one
    with pytest.raises(AnswersError) as raised:
        read_answers(text, BEHAVIOURS)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "ud800" in row)
    column = text.splitlines()[line - 1].index("\\ud800") + 1
    assert messages(raised.value) == [f"This file has a broken character (line {line}, column {column})."]


@pytest.mark.parametrize(
    "escaped",
    [
        "\\ud83d\\ude00",  # an emoji written as a pair of escapes (json.dumps' default), one whole character
        "\\\\ud800",  # a backslash, then the letters ud800
        "\\\\\\\\ud800",
    ],
)
def test_whole_characters_and_escaped_backslashes_are_read(escaped):
    text = answers_text().replace('"Grace Owusu"', f'"Grace {escaped}"')
    assert escaped in text
    saved = read_answers(text, BEHAVIOURS)
    assert saved.respondent["name"] == json.loads(f'"Grace {escaped}"')


@pytest.mark.parametrize("escape", ["\\udc00", "\\ud800\\u0041", "\\ud800\\\\udc00", "\\\\\\ud800"])
def test_every_kind_of_broken_character_is_refused(escape):
    text = answers_text().replace('"Grace Owusu"', f'"Grace {escape}"')
    with pytest.raises(AnswersError, match=r"broken character \(line \d+, column \d+\)"):
        read_answers(text, BEHAVIOURS)


def test_the_command_line_refuses_a_broken_character_in_any_kind_of_file(capsys, tmp_path):
    answers = tmp_path / "answers.json"
    answers.write_text(answers_text(answers={"old-\ud800": "yes"}), encoding="utf-8")
    comparison = tmp_path / "comparison.json"
    document = json.loads(answers_text(answers={"old-\ud800": "yes"}))
    saved = {"format": "relationship-matters-comparison/1", "checklist": "behaviours", "checklist_version": 2}
    comparison.write_text(json.dumps({**saved, "responses": [{"name": "a.json", "document": document}]}))
    for path in (answers, comparison):
        assert main(["report", str(path), "--format", "markdown"]) == 1
        out, err = capsys.readouterr()
        assert out == "" and err.startswith(f"{path}: This file has a broken character (line ")


# Numbers too long to read: Python refuses to convert more than 4,300 digits (ValueError), which the
# readers caught only as "could not be read as saved answers", naming neither the field nor the kind.


def test_a_number_too_long_to_read_is_refused_naming_its_field():
    text = answers_text().replace('"checklist_version": 2', f'"checklist_version": {TOO_LONG}')
    with pytest.raises(AnswersError) as raised:
        read_answers(text, BEHAVIOURS)
    assert messages(raised.value) == ["The checklist version in the file must be a whole number of 1 or more."]


def test_the_command_line_names_the_field_of_a_long_number_in_a_comparison(capsys, tmp_path):
    path = tmp_path / "comparison.json"
    saved = '{"format": "relationship-matters-comparison/1", "checklist": "behaviours", "min_group": %s}'
    path.write_text(saved % TOO_LONG)
    assert main(["report", str(path)]) == 1
    assert capsys.readouterr().err == f"{path}: The smallest group shown must be a whole number from 3 to 1,000.\n"


# Definitions given on the command line: PyYAML raises RecursionError for deep nesting and
# ValueError for a long number, and both ended the command in a traceback.


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[" * 5_000 + "]" * 5_000, "not valid YAML (nested too deeply)"),
        (f"id: x\ntitle: X\nversion: {TOO_LONG}\n", "line 3: not valid YAML (a number too long to read)"),
    ],
)
def test_validate_refuses_a_definition_it_cannot_read(capsys, tmp_path, content, message):
    path = tmp_path / "hostile.yml"
    path.write_text(content, encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == f"{path}: {message}"


def test_report_refuses_a_definition_it_cannot_read(capsys, tmp_path):
    path = tmp_path / "deep.yml"
    path.write_text("[" * 5_000 + "]" * 5_000, encoding="utf-8")
    assert main(["report", str(ANSWERS), "--definition", str(path)]) == 1
    assert capsys.readouterr().err == f"{path}: not valid YAML (nested too deeply)\n"


# Output: a report printed to a terminal or a pipe that is not UTF-8 (a Windows redirect, say)
# ended in a UnicodeEncodeError; it is written as UTF-8, the same bytes as --output writes.


class Terminal(io.TextIOWrapper):
    """Standard output in an encoding that lacks most characters."""

    def __init__(self) -> None:
        super().__init__(io.BytesIO(), encoding="ascii", newline="\r\n")


@pytest.mark.parametrize("fmt", ["text", "markdown", "csv", "html"])
@pytest.mark.parametrize("command", ["report", "compare"])
def test_a_report_is_printed_as_the_bytes_output_writes(monkeypatch, tmp_path, fmt, command):
    files = [str(ANSWERS)] if command == "report" else sorted(map(str, ANSWERS.parent.glob("*.json")))
    written = tmp_path / "report"
    assert main([command, *files, "--format", fmt, "--output", str(written)]) == 0
    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    assert main([command, *files, "--format", fmt]) == 0
    terminal.flush()
    assert terminal.buffer.getvalue() == written.read_bytes()


class ClosedPipe(Terminal):
    """Standard output into a pipe whose reader has stopped reading (`python -m checks report F | head`)."""

    def __init__(self) -> None:
        super().__init__()
        self.buffer.write = self.refuse

    def refuse(self, data: bytes) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_report_printed_into_a_closed_pipe_ends_quietly(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert main(["report", str(ANSWERS)]) == 1
    assert capsys.readouterr().err == ""


# Registers: a partner's key is partner-1 to partner-20.


@pytest.mark.parametrize("key", ["partner-0", "partner-01", "partner-007"])
def test_a_register_refuses_a_partner_key_it_does_not_use(key):
    register = load_register(REGISTERS_DIR / "risk-register.yml")
    document = json.loads((EXAMPLES / "risk-register.json").read_text(encoding="utf-8"))
    document["answers"][key] = "Someone else"
    with pytest.raises(AnswersError) as raised:
        read_register(document, register)
    assert messages(raised.value) == [f"The file has a setting this register does not use: '{key}'."]


# The agreement builder's register import: a file naming no register by text was a TypeError.


@pytest.mark.parametrize("named", [[], {}, ["risk-register"], 1, None])
def test_the_agreement_refuses_a_register_file_that_names_no_register(named):
    builder, plain = load_builder("partnership-agreement")
    draft = json.loads((EXAMPLES / "partnership-agreement.json").read_text(encoding="utf-8"))
    text = json.dumps({"format": "relationship-matters-answers/2", "checklist": named, "rows": []})
    request = {
        "checklist": builder.agreement.id,
        "version": builder.agreement.version,
        "definition": plain,
        "document": draft,
        "filename": "x.json",
        "size": len(text),
        "text": text,
    }
    reply = json.loads(handle("agreement_register", json.dumps(request)))
    assert reply["error"]["message"] == "x.json was not imported, and your draft was not changed."
    wanted = "This is not an accountability matrix, risk register or red lines register saved by this toolkit."
    assert reply["error"]["problems"] == [{"path": "", "message": wanted}]


def test_the_agreement_calls_a_register_too_large_to_import_what_it_is():
    builder, plain = load_builder("partnership-agreement")
    draft = json.loads((EXAMPLES / "partnership-agreement.json").read_text(encoding="utf-8"))
    request = {
        "checklist": builder.agreement.id,
        "version": builder.agreement.version,
        "definition": plain,
        "document": draft,
        "filename": "risks.json",
        "size": 2_000_000,
        "text": "",
    }
    reply = json.loads(handle("agreement_register", json.dumps(request)))
    wanted = "This file is 2.0 MB; a register imported into an agreement is never more than 1 MB."
    assert reply["error"]["problems"] == [{"path": "", "message": wanted}]
