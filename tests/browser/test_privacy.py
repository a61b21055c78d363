"""Private by construction: every request the browser makes goes to the site's own origin, online
and offline, and no page breaks its Content-Security-Policy.

The crawl records every request the site causes through Playwright: those of the pages, of the
scoring worker, and of the service worker (reported because conftest.py switches on Playwright's
service-worker network events). Chromium's own background services (autofill, sign-in, updates)
are not the site's doing: the launch flags and a host-resolver rule keep them off the network.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import chromium
import pytest
from offline_site import page_paths, serving
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
READY = 120_000
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with serving(tmp_path_factory.mktemp("private")) as served:
        yield served


def visit_every_page(page, url: str) -> int:
    """Open each page (checklists until their results show); returns how many were opened."""
    paths = page_paths()
    for path in paths:
        response = page.goto(url + path)
        assert response is not None and response.ok, path
        if path.startswith("checklists/") and path != "checklists/":
            expect(page.locator(".rm-results")).to_have_attribute("data-state", "ready", timeout=READY)
    return len(paths)


def test_every_request_online_and_offline_goes_to_the_sites_own_origin(served, browser, tmp_path):
    context = browser.browser_type.launch_persistent_context(
        tmp_path / "profile", executable_path=chromium.EXECUTABLE, args=chromium.ARGS
    )
    seen: list[tuple[str, bool]] = []
    context.on("request", lambda request: seen.append((request.url, request.service_worker is not None)))
    page = context.new_page()
    online = visit_every_page(page, served.url)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=READY)
    served.stop()
    try:
        offline = visit_every_page(page, served.url)
    finally:
        context.close()
        served.start()

    hosts = {urlsplit(url).netloc for url, _ in seen if not url.startswith(("data:", "blob:"))}
    assert hosts == {f"127.0.0.1:{served.port}"}
    assert online == offline == len(page_paths()) >= 30
    # The crawl really saw the scoring worker's and the service worker's own requests.
    assert any(url.endswith("pyodide.asm.wasm") for url, _ in seen)
    assert any(from_service_worker for _, from_service_worker in seen)
    print(f"\ncrawl: {online} pages online, then offline; {len(seen)} requests; hosts: {sorted(hosts)}")


def test_no_page_breaks_the_content_security_policy(served, browser):
    context = browser.new_context(service_workers="block")
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    refused: list[str] = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    try:
        for path in page_paths():
            page.goto(served.url + path)
            if path.startswith("checklists/") and path != "checklists/":
                expect(page.locator(".rm-results")).to_have_attribute("data-state", "ready", timeout=READY)
                page.locator(".rm-form input[type=radio]").first.check()
                expect(page.locator(".rm-results")).to_have_attribute("data-state", "ready", timeout=READY)
            assert page.evaluate("() => window.__cspViolations") == [], path
        # Instant navigation swaps page content in place and re-runs its inline scripts.
        page.goto(served.url)
        page.locator("nav.md-nav a[href$='behaviours/leadership/']").first.click()
        expect(page.locator("article h1")).to_contain_text("leadership", ignore_case=True)
        assert page.evaluate("() => window.__cspViolations") == []
    finally:
        context.close()
    assert refused == []
