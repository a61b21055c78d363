"""What Lighthouse found (bench/lighthouse.py), kept fixed: Material's search box, a dialog, has a name.

axe-core's WCAG scans (axe_scan.py) leave this rule out: it is one of axe's best practices, not a
WCAG rule, but Lighthouse counts it and screen readers announce a dialog by its name.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NAME = "Search this site"
UNNAMED_DIALOGS = """() => [...document.querySelectorAll('[role="dialog"], [role="alertdialog"], dialog')]
  .filter((el) => !(el.getAttribute("aria-label") || "").trim() && !el.hasAttribute("aria-labelledby"))
  .map((el) => el.outerHTML.slice(0, 120))"""


@pytest.mark.parametrize(
    "path", ["", "behaviours/leadership/", "checklists/behaviours/"], ids=["home", "guidance", "checklist"]
)
def test_the_search_box_is_a_dialog_with_a_plain_name(page, rm, path):
    page.goto(rm.site_url + path)
    assert page.evaluate(UNNAMED_DIALOGS) == []
    page.keyboard.press("/")  # Material's shortcut opens the search
    expect(page.locator('[data-md-toggle="search"]')).to_be_checked()
    dialog = page.get_by_role("dialog", name=NAME, exact=True)
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("textbox", name="Search")).to_be_focused()


def test_the_name_survives_instant_navigation(page, rm):
    """Material swaps the page's content in place; the header, and the search box in it, stay."""
    page.goto(rm.site_url)
    page.locator(".md-content a[href*='behaviours/']").first.click()
    page.wait_for_url("**/behaviours/**")
    assert page.evaluate(UNNAMED_DIALOGS) == []
    expect(page.get_by_role("dialog", name=NAME, exact=True, include_hidden=True)).to_have_count(1)
