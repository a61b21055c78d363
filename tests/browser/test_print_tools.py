"""Printing the tools: the three registers and the compare view, as council and NHS staff print them for
board papers and workshops (print media emulated, as in test_print). Once Python's report is drawn, it is
printed alone, with no introduction, form, button, file chooser or example banner; everything typed is
printed whole; and a wide table (the matrix of every partner) fits the page instead of running past its edge."""

from __future__ import annotations

import json

import pytest
from conftest import READY_TIMEOUT, ROOT
from playwright.sync_api import Page, expect
from test_print import PRINTED, pages

from checks.plurals import counted
from checks.registers import load_register, register_files
from checks.registers.model import MAX_PARTNERS

pytestmark = pytest.mark.browser
REGISTERS = {path.stem: load_register(path) for path in register_files()}
LONG = "The board signs off in March, once each partner's own board has seen the draft and the finance leads have met. "

# What is printed of the controls the reader acts on (not of what they wrote): each one's text or markup.
CONTROLS = """() => [...document.querySelectorAll(
    'article :is(button, input[type=file], .rm-drop, .rm-example-banner)')]
  .filter((e) => e.checkVisibility()).map((e) => e.textContent.trim().slice(0, 60) || e.outerHTML.slice(0, 60))"""
# Each printed box whose text runs past what it shows.
CUT = """() => [...document.querySelectorAll('article textarea')].filter((box) => box.checkVisibility())
  .filter((box) => box.scrollHeight > box.clientHeight + 1)
  .map((box) => [box.id, box.scrollHeight, box.clientHeight])"""
# Each printed table cell that reaches past the right edge of the page's text.
PAST_EDGE = """() => {
  const edge = document.querySelector('article').getBoundingClientRect().right;
  return [...document.querySelectorAll('article :is(th, td)')].filter((cell) => cell.checkVisibility())
    .filter((cell) => cell.getBoundingClientRect().right > edge + 1).map((cell) => cell.textContent);
}"""
A4_TEXT_WIDTH = 718  # px: an A4 page (210 mm) less 1 cm margins each side, as test_print prints it


def on_paper(page: Page) -> None:
    """The page as printed on A4: print media, a page's width of text."""
    page.emulate_media(media="print")
    page.set_viewport_size({"width": A4_TEXT_WIDTH, "height": 1000})


def seed(context, register, document: dict) -> None:
    key = json.dumps(f"relationship-matters:answers:{register.id}")
    text = json.dumps(json.dumps(document))
    context.add_init_script(f"if (localStorage.getItem({key}) === null) localStorage.setItem({key}, {text});")


def example(register) -> dict:
    return json.loads((ROOT / "checks" / "examples" / f"{register.id}.json").read_text(encoding="utf-8"))


def open_register(page: Page, site_url: str, register) -> None:
    page.goto(f"{site_url}tools/{register.id}/")
    expect(page.locator(".rm-results")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT)


@pytest.fixture(params=sorted(REGISTERS))
def register(request):
    return REGISTERS[request.param]


# The article's top-level parts that are printed, as tag.class.
PRINTED_PARTS = """() => [...document.querySelector('article').children].filter((e) => e.checkVisibility())
  .map((e) => e.tagName.toLowerCase() + '.' + e.className)"""
MOST_REGISTER_PAGES = 3  # the example's report (8 pages when the form was printed before it)


def test_a_register_example_prints_its_report_alone(page, site_url, register):
    open_register(page, site_url, register)
    page.get_by_role("button", name="Try an example").click()
    rows = example(register)["rows"]
    expect(page.locator(".rm-rows > li")).to_have_count(len(rows))
    expect(page.locator(".rm-results")).to_contain_text(counted(len(rows), register.row_name))
    on_paper(page)
    printed = page.evaluate(CONTROLS)
    assert printed == [], printed
    assert page.evaluate(PRINTED_PARTS) == ["h1.", "div.rm-register"]  # no introduction
    assert page.evaluate(PRINTED, ".rm-register-form, #findings") == [False, False]
    assert page.evaluate(PRINTED, ".rm-results") == [True]
    report = page.locator(".rm-results").inner_text()
    first_column = register.columns[0].id
    assert all(" ".join(row[first_column].split()) in " ".join(report.split()) for row in rows if row.get(first_column))
    count = pages(page)
    print(f"{register.id} example: {count} A4 pages")
    assert count <= MOST_REGISTER_PAGES


