"""A register's page component, rendered at build time: the toolbar, the example banner, the form
and the findings panel, with what the page script needs (data-config: the register, its storage
key, the blank document, the example, the limits and every sentence it shows).

JavaScript-only controls are rendered `hidden`; without JavaScript the page is a printable blank
template. docs/assets/js/rm-register.js only wires events, moves rows, saves and moves data.
"""

from __future__ import annotations

from typing import Any

from checks.answers import storage_key
from checks.component import _attribute, _button  # the checklist's own: one way to write both
from checks.files import REPORTS
from checks.form import SEARCH_EXCLUDE
from checks.markup import escape
from checks.plurals import counted, listed, plural
from checks.registers.checks import row_label
from checks.registers.form import partners_form, rows_form, settings_form
from checks.registers.model import MAX_PARTNERS, MAX_ROWS, MIN_PARTNERS, Column, Register, SavedRegister
from checks.registers.saved import blank_register
from checks.replacing import Work
from checks.wording import PAGE_MESSAGES


def register_component(register: Register, definition: Any, example: Any, base_url: str) -> str:
    """The whole component; `definition` (plain data) goes to the worker with the first request."""
    config = page_config(register, example, base_url)
    return (
        f'<div class="rm-register" data-module="rm-register" data-register="{escape(register.id)}"'
        f' data-config="{_attribute(config)}" data-definition="{_attribute(definition)}">\n'
        f'<p class="rm-no-js">{escape(no_javascript(register))}</p>\n'
        f"{toolbar(register)}\n"
        f'<div class="rm-example-banner" role="region" aria-label="Example" hidden><p>{escape(EXAMPLE_SHOWN)}</p>'
        f"{_button('keep-example', 'Keep this example')}{_button('leave-example', 'Back to my own work')}</div>\n"
        f'<form class="rm-register-form" id="rm-form-{escape(register.id)}" novalidate '
        f'aria-label="{escape(register.title)}">'
        f"{partners_form(register)}{settings_form(register)}{rows_form(register)}</form>\n"
        f'<h2 id="findings">Findings and report</h2>\n'
        # A status is read whole (atomic) unless told otherwise: only its short summary is to be heard.
        f'<div class="rm-results" role="status" aria-live="polite" aria-atomic="false" data-state="loading">'
        f"<p>{escape(FINDINGS_NEED_JAVASCRIPT)}</p></div>\n"
        f"</div>\n"
    )


EXAMPLE_SHOWN = (
    "You are looking at an example. Your own work is still saved in this browser and has not changed. "
    "Changes to the example are not saved unless you keep it."
)
FINDINGS_NEED_JAVASCRIPT = "Findings need JavaScript. With it on, they appear here as you fill in the form."


def no_javascript(register: Register) -> str:
    return (
        "With JavaScript off this is a blank template: print it and fill it in by hand. With JavaScript on you can "
        f"add up to {counted(MAX_ROWS, register.row_name)}, and the page checks them and saves them in this browser."
    )


def messages(register: Register) -> dict[str, str]:
    name = register.row_name
    return {
        **PAGE_MESSAGES,
        "check": FAILED["register_check"],
        "import": FAILED["register_import"],
        "export": FAILED["register_export"],
        "report": FAILED["register_report"],
        "keep": FAILED["register_keep_example"],
        "remove_partner": FAILED["register_remove_partner"],
        "confirm_reset": f"Start again? This clears this {register.title.lower()} from this browser. Export it first "
        "to keep a copy.",
        "cleared": "Your register was cleared.",
        "kept_saved": "Your register is still saved in this browser.",
        "kept_until_close": "Your register is kept only until you close this page: export it to keep a copy.",
        "too_many_rows": f"A register holds at most {counted(MAX_ROWS, name)}. Remove one before adding another.",
        "too_many_partners": f"A register names at most {MAX_PARTNERS} partners.",
        "added": f"{name.capitalize()} {{n}} added.",
        "removed": f"{name.capitalize()} {{n}} removed.",
        "moved": f"{name.capitalize()} moved to position {{n}}.",
        "already_first": f"{name.capitalize()} {{n}} is already first.",
        "already_last": f"{name.capitalize()} {{n}} is already last.",
        "example_shown": "The example is shown. Your own work has not changed.",
        "example_left": "Back to your own work.",
    }


def page_config(register: Register, example: Any, base_url: str) -> dict[str, Any]:
    return {
        "checklist": register.id,
        "version": register.version,
        "storage_key": storage_key(register.id),
        "base_url": base_url,
        "blank": blank_register(register),
        "example": example,
        "max_rows": MAX_ROWS,
        "max_partners": MAX_PARTNERS,
        "min_partners": MIN_PARTNERS,
        "max_bytes": register.max_bytes,
        "messages": messages(register),
    }


