"""A register's form as HTML, rendered at build time: the partners, the settings and the rows
(GOV.UK's "add another" pattern). Printable as a blank template without JavaScript; every text is
escaped here. Each control says what it fills: ``data-partner`` (a partner's name, by number),
``data-setting`` and, inside a row, ``data-field`` (the column, or ``partner-N`` for a matrix role).
Each control's id is made here alone (`partner_id`, `settings_prefix`, `row_prefix`, `control_id`), and
`field_id` gives the id of the control a finding's path is about, for the findings panel's links.
"""

from __future__ import annotations

import re

from checks.markup import escape
from checks.plurals import plural
from checks.registers.model import MAX_CELL, MAX_PARTNERS, Column, Register, partner_key
from checks.saved_parts import MAX_SHORT_TEXT

BLANK_ROWS = 3
"""Rows in the printed template (the page script replaces them with the saved rows)."""
BLANK_PARTNERS = 4
"""Partners shown in the printed template; the script shows as many as are named, and more on request."""


def partners_form(register: Register) -> str:
    items = "".join(_partner(register, number) for number in range(1, MAX_PARTNERS + 1))
    return (
        f'<fieldset class="rm-partners"><legend>Partners (up to {MAX_PARTNERS})</legend>'
        f'<ol class="rm-partner-list">{items}</ol>'
        '<button type="button" class="md-button rm-button" data-action="add-partner" hidden>'
        "Add another partner</button></fieldset>"
        f'<datalist id="{partner_list(register)}"></datalist>'  # the partners' names, filled in by the script
    )


def partner_list(register: Register) -> str:
    """The id of the list of partners' names that a `partner` field offers."""
    return f"rm-{escape(register.id)}-partner-names"


def _partner(register: Register, number: int) -> str:
    """Partner `number`'s slot, with a Remove button (GOV.UK's "add another"), shown by the page script while
    more than `MIN_PARTNERS` (checks.registers.model) are shown: a partnership has at least two. It is named
    by the slot's number, which never changes: the partners after it move up into it."""
    ident = escape(partner_id(register, number))
    hidden = " hidden" if number > BLANK_PARTNERS else ""
    remove = (
        '<button type="button" class="md-button rm-button rm-partner-button" data-action="remove-partner" hidden>'
        f'Remove<span class="rm-visually-hidden"> partner {number}</span></button>'
    )
    return (
        f'<li class="rm-partner rm-field" data-slot="{number}"{hidden}><label for="{ident}">Partner {number}</label>'
        f"{_problems(f'{ident}-problems', f'partners[{number - 1}]')}"
        f'<input type="text" id="{ident}" maxlength="{MAX_SHORT_TEXT}" data-partner="{number}"'
        f"{_described(f'{ident}-problems')}>{remove}</li>"
    )


def settings_form(register: Register) -> str:
    prefix = settings_prefix(register)
    return "".join(_control(register, s, prefix, "setting", path=f"settings.{s.id}") for s in register.settings)


def rows_form(register: Register) -> str:
    """The rows list with blank rows to print, and the template the script clones for each row."""
    rows = "".join(row(register, number) for number in range(1, BLANK_ROWS + 1))
    name = escape(register.row_name)
    title = plural(register.row_name).capitalize()
    return (
        f'<h2 id="rm-{escape(register.id)}-rows">{escape(title)}</h2>'
        f'<ol class="rm-rows" aria-labelledby="rm-{escape(register.id)}-rows">{rows}</ol>'
        f'<template class="rm-row-template">{row(register, 0)}</template>'
        f'<button type="button" class="md-button rm-button" data-action="add-row" hidden>Add another {name}</button>'
    )


def row(register: Register, number: int) -> str:
    """One row; ids end in ``-r{number}-{column}``, and the script renumbers them as rows move. Each
    field is described by the row's problems too, so a screen reader hears them on any of its fields.
    The row is a group named by its title (GOV.UK's "add another" gives each item a fieldset and legend),
    so a reader tabbing into it hears "Risk 2" before its first field, not the same labels as every row."""
    prefix = row_prefix(register, number)
    name = escape(register.row_name.capitalize())
    fields = "".join(_row_control(register, column, prefix) for column in register.columns)
    buttons = "".join(
        f'<button type="button" class="md-button rm-button rm-row-button" data-action="{action}">{label}'
        f'<span class="rm-visually-hidden"> {escape(register.row_name)} <span class="rm-row-number">{number}</span>'
        "</span></button>"
        for action, label in (("move-up", "Move up"), ("move-down", "Move down"), ("remove", "Remove"))
    )
    return (
        f'<li class="rm-row"><div role="group" aria-labelledby="{control_id(prefix, TITLE)}">'
        f'<h3 id="{control_id(prefix, TITLE)}" class="rm-row-title" tabindex="-1">'
        f'{name} <span class="rm-row-number">{number}</span></h3>{fields}'
        f'<ul class="rm-row-problems" id="{prefix}-problems"></ul>'
        f'<div class="rm-row-buttons" hidden>{buttons}</div></div></li>'
    )


