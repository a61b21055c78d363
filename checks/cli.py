"""The command line: ``python -m checks validate [FILES]`` and ``python -m checks report FILE``.

``report`` renders a saved document (today: a checklist's saved answers) in any format;
``score`` is its older name and does the same. Exit codes: 0 success, 1 invalid input
(reason on stderr, no traceback), 2 usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from checks.agreement.cli import report_of as agreement_report_of
from checks.answers import checklist_id_of, read_answers, too_big
from checks.compare.cli import add_compare_command, comparison_report_of
from checks.compare.record import MAX_COMPARISON_BYTES
from checks.definitions import DEFINITIONS_DIR, definition_files, load_checklist
from checks.docs_index import load_docs_index
from checks.errors import AnswersError, ChecklistError, Problem
from checks.files import write_report
from checks.html_report import to_html
from checks.registers.cli import largest_register, report_of, validate_registers
from checks.reports import to_csv, to_docx, to_json, to_markdown, to_text
from checks.result import Result
from checks.scoring import score

DOCS_DIR = DEFINITIONS_DIR.parent.parent / "docs"
FORMATS = {
    "text": to_text,
    "markdown": to_markdown,
    "csv": to_csv,
    "json": to_json,
    "html": to_html,
    "docx": to_docx,
}
BINARY = {"docx"}
"""Formats that are not text: written to a file (--output), never to the terminal."""


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)  # exits with 2 on a usage error
    try:
        return args.run(args)
    except ChecklistError as error:
        print(error, file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m checks", description="Validate checklists and write reports of saved answers."
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    validate = commands.add_parser("validate", help="check checklist definitions")
    validate.add_argument("files", nargs="*", type=Path, metavar="FILE", help="default: every definition")
    validate.add_argument("--docs", type=Path, default=DOCS_DIR, help="docs folder to check guidance links against")
    validate.set_defaults(run=_validate)
    report = commands.add_parser("report", aliases=["score"], help="write the report of a saved document")
    report.add_argument("file", type=Path, metavar="FILE", help="a saved-answers file")
    report.add_argument("--format", choices=FORMATS, default="text")
    report.add_argument("--output", type=Path, metavar="FILE", help="write the report to FILE (needed for docx)")
    report.add_argument("--definition", type=Path, help="default: the definition the file names")
    report.add_argument(
        "--today",
        type=date.fromisoformat,
        default=date.today(),
        metavar="YYYY-MM-DD",
        help="the day review dates are checked against (registers; default: this computer's date)",
    )
    report.add_argument(
        "--base-url", default="", metavar="URL", help="the site's address, for guidance links (default: relative)"
    )
    report.set_defaults(run=_report, usage_error=report.error)
    add_compare_command(commands)  # python -m checks compare A.json B.json ...
    return parser


def _validate(args: argparse.Namespace) -> int:
    docs = load_docs_index(args.docs) if args.docs.is_dir() else None
    failed = 0
    for path in args.files or [_relative(p) for p in definition_files()]:
        try:
            checklist = load_checklist(path, docs)
        except ChecklistError as error:
            print(error, file=sys.stderr)
            failed += 1
            continue
        print(f"{path}: valid ({len(checklist.sections)} sections, {len(checklist.questions())} questions)")
    if not args.files:
        failed += validate_registers(docs)  # every register definition too (checks.registers)
    if docs is None:
        print(f"Guidance links were not checked: no docs folder at {args.docs}", file=sys.stderr)
    return 1 if failed else 0


def _relative(path: Path) -> Path:
    """A path relative to the working folder where it lies below it, for shorter messages."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _report(args: argparse.Namespace) -> int:
    if args.format in BINARY and args.output is None:
        args.usage_error(f"--format {args.format} writes a binary file: name it with --output FILE")  # exits 2
    raw = _read_bytes(args.file)  # read once; each kind's reader holds it to its own limit
    report = comparison_report_of(args, raw)  # a saved comparison (checks.compare), or None
    if report is None:
        report = report_of(args, raw)  # a saved register (checks.registers), or None
    if report is None:
        report = agreement_report_of(args, raw)  # a saved draft agreement (checks.agreement), or None
    if report is None:
        report = FORMATS[args.format](_result(raw, args.file, args.definition), args.base_url)
    return write_report(report, args.output)


def _result(raw: bytes, file: Path, definition: Path | None) -> Result:
    """The saved answers read from `file` (`raw`), scored against their checklist."""
    try:
        path = definition or DEFINITIONS_DIR / f"{checklist_id_of(raw)}.yml"
        if not path.exists():
            raise AnswersError([Problem("", f"no checklist definition at {path}")])
        checklist = load_checklist(path)
        saved = read_answers(raw, checklist)
    except AnswersError as error:
        error.source = str(file)  # every problem with the answers file names it
        raise
    return score(checklist, saved)


def largest_file() -> int:
    """The most bytes a saved file of any kind may hold: a comparison's, holding many answers files, or
    a register's may be larger than an answers file."""
    return max(largest_register(), MAX_COMPARISON_BYTES)


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, if no larger than a saved file of any kind may be (each reader then holds it to
    its own kind's limit)."""
    most = largest_file()
    try:
        with path.open("rb") as handle:
            raw = handle.read(most + 1)  # never read more than the largest allowed file
            size = os.fstat(handle.fileno()).st_size
    except OSError as error:
        raise AnswersError([Problem("", f"cannot read the file ({error.strerror})")], str(path)) from None
    if len(raw) > most:
        raise AnswersError([Problem("", too_big(max(size, len(raw)), most, "a saved file of any kind"))], str(path))
    return raw
