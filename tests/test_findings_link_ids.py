"""Each finding in a tool's findings panel links to the field it is about, as a GOV.UK error summary's
items do, by the id the tool's form renders for that field; a finding about no particular field stays
plain text, and the reports downloaded from the same result link to no field of the form."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest

from checks.agreement.definitions import load_builder
from checks.agreement.form import agreement_form
from checks.agreement.reports import render as agreement_render
from checks.agreement.review import review
from checks.agreement.saved import read_draft
from checks.document import Document, Link, Notice
from checks.markup import escape
from checks.registers import check_register, load_register, read_register, register_files
from checks.registers.files import panel_html, render
from checks.registers.form import partners_form, row, settings_form
from checks.render import render_document
from checks.worker_api import handle

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "checks" / "examples"
TODAY = date(2026, 12, 1)
REGISTERS = {path.stem: load_register(path) for path in register_files()}
PARTNERS = {"partner-1": "Council", "partner-2": "Trust"}
DOWNLOADED = ("text", "markdown", "csv", "html", "docx")


def tags(markup: str) -> dict[str, str]:
    """Each element's opening tag, by its id."""
    return {m[1]: m[0] for m in re.finditer(r'<[a-z0-9]+[^>]*? id="([^"]+)"[^>]*>', markup)}


def register_form(register, rows: int) -> dict[str, str]:
    """The register's form as the page shows it with `rows` rows: the script numbers each clone of the
    row template as Python renders row `number` (``-r{number}-``)."""
    markup = partners_form(register) + settings_form(register)
    return tags(markup + "".join(row(register, number) for number in range(1, rows + 1)))


def panel_items(html: str) -> list[tuple[str, str]]:
    """The findings panel's items: (data-path, what the item holds)."""
    found = re.search(r'<ul class="rm-findings">(.*?)</ul>', html)
    return re.findall(r'<li data-path="([^"]*)">(.*?)</li>', found[1]) if found else []


def check(name: str, rows: list[dict], answers: dict[str, str]):
    register = REGISTERS[name]
    document = {"format": "relationship-matters-answers/2", "checklist": register.id, "checklist_version": 1}
    return check_register(register, read_register({**document, "answers": answers, "rows": rows}, register), TODAY)


def no_field_links(report: str | bytes) -> None:
    """A downloaded report links to no field of the page's form (nor anywhere in the page)."""
    if isinstance(report, bytes):
        with zipfile.ZipFile(io.BytesIO(report)) as word:
            report = word.read("word/document.xml").decode()
    assert "#rm-" not in report and "#ag-" not in report and 'href="#' not in report


# Registers: each path a finding may have, and the control its link leads to.

FOUND = [
    # a blank required field and an overdue review: the field itself
    ("risk-register", [{"ref": "R1", "review": "2026-01-01"}], {}, "rows[0].review", 'data-field="review"'),
    ("risk-register", [{"ref": "R1"}, {"description": "No ref"}], {}, "rows[1].ref", 'data-field="ref"'),
    # an owner who is not a partner
    ("red-lines-register", [{"line": "L", "owner": "Stranger"}], PARTNERS, "rows[0].owner", 'data-field="owner"'),
    # a setting, under the settings
    ("risk-register", [], {"threshold": "30"}, "settings.threshold", 'data-setting="threshold"'),
    # a matrix row as a whole (no Accountable partner): the row's title, which takes focus
    ("accountability-matrix", [{"activity": "Budget", "partner-1": "R"}], PARTNERS, "rows[0]", "rm-row-title"),
    # a partner's role in a matrix row: that role's control
    ("accountability-matrix", [{"activity": "B", "partner-2": "X"}], PARTNERS, "rows[0].partner-2", "partner-2"),
    # a partner with no role: the partner's name
    ("accountability-matrix", [{"activity": "B", "partner-1": "A"}], PARTNERS, "partners[1]", 'data-partner="2"'),
    # a field the register has no control for: the row's title
    ("risk-register", [{"ref": "R1", "colour": "red"}], {}, "rows[0].colour", "rm-row-title"),
]


@pytest.mark.parametrize(("name", "rows", "answers", "path", "control"), FOUND)
def test_a_register_finding_links_to_its_field_and_its_reports_do_not(name, rows, answers, path, control):
    result = check(name, rows, answers)
    [finding] = [f for f in result.findings if f.path == path]
    items = dict(panel_items(panel_html(result)))
    link = re.fullmatch(r'<a href="#([^"]+)">(.*)</a>', items[path])
    assert link, items[path]
    assert link[2] == escape(finding.message)  # the link's words are the finding's own
    form = register_form(REGISTERS[name], len(rows))
    assert control in form[link[1]]
    for format_name in DOWNLOADED:
        no_field_links(render(result, format_name))


