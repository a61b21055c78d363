"""One pass over every page of the site, checking what every page must do, then the same pages offline.

Each page is opened once, and while it is open: axe-core in the light and the dark colour
scheme (checklist pages are scanned in three states by test_accessibility), reflow at 320 and
640 CSS pixels and with text at 200% (WCAG 1.4.10 and 1.4.4), the Content-Security-Policy, and
where every request went. The pass runs in a browser profile on disk with the service worker
allowed, as a reader has it; then the server is stopped and every page is opened again, offline.
Each check is a test of its own that reads what the pass found.

Hosts: every request the site causes is recorded through Playwright, those of the pages, of the
scoring worker and of the service worker (reported because conftest.py switches on Playwright's
service-worker network events). Chromium's own background services are kept off the network by
the launch flags and a host-resolver rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import chromium
import pytest
from axe_scan import SCHEMES, assert_none, violations_in_both_schemes
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect
from site_pages import answer_sets, engine_cached, markdown_pages, page_urls

pytestmark = pytest.mark.browser
READY = 120_000
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""
VIEWS = {
    "320 px": {"width": 320, "height": 640},  # a 1280 px screen zoomed to 400%
    "640 px": {"width": 640, "height": 360},  # 1280 x 720 at 200% zoom
}
WIDE = {"width": 1280, "height": 720}
TEXT_SIZES = {"standard": 16, "fixed": 13}  # Chromium's defaults

# Bring Material's transitions (a resized header slides for 0.45 s) to their end, then measure;
# name what sticks out past the window's right edge (`wide`), and which of that, shown, no box lets
# the reader scroll to (`cut`). A box that hides its overflow or contains its content clips it
# instead of widening the page, so scrollWidth alone would not see it. Hidden things (Material's
# closed search results) are not cut text; a wide table in a scrolling box is allowed (WCAG 1.4.10
# excepts content that needs two dimensions). Then name each shown box that clips its own content
# inside the window (`clipped`: a line that cannot wrap, say), unless it marks the cut with an
# ellipsis (Material's header title, which the page's heading repeats) or is hidden from sight on
# purpose (1 px wide or less: the visually hidden text for screen readers, the closed search box).
OVERFLOW = """() => {
  for (const animation of document.getAnimations()) {
    if (animation instanceof CSSTransition) animation.finish();
  }
  const width = window.innerWidth;
  const outside = [...document.body.querySelectorAll("*")]
    .filter((el) => el.getBoundingClientRect().right > width + 0.5 && el.getClientRects().length);
  const scrolled = (el) => {
    for (let box = el.parentElement; box; box = box.parentElement) {
      if (["auto", "scroll"].includes(getComputedStyle(box).overflowX)) return true;
    }
    return false;
  };
  const named = (found) => found.slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`
    + ` (${Math.round(el.getBoundingClientRect().right)} px)`);
  return {scrollWidth: document.documentElement.scrollWidth, width, wide: named(outside),
          cut: named(outside.filter((el) => !scrolled(el) && el.checkVisibility({ visibilityProperty: true }))),
          clipped: [...document.body.querySelectorAll("*")].filter((el) => {
            const style = getComputedStyle(el);
            return ["hidden", "clip"].includes(style.overflowX) && style.textOverflow !== "ellipsis"
              && el.clientWidth > 1 && el.scrollWidth > el.clientWidth + 1
              && el.checkVisibility({ visibilityProperty: true });
          }).slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`
            + ` (${el.scrollWidth} px of content in ${el.clientWidth} px)`),
          text: parseFloat(getComputedStyle(document.querySelector("article") || document.body).fontSize)};
}"""


@dataclass
class Pass:
    """What the pass over every page found."""

    axe: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    """(url, scheme) -> axe-core's violations, for every page but the checklists."""
    reflow: dict[tuple[str, str], dict] = field(default_factory=dict)
    """(url, view) -> the measurement: scrollWidth, window width, what sticks out or is clipped, article text size."""
    csp: dict[str, list[str]] = field(default_factory=dict)
    """url -> Content-Security-Policy violations the page reported."""
    console_csp: list[str] = field(default_factory=list)
    """Console messages about the policy (some refusals are reported only there)."""
    requests: list[tuple[str, bool]] = field(default_factory=list)
    """(url, made by the service worker) for every request."""
    online: list[str] = field(default_factory=list)
    """Pages whose document the server sent."""
    offline: list[str] = field(default_factory=list)
    """Pages whose document came from the service worker with the server stopped."""