def toolbar(register: Register) -> str:
    buttons = [_button("example", "Try an example"), _button("export", "Export register")]
    buttons += [_button("import", "Import register")]
    buttons += [_button("report", f"Download report ({r.label})", key) for key, r in REPORTS.items()]
    buttons += [_button("print", "Print"), _button("reset", "Start again")]
    return (
        f'<div class="rm-toolbar" id="rm-toolbar-{escape(register.id)}" hidden>'
        f'<div class="rm-toolbar-buttons"{SEARCH_EXCLUDE} role="group" aria-label="Save, share or clear your register">'
        f"{''.join(buttons)}"
        '<input type="file" accept=".json,application/json" class="rm-visually-hidden" tabindex="-1"'
        ' aria-hidden="true" aria-label="Register file to import"></div>'
        f'<div class="rm-warning"{SEARCH_EXCLUDE} hidden>This browser is not letting the page save your register, '
        "so it will not be kept after you close the page. Use Export register to keep a copy.</div>"
        '<div class="rm-toolbar-status" role="status"></div><div class="rm-alert" role="alert"></div></div>'
    )


FAILED = {
    "register_check": "Findings are unavailable.",
    "register_import": "The file was not imported, and your saved register was not changed.",
    "register_export": "Your register could not be exported.",
    "register_report": "The report could not be made.",
    "register_keep_example": "The example was not kept, and your saved register was not changed.",
    "register_remove_partner": "The partner was not removed, and your saved register was not changed.",
}


def refused(action: str, payload: Any) -> str:
    """The title of the worker's error reply to a register action; the problems follow it."""
    if action == "register_import" and isinstance(payload, dict) and isinstance(payload.get("filename"), str):
        return not_imported(payload["filename"])
    return FAILED.get(action, "The scoring engine could not handle this request.")


REGISTER_WORK = Work("the rows and partners of your register", "Export your register first if you want to keep a copy.")
"""What a register's file would replace (checks.replacing)."""


EXAMPLE_KEPT = "The example is now your register, saved in this browser."
EXAMPLE_NOT_KEPT = "The example was not kept. Your own register is still saved in this browser."


def not_imported(name: str) -> str:
    return f"{name} was not imported, and your saved register was not changed."


def imported(name: str) -> str:
    return f"The register in {name} was imported."


def exported(name: str) -> str:
    return f"Your register was downloaded as {name}."


ROWS_NAMED = 5
"""The most rows a question names; it counts the rest ("and 3 more")."""


def partner_called(saved: SavedRegister, number: int) -> str:
    """'partner 3 (Northbrook Community Voice)', or 'partner 3' while it has no name."""
    name = saved.partners[number - 1].strip() if number <= len(saved.partners) else ""
    return f"partner {number} ({name})" if name else f"partner {number}"


def remove_partner_question(
    register: Register, saved: SavedRegister, number: int, uses: list[tuple[Column, tuple[int, ...]]]
) -> dict[str, str] | None:
    """What to ask before partner `number` goes while rows refer to it (`uses`: the rows of each column that
    do, checks.registers.checks.partner_uses), as checks.replacing asks ({question, declined}); None when
    no row does, and nothing but the partner would go."""
    if not uses:
        return None
    said = []
    for column, rows in uses:
        count, name = len(rows), register.row_name
        labels = [row_label(register, saved, index) for index in rows[:ROWS_NAMED]]
        named = listed(labels + ([f"{count - ROWS_NAMED} more"] if count > ROWS_NAMED else []))
        if column.kind == "roles":
            those = "That role is" if count == 1 else "Those roles are"
            said.append(f"It has a role in {counted(count, name)}: {named}. {those} removed with it.")
        else:
            those = f"that {name}" if count == 1 else f"those {plural(name)}"
            said.append(
                f"{counted(count, name)} {'names' if count == 1 else 'name'} it under “{column.label}”: {named}. "
                f"The name stays in {those}, but the findings will say it is not one of the partners."
            )
    who = partner_called(saved, number)
    return {
        "question": f"Remove {who}? {' '.join(said)} {REGISTER_WORK.keep}",
        "declined": f"{_capital(who)} was not removed, and your register has not changed.",
    }


def partner_removed(saved: SavedRegister, number: int) -> str:
    """The status once partner `number` of `saved` (the register before) is removed."""
    moved = " The partners after it moved up one place." if number < len(saved.partners) else ""
    return f"{_capital(partner_called(saved, number))} removed.{moved}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
