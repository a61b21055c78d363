"""Printing a checklist (issue 13), for every checklist: with a result, the result comes first, then the
answers and notes as a compact table, on at most 5 A4 pages when every question is answered (counted in
Chromium's own PDF); "Print a blank copy" prints every question with nothing marked and no result."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from site_pages import answer_sets

pytestmark = pytest.mark.browser
MOST_PAGES = 5
MARGIN = {side: "1cm" for side in ("top", "right", "bottom", "left")}  # about a browser's default
PAGE_OBJECT = re.compile(rb"/Type\s*/Page\b(?!s)")
NOTE = "What we said about this section when we talked it through, and who will follow it up. " * 3

# What is on paper: each element's place in the page and whether it is printed (print media emulated).
PRINTED = """(selector) => [...document.querySelectorAll(selector)].map((el) => el.checkVisibility())"""
FIRST_PRINTED = """() => {
  const article = document.querySelector('article');
  const shown = (el) => el.checkVisibility();
  const top = [...article.children].filter(shown).map((el) => el.tagName.toLowerCase() + '.' + el.className);
  const checklist = article.querySelector('.rm-checklist');
  return {top, first: [...checklist.children].find(shown)?.textContent.trim()};
}"""


def pages(page: Page) -> int:
    return len(PAGE_OBJECT.findall(page.pdf(format="A4", margin=MARGIN)))


def answer_cases(checklist) -> dict[str, dict[str, str]]:
    """Two full sets: the accessibility tests' (red flags and all), and the weakest answer everywhere,
    which puts every question in the action plan: the longest result there is."""
    return {
        "with red flags": answer_sets(checklist)[1],
        "weakest": {q.id: q.choices()[0][0] for q in checklist.questions()},
    }


@pytest.mark.parametrize("case", ["with red flags", "weakest"])
def test_a_fully_answered_checklist_prints_its_result_first_on_at_most_5_pages(page, context, rm, checklist_id, case):
    checklist = rm.checklist(checklist_id)
    answers = answer_cases(checklist)[case]
    notes = {section.id: NOTE for section in checklist.sections}
    rm.seed(context, checklist_id, rm.document(checklist_id, answers, notes))
    rm.open(page, checklist_id)
    printed = page.locator(".rm-print-answers")
    expect(printed.locator("tbody tr")).to_have_count(len(checklist.questions()))
    expect(printed.locator(".rm-answers-note")).to_have_count(len(checklist.sections))

    page.emulate_media(media="print")
    found = page.evaluate(FIRST_PRINTED)
    assert [entry.split(".")[0] for entry in found["top"]] == ["h1", "div"], found  # no introduction
    assert found["first"] == "Your results", found
    assert page.evaluate(PRINTED, ".rm-form, .rm-about, .rm-toolbar, .rm-answered") == [False] * 4
    assert all(page.evaluate(PRINTED, ".rm-results, .rm-print-answers, .rm-results ul.rm-actions, table.rm-sections"))
    rows = printed.locator("tbody tr").all_inner_texts()
    for row, question in zip(rows, checklist.questions(), strict=True):
        assert question.text in row and question.label(answers[question.id]) in row, row

    count = pages(page)
    print(f"{checklist_id}, {case}: {count} A4 pages")
    assert 1 <= count <= MOST_PAGES


def test_print_a_blank_copy_prints_every_question_and_no_answer(page, context, rm, checklist_id):
    checklist = rm.checklist(checklist_id)
    _, complete = answer_sets(checklist)
    notes = {section.id: NOTE for section in checklist.sections}
    rm.seed(context, checklist_id, rm.document(checklist_id, complete, notes))
    rm.open(page, checklist_id)
    page.evaluate("() => { window.print = () => { window.rmPrinted = (window.rmPrinted || 0) + 1; }; }")
    page.get_by_role("button", name="Print a blank copy").click()
    assert page.evaluate("window.rmPrinted") == 1

    page.emulate_media(media="print")
    legends = page.locator(".rm-form legend")
    expect(legends).to_have_count(len(checklist.questions()))
    assert all(page.evaluate(PRINTED, ".rm-form legend, .rm-form .rm-option, .rm-about"))
    assert not any(page.evaluate(PRINTED, "#results, .rm-results, .rm-print-answers, .rm-toolbar"))
    marks = page.evaluate(
        """() => [...document.querySelectorAll('.rm-form input[type=radio]:checked')].map((input) => {
          const option = input.closest('.rm-option');
          return [getComputedStyle(input).appearance, getComputedStyle(option, '::after').content,
                  getComputedStyle(option).fontWeight, getComputedStyle(option).boxShadow];
        })"""
    )
    assert marks and set(map(tuple, marks)) == {("none", "none", "400", "none")}, "a chosen answer is marked"
    colours = page.evaluate(
        "() => [...document.querySelectorAll('.rm-form textarea')].map(t => getComputedStyle(t).color)"
    )
    assert set(colours) == {"rgba(0, 0, 0, 0)"}, "a note is printed"
    print(f"{checklist_id}, blank copy: {pages(page)} A4 pages")

    # Once printed, Print prints the result again.
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert not page.evaluate(PRINTED, ".rm-form")[0]
    assert page.evaluate(PRINTED, ".rm-results")[0]
