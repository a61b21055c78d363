"""Accessibility: axe-core on every checklist state, the keyboard, and the live region (every other
page is scanned by test_every_page).

axe-core comes from `axe_playwright_python`, which evaluates its own bundled copy of
axe.min.js in the page: nothing is fetched, and the `context` fixture fails the test if any
request leaves the local server. The number of scans is printed at the end of the run.
"""

from __future__ import annotations

import json
import re

import pytest
from axe_scan import assert_none, violations_in_both_schemes
from playwright.sync_api import Page, expect
from site_pages import answer_sets

from checks import score

pytestmark = pytest.mark.browser


def colour_is_never_the_only_cue(page: Page, rm, checklist, result) -> None:
    """Bands and red flags are words; the chart is one image whose name carries the table's numbers."""
    panel = page.locator(".rm-results")
    rows = [row[1:4] for row in rm.shown_results(page)["rows"]]
    assert rows == [[s.title, str(s.score), s.band] for s in result.sections]

    chart = panel.locator("svg.rm-chart")
    expect(chart).to_have_attribute("role", "img")
    numbers = " ".join(f"{s.title}: {s.score} out of 100 ({s.band})." for s in result.sections)
    expect(chart).to_have_accessible_name(f"{checklist.title}: scores by section, out of 100 {numbers}")
    expect(panel.locator("figure.rm-figure figcaption")).to_have_count(0)  # the table is not repeated on screen
    labels = " ".join(chart.locator("text").all_text_contents())  # a long label takes two lines
    for section in result.sections:
        assert f"{section.title}: {section.band}" in labels and f" {section.score} " in f" {labels} ", labels

    flags = panel.locator("ul.rm-actions > li")
    expect(flags).to_have_count(len(result.red_flags))
    for item, flag in zip(flags.all(), result.red_flags, strict=True):
        expect(item).to_contain_text(re.compile(rf"^\s*Red flag:\s+{re.escape(flag.text)}"))
    if result.decision:
        expect(panel.locator(".rm-decision h3")).to_have_text(f"Recommendation: {result.decision.title}")


def test_each_checklist_passes_axe_empty_half_answered_and_complete(page, rm, scans, checklist_id):
    """In both colour schemes; the complete state shows a red flag and a focused button, and is
    checked for colour-only cues."""
    checklist = rm.checklist(checklist_id)
    half, complete = answer_sets(checklist)
    total, url = len(checklist.questions()), rm.url(checklist_id)
    rm.open(page, checklist_id)
    found = {}
    for state, answers, unanswered in (
        ("empty", {}, total),
        ("half answered", half, total - len(half)),
        ("complete", {key: value for key, value in complete.items() if key not in half}, 0),
    ):
        rm.give_answers(page, answers)
        panel = page.locator(".rm-results")
        expect(panel.locator(".rm-unanswered li")).to_have_count(unanswered)
        if state == "complete":
            flags = len(score(checklist, complete).red_flags)
            expect(panel.locator("ul.rm-actions .rm-flag")).to_have_count(flags)
            page.get_by_role("button", name="Export answers").focus()  # a focused button is scanned too
        for scheme, problems in violations_in_both_schemes(page).items():
            found[(state, scheme)] = problems
            scans.states.add((url, state, scheme))
    colour_is_never_the_only_cue(page, rm, checklist, score(checklist, complete))
    assert_none(found)


