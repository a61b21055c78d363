"""Build-time rendering of the checklists from their validated definitions.

Every definition is validated once per build, guidance links included; a bad one
fails the build with its file, the path of the bad value and what is wrong.
"""

from __future__ import annotations

import json
from functools import cache
from html import escape
from pathlib import Path

import yaml

from checks import Checklist, checklist_from_mapping, definition_files, load_docs_index
from checks.answers import MAX_NOTE
from checks.links import guidance_url
from checks.model import Question, Section
from macros.guidance import relative_link

DOCS_DIR = Path(__file__).resolve().parent.parent / "docs"


@cache
def definitions() -> dict[str, tuple[Checklist, dict]]:
    """Each checklist by id, with the plain data it was built from (embedded in its page)."""
    docs = load_docs_index(DOCS_DIR)
    found = {}
    for path in definition_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found[path.stem] = (checklist_from_mapping(data, f"checks/definitions/{path.name}", docs), data)
    return found


def _get(checklist_id: str) -> tuple[Checklist, dict]:
    if checklist_id not in definitions():
        raise KeyError(f"no checklist called {checklist_id!r}; known: {', '.join(definitions())}")
    return definitions()[checklist_id]


def link_box(checklist_id: str, section_id: str | None, page: str) -> str:
    """An admonition (Markdown, so MkDocs checks the link) pointing at a checklist or one of its sections."""
    checklist, _ = _get(checklist_id)
    target = relative_link(page, f"checklists/{checklist_id}.md")
    if section_id is None:
        body = f"Use the [{checklist.title}]({target}) to see where you stand. It takes about 15 minutes."
    else:
        section = checklist.section(section_id)
        if section is None:
            raise KeyError(f"{page}: checklist_link(): {checklist_id!r} has no section {section_id!r}")
        body = (
            f"The [{checklist.title}: {section.title}]({target}#{section_id}) asks "
            f"{len(section.questions)} questions on this. Answer them alone, with your team or with each partner."
        )
    return f'!!! tip "Check how you are doing"\n    {body}\n'


def form(checklist_id: str, page_url: str) -> str:
    """The checklist's form: complete and printable without JavaScript; the results panel fills in with it."""
    checklist, data = _get(checklist_id)
    base = "../" * page_url.strip("/").count("/") + ("../" if page_url.strip("/") else "")
    sections = "".join(_section(checklist, section, base) for section in checklist.sections)
    # In an attribute, not a <script type="application/json">: Material's instant navigation
    # re-creates every script in the page without its type, and would run the JSON as code.
    definition = escape(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    cid = escape(checklist.id)
    return (
        f'\n<div class="rm-checklist" data-module="rm-checklist" data-checklist="{cid}" data-base="{base}"'
        f' data-definition="{definition}">\n'
        f'<p class="rm-no-js">Your results appear as you answer when JavaScript is on. Without it you can still '
        f"read, print and discuss every question.</p>\n"
        f'<form class="rm-form" id="rm-form-{cid}" aria-label="{escape(checklist.title)}">{sections}</form>\n'
        f'<h2 id="results">Your results</h2>\n'
        f'<div class="rm-results" role="status" aria-live="polite" data-state="loading">'
        f"<p>Results need JavaScript. With it on, they appear here as you answer.</p></div>\n"
        f"</div>\n"
        # The page glue again. extra_javascript loads it at the very end of the page, after Material's
        # deferred bundle; here, earlier in the page, it runs first (scripts that wait for the end of
        # parsing run in page order), so the form saves answers about 100 ms sooner. Both tags name
        # the same module, which runs once.
        f'<script type="module" src="{base}assets/js/rm-main.js"></script>\n'
    )


def _section(checklist: Checklist, section: Section, base: str) -> str:
    sid = escape(section.id)
    intro = f"<p>{escape(section.intro)}</p>" if section.intro else ""
    numbers = {q.id: n for n, q in enumerate(checklist.questions(), 1)}
    questions = "".join(_question(q, numbers[q.id], base) for q in section.questions)
    return (
        f'<section class="rm-section" aria-labelledby="{sid}">'
        f'<h2 id="{sid}">{escape(section.title)}</h2>{intro}'
        f'<p class="rm-section-guidance"><a href="{escape(guidance_url(section.guidance, base))}">'
        f"Read the guidance on {escape(section.title.lower())}</a></p>"
        f"{questions}"
        f'<div class="rm-notes"><label for="notes-{sid}">Your notes on {escape(section.title.lower())} '
        f'(optional)</label><textarea id="notes-{sid}" name="notes:{sid}" rows="3" maxlength="{MAX_NOTE}" '
        f'data-section="{sid}"></textarea></div></section>'
    )


def _question(question: Question, number: int, base: str) -> str:
    qid = escape(question.id)
    hint_id = f"q-{qid}-hint"
    critical = ' <strong class="rm-critical">(key question)</strong>' if question.critical else ""
    # The label is the option's whole box, radio included: one element fewer per option than a
    # wrapper around both (checklist pages have up to 200 options; the DOM size costs at start-up).
    options = "".join(
        f'<label class="rm-option" for="q-{qid}-{escape(value)}"><input type="radio" id="q-{qid}-{escape(value)}"'
        f' name="{qid}" value="{escape(value)}">{escape(label)}</label>'
        for value, label in question.choices()
    )
    hint = f'<p class="rm-hint" id="{hint_id}">{escape(question.hint)}</p>' if question.hint else ""
    described = f' aria-describedby="{hint_id}"' if question.hint else ""
    return (
        f'<fieldset class="rm-question" id="q-{qid}" data-kind="{escape(question.kind)}"{described}>'
        f'<legend><span class="rm-number">{number}.</span> {escape(question.text)}{critical}</legend>'
        f'{hint}<div class="rm-options">{options}</div>'
        f'<p class="rm-question-guidance"><a href="{escape(guidance_url(question.guidance, base))}">'
        f"Guidance on this question</a></p></fieldset>"
    )