@pytest.fixture(scope="module")
def crawl(browser, served_site, rm_module, tmp_path_factory) -> Pass:
    rm = rm_module
    found = Pass()
    context = browser.browser_type.launch_persistent_context(
        tmp_path_factory.mktemp("profile"), executable_path=chromium.EXECUTABLE, args=chromium.TEST_ARGS
    )
    context.on("request", lambda request: found.requests.append((request.url, request.service_worker is not None)))
    context.add_init_script(WATCH_CSP)
    for checklist_id in rm.checklist_ids():  # the checklists show their results, red flags and all
        rm.seed(context, checklist_id, rm.document(checklist_id, answer_sets(rm.checklist(checklist_id))[1]))
    checklists = {rm.url(checklist_id) for checklist_id in rm.checklist_ids()}
    page = context.pages[0] if context.pages else context.new_page()
    page.on("console", lambda m: found.console_csp.append(m.text) if "Content Security Policy" in m.text else None)
    browser_settings = context.new_cdp_session(page)
    try:
        for url in page_urls(served_site.url):
            response = page.goto(url)
            if response is not None and response.ok:
                found.online.append(url)
            if url in checklists:
                rm.wait_ready(page)
                expect(page.locator(".rm-results .rm-unanswered")).to_have_count(0)
                expect(page.locator(".rm-results .rm-flag").first).to_be_visible()
            else:
                for scheme, problems in violations_in_both_schemes(page).items():
                    found.axe[(url, scheme)] = problems
            measure_reflow(page, browser_settings, url, found)
            if url in checklists:  # a re-score runs under the policy too
                page.locator(".rm-form input[type=radio]").first.check()
                expect(page.locator(".rm-results")).to_have_attribute("data-state", "ready", timeout=READY)
            found.csp[url] = page.evaluate("() => window.__cspViolations")
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=READY)
        # One checklist visit keeps the engine (test_offline checks that on its own); the pass opens
        # the first again and waits for it, as it moves on from each page as soon as it is checked.
        page.goto(rm.url(rm.checklist_ids()[0]))
        rm.wait_ready(page)
        engine_cached(page, served_site)
        served_site.stop()
        for url in (url for url in found.csp if not url.endswith("404.html")):  # not precached as a page
            try:
                response = page.goto(url)
            except PlaywrightError:  # not in the offline copy: counted as missing, below
                continue
            if response is not None and response.ok and response.from_service_worker:
                found.offline.append(url)
            if url in checklists:
                rm.wait_ready(page)
    finally:
        context.close()
        served_site.start()
    return found


def measure_reflow(page: Page, browser_settings, url: str, found: Pass) -> None:
    for view, size in VIEWS.items():
        page.set_viewport_size(size)
        found.reflow[(url, view)] = page.evaluate(OVERFLOW)
    page.set_viewport_size(WIDE)
    normal = page.evaluate(OVERFLOW)["text"]
    browser_settings.send("Page.setFontSizes", {"fontSizes": {name: size * 2 for name, size in TEXT_SIZES.items()}})
    found.reflow[(url, "browser text size 200%")] = {**page.evaluate(OVERFLOW), "normal": normal}
    browser_settings.send("Page.setFontSizes", {"fontSizes": TEXT_SIZES})
    page.evaluate(
        """() => {
          const root = document.documentElement;
          root.style.fontSize = `${parseFloat(getComputedStyle(root).fontSize) * 2}px`;
        }"""
    )
    found.reflow[(url, "page text 200%")] = {**page.evaluate(OVERFLOW), "normal": normal}


def test_the_pass_opened_every_page_of_the_docs(crawl, rm):
    """The sitemap lists every page of the docs folder (counted there, not from the sitemap), and each
    was opened online, then offline from the service worker."""
    assert len(crawl.online) == markdown_pages() + 1  # and the 404 page
    assert {rm.url(checklist_id) for checklist_id in rm.checklist_ids()} <= set(crawl.online)
    assert len(crawl.offline) == markdown_pages()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_page_passes_axe(crawl, rm, scans, scheme):
    """Every page the sitemap lists and the 404 page, but the checklists (scanned in three states elsewhere)."""
    scanned = {url: problems for (url, each), problems in crawl.axe.items() if each == scheme}
    assert len(scanned) == markdown_pages() + 1 - len(rm.checklist_ids())
    scans.pages.update((url, scheme) for url in scanned)
    assert_none(scanned)


def test_no_page_scrolls_sideways_or_cuts_anything_off_at_320_px_or_with_text_at_200_percent(crawl):
    failed = []
    for (url, view), measured in crawl.reflow.items():
        if view in VIEWS:  # the window really was that narrow
            assert measured["width"] == VIEWS[view]["width"], (url, view, measured)
        else:  # and the text really was twice its size
            assert measured["text"] == pytest.approx(2 * measured["normal"], rel=0.01), (url, view, measured)
        if measured["scrollWidth"] > measured["width"]:
            failed.append(
                f"{url} at {view}: {measured['scrollWidth']} px wide in a {measured['width']} px window; "
                f"sticking out: {measured['wide']}"
            )
        elif measured["cut"]:
            failed.append(f"{url} at {view}: cut off by the {measured['width']} px window: {measured['cut']}")
        elif measured["clipped"]:
            failed.append(f"{url} at {view}: cut off inside its box: {measured['clipped']}")
    assert {view for _, view in crawl.reflow} == {*VIEWS, "browser text size 200%", "page text 200%"}
    assert {url for url, _ in crawl.reflow} == set(crawl.online)
    assert not failed, "\n".join(failed)


def test_no_page_breaks_the_content_security_policy(crawl):
    assert set(crawl.csp) == set(crawl.online)
    assert {url: found for url, found in crawl.csp.items() if found} == {}
    assert crawl.console_csp == []


def test_every_request_online_and_offline_goes_to_the_sites_own_origin(crawl, served_site):
    hosts = {urlsplit(url).netloc for url, _ in crawl.requests if not url.startswith(("data:", "blob:"))}
    assert hosts == {f"127.0.0.1:{served_site.port}"}
    # The pass really saw the scoring worker's and the service worker's own requests.
    assert any(url.endswith("pyodide.asm.wasm") for url, _ in crawl.requests)
    assert any(from_service_worker for _, from_service_worker in crawl.requests)


def test_instant_navigation_keeps_to_the_policy(page, context, site_url):
    """Instant navigation swaps page content in place and re-runs its inline scripts."""
    context.add_init_script(WATCH_CSP)
    page.goto(site_url)
    page.locator("nav.md-nav a[href$='behaviours/leadership/']").first.click()
    expect(page.locator("article h1")).to_contain_text("leadership", ignore_case=True)
    assert page.evaluate("() => window.__cspViolations") == []
