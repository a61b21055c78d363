"""Offline after one visit, updates that keep answers, and a site hosted under a subpath (/rm/).

These tests allow service workers (the ordinary browser tests block them) and stop the run's
server to go offline: offline means the server is gone, not only that the browser was told it
is offline (which does not stop a service worker's requests). The update test changes the site,
so it works on a copy with a server of its own.
"""

from __future__ import annotations

import shutil
from types import SimpleNamespace

import chromium
import pytest
from playwright.sync_api import expect
from served_site import page_paths
from site_pages import CACHED, engine_cached

pytestmark = pytest.mark.browser
CONTROLLED = "() => navigator.serviceWorker.controller !== null"
OFFLINE_READY = 120_000


@pytest.fixture
def server(served_site):
    """The run's server, running and with empty logs at the start of each test, and running after it."""
    served_site.stop()
    served_site.start()
    served_site.reset()
    yield served_site
    served_site.stop()
    served_site.start()


@pytest.fixture
def copied_server(served_site, tmp_path):
    """A copy of the built site with a server of its own, for a test that changes the site."""
    copied = served_site.copy(tmp_path / "copy")
    copied.start()
    yield copied
    copied.stop()


@pytest.fixture
def offline_context(browser, tmp_path):
    """A browser profile on disk, as people have: an incognito context's small memory cache
    would not keep the 9.6 MB wasm, and a first visit would then download it twice."""
    context = browser.browser_type.launch_persistent_context(
        tmp_path / "profile", executable_path=chromium.EXECUTABLE, args=chromium.TEST_ARGS, accept_downloads=True
    )
    yield context
    context.close()


@pytest.fixture
def helpers(rm, server, tmp_path):
    """The shared browser-test helpers, pointed at this module's server."""
    return type(rm)(server.url, tmp_path)


def visit_once(context, url: str):
    """A first visit: the page loads, the service worker copies the site and takes control."""
    page = context.new_page()
    page.goto(url)
    page.wait_for_function(CONTROLLED, timeout=OFFLINE_READY)
    return page


def answer_all(page, helpers, checklist_id: str, index: int) -> dict[str, str]:
    chosen = helpers.nth_choices(checklist_id, index)
    helpers.give_answers(page, chosen)
    expect(page.locator(".rm-results .rm-unanswered")).to_have_count(0, timeout=30_000)
    return chosen


def test_the_service_worker_lives_under_the_sites_own_path(server, offline_context):
    page = visit_once(offline_context, server.url)
    registration = page.evaluate(
        "async () => { const r = await navigator.serviceWorker.ready; return [r.scope, r.active.scriptURL]; }"
    )
    assert registration == [server.url, server.url + "sw.js"]


def test_a_first_visit_to_a_guidance_page_leaves_the_engine_out(server, offline_context):
    page = visit_once(offline_context, server.url + page_paths()[1])  # installed: its copy is made
    kept = page.evaluate(CACHED)
    assert {"index.html", "search/search_index.json"} <= set(kept) and not [
        path for path in kept if path.startswith("assets/pyodide/")
    ]
    assert not [path for path, _ in server.requests if "/assets/pyodide/" in path]
    print(f"\nfirst guidance visit: {sum(size for _, size in server.sent):,} bytes in {len(server.requests)} requests")


def test_every_page_search_and_checklist_work_offline_after_one_checklist_visit(server, offline_context, helpers):
    page = visit_once(offline_context, helpers.url(helpers.checklist_ids()[-1]))
    engine_cached(page, server)
    server.stop()

    for path in page_paths():
        response = page.goto(server.url + path)
        assert response is not None and response.ok, path
        expect(page.locator("article h1")).to_have_count(1)

    page.goto(server.url)
    page.keyboard.press("/")
    page.keyboard.type("red lines")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=30_000)

    for checklist_id in helpers.checklist_ids():
        helpers.open(page, checklist_id)
        answer_all(page, helpers, checklist_id, 0)
        results = helpers.results_html(page)
        with page.expect_download() as download:
            page.get_by_role("button", name="Export answers").click()
        exported = download.value.path().read_bytes()
        page.once("dialog", lambda dialog: dialog.accept())
        page.get_by_role("button", name="Start again").click()
        expect(page.locator(".rm-results .rm-unanswered")).to_be_visible(timeout=30_000)
        helpers.import_file(page, "answers.json", exported)
        helpers.wait_results_html(page, results)


def test_a_first_visit_downloads_each_file_once(server, offline_context, helpers):
    first, *others = helpers.checklist_ids()
    engine_cached(visit_once(offline_context, server.url + f"checklists/{first}/"), server)
    repeated = {path: count for path, count in server.bodies().items() if count > 1}
    assert repeated == {}
    first_visit, first_requests = sum(size for _, size in server.sent), len(server.requests)
    assert first_visit > 10_000_000  # the whole site, the Python runtime included, was copied

    server.reset()
    page = offline_context.new_page()
    for checklist_id in others:
        page.goto(server.url + f"checklists/{checklist_id}/")
        expect(page.locator(".rm-results")).to_have_attribute("data-state", "ready", timeout=OFFLINE_READY)
    repeat_visit = sum(size for _, size in server.sent)
    assert repeat_visit < 20_000  # at most the service worker script, checked for updates
    print(f"\nfirst visit: {first_visit:,} bytes in {first_requests} requests; repeat visit: {repeat_visit:,} bytes")