def _row_control(register: Register, column: Column, prefix: str) -> str:
    problems = f"{prefix}-problems"
    if column.kind != "roles":
        return _control(register, column, prefix, "field", problems)
    roles = "".join(
        f'<div class="rm-field rm-role-cell" data-slot="{number}"{" hidden" if number > BLANK_PARTNERS else ""}>'
        f'<label for="{ident}">{escape(column.label)} of '
        f'<span class="rm-partner-name" data-slot="{number}">partner {number}</span></label>'
        f"{_select(column, ident, 'field', partner_key(number), _described(problems))}"
        "</div>"
        for number in range(1, MAX_PARTNERS + 1)
        for ident in (control_id(prefix, partner_key(number)),)
    )
    return f'<fieldset class="rm-roles"><legend>Roles</legend>{roles}</fieldset>'


DATE_HINT = "Year, month and day, for example 2027-03-31."


def _control(
    register: Register, column: Column, prefix: str, attribute: str, problems: str = "", path: str = ""
) -> str:
    """A labelled control, described by its hint and by `problems` (the id of its row's problems), if any;
    a control outside the rows (a setting) has its own list of problems, for the findings at `path`."""
    ident = control_id(prefix, column.id)
    # A date's format goes in a hint, which stays in view and is read out with the field (GOV.UK's
    # advice), not in a placeholder, which goes as soon as the reader types.
    said = column.hint or (DATE_HINT if column.kind == "date" else "")
    hint = f'<p class="rm-hint" id="{ident}-hint">{escape(said)}</p>' if said else ""
    if path:
        problems = f"{ident}-problems"
        hint += _problems(problems, path)
    described = _described(f"{ident}-hint" if said else "", problems)
    required = " (required)" if column.required else ""
    label = f'<label for="{escape(ident)}">{escape(column.label)}{required}</label>'
    data = f'data-{attribute}="{escape(column.id)}"'
    if column.kind == "choice":
        control = _select(column, ident, attribute, column.id, described)
    elif column.kind == "long-text":
        control = f'<textarea id="{escape(ident)}" rows="2" maxlength="{MAX_CELL}" {data}{described}></textarea>'
    else:
        kind = {
            "score": ' inputmode="numeric"',
            "whole": ' inputmode="numeric"',
            "partner": f' list="{partner_list(register)}"',
        }
        control = (
            f'<input type="text" id="{escape(ident)}" maxlength="{MAX_CELL}" {data}'
            f"{kind.get(column.kind, '')}{described}>"
        )
    return f'<div class="rm-field">{label}{hint}{control}</div>'


def _problems(ident: str, path: str) -> str:
    """Where the script lists the findings about one control outside the rows (those whose path is `path`,
    as ``settings.threshold`` or ``partners[0]``), under its label and hint as GOV.UK puts an error, and
    read with it: its control is described by `ident`."""
    return f'<ul class="rm-field-problems" id="{escape(ident)}" data-path="{escape(path)}"></ul>'


def _described(*ids: str) -> str:
    """An aria-describedby attribute naming the ids given (empty ones left out), or "" for none."""
    named = " ".join(escape(i) for i in ids if i)
    return f' aria-describedby="{named}"' if named else ""


def _select(column: Column, ident: str, attribute: str, key: str, described: str) -> str:
    options = "".join(f'<option value="{escape(o.id)}">{escape(o.label)}</option>' for o in column.options)
    return (
        f'<select id="{escape(ident)}" data-{attribute}="{escape(key)}"{described}>'
        f'<option value="">(none)</option>{options}</select>'
    )


def partner_id(register: Register, number: int) -> str:
    """The id of the n-th partner's name (from 1)."""
    return f"rm-{register.id}-partner-{number}"


def settings_prefix(register: Register) -> str:
    """What each setting's id begins with (`control_id`)."""
    return f"rm-{register.id}-setting"


def row_prefix(register: Register, number: int) -> str:
    """What the ids in the n-th row (from 1) begin with: ``-r{number}-`` is how the page script renumbers
    them as rows move (rm-register.js), and the row template is row 0."""
    return f"rm-{register.id}-r{number}"


def control_id(prefix: str, key: str) -> str:
    """The id of the control that fills `key` (a column, a partner's role, a setting), or of the row's `TITLE`."""
    return f"{prefix}-{key}"


TITLE = "title"
"""What a row's title is called in its id; the title takes focus (tabindex -1), so it stands for its row."""
_PARTNER_PATH = re.compile(r"partners\[(\d+)\]")
_ROW_PATH = re.compile(r"rows\[(\d+)\](?:\.(.+))?")


def field_id(register: Register, path: str) -> str:
    """The id of the control a finding at `path` is about (checks.registers.checks names the paths), as this
    form renders it and the page numbers its rows: ``rows[2].owner`` is row 3's owner, ``rows[2]`` or a field
    the row has no control for is row 3's title; ``partners[0]`` and ``settings.threshold`` their own. ""
    for a path about no control of the form."""
    if partner := _PARTNER_PATH.fullmatch(path):
        number = int(partner[1]) + 1
        return partner_id(register, number) if number <= MAX_PARTNERS else ""
    if (key := path.removeprefix("settings.")) != path:
        return control_id(settings_prefix(register), key) if register.setting(key) else ""
    if found := _ROW_PATH.fullmatch(path):
        key = found[2] if found[2] in register.row_fields else TITLE
        return control_id(row_prefix(register, int(found[1]) + 1), key)
    return ""
