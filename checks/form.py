"""A checklist's forms as HTML: the questions, and who is answering. Complete and printable without
JavaScript; every piece of text is escaped here.

Each control says which part of the saved document it fills, for the page script, by a data
attribute on it or around it (`PARTS`): a question's answer by ``data-question`` on its fieldset,
a section's note by ``data-section`` and a detail about the respondent by ``data-respondent``.
"""

from __future__ import annotations

from checks.links import guidance_url
from checks.markup import escape
from checks.model import MAX_TEXT, Checklist, Question, Section, question_anchor
from checks.saved_parts import MAX_NOTE, MAX_SHORT_TEXT, ROLES

PARTS = {"question": "answers", "section": "notes", "respondent": "respondent"}
"""Which part of the saved document a control fills, by the data attribute on it or around it
(``data-question="trust-open"`` on a question's fieldset: ``answers["trust-open"]``); sent to the script."""


def questions_form(checklist: Checklist, base_url: str) -> str:
    """Every section's questions and notes, numbered through the whole checklist."""
    numbers = {q.id: n for n, q in enumerate(checklist.questions(), 1)}
    sections = "".join(_section(section, numbers, base_url) for section in checklist.sections)
    cid = escape(checklist.id)
    return (
        f'<form class="rm-form" id="rm-form-{cid}" novalidate aria-label="{escape(checklist.title)}">{sections}</form>'
    )


def _section(section: Section, numbers: dict[str, int], base_url: str) -> str:
    sid = escape(section.id)
    intro = f"<p>{escape(section.intro)}</p>" if section.intro else ""
    questions = "".join(_question(q, numbers[q.id], base_url) for q in section.questions)
    return (
        f'<section class="rm-section" aria-labelledby="{sid}">'
        f'<h2 id="{sid}">{escape(section.title)}</h2>'
        f'<p class="rm-count" data-count="{sid}" hidden></p>{intro}'
        f'<p class="rm-section-guidance"><a href="{escape(guidance_url(section.guidance, base_url))}">'
        f"Read the guidance on {escape(section.title.lower())}</a></p>"
        f"{questions}"
        f'<div class="rm-notes"><label for="notes-{sid}">Your notes on {escape(section.title.lower())} '
        f'(optional)</label><textarea id="notes-{sid}" name="notes:{sid}" rows="3" maxlength="{MAX_NOTE}" '
        f'data-section="{sid}"></textarea></div></section>'
    )


def _question(question: Question, number: int, base_url: str) -> str:
    anchor = escape(question_anchor(question.id))
    hint_id = f"{anchor}-hint"
    critical = ' <strong class="rm-critical">(key question)</strong>' if question.critical else ""
    hint = f'<p class="rm-hint" id="{hint_id}">{escape(question.hint)}</p>' if question.hint else ""
    described = f' aria-describedby="{hint_id}"' if question.hint else ""
    return (
        f'<fieldset class="rm-question" id="{anchor}" data-question="{escape(question.id)}"'
        f' data-kind="{escape(question.kind)}"{described}>'
        f'<legend id="{anchor}-text"><span class="rm-number">{number}.</span> {escape(question.text)}{critical}'
        f"</legend>{hint}{_answer(question, anchor)}"
        f'<p class="rm-question-guidance"><a href="{escape(guidance_url(question.guidance, base_url))}">'
        f"Guidance on this question</a></p></fieldset>"
    )


def _answer(question: Question, anchor: str) -> str:
    qid = escape(question.id)
    if not question.scored:
        return (
            f'<textarea class="rm-text-answer" id="{anchor}-answer" name="{qid}" rows="4" maxlength="{MAX_TEXT}" '
            f'aria-labelledby="{anchor}-text"></textarea>'
        )
    return options(_radios(qid, anchor, question.choices()))


def _radios(name: str, anchor: str, choices, extra: str = "", default: str = "") -> str:
    """Radios for `choices` ((value, label) pairs); the one whose value is `default` is marked data-default:
    the form shows it chosen while the document holds no answer (what Python reads an absent answer as)."""
    # The label is the option's whole box, radio included: one element fewer per option than a
    # wrapper around both (checklist pages have up to 200 options; the DOM size costs at start-up).
    return "".join(
        f'<label class="rm-option" for="{radio_id(anchor, escape(value))}"><input type="radio" '
        f'id="{radio_id(anchor, escape(value))}"'
        f' name="{name}" value="{escape(value)}"{extra}{" data-default" if default and value == default else ""}>'
        f"{escape(label)}</label>"
        for value, label in choices
    )


SEARCH_EXCLUDE = " data-search-exclude"
"""Leaves an element's text out of the site's search index (Material's search plugin reads this attribute):
a form's option labels and buttons ("Strongly agree", "Export answers") would match searches on every tool
page, and make the index every page downloads bigger."""


def options(radios: str) -> str:
    """A group's radios, as one block of options, left out of the search index."""
    return f'<div class="rm-options"{SEARCH_EXCLUDE}>{radios}</div>'


def radio_id(anchor: str, value: str) -> str:
    """The id of the radio for `value` among those `_radios` draws for `anchor`."""
    return f"{anchor}-{value}"


def about_form(checklist: Checklist) -> str:
    """Who is answering: all optional; kept with the answers and in exported files, so that answers
    from several people or partners can be told apart. "Answer anonymously" keeps no name."""
    prefix = f"rm-{escape(checklist.id)}"
    role = _radios(f"{prefix}-role", f"{prefix}-role", ROLES.items(), ' data-respondent="role"')
    return (
        f'<form class="rm-about" id="{prefix}-about" novalidate aria-labelledby="{prefix}-about-title"{SEARCH_EXCLUDE}>'
        f'<h2 id="{prefix}-about-title">About you</h2>'
        "<p>All optional. What you give here is kept with your answers, in this browser and in files you "
        "export, so that answers from several people can be told apart.</p>"
        f"{_text_field(prefix, 'organisation', 'Your organisation', 'organization', f'{prefix}-organisations')}"
        f'<datalist id="{prefix}-organisations"></datalist>'
        f'<fieldset class="rm-role"><legend>Your role</legend>{options(role)}</fieldset>'
        f"{_text_field(prefix, 'name', 'Your name', 'name')}"
        f'<div class="rm-field rm-check"><input type="checkbox" id="{prefix}-anonymous" data-respondent="anonymous"'
        f' data-clears="{prefix}-name"><label for="{prefix}-anonymous">'
        "Answer anonymously (your name is not kept)</label></div>"
        "</form>"
    )


def _text_field(prefix: str, key: str, label: str, autocomplete: str, options: str = "") -> str:
    """A line of text; `options` names a datalist of earlier entries to offer (the organisations)."""
    listed = f' list="{options}"' if options else ""
    return (
        f'<div class="rm-field"><label for="{prefix}-{key}">{label}</label>'
        f'<input type="text" id="{prefix}-{key}" maxlength="{MAX_SHORT_TEXT}" autocomplete="{autocomplete}" '
        f'data-respondent="{key}"{listed}></div>'
    )
