"""The agreement builder's form as HTML: every section's explanation, questions to settle, fields
and status. Complete and printable without JavaScript (a checklist to settle with partners);
every text is escaped here.

Each control says which saved key it fills by ``data-answer`` on it or around it (`PARTS`), and its
id is `control_id` of that key; `field_id` gives the id a link to a field leads to (a finding's).
"""

from __future__ import annotations

from checks.agreement.model import (
    DRAFT,
    MAX_PARTIES,
    PRESET_KEY,
    PROPOSER_PREFIX,
    STATUS_PREFIX,
    STATUSES,
    TABLES,
    Agreement,
    Item,
    Part,
)
from checks.form import SEARCH_EXCLUDE, _radios, options, radio_id
from checks.links import guidance_url
from checks.markup import escape
from checks.model import MAX_TEXT
from checks.saved_parts import MAX_SHORT_TEXT

PARTS = {"answer": "answers"}
"""``data-answer="shared-aims"`` on a control or around it fills ``answers["shared-aims"]``."""
MANDATORY = "Sections marked * are mandatory: every agreement must settle them."


def agreement_form(agreement: Agreement, base_url: str) -> str:
    sections = "".join(_part(part, n, base_url) for n, part in enumerate(agreement.parts, 1))
    return (
        f'<p class="rm-mandatory-note">{escape(MANDATORY)}</p>'
        f'<form class="rm-form rm-agreement-form" id="rm-form-{escape(agreement.id)}" novalidate '
        f'aria-label="{escape(agreement.title)}">{sections}</form>'
    )


def _part(part: Part, number: int, base_url: str) -> str:
    sid = escape(part.id)
    star = ' <span class="rm-mandatory" aria-hidden="true">*</span><span class="rm-visually-hidden"> (mandatory)</span>'
    questions = "".join(f"<li>{escape(q)}</li>" for q in part.questions)
    items = "".join(_item(item, item.id) for item in part.items)
    parties = "".join(_party(part, n) for n in range(1, MAX_PARTIES + 1)) if part.per_party else ""
    table = ""
    if part.table:
        name = TABLES[part.table][0]
        table = (
            f'<p class="rm-table-note">{escape(name)}: attach it from its register, or import the register\'s '
            "saved file with the toolbar's Import a register button. The agreement shows it as a table.</p>"
        )
    return (
        f'<section class="rm-section rm-agreement-section" aria-labelledby="{sid}" data-part="{sid}">'
        f'<h2 id="{sid}">{number}. {escape(part.title)}{star if part.mandatory else ""}</h2>'
        f"<p>{escape(part.explanation)}</p>"
        f'<p class="rm-section-guidance"><a href="{escape(guidance_url(part.guidance, base_url))}">'
        f"Read the guidance on {escape(part.title.lower())}</a></p>"
        f'<h3 id="{sid}-questions">Questions to settle</h3><ul class="rm-questions">{questions}</ul>'
        f"{items}{parties}{table}{_status(part)}"
        # named, as a screen reader's list of links gives each link's words alone
        f'<p class="rm-section-end"><a href="#{sid}">Back to the start of section {number}, '
        f"{escape(part.title)}</a></p></section>"
    )


def _party(part: Part, number: int) -> str:
    fields = "".join(_item(item, f"{item.id}-{number}", f" (party {number})") for item in part.per_party)
    legend = f"Party {number}" + (" (optional)" if number > 2 else "")
    return f'<fieldset class="rm-party"><legend>{escape(legend)}</legend>{fields}</fieldset>'


def control_id(key: str) -> str:
    """The id of the control that fills the saved key `key` (of a choice, what its radios' ids begin with)."""
    return f"ag-{key}"


def field_id(agreement: Agreement, key: str) -> str:
    """The id of the field that fills `key` as the form draws it, where a link to the field leads: a choice's
    first radio (GOV.UK's error summary links to the first), else its control; "" for a key it has no field for."""
    item = agreement.question(key)
    if item is None or key == PRESET_KEY:  # the example a draft started from is kept, but has no field
        return ""
    return radio_id(control_id(key), item.options[0].id) if item.kind == "choice" else control_id(key)


def _item(item: Item, key: str, suffix: str = "") -> str:
    ident = escape(control_id(key))
    hint_id = f"{ident}-hint"
    marks = []
    if item.mandatory and (not suffix or suffix in (" (party 1)", " (party 2)")):
        marks.append("must be agreed")
    if item.legal_review:
        marks.append("needs local legal review")
    label = escape(item.label + suffix) + (f' <span class="rm-item-marks">({", ".join(marks)})</span>' if marks else "")
    hint = f'<p class="rm-hint" id="{hint_id}">{escape(item.hint)}</p>' if item.hint else ""
    # The review's findings about this field (the shares' total, a date outside the term...), put here by the
    # page script from each preview and read out with the field, under its label as GOV.UK puts an error.
    problems_id = f"{ident}-problems"
    hint += f'<div class="rm-field-problems" id="{problems_id}" data-key="{escape(key)}"></div>'
    described = f' aria-describedby="{hint_id} {problems_id}"' if item.hint else f' aria-describedby="{problems_id}"'
    if item.kind == "choice":
        radios = _radios(escape(key), ident, ((o.id, o.label) for o in item.options))
        return (
            f'<fieldset class="rm-choice" data-answer="{escape(key)}"{described}><legend>{label}</legend>'
            f"{hint}{options(radios)}</fieldset>"
        )
    if item.kind == "text":
        control = (
            f'<textarea id="{ident}" name="{escape(key)}" rows="4" maxlength="{MAX_TEXT}"'
            f' data-answer="{escape(key)}"{described}></textarea>'
        )
    else:
        kind = "date" if item.kind == "date" else "text"
        limit = "" if kind == "date" else f' maxlength="{MAX_SHORT_TEXT}"'
        mode = ' inputmode="decimal"' if item.kind == "percent" else ""
        control = (
            f'<input type="{kind}" id="{ident}" name="{escape(key)}"{limit}{mode}'
            f' data-answer="{escape(key)}"{described}>'
        )
    return f'<div class="rm-field"><label for="{ident}">{label}</label>{hint}{control}</div>'


def _status(part: Part) -> str:
    key = STATUS_PREFIX + part.id
    radios = _radios(escape(key), escape(control_id(key)), STATUSES.items(), default=DRAFT)  # as review.status reads it
    proposer = PROPOSER_PREFIX + part.id
    proposer_id = escape(control_id(proposer))
    # Who proposed it is part of the section's status, and in its group: every section's field has the
    # same label, and the group's name ("Status of section: finance") tells a screen reader whose it is.
    return (
        f'<fieldset class="rm-status" data-answer="{escape(key)}"{SEARCH_EXCLUDE}><legend>Status of section: '
        f"{escape(part.title.lower())}</legend>{options(radios)}"
        f'<div class="rm-field"><label for="{proposer_id}">Proposed by (the partner who proposed '
        f'this wording)</label><input type="text" id="{proposer_id}" maxlength="{MAX_SHORT_TEXT}" '
        f'data-answer="{escape(proposer)}" autocomplete="organization"></div></fieldset>'
    )
