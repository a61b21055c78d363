"""axe-core in the browser tests: scanning a page (the scans are counted by tests/scan_count.py).

axe-core comes from `axe_playwright_python`, which evaluates its own bundled copy of
axe.min.js in the page: nothing is fetched, and the browser tests fail if any request leaves
the local server.
"""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from scan_count import AXE_TAGS

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": AXE_TAGS},
    "resultTypes": ["violations"],
}
SCHEMES = {"light": "default", "dark": "slate"}  # Material's scheme for each system setting
AXE = Axe()


# Colours fade over about 0.1 s (Material's transitions): scan what stays on screen, not a frame between.
# The pointer is parked first: left on a control that was clicked, it hovers whatever the layout moves
# under it, and the browser updates that hover state a moment later, after SETTLED has looked (axe once
# caught the offline control's button fading so, when the copy ended and a line above it went).
SETTLED = """async () => {
  const moving = document.getAnimations().filter((animation) => animation instanceof CSSTransition);
  await Promise.all(moving.map((animation) => animation.finished.catch(() => null)));
}"""


def violations(page: Page) -> list[str]:
    """axe-core's violations (WCAG 2.x A and AA, and best practices) on the page as it is now, one line each.

    axe-core is put into a document once (about 0.1 s each time): the tests scan one document in
    several states and colour schemes.
    """
    page.mouse.move(0, 0)
    page.evaluate(SETTLED)
    if not page.evaluate("() => typeof window.axe?.run === 'function'"):
        page.evaluate(AXE.axe_script)
    return described(page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)["violations"])


def violations_in_both_schemes(page: Page) -> dict[str, list[str]]:
    """axe-core's violations on the page as it is now, in the light and then the dark colour scheme.

    Material follows the system setting in place (no reload), so each state of a page is reached
    once and scanned in both schemes; the page is left in the dark one.
    """
    found = {}
    for scheme, material in SCHEMES.items():
        page.emulate_media(color_scheme=scheme)
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", material)
        found[scheme] = violations(page)
    return found


def described(found: list[dict]) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']}; {len(v['nodes'])} elements, such as "
        f"{[node['target'] for node in v['nodes'][:3]]}: {v['nodes'][0]['failureSummary']}"
        for v in found
    ]


def assert_none(found: dict) -> None:
    failed = {where: problems for where, problems in found.items() if problems}
    assert not failed, "axe-core found:\n" + "\n".join(f"{where}: {line}" for where, p in failed.items() for line in p)
