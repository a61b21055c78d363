"""`python -m checks report FILE` for a saved draft agreement: found by the id the file names."""

from __future__ import annotations

from checks.agreement.definitions import agreement_ids, load_builder
from checks.agreement.reports import render
from checks.agreement.saved import read_draft
from checks.answers import checklist_id_of
from checks.errors import AnswersError


def report_of(args, raw: bytes) -> str | bytes | None:
    """The report of the file `args` names (`raw`, its bytes) if it is a saved draft agreement; None for
    anything else."""
    try:
        document_id = checklist_id_of(raw)
    except AnswersError:
        return None  # the checklist reader says what is wrong with it
    if document_id not in agreement_ids():
        return None
    builder, _ = load_builder(document_id)
    try:
        saved = read_draft(raw, builder.agreement)
    except AnswersError as error:
        error.source = str(args.file)  # every problem with the file names it
        raise
    return render(builder, saved, args.format)