def test_the_results_panel_announces_only_its_short_summary(page, context, rm):
    checklist_id = rm.checklist_ids()[0]
    checklist = rm.checklist(checklist_id)
    half, _ = answer_sets(checklist)
    rm.seed(context, checklist_id, rm.document(checklist_id, half))
    rm.open(page, checklist_id)
    panel = page.locator(".rm-results")
    expect(panel).to_have_attribute("role", "status")
    expect(panel).to_have_attribute("aria-live", "polite")
    children = page.evaluate(
        """() => [...document.querySelector('.rm-results').children]
             .map(child => [child.tagName.toLowerCase(), child.className, child.getAttribute('aria-live')])"""
    )
    assert children == [["p", "rm-summary rm-visually-hidden", None], ["div", "rm-result", "off"]]
    summary = panel.locator(".rm-summary")
    before = summary.text_content()
    assert 0 < len(before) <= 200, before

    # Each time the panel's content changes, note what it announces then. The worker answers in
    # order, so a re-score that typing started would change the panel before the answer below does,
    # still announcing the old summary: no waiting on a clock is needed to catch it.
    page.evaluate(
        """() => {
          window.rmAnnounced = [];
          new MutationObserver(() => window.rmAnnounced.push(
              document.querySelector('.rm-results .rm-summary')?.textContent))
            .observe(document.querySelector('.rm-results'), {subtree: true, childList: true, characterData: true});
        }"""
    )
    section = checklist.sections[0].id
    note = "Typed one key at a time, as a person would."
    page.locator(f"#notes-{section}").press_sequentially(note)
    page.wait_for_function(
        "([key, section, note]) => JSON.parse(localStorage.getItem(key)).notes[section] === note",
        arg=[rm.key(checklist_id), section, note],
    )
    question = next(q for q in checklist.questions() if q.id not in half)
    rm.give_answers(page, {question.id: question.choices()[0][0]})
    expect(summary).not_to_have_text(before)  # an answer changes what is announced
    after = summary.text_content()
    announced = page.evaluate("window.rmAnnounced")
    assert announced, "the answer did not change the live region"
    assert set(announced) == {after}, "typing a note changed the live region before the answer did"


# Keyboard

FOCUS_LOG = """
window.rmFocus = [];
window.rmFocusElements = [];
document.addEventListener("focusin", (event) => {
  const el = event.target;
  const hasBox = (node) => { const r = node.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  // Where focus shows: the element itself, or for a hidden input (Material's colour scheme
  // switch) the label drawn beside it; a radio's option box is outlined as well as the radio.
  const label = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null;
  const beside = el.nextElementSibling && el.nextElementSibling.tagName === "LABEL" ? el.nextElementSibling : null;
  const shown = [el, label, beside].find((node) => node && hasBox(node));
  const marked = [shown, el.closest(".rm-option")].filter(Boolean).some((node) => {
    const style = getComputedStyle(node);
    return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
  });
  window.rmFocusElements.push(el);
  window.rmFocus.push({
    tag: el.tagName.toLowerCase(),
    radio: el.type === "radio" && el.closest(".rm-form") ? el.name : null,
    text: (el.textContent || el.getAttribute("aria-label") || el.name || "").trim().replace(/\\s+/g, " ").slice(0, 60),
    classes: String(el.className),
    visible: Boolean(shown && hasBox(shown)),
    marked,
  });
}, true);
"""

CURRENT = """() => {
  const el = document.activeElement;
  const radio = el && el.type === "radio" && el.closest(".rm-form") ? el.name : null;
  return {radio, answered: radio ? [...el.form.elements[radio]].some((input) => input.checked) : false,
          text: el ? el.textContent.trim() : ""};
}"""

# Everything Tab should reach: rendered, not disabled or inert, not taken out with tabindex=-1;
# a group of radios is one stop.
TAB_STOPS = """() => {
  const selector = 'a[href], button, input, textarea, select, [tabindex]';
  const stops = new Set();
  for (const el of document.querySelectorAll(selector)) {
    if (el.tabIndex < 0 || el.disabled || el.closest('[inert]') || el.type === 'hidden') continue;
    if (!el.checkVisibility({visibilityProperty: true})) continue;
    stops.add(el.type === 'radio' ? 'radio:' + el.name : el);
  }
  return stops;
}"""

# Compare the recorded focus order with the document order and the stops expected.
ANALYSE = (
    """() => {
  const focused = window.rmFocusElements;
  let backwards = 0;
  for (let i = 1; i < focused.length; i++) {
    if (focused[i - 1].compareDocumentPosition(focused[i]) & Node.DOCUMENT_POSITION_PRECEDING) backwards++;
  }
  const reached = new Set(focused.map((el) => el.type === 'radio' ? 'radio:' + el.name : el));
  const stops = ("""
    + TAB_STOPS
    + """)();
  const describe = (stop) => typeof stop === 'string' ? stop
    : `${stop.tagName.toLowerCase()}.${stop.className} "${(stop.textContent || '').trim().slice(0, 40)}"`;
  return {backwards, missed: [...stops].filter((stop) => !reached.has(stop)).map(describe)};
}"""
)


