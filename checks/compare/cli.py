"""``python -m checks compare A.json B.json ... [--format F] [--output FILE] [--anonymous] [--min-group N]``.

Exit codes: 0 with at least two usable files (refused files are named on stderr with their
reasons), 1 when fewer than two are usable, 2 for a usage error (500 files at most).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from checks.answers import MAX_BYTES, checklist_id_of
from checks.compare.analysis import compare
from checks.compare.groups import MIN_GROUP, MIN_GROUP_FLOOR, MIN_GROUP_MOST, Settings
from checks.compare.inputs import MAX_FILES_COMMAND_LINE, Given, Inputs, Refused, read_files, too_many
from checks.compare.reports import to_csv, to_docx, to_html_page, to_markdown, to_text
from checks.definitions import DEFINITIONS_DIR, load_checklist
from checks.errors import AnswersError, Problem
from checks.files import write_report
from checks.reader import ID_PATTERN


def _json(comparison, base_url: str) -> str:
    from checks.compare import comparison_to_json

    return comparison_to_json(comparison)


FORMATS = {
    "text": to_text,
    "markdown": to_markdown,
    "csv": to_csv,
    "json": _json,
    "html": to_html_page,
    "docx": to_docx,
}


def add_compare_command(commands) -> None:
    """Add the ``compare`` command to the command line's subcommands."""
    command = commands.add_parser("compare", help="compare several people's saved answers to one checklist")
    command.add_argument("files", nargs="+", type=Path, metavar="FILE", help="saved-answers files")
    command.add_argument("--format", choices=FORMATS, default="text")
    command.add_argument("--output", type=Path, metavar="FILE", help="write the report to FILE (needed for docx)")
    command.add_argument("--anonymous", action="store_true", help="show no names, and only groups big enough")
    command.add_argument(
        "--min-group",
        type=int,
        default=MIN_GROUP,
        metavar="N",
        help=f"with --anonymous, the smallest group shown (default {MIN_GROUP}, at least {MIN_GROUP_FLOOR})",
    )
    command.add_argument("--definition", type=Path, help="default: the definition the first readable file names")
    command.add_argument("--base-url", default="", metavar="URL", help="the site's address, for guidance links")
    command.set_defaults(run=run, usage_error=command.error)


def run(args: argparse.Namespace) -> int:
    if len(args.files) > MAX_FILES_COMMAND_LINE:
        args.usage_error(too_many(len(args.files), MAX_FILES_COMMAND_LINE))  # exits 2
    if args.min_group < MIN_GROUP_FLOOR:
        args.usage_error(f"--min-group must be {MIN_GROUP_FLOOR} or more: smaller groups could be identified")
    if args.min_group > MIN_GROUP_MOST:
        args.usage_error(f"--min-group must be {MIN_GROUP_MOST:,} or less")
    if args.format == "docx" and args.output is None:
        args.usage_error("--format docx writes a binary file: name it with --output FILE")
    given, unread = _read(args.files)
    checklist_path = args.definition or _definition(given)
    if checklist_path is None:
        reason = "not a saved-answers file of any checklist this toolkit has"
        inputs = Inputs(refused=(*unread, *(Refused(g.name, (reason,)) for g in given)))
    else:
        checklist = load_checklist(checklist_path)
        inputs = read_files(checklist, given, limit=MAX_FILES_COMMAND_LINE)
        inputs = Inputs(inputs.responses, (*unread, *inputs.refused), inputs.notices)
    for refused in inputs.refused:
        for reason in refused.reasons:
            print(f"{refused.name}: {reason}", file=sys.stderr)
    if len(inputs.responses) < 2:
        usable = "only 1 is" if inputs.responses else "none is"
        print(f"Nothing was compared: a comparison needs 2 or more usable files, and {usable} usable.", file=sys.stderr)
        return 1
    comparison = compare(checklist, inputs, Settings(args.anonymous, args.min_group))
    return write_report(FORMATS[args.format](comparison, args.base_url), args.output)


def _read(paths: list[Path]) -> tuple[list[Given], list[Refused]]:
    given, unread = [], []
    for path in paths:
        try:
            with path.open("rb") as handle:
                raw = handle.read(MAX_BYTES + 1)  # never more than the largest answers file
                size = os.fstat(handle.fileno()).st_size
        except OSError as error:
            unread.append(Refused(str(path), (f"cannot read the file ({error.strerror})",)))
            continue
        given.append(Given(str(path), raw, size))
    return given, unread


def _definition(given: list[Given]) -> Path | None:
    """The definition the first readable file names."""
    for file in given:
        try:
            path = DEFINITIONS_DIR / f"{checklist_id_of(file.content)}.yml"
        except AnswersError:
            continue
        if path.exists():
            return path
    return None


def comparison_report_of(args: argparse.Namespace, raw: bytes) -> str | bytes | None:
    """`python -m checks report FILE` for a saved comparison (`raw`, the file's bytes): its report in
    `args.format`; None when the file is not a comparison (the next reader says what is wrong with it)."""
    from checks.answers import decode_saved
    from checks.compare.record import FORMAT, MAX_COMPARISON_BYTES, SAVED_COMPARISON, read_comparison

    try:  # read as every saved file is read, so no number or character is let through unchecked
        data = decode_saved(raw, MAX_COMPARISON_BYTES, SAVED_COMPARISON)
    except AnswersError:
        return None
    if not isinstance(data, dict) or not str(data.get("format", "")).startswith(f"{FORMAT}/"):
        return None
    try:
        checklist_id = data.get("checklist")
        if not isinstance(checklist_id, str) or not ID_PATTERN.fullmatch(checklist_id):
            raise AnswersError([Problem("", "The file does not say which checklist it compares.")])
        path = args.definition or DEFINITIONS_DIR / f"{checklist_id}.yml"
        if not path.exists():
            raise AnswersError([Problem("", f"no checklist definition at {path}")])
        checklist = load_checklist(path)
        saved = read_comparison(data, checklist)
    except AnswersError as error:
        error.source = str(args.file)
        raise
    comparison = compare(checklist, read_files(checklist, (), saved.responses), saved.settings, saved.record)
    return FORMATS[args.format](comparison, args.base_url)
