"""The workshop record's form, drawn by Python for the page each time the contested questions change:
an agreed joint answer (or "disagreement recorded") for each contested question, and the actions,
each with an owner, a due date and a status. Every text is escaped here."""

from __future__ import annotations

from checks.compare.analysis import Comparison
from checks.compare.record import DISAGREEMENT, DISAGREEMENT_LABEL, MAX_ACTIONS, STATUSES
from checks.markup import escape
from checks.model import MAX_TEXT
from checks.saved_parts import MAX_SHORT_TEXT


def record_form(c: Comparison) -> str:
    if len(c.responses) < 2:
        return "<p>The record starts once 2 or more answers files are compared.</p>"
    parts = ["<h3>Agreed answers to contested questions</h3>"]
    if not c.contested:
        parts.append("<p>No question is contested.</p>")
    for n, spread in enumerate(c.contested, 1):
        question = c.checklist.question(spread.id)
        choices = (*((v, label) for v, label in question.choices()), (DISAGREEMENT, DISAGREEMENT_LABEL))
        chosen = c.record.agreed.get(spread.id)
        radios = "".join(
            f'<label class="rm-option" for="rm-agreed-{n}-{escape(v)}">'
            f'<input type="radio" id="rm-agreed-{n}-{escape(v)}"'
            f' name="agreed:{escape(spread.id)}" value="{escape(v)}"{" checked" if v == chosen else ""}>'
            f"{escape(label)}</label>"
            for v, label in choices
        )
        parts.append(
            f'<fieldset class="rm-question" data-agreed="{escape(spread.id)}"><legend>{escape(spread.text)}</legend>'
            f'<div class="rm-options">{radios}</div></fieldset>'
        )
    parts.append("<h3>Actions</h3>")
    parts += [_action(n, a) for n, a in enumerate(c.record.actions)]
    if len(c.record.actions) < MAX_ACTIONS:
        parts.append(
            '<button type="button" class="md-button rm-button" data-action="add-action">Add an action</button>'
        )
    else:  # a record with one more could not be read again: every later change would be refused
        parts.append(f"<p>The record holds at most {MAX_ACTIONS} actions. Remove one to add another.</p>")
    return "".join(parts)


def _action(index: int, action) -> str:
    n = index + 1
    prefix = f"rm-action-{n}"
    statuses = "".join(
        f'<option value="{key}"{" selected" if key == action.status else ""}>{label}</option>'
        for key, label in STATUSES.items()
    )
    return (
        f'<fieldset class="rm-compare-action" data-action-index="{index}"><legend>Action {n}</legend>'
        f'<div class="rm-field"><label for="{prefix}-action">What will be done</label>'
        f'<textarea id="{prefix}-action" rows="2" maxlength="{MAX_TEXT}" data-field="action">'
        f"{escape(action.action)}</textarea></div>"
        f'<div class="rm-field"><label for="{prefix}-owner">Owner</label><input type="text" id="{prefix}-owner" '
        f'maxlength="{MAX_SHORT_TEXT}" data-field="owner" value="{escape(action.owner)}"></div>'
        f'<div class="rm-field"><label for="{prefix}-due">Due date</label><input type="date" id="{prefix}-due" '
        f'data-field="due" value="{escape(action.due)}"></div>'
        f'<div class="rm-field"><label for="{prefix}-status">Status</label><select id="{prefix}-status" '
        f'data-field="status">{statuses}</select></div>'
        f'<button type="button" class="md-button rm-button" data-action="remove-action" data-index="{index}">'
        f"Remove action {n}</button></fieldset>"
    )