def tab_to(page: Page, text: str, most: int) -> None:
    for _ in range(most + 1):
        page.keyboard.press("Tab")
        if page.evaluate(CURRENT)["text"] == text:
            return
    pytest.fail(f"Tab never reached {text!r}")


def test_a_checklist_is_completed_scored_exported_and_restarted_by_keyboard(page, context, rm):
    """Every stop in a logical order with a visible focus indicator; answers, export and Start again by key."""
    checklist_id = max(rm.checklist_ids(), key=lambda cid: len(rm.checklist(cid).questions()))
    checklist = rm.checklist(checklist_id)
    _, wanted = answer_sets(checklist)
    positions = {q.id: [value for value, _ in q.choices()].index(wanted[q.id]) for q in checklist.questions()}
    context.add_init_script(FOCUS_LOG)
    rm.open(page, checklist_id)

    # Answer every question on the way down the page: Space picks the first option, arrows move on.
    remaining = set(wanted)
    for _ in range(1000):
        page.keyboard.press("Tab")
        focus = page.evaluate(CURRENT)
        if focus["radio"] and not focus["answered"]:
            page.keyboard.press("Space")
            for _ in range(positions[focus["radio"]]):
                page.keyboard.press("ArrowRight")
            remaining.discard(focus["radio"])
            if not remaining:
                break
    assert not remaining, "Tab did not reach every question"
    assert rm.checked(page) == wanted
    panel = page.locator(".rm-results")
    expect(panel.locator(".rm-unanswered")).to_have_count(0)
    expect(panel.locator("ul.rm-actions .rm-flag")).to_have_count(len(score(checklist, wanted).red_flags))

    # Once round the whole page, from the last question back to it.
    page.evaluate("() => { window.rmFocus = []; window.rmFocusElements = []; }")
    for _ in range(50):
        for _ in range(20):
            page.keyboard.press("Tab")
        log = page.evaluate("window.rmFocus")
        if any(entry["radio"] == focus["radio"] for entry in log):
            break
    cycle = log[: next(i for i, entry in enumerate(log) if entry["radio"] == focus["radio"]) + 1]
    page.evaluate("n => { window.rmFocusElements.length = n; }", len(cycle))
    order = page.evaluate(ANALYSE)
    assert order["backwards"] == 1, "focus went back up the page other than once, from the end to the top"
    assert order["missed"] == [], "Tab did not reach these"
    hidden = [e for e in cycle if not e["visible"]]  # Material's closed search box was one (site.css)
    assert hidden == [], "focus went to something not on screen"
    unmarked = [e for e in cycle if e["visible"] and not e["marked"]]
    assert unmarked == [], "these show no focus indicator"
    kinds = {entry["tag"] for entry in cycle} | {"radio" for entry in cycle if entry["radio"]}
    assert {"a", "button", "textarea", "radio"} <= kinds

    # Export, then Start again, from the keyboard.
    tab_to(page, "Export answers", len(cycle))
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert json.loads(download.value.path().read_text(encoding="utf-8"))["answers"] == wanted
    tab_to(page, "Start again", len(cycle))
    page.once("dialog", lambda dialog: dialog.accept())  # the confirm box: Enter accepts it
    page.keyboard.press("Enter")
    expect(page.locator(".rm-form input[type=radio]:checked")).to_have_count(0)
    expect(page.get_by_role("status").filter(has_text="Your answers and notes were cleared.")).to_be_visible()
    expect(panel.locator(".rm-unanswered li")).to_have_count(len(checklist.questions()))
    assert rm.stored_text(page, checklist_id) is None
    assert page.evaluate(CURRENT)["text"] == "Start again", "focus stays where it was"


def test_tab_out_of_an_open_search_lands_on_something_on_screen(page, rm):
    """Material closes its search on Tab, then focus moves on: never onto the emptied results box."""
    page.goto(f"{rm.site_url}behaviours/leadership/")
    page.locator(".md-search__input").click()
    expect(page.locator('[data-md-toggle="search"]')).to_be_checked()
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => { const el = document.activeElement, box = el.getBoundingClientRect();"
        " return {classes: el.className, width: box.width, height: box.height}; }"
    )
    assert focused["width"] > 0 and focused["height"] > 0, focused
