"""`python -m checks report FILE` for a saved register: found by the id the file names."""

from __future__ import annotations

import sys
from datetime import date
from functools import cache
from pathlib import Path

from checks.answers import MAX_BYTES, checklist_id_of
from checks.errors import AnswersError, ChecklistError
from checks.registers.files import render
from checks.registers.report import check_register
from checks.registers.saved import read_register
from checks.registers.spec import REGISTERS_DIR, load_register, register_files


def is_register(document_id: str) -> bool:
    return (REGISTERS_DIR / f"{document_id}.yml").is_file()


@cache  # the definitions do not change within a run, which asks twice (to read the file, then its id)
def largest_register() -> int:
    """The most bytes a saved register, or answers file, may hold: a register's may be larger than answers."""
    return max([MAX_BYTES, *(load_register(path).max_bytes for path in register_files())])


def report_of(args, raw: bytes) -> str | bytes | None:
    """The report of the file `args` names (`raw`, its bytes) if it is a saved register; None for anything else."""
    try:
        document_id = checklist_id_of(raw, largest_register())
    except AnswersError:
        return None  # the checklist reader says what is wrong with it
    if not is_register(document_id):
        return None
    return register_report(raw, document_id, str(args.file), args.format, args.today)


def register_report(raw: bytes, document_id: str, source: str, format_name: str, today: date) -> str | bytes:
    """The report of a saved register; `AnswersError` naming `source` when it cannot be read."""
    register = load_register(Path(REGISTERS_DIR / f"{document_id}.yml"))
    try:
        saved = read_register(raw, register)
    except AnswersError as error:
        error.source = source
        raise
    return render(check_register(register, saved, today), format_name)


def validate_registers(docs: dict[str, set[str]] | None) -> int:
    """`python -m checks validate` for every register definition: a line each; the number that failed."""
    failed = 0
    for path in register_files():
        shown = path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path
        try:
            register = load_register(path, docs, str(shown))
        except ChecklistError as error:
            print(error, file=sys.stderr)
            failed += 1
            continue
        print(f"{shown}: valid ({register.kind}, {len(register.columns)} columns)")
    return failed
