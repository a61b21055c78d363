"""Each finding in a findings panel links to the field it is about, as a GOV.UK error summary's items do:
following a link, by keyboard or pointer, moves focus into the field and scrolls it into view with its
label clear of the page's header, on the same page (Material's instant navigation does not load it
again). The link's words are the finding's own, and its target is a plain anchor, so it leads to the
field without the page's script too.
"""

from __future__ import annotations

import pytest
from conftest import READY_TIMEOUT
from playwright.sync_api import Locator, Page, expect
from site_pages import COUNT_REQUESTS

from checks.registers import load_register, register_files

pytestmark = pytest.mark.browser
REGISTERS = {path.stem: load_register(path) for path in register_files()}

# Where the field went: focused, and what names it (its label, else its group's legend, else itself) wholly in
# view, below Material's header (which stays at the top of the window) and above the window's foot.
AT_FIELD = """() => {
  const field = document.activeElement;
  const name = field.labels?.[0] ?? field.closest("fieldset")?.querySelector("legend") ?? field;
  const header = document.querySelector(".md-header").getBoundingClientRect().bottom;
  const [seen, shown] = [name, field].map((element) => element.getBoundingClientRect());
  const { outlineStyle } = getComputedStyle(field);
  return {
    id: field.id,
    in_view: seen.top >= header && shown.bottom <= window.innerHeight,
    outline: outlineStyle,
  };
}"""


def same_page(page: Page) -> None:
    """Mark the page, to tell later that it was not loaded again (as instant navigation does for a link)."""
    page.evaluate("() => { window.rmSamePage = true; }")


def follow(page: Page, link: Locator, by_keyboard: bool) -> None:
    """Follow `link` and check that focus is in its field, in view with its label, on the same page."""
    target = link.get_attribute("href")
    assert target.startswith("#")
    expect(page.locator(target)).to_have_count(1)  # a plain anchor: it leads there without the script too
    if by_keyboard:
        link.focus()
        page.keyboard.press("Shift+Tab")  # and back by keyboard: the keyboard's place is outlined
        page.keyboard.press("Tab")
        expect(link).to_be_focused()
        assert link.evaluate("a => getComputedStyle(a).outlineStyle") == "solid"
        page.keyboard.press("Enter")
    else:
        link.click()
    expect(page.locator(target)).to_be_focused()
    at = page.evaluate(AT_FIELD)
    assert at["id"] == target[1:]
    assert at["in_view"], (target, at)
    if by_keyboard:
        assert at["outline"] == "solid", (target, at)
    assert page.evaluate("() => window.rmSamePage === true"), "the page was loaded again"


@pytest.mark.parametrize("name", sorted(REGISTERS))
def test_each_register_finding_leads_to_its_field(page, site_url, name):
    register = REGISTERS[name]
    page.goto(f"{site_url}tools/{register.id}/")
    expect(page.locator(".rm-results")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT)
    same_page(page)
    page.get_by_role("button", name="Try an example").click()
    findings = page.locator(".rm-results ul.rm-findings > li")
    expect(findings.first).to_be_visible(timeout=READY_TIMEOUT)
    links = page.locator(".rm-results ul.rm-findings > li > a")
    expect(links).to_have_count(findings.count())  # every finding of the examples is about a field or a row
    assert links.all_text_contents() == findings.all_text_contents()  # in the finding's own words
    seen = set()
    for index, link in enumerate(links.all()):
        target = link.get_attribute("href")
        if target in seen:
            continue
        seen.add(target)
        follow(page, link, by_keyboard=index == 0)
    expect(page.get_by_role("button", name="Back to my own work")).to_be_visible()  # still the example


def test_an_agreement_finding_leads_to_its_first_field(page, site_url):
    page.goto(f"{site_url}tools/partnership-agreement/")
    preview = page.locator(".rm-preview")
    expect(preview).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT)
    same_page(page)
    page.locator("#rm-preset").select_option("voluntary-mou")
    page.get_by_role("button", name="Use this example").click()
    # Typed once the example is in place: typed before, it would be replaced with the example's own.
    expect(page.locator(".rm-toolbar-status")).to_contain_text("starts from the example")
    page.locator("#ag-share-3").fill("10")
    page.locator("#ag-exit-notice").fill("")
    said = "The contribution shares add up to 80%, not 100%."
    shares = preview.get_by_role("link", name=said)
    expect(shares).to_have_count(2, timeout=READY_TIMEOUT)  # in the summary's checks, and in its section
    exit_link = preview.get_by_role("link", name="The exit section says nothing about notice.").first
    expect(exit_link).to_have_attribute("href", "#ag-exit-notice")
    follow(page, shares.first, by_keyboard=True)
    expect(shares.first).to_have_attribute("href", "#ag-share-1")
    follow(page, exit_link, by_keyboard=False)
    follow(page, shares.last, by_keyboard=False)


def test_leaving_a_field_as_it_is_does_not_draw_the_preview_again(page, site_url):
    """Typed text is previewed as it is typed; when the field then loses focus (to a finding's link, say), its
    value is the same, so the preview is not drawn again. It was: 300 ms later the link the reader had moved to
    was replaced, and their place in the page with it."""
    page.add_init_script(COUNT_REQUESTS)
    page.goto(f"{site_url}tools/partnership-agreement/")
    preview = page.locator(".rm-preview")
    expect(preview).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT)
    field = page.locator("#ag-exit-notice")
    field.fill("Six months")
    expect(preview).to_contain_text("Six months", timeout=READY_TIMEOUT)  # drawn with what was typed
    asked = page.evaluate("() => window.__asked.agreement_preview")
    preview.get_by_role("link").first.focus()  # the field loses focus, its value unchanged
    page.wait_for_timeout(1_000)  # the preview's pause after an edit is 300 ms
    assert page.evaluate("() => window.__asked.agreement_preview") == asked


def test_a_checklists_question_still_to_answer_leads_to_it(page, site_url):
    """The checklist's results list the questions still to answer, each a link to its question: following one
    used to have Material's instant navigation draw the page again (the form and results made afresh, back to
    "loading"), with focus left at the top of the page instead of in the question. "See your result" goes
    through the same code."""
    page.goto(f"{site_url}checklists/behaviours/")
    results = page.locator(".rm-results")
    expect(results).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT)
    page.locator(".rm-form input[type=radio]").first.check()
    links = results.locator('a[href^="#q-"]')
    expect(links.first).to_be_visible(timeout=READY_TIMEOUT)
    same_page(page)
    page.evaluate("() => { window.rmForm = document.querySelector('.rm-form'); }")
    for index in (0, links.count() - 1):
        link = links.nth(index)
        target = link.get_attribute("href")
        if index == 0:
            link.focus()
            page.keyboard.press("Enter")
        else:
            link.click()
        focused = page.locator(f"{target} input:focus")
        expect(focused).to_have_count(1)  # the question's first answer (none is chosen yet)
        expect(focused).to_have_attribute("value", page.locator(f"{target} input").first.get_attribute("value"))
        at = page.evaluate(AT_FIELD)
        assert at["in_view"], (target, at)  # its question (the group's legend) in view, clear of the header
        assert page.evaluate("() => window.rmSamePage === true && window.rmForm.isConnected"), "drawn again"
        expect(results).to_have_attribute("data-state", "ready")
    # "See your result", before the first question: to the results' heading, focus and all, on this page
    page.get_by_role("link", name="See your result").click()
    expect(page.locator("#results")).to_be_focused()
    assert page.evaluate("() => window.rmSamePage === true && window.rmForm.isConnected"), "drawn again"