@pytest.mark.parametrize("name", sorted(REGISTERS))
def test_every_finding_on_each_example_links_to_a_field_of_the_form(name):
    register = REGISTERS[name]
    example = read_register((EXAMPLES / f"{name}.json").read_bytes(), register)
    result = check_register(register, example, TODAY)
    items = panel_items(panel_html(result))
    assert [path for path, _ in items] == [f.path for f in result.findings] != []
    form = register_form(register, len(example.rows))
    for (path, item), finding in zip(items, result.findings, strict=True):
        link = re.fullmatch(r'<a href="#([^"]+)">(.*)</a>', item)
        assert link and link[2] == escape(finding.message), item
        assert link[1] in form, (path, link[1])
    for format_name in DOWNLOADED:
        no_field_links(render(result, format_name))


# The agreement builder: each finding's first field.

BUILDER, PLAIN = load_builder("partnership-agreement")
AGREEMENT = BUILDER.agreement
DOCUMENT = json.loads((EXAMPLES / "partnership-agreement.json").read_text(encoding="utf-8"))


def preview(document: dict) -> str:
    request = {"checklist": AGREEMENT.id, "version": AGREEMENT.version, "definition": PLAIN, "document": document}
    return json.loads(handle("agreement_preview", json.dumps(request)))["result"]["html"]


@pytest.mark.parametrize(
    ("answers", "key"),
    [
        ({"share-2": "30"}, "share-1"),
        ({"share-2": "lots"}, "share-2"),
        ({"review-date": "2031-01-01"}, "review-date"),
        ({"end-date": "2027-01-01"}, "start-date"),
        ({"exit-notice": "", "exit-triggers": ""}, "exit-notice"),
    ],
)
def test_an_agreement_finding_links_to_its_first_field_and_the_downloads_do_not(answers, key):
    document = {**DOCUMENT, "answers": {**DOCUMENT["answers"], **answers}}
    saved = read_draft(json.dumps(document), AGREEMENT)
    [finding] = review(AGREEMENT, saved).findings
    html = preview(document)
    notices = re.findall(r'<p class="rm-notice" data-kind="[^"]+"><strong>[^<]+</strong> (.*?)</p>', html)
    # in the summary's checks, and in the section it is about; its own words are the link's
    said = [notice for notice in notices if escape(finding.text) in notice]
    assert said == [f'<a href="#ag-{key}">{escape(finding.text)}</a>'] * 2, notices
    form = tags(agreement_form(AGREEMENT, "../../"))
    assert f'data-answer="{key}"' in form[f"ag-{key}"]
    for format_name in ("text", "markdown", "html", "docx"):
        no_field_links(agreement_render(BUILDER, saved, format_name))


def test_an_agreement_finding_about_no_field_stays_plain_text():
    stranger = {"table": "matrix", "activity": "Buy equipment", "responsible": "Example Housing Trust"}
    html = preview({**DOCUMENT, "rows": [*DOCUMENT["rows"], stranger]})
    said = "Example Housing Trust is named in the accountability matrix but is not a party"
    assert f"<strong>Warning:</strong> {said}" in html
    assert "<a " not in html


def test_a_finding_about_a_choice_links_to_its_first_option():
    """GOV.UK links an error about radios to the first radio: the choice's fieldset takes no focus."""
    from checks.agreement.form import field_id

    item = next(item for part in AGREEMENT.parts for item in part.items if item.kind == "choice")
    target = field_id(AGREEMENT, item.id)
    assert target == f"ag-{item.id}-{item.options[0].id}"
    assert 'type="radio"' in tags(agreement_form(AGREEMENT, "../../"))[target]
    assert field_id(AGREEMENT, "no-such-field") == ""


def test_a_notice_may_link_and_only_html_draws_a_link_into_the_page():
    notice = Notice((Link("The shares add up to 90%.", "#ag-share-1"),), "warning")
    document = Document("Draft", (notice,))
    assert render_document(document, "html").endswith(
        '<p class="rm-notice" data-kind="warning"><strong>Warning:</strong> '
        '<a href="#ag-share-1">The shares add up to 90%.</a></p>'
    )
    assert render_document(document, "text").endswith("Warning: The shares add up to 90%.\n")
    assert "> **Warning:** The shares add up to 90%." in render_document(document, "markdown")
    with zipfile.ZipFile(io.BytesIO(render_document(document, "docx"))) as word:
        drawn = word.read("word/document.xml").decode()
    assert "The shares add up to 90%." in drawn and "hyperlink" not in drawn
