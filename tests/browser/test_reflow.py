"""Reflow (WCAG 1.4.10) and resized text (1.4.4): no page, checklist results included, scrolls sideways.

Each page is checked 320 CSS pixels wide (a 1280 px screen zoomed to 400%), 640 wide (zoomed to
200%), then 1280 wide with text at 200% in two ways: the browser's own text size setting
(Chromium's default font sizes doubled, as a reader would set them) and the page's root font
size doubled (what text-only zoom does).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from site_pages import answer_sets, page_urls

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}
ZOOMED = {"width": 640, "height": 360}  # 1280 x 720 at 200% zoom
WIDE = {"width": 1280, "height": 720}
TEXT_SIZES = {"standard": 16, "fixed": 13}  # Chromium's defaults

# Bring Material's transitions (a resized header slides for 0.45 s) to their end, then measure;
# name what sticks out.
OVERFLOW = """() => {
  for (const animation of document.getAnimations()) {
    if (animation instanceof CSSTransition) animation.finish();
  }
  const width = window.innerWidth;
  const wide = [...document.body.querySelectorAll("*")]
    .filter((el) => el.getBoundingClientRect().right > width + 0.5 && el.getClientRects().length)
    .slice(0, 5)
    .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`
      + ` (${Math.round(el.getBoundingClientRect().right)} px)`);
  return {scrollWidth: document.documentElement.scrollWidth, width, wide};
}"""


def overflow(page: Page) -> str | None:
    measured = page.evaluate(OVERFLOW)
    if measured["scrollWidth"] <= measured["width"]:
        return None
    return f"{measured['scrollWidth']} px wide in a {measured['width']} px window; sticking out: {measured['wide']}"


def test_no_page_scrolls_sideways_at_320_px_or_with_text_at_200_percent(page, context, rm, site_url):
    for checklist_id in rm.checklist_ids():  # the checklists show their results, red flags and all
        complete = answer_sets(rm.checklist(checklist_id))[1]
        rm.seed(context, checklist_id, rm.document(checklist_id, complete))
    checklists = {rm.url(checklist_id) for checklist_id in rm.checklist_ids()}
    browser_settings = context.new_cdp_session(page)
    found = {}
    for url in page_urls(site_url):
        page.set_viewport_size(NARROW)
        page.goto(url)
        if url in checklists:
            rm.wait_ready(page)
            expect(page.locator(".rm-results .rm-unanswered")).to_have_count(0)
            expect(page.locator(".rm-results .rm-flag").first).to_be_visible()
        found[(url, "320 px")] = overflow(page)
        page.set_viewport_size(ZOOMED)
        found[(url, "640 px")] = overflow(page)

        page.set_viewport_size(WIDE)
        double = {name: size * 2 for name, size in TEXT_SIZES.items()}
        browser_settings.send("Page.setFontSizes", {"fontSizes": double})
        found[(url, "1280 px, browser text size 200%")] = overflow(page)
        browser_settings.send("Page.setFontSizes", {"fontSizes": TEXT_SIZES})

        page.evaluate(
            """() => {
              const root = document.documentElement;
              root.style.fontSize = `${parseFloat(getComputedStyle(root).fontSize) * 2}px`;
            }"""
        )
        found[(url, "1280 px, page text 200%")] = overflow(page)
    failed = {where: problem for where, problem in found.items() if problem}
    assert not failed, "\n".join(f"{url} at {view}: {problem}" for (url, view), problem in failed.items())
    assert len(found) == 4 * len(page_urls(site_url))
