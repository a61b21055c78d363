"""With JavaScript off, every page is readable and every checklist shows all its questions.

The site is built to work without JavaScript (progressive enhancement): the guidance is plain
HTML, each checklist is a real form, and only the results and the toolbar need JavaScript.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from site_pages import guarded_context, page_urls

pytestmark = pytest.mark.browser

# Text in the article that is not rendered; a closed <details> opens without JavaScript. Controls
# that need JavaScript are rendered with the `hidden` attribute and shown by their script (the
# components' convention), so text under [hidden] is not missed; empty elements hold no text to miss.
NOT_SHOWN = """() => [...document.querySelectorAll(
    "article :is(h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td, blockquote, figcaption, legend, label)")]
  .filter((el) => el.textContent.trim() && !el.checkVisibility({visibilityProperty: true})
                  && !el.closest("details:not([open]), [hidden]"))
  .map((el) => `${el.tagName.toLowerCase()}: ${el.textContent.trim().slice(0, 60)}`)"""


HIDDEN_SHOWN = """() => [...document.querySelectorAll("article [hidden]")]
  .filter((element) => element.checkVisibility()).map((element) => element.outerHTML.slice(0, 100))"""


def test_every_page_is_complete_without_javascript(browser, rm, site_url):
    checklists = {rm.url(checklist_id): checklist_id for checklist_id in rm.checklist_ids()}
    urls = page_urls(site_url)
    with guarded_context(browser, site_url, java_script_enabled=False) as context:
        page = context.new_page()
        for url in urls:
            response = page.goto(url)
            assert response is not None and response.ok, url
            assert page.evaluate("document.documentElement.classList.contains('js-enabled')") is False
            article = page.locator("article.md-content__inner")
            expect(article).to_be_visible()
            expect(article.locator("h1")).to_have_count(1)
            if not url.endswith("404.html"):  # "404 - Not found" is the whole of that one
                assert len(article.inner_text()) > 200, f"{url}: the article is almost empty"
            assert page.evaluate(NOT_SHOWN) == [], f"{url}: text in the article is hidden"
            # What is rendered hidden needs the page script: without it, it must not show (a button that does
            # nothing). Material's button style used to override the attribute: "Add another partner" showed.
            assert page.evaluate(HIDDEN_SHOWN) == [], f"{url}: rendered hidden, yet shown"
            if url in checklists:
                a_checklist_without_javascript(page, rm, checklists[url])


def a_checklist_without_javascript(page, rm, checklist_id: str) -> None:
    """All the questions, the note that results need JavaScript, no toolbar; the form still works."""
    checklist = rm.checklist(checklist_id)
    component = page.locator(f'.rm-checklist[data-checklist="{checklist_id}"]')
    questions = component.locator("form.rm-form fieldset.rm-question")
    expect(questions).to_have_count(len(checklist.questions()))
    for fieldset, question in zip(questions.all(), checklist.questions(), strict=True):
        expect(fieldset.locator("legend")).to_contain_text(question.text)
        expect(fieldset.locator("input[type=radio]")).to_have_count(len(question.choices()))
    expect(component.locator(".rm-no-js")).to_be_visible()
    expect(component.locator(".rm-no-js")).to_contain_text("Your results appear as you answer when JavaScript is on")
    expect(component.locator(".rm-results")).to_have_text(
        "Results need JavaScript. With it on, they appear here as you answer."
    )
    toolbar = component.locator(".rm-toolbar")
    assert toolbar.count() == 0 or not toolbar.is_visible(), "the JavaScript-only toolbar shows"
    expect(component.locator("button:visible")).to_have_count(0)  # rendered hidden; the script shows them
    expect(component.locator(".rm-alert:visible, .rm-warning:visible, [data-state=error]")).to_have_count(0)

    question = checklist.questions()[0]  # answers can still be marked, to print or discuss
    value = question.choices()[0][0]
    page.locator(f'label[for="q-{question.id}-{value}"]').click()
    expect(page.locator(f"#q-{question.id}-{value}")).to_be_checked()
