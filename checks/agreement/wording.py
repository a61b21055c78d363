"""The sentences the agreement builder's page shows besides the agreement itself: its own (sent to
its script in data-config) and those of the worker's replies. JavaScript holds none of them."""

from __future__ import annotations

from typing import Any

from checks.model import MAX_TEXT
from checks.offline import DOWNLOAD_MESSAGES
from checks.plurals import counted, listed
from checks.replacing import Work
from checks.wording import PAGE_MESSAGES as CHECKLIST_MESSAGES

NO_JAVASCRIPT = (
    "With JavaScript on, this page saves your draft as you type and shows the agreement as it will be printed. "
    "Without it, use this page as a printable checklist: every section's explanation and questions are below."
)
PREVIEW_NEEDS_JAVASCRIPT = "The preview of your agreement needs JavaScript. With it on, it appears here as you type."
STORAGE_WARNING = (
    "This browser is not letting the page save your draft, so it will not be kept after you close the page. "
    "Use Export draft to keep a copy."
)

FAILED = {
    "agreement_preview": "The preview is unavailable.",
    "agreement_import": "The file was not imported, and your draft was not changed.",
    "agreement_register": "The register was not imported, and your draft was not changed.",
    "agreement_preset": "The starting point could not be used, and your draft was not changed.",
    "agreement_export": "Your draft could not be exported.",
    "agreement_report": "The agreement could not be made.",
}
"""What failed, by action: the title of the page's message when a request fails."""

PAGE_MESSAGES = {
    **FAILED,
    **DOWNLOAD_MESSAGES,
    "loading": CHECKLIST_MESSAGES["loading"],  # the one engine, the one download
    "confirm_reset": (
        "Start again? This clears your whole draft from this browser. Export it first if you want to keep a copy."
    ),
    "cleared": "Your draft was cleared.",
    "checking": "Checking the file…",
    "kept_saved": "Your draft is still saved in this browser.",
    "kept_until_close": "Your draft is kept only until you close this page: export it to keep a copy.",
    "page_failed": "Something went wrong in the page.",
    "engine-not-loaded": "The scoring engine could not be loaded.",
    "engine-failed": "The scoring engine failed while handling this request.",
}
"""Every message the page script shows on its own, by the key it looks up."""


DRAFT_WORK = Work("your draft agreement", "Export your draft first if you want to keep a copy.")
"""What a draft's file or an example would replace (checks.replacing)."""


def refused(action: str, payload: Any) -> str:
    """The title of an error reply to one of the builder's actions."""
    name = payload.get("filename") if isinstance(payload, dict) else None
    if action in ("agreement_import", "agreement_register") and isinstance(name, str):
        return not_imported(name)
    return FAILED.get(action, "The scoring engine could not handle this request.")


def not_imported(name: str) -> str:
    return f"{name} was not imported, and your draft was not changed."


def imported(name: str) -> str:
    return f"The draft in {name} was imported."


def register_imported(name: str, table: str, rows: int, replaced: int, left_out: list[str], unnamed: int = 0) -> str:
    """`rows` went into the table in place of the `replaced` it held (a register's rows are copies, made
    again from its file, so they are replaced without asking: the status says what went); the register's
    columns named in `left_out` had no place in it, and `unnamed` roles were given to partners it does not name."""
    said = f"{name} was imported into the {table} table: {counted(rows, 'row')}"
    said = f"{said}, in place of the {counted(replaced, 'row')} there before." if replaced else f"{said}."
    if left_out:
        columns = listed([f"“{label}”" for label in left_out])
        stay = "that stays" if len(left_out) == 1 else "those stay"
        said += f" The table has no column for the register's {columns}, so {stay} in the register only."
    if unnamed:
        given = f"{counted(unnamed, 'role')} {'was' if unnamed == 1 else 'were'} given to partners"
        said += f" {given} the register does not name, and left out: name them in the register and import it again."
    return said


def too_many_rows(most: int, new: int, others: int) -> str:
    return (
        f"An agreement holds at most {most} rows from registers in all. This register has {new} to import, and "
        f"the draft already has {others} from the other registers. Take out rows the agreement does not need, "
        "in this register or the others, and import it again."
    )


def draft_too_big(size: int, most: int) -> str:
    return (
        f"With these rows your draft would be {size / 1_000_000:.1f} MB. Rows from registers may fill a draft to "
        f"{most / 1_000_000:g} MB, so that all you may still write in the form fits in a file that can be imported "
        "again. Take out rows the agreement does not need, in this register or the others, and import it again."
    )


def entry_too_long(row: int, column: str, table: str, length: int) -> str:
    return (
        f"Row {row} of this register would put {length:,} characters in one entry of the {column} column of the "
        f"agreement's {table} table, which holds at most {MAX_TEXT:,} in an entry. Shorten that row, or the partners' "
        "names it uses, in the register and import it again."
    )


def preset_used(title: str) -> str:
    return f"Your draft now starts from the example “{title}”. Change every piece of example wording."


def exported(name: str) -> str:
    return f"Your draft was downloaded as {name}."


def downloaded(name: str) -> str:
    return f"The agreement was downloaded as {name}."
