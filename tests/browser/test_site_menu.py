"""The site menu on a narrow screen, by keyboard alone (rm-menu.js and site.css).

Material's menu there is a drawer that slides in from the left. Its links used to stay in the tab
order while it was closed and off-screen, so Tab went through some 50 links no one could see, and
its menu button (a label) could not be reached or pressed with a key.
"""

from __future__ import annotations

import pytest
from axe_scan import assert_none, violations_in_both_schemes
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 800}
FOCUSED = """() => {
  const el = document.activeElement, box = el.getBoundingClientRect();
  return {tag: el.tagName, text: (el.getAttribute("aria-label") || el.textContent || "").trim().slice(0, 40),
          onScreen: box.right > 0 && box.left < innerWidth && box.bottom > 0 && box.top < innerHeight,
          article: Boolean(el.closest("article")), menu: Boolean(el.closest(".md-sidebar--primary"))};
}"""


def tab_until_the_article(page: Page) -> list[dict]:
    """Tab from the top of the page until focus reaches the article (at most 30 presses)."""
    stops = []
    for _ in range(30):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        if stop["article"]:
            break
        stops.append(stop)
    return stops


def test_tab_never_reaches_the_closed_menu_and_the_menu_button_opens_and_closes_it(page, rm):
    page.set_viewport_size(PHONE)
    page.goto(rm.site_url + "behaviours/leadership/")
    expect(page.locator("html.rm-menu-button")).to_have_count(1)  # the script has started
    stops = tab_until_the_article(page)
    hidden = [stop["text"] for stop in stops if not stop["onScreen"]]
    assert hidden == [], f"Tab reached what is off-screen: {hidden}"
    assert "Site menu" in [stop["text"] for stop in stops], "the menu button is not in the tab order"

    button = page.get_by_role("button", name="Site menu")
    # A native button, not a label given a role (ARIA in HTML allows none on a label; Lighthouse's
    # aria-allowed-role audit failed it).
    assert button.evaluate("el => el.tagName") == "BUTTON"
    assert page.locator("label[role]").count() == 0
    button.focus()
    expect(button).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    first_link = page.locator(".md-sidebar--primary a[href]").first
    expect(first_link).to_be_focused()
    expect(first_link).to_be_in_viewport()
    # The open menu covers the page: Tab and Shift+Tab go round its links and never behind it.
    for key in ("Tab", "Shift+Tab"):
        behind = []
        for _ in range(80):  # the menu has about 40 links: round it once, and back into it
            page.keyboard.press(key)
            stop = page.evaluate(FOCUSED)
            if not stop["menu"] and stop["tag"] != "BODY":  # BODY: past the last link, before the first again
                behind.append(f"{stop['tag']} {stop['text']!r}")
        assert behind == [], f"{key} left the open menu for what it covers: {behind[:5]}"
    first_link.focus()
    assert_none({f"the open menu, {scheme}": found for scheme, found in violations_in_both_schemes(page).items()})

    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()
    page.keyboard.press("Tab")  # closed, the page is back in the tab order
    assert not page.evaluate(FOCUSED)["menu"]
    button.focus()
    page.keyboard.press(" ")
    expect(button).to_have_attribute("aria-expanded", "true")


def test_the_menu_still_opens_by_keyboard_after_instant_navigation(page, rm):
    """Material's instant navigation replaces the page's container, drawer and all; the button stays."""
    page.set_viewport_size(PHONE)
    page.goto(rm.site_url + "behaviours/leadership/")
    page.evaluate("window.__samePage = true")
    button = page.get_by_role("button", name="Site menu")
    button.focus()
    page.keyboard.press("Enter")
    page.locator(".md-sidebar--primary a[href$='thinking/']").first.focus()
    page.keyboard.press("Enter")
    expect(page.locator("article h1")).to_contain_text("Thinking about")
    assert page.evaluate("window.__samePage === true"), "not an instant navigation: the page loaded afresh"
    # Material closes the drawer 125 ms after the address changes, which can be after the new heading shows
    expect(button).to_have_attribute("aria-expanded", "false")

    button.focus()
    page.keyboard.press("Enter")
    first_link = page.locator(".md-sidebar--primary a[href]").first
    expect(first_link).to_be_focused()
    controlled = "document.getElementById(document.querySelector('button.rm-menu').getAttribute('aria-controls'))"
    assert page.evaluate(f"{controlled}?.matches('.md-sidebar--primary') ?? false"), "aria-controls names no drawer"