# Every value the offline control's <progress> takes.
RECORD_BAR = """() => {
  window.__values = [];
  const bar = document.querySelector(".rm-offline progress");
  new MutationObserver(() => window.__values.push(bar.value)).observe(bar, { attributes: true });
}"""


def test_the_offline_control_downloads_the_engine_and_shows_its_progress(server, offline_context):
    from axe_scan import violations

    from checks.offline import OFFLINE_BUTTON, OFFLINE_MESSAGES

    page = visit_once(offline_context, server.url + "about/")
    control = page.locator(".rm-offline")
    expect(control.locator(".rm-offline-size")).to_contain_text(" MB.", timeout=OFFLINE_READY)
    assert violations(page) == []
    assert not [path for path, _ in server.requests if "/assets/pyodide/" in path]

    page.evaluate(RECORD_BAR)
    control.get_by_role("button", name=OFFLINE_BUTTON).click()
    # The service worker's own messages move the bar (engine_cached's questions come only after).
    expect(control.locator(".rm-offline-status")).to_have_text(OFFLINE_MESSAGES["done"], timeout=OFFLINE_READY)
    values, maximum = page.evaluate("() => [window.__values, document.querySelector('.rm-offline progress').max]")
    assert values, "the bar never moved"
    assert values == sorted(values) and values[-1] == maximum > 10_000_000
    assert any(0 < value < maximum for value in values), values  # determinate: it moved on its way
    engine_cached(page, server)
    assert violations(page) == []


def test_a_new_deploy_is_offered_and_saved_answers_survive(copied_server, offline_context, rm, tmp_path):
    server, helpers = copied_server, type(rm)(copied_server.url, tmp_path)
    checklist_id = rm.checklist_ids()[0]
    page = visit_once(offline_context, server.url + f"checklists/{checklist_id}/")
    helpers.wait_ready(page)
    chosen = answer_all(page, helpers, checklist_id, 2)
    old_caches = page.evaluate("() => caches.keys()")

    deploy_new_version(server)
    page.reload()
    notice = page.locator(".rm-update")
    expect(notice).to_contain_text("A new version of this site is available", timeout=OFFLINE_READY)
    notice.get_by_role("button", name="Reload to update").click()
    page.wait_for_function("() => !document.querySelector('.rm-update')", timeout=OFFLINE_READY)
    helpers.wait_ready(page)
    expect(page.locator("body")).to_have_attribute("data-deploy", "2")

    new_caches = page.evaluate("() => caches.keys()")
    assert len(new_caches) == 1 and new_caches != old_caches
    assert helpers.checked(page) == chosen
    assert helpers.stored(page, checklist_id)["answers"] == chosen


def test_two_copies_on_one_host_keep_their_own_offline_copies(copied_server, offline_context):
    """A live copy (/rm/) and a test copy (/rm-test/) of the same build on one host: updating the test
    copy must leave the live copy's offline copy alone (an update removed every copy's caches)."""
    server = copied_server
    shutil.copytree(server.site, server.root / "rm-test")
    live = visit_once(offline_context, server.url)
    test_url = server.url.replace("/rm/", "/rm-test/")
    test = visit_once(offline_context, test_url)
    names = test.evaluate("() => caches.keys()")
    assert len(names) == 2, names  # one for each copy
    # Caches named before names carried their copy: each is its copy's if it holds that copy's revisions.
    unscoped = {"relationship-matters-0000000a": test_url, "relationship-matters-0000000b": server.url}
    test.evaluate(
        """async (unscoped) => { for (const [name, scope] of Object.entries(unscoped))
             await (await caches.open(name)).put(scope + "__revisions__", new Response("{}")); }""",
        unscoped,
    )

    deploy_new_version(SimpleNamespace(site=server.root / "rm-test"))
    test.reload()
    test.locator(".rm-update").get_by_role("button", name="Reload to update").click(timeout=OFFLINE_READY)
    test.wait_for_function("() => !document.querySelector('.rm-update')", timeout=OFFLINE_READY)
    expect(test.locator("body")).to_have_attribute("data-deploy", "2")
    after = test.evaluate("() => caches.keys()")
    # The test copy's new cache, and the live copy's two: its own and its unscoped one.
    assert len(after) == 3 and "relationship-matters-0000000b" in after and set(names) & set(after), after

    server.stop()
    for path in ("", page_paths()[1]):
        response = live.goto(server.url + path)
        assert response is not None and response.ok, path
        expect(live.locator("article h1")).to_have_count(1)
    server.start()


def deploy_new_version(server) -> None:
    """Change every page (a marker on <body>) and write the service worker again, as a new build would."""
    from sitebuild.offline import write_service_worker

    before = (server.site / "sw.js").read_bytes()
    for html in server.site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        html.write_text(text.replace("<body ", '<body data-deploy="2" ', 1), encoding="utf-8")
    write_service_worker(server.site)
    assert (server.site / "sw.js").read_bytes() != before, "the new build's service worker is the old one"
