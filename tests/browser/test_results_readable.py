"""Results a reader can use (issue 13), for every checklist: the chart's text size, no visible copy of
the table, the answered counts and their live region, the link to the result, and the results at
390 px (a phone; the reflow checks of every page, at 320 px, are in test_every_page)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from site_pages import answer_sets

from checks import score
from checks.charts import chart_text
from checks.wording import COUNT_ALL, COUNT_ANNOUNCE, COUNT_SECTION, SEE_RESULT

pytestmark = pytest.mark.browser
SMALLEST_PX = 12
VIEWS = {"1280 px": {"width": 1280, "height": 800}, "390 px": {"width": 390, "height": 844}}

# Each text of the results' chart: its size in CSS px as drawn (the computed font size times the
# SVG's scale, and the height of its box), and whether it lies inside the chart (nothing cut off).
CHART_TEXT = """() => {
  const svg = document.querySelector('.rm-results svg.rm-chart');
  const box = svg.getBoundingClientRect();
  const scale = box.width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll('text')].map((text) => {
    const r = text.getBoundingClientRect();
    return {text: text.textContent, px: parseFloat(getComputedStyle(text).fontSize) * scale, height: r.height,
            inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5
                    && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5};
  });
}"""
SIDEWAYS = """() => {
  const table = document.querySelector('.rm-results .rm-table-scroll');
  return {page: document.documentElement.scrollWidth - window.innerWidth,
          table: table.scrollWidth - table.clientWidth};
}"""


def test_the_chart_text_is_at_least_12_px_and_the_results_read_at_390_px(page, context, rm, checklist_id):
    checklist = rm.checklist(checklist_id)
    _, complete = answer_sets(checklist)
    result = score(checklist, complete)
    rm.seed(context, checklist_id, rm.document(checklist_id, complete))
    rm.open(page, checklist_id)
    for view, size in VIEWS.items():
        page.set_viewport_size(size)
        texts = page.evaluate(CHART_TEXT)
        assert len(texts) >= 2 * len(checklist.sections), texts
        small = [(t["text"], round(t["px"], 1), round(t["height"], 1)) for t in texts if t["px"] < SMALLEST_PX]
        small += [(t["text"], round(t["px"], 1), t["height"]) for t in texts if t["height"] < SMALLEST_PX]
        assert not small, f"{view}: chart text under {SMALLEST_PX} px"
        assert [t["text"] for t in texts if not t["inside"]] == [], f"{view}: text cut off at the chart's edge"
        print(f"{checklist_id} at {view}: chart text {min(t['px'] for t in texts):.2f} px")
        assert page.evaluate(SIDEWAYS) == {"page": 0, "table": 0}, f"{view}: the results scroll sideways"

    # The chart's words are its own text alternative, not a visible paragraph repeating the table.
    panel = page.locator(".rm-results")
    chart = panel.locator("svg.rm-chart")
    expect(chart).to_have_accessible_name(f"{checklist.title}: scores by section, out of 100 {chart_text(result)}")
    expect(panel.locator("figcaption")).to_have_count(0)
    assert chart_text(result) not in panel.inner_text()
    assert chart_text(result).split(". ")[0] not in panel.locator(".rm-result").inner_text()


def fill(template: str, **values) -> str:
    return template.format(**values)


def test_the_answered_counts_change_with_an_answer_and_not_with_a_note(page: Page, rm, checklist_id):
    """Counts overall and per section, in Python's words; the live region speaks once per change of count."""
    checklist = rm.checklist(checklist_id)
    total = len(checklist.questions())
    rm.open(page, checklist_id)
    live = page.locator(".rm-count-live")
    expect(live).to_have_attribute("role", "status")
    expect(live).to_have_attribute("aria-live", "polite")
    expect(live).to_have_text("")
    overall = page.locator('.rm-count[data-count="all"]')
    expect(overall).to_have_text(fill(COUNT_ALL, answered=0, total=total))
    for section in checklist.sections:
        expect(page.locator(f'.rm-count[data-count="{section.id}"]')).to_have_text(
            fill(COUNT_SECTION, answered=0, total=len(section.questions))
        )
    page.evaluate(
        """() => {
          window.rmSaid = [];
          const live = document.querySelector('.rm-count-live');
          new MutationObserver(() => window.rmSaid.push(live.textContent))
            .observe(live, {subtree: true, childList: true, characterData: true});
        }"""
    )

    first, second = checklist.sections[0], checklist.sections[-1]
    note = "Typed one key at a time."
    page.locator(f"#notes-{first.id}").press_sequentially(note)
    page.wait_for_function(
        "([key, section, note]) => JSON.parse(localStorage.getItem(key)).notes[section] === note",
        arg=[rm.key(checklist_id), first.id, note],
    )
    question = second.questions[0]
    (one, _), (other, _) = question.choices()[:2]
    page.locator(f'label[for="q-{question.id}-{one}"]').click()
    said = fill(
        COUNT_ANNOUNCE,
        section=second.title,
        section_answered=1,
        section_total=len(second.questions),
        answered=1,
        total=total,
    )
    expect(live).to_have_text(said)
    expect(overall).to_have_text(fill(COUNT_ALL, answered=1, total=total))
    expect(page.locator(f'.rm-count[data-count="{second.id}"]')).to_have_text(
        fill(COUNT_SECTION, answered=1, total=len(second.questions))
    )
    # Another answer to the same question leaves the count, and the live region, as they were.
    page.locator(f'label[for="q-{question.id}-{other}"]').click()
    page.wait_for_function(
        "([key, id, value]) => JSON.parse(localStorage.getItem(key)).answers[id] === value",
        arg=[rm.key(checklist_id), question.id, other],
    )
    rm.wait_ready(page)
    assert page.evaluate("window.rmSaid") == [said], "the live region spoke for a note or an unchanged count"


def test_see_your_result_is_above_the_questions_and_leads_to_the_result(page: Page, rm, checklist_id):
    rm.open(page, checklist_id)
    page.wait_for_load_state("networkidle")  # Material's own scripts have set the page up, instant navigation too
    link = page.get_by_role("link", name=SEE_RESULT, exact=True)
    first_question = page.locator(".rm-form fieldset.rm-question").first
    assert link.bounding_box()["y"] < first_question.bounding_box()["y"]
    link.click()
    expect(page).to_have_url(f"{rm.url(checklist_id)}#results")
    heading = page.get_by_role("heading", name="Your results")
    expect(heading).to_be_in_viewport()
    expect(heading).to_be_focused()
    expect(page.locator(".rm-results")).to_have_attribute("data-state", "ready")  # the page was not loaded again