def test_a_register_prints_every_long_text_in_full(page, context, site_url, register):
    document = example(register)
    boxes = [column.id for column in register.columns if column.kind == "long-text"]
    assert boxes
    for column in boxes:
        document["rows"][0][column] = LONG * 4
    seed(context, register, document)
    open_register(page, site_url, register)
    expect(page.locator(f'.rm-rows [data-field="{boxes[0]}"]').first).to_have_value(LONG * 4)
    on_paper(page)
    assert page.evaluate(CUT) == []
    assert page.evaluate(PAST_EDGE) == []
    cells = page.locator(".rm-results table.rm-register-table tbody tr").first.locator("td").all_inner_texts()
    assert sum(cell.strip() == (LONG * 4).strip() for cell in cells) == len(boxes), cells  # each box, whole


def test_a_matrix_of_every_partner_fits_the_page(page, context, site_url):
    register = REGISTERS["accountability-matrix"]
    document = example(register)
    names = [f"Northbrook Partner Organisation {n}" for n in range(1, MAX_PARTNERS + 1)]
    document["answers"] = {f"partner-{n}": name for n, name in enumerate(names, 1)}
    for row in document["rows"]:
        row.update({f"partner-{n}": "RACI"[n % 4] for n in range(1, MAX_PARTNERS + 1)})
    seed(context, register, document)
    open_register(page, site_url, register)
    table = page.locator(".rm-results table.rm-register-table")
    expect(table.locator("thead th")).to_have_count(MAX_PARTNERS + 2)  # the activity, each partner, the notes
    on_paper(page)
    assert page.evaluate(PAST_EDGE) == []
    headers = table.locator("thead th").all_inner_texts()
    assert [" ".join(h.split()) for h in headers[1:-1]] == names  # every partner's column, named
    assert headers[-1] == "Notes"


def test_the_compare_view_prints_the_comparison_alone_with_its_record(page, site_url):
    page.goto(f"{site_url}checklists/compare-foundations/")
    results = page.locator(".rm-compare-results")
    expect(results).to_have_attribute("data-state", "empty", timeout=READY_TIMEOUT)
    page.get_by_role("button", name="Try an example").click()
    expect(results).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT)
    page.get_by_role("button", name="Add an action").click()
    action = page.locator('.rm-compare-record [data-field="action"]')
    action.fill(LONG * 3)
    action.blur()  # the record's change redraws the comparison, its actions table with it
    expect(results.locator("table:has(#rm-compare-actions) tbody")).to_contain_text("The board signs off")
    on_paper(page)
    printed = page.evaluate(CONTROLS)
    assert printed == [], printed
    assert page.evaluate(PRINTED_PARTS) == ["h1.", "div.rm-compare"]  # no introduction
    # the comparison holds the record (its actions table above): the form it was typed in is not printed again
    assert page.evaluate(PRINTED, ".rm-compare-settings, #workshop-record, .rm-compare-record") == [False] * 3
    assert page.evaluate(PRINTED, ".rm-compare-results") == [True]
    actions = results.locator("table:has(#rm-compare-actions)").inner_text()
    assert " ".join((LONG * 3).split()) in " ".join(actions.split())


def test_a_comparison_of_eight_organisations_fits_the_page(page, site_url):
    first = sorted((ROOT / "checks" / "examples" / "compare-foundations").glob("*.json"))[0]
    answers = json.loads(first.read_text(encoding="utf-8"))
    organisations = [f"Northbrook Partnership Organisation {n}" for n in range(1, 9)]
    files = [
        {
            "name": f"answers-{n}.json",
            "mimeType": "application/json",
            "buffer": json.dumps({**answers, "respondent": {"organisation": name, "role": "manager"}}).encode(),
        }
        for n, name in enumerate(organisations, 1)
    ]
    page.goto(f"{site_url}checklists/compare-foundations/")
    results = page.locator(".rm-compare-results")
    expect(results).to_have_attribute("data-state", "empty", timeout=READY_TIMEOUT)
    page.locator('[data-role="add-files"]').set_input_files(files)
    expect(results).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT)
    heat = results.locator("table:has(#rm-compare-heat) thead th")
    expect(heat).to_have_count(len(organisations) + 1)
    on_paper(page)
    assert page.evaluate(PAST_EDGE) == []
    assert [" ".join(h.split()) for h in heat.all_inner_texts()[1:]] == organisations
