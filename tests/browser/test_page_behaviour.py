"""A failing engine, storage the browser refuses, and instant navigation.

Keyboard-only use (a checklist completed, exported and restarted) is tested in test_accessibility.py.
"""

from __future__ import annotations

import gzip
import json

import pytest
from playwright.sync_api import expect
from site_pages import HeldEngine, live_region

from checks.offline import DOWNLOAD_MESSAGES
from checks.wording import exported

pytestmark = pytest.mark.browser


SNAPSHOT = "**/assets/pyodide/snapshot.bin.gz"
WHEEL = "**/relationship_matters_checks-*.whl"


@pytest.mark.parametrize(
    "blocked",
    [
        ["**/pyodide.asm.wasm"],  # Pyodide itself only logs this one: the worker must notice
        [SNAPSHOT, WHEEL],  # without the snapshot the worker installs the wheel: both must fail
        ["**/rm-worker.js"],
    ],
    ids=["wasm", "snapshot-and-wheel", "worker"],
)
def test_a_failing_engine_says_so_plainly_and_answers_still_save(page, rm, blocked):
    checklist_id = rm.checklist_ids()[0]
    for pattern in blocked:
        page.route(pattern, lambda route: route.abort())
    page.goto(rm.url(checklist_id))
    panel = page.locator(".rm-results")
    expect(panel).to_have_attribute("data-state", "error", timeout=60_000)
    expect(panel).to_contain_text("Results are unavailable. The scoring engine could not be loaded.")
    expect(panel).to_contain_text("Your answers are still saved in this browser.")

    section = rm.checklist(checklist_id).sections[0]
    question = section.questions[0]
    value = question.choices()[1][0]
    page.locator(f'label[for="q-{question.id}-{value}"]').click()
    page.locator(f"#notes-{section.id}").fill("Still saved.")
    saved = rm.stored(page, checklist_id)
    assert saved["answers"] == {question.id: value}
    assert saved["notes"] == {section.id: "Still saved."}
    expect(panel).to_have_attribute("data-state", "error")


def test_an_action_pressed_while_the_engine_downloads_is_said_to_be_under_way(page, rm):
    """Export pressed before the engine has arrived: the status line says at once (after a second) that it is
    under way, in Python's words, and the file comes, and is said to, once the engine has. Pressed again
    meanwhile, it is not asked for twice. Before, nothing answered the press for as long as the download took,
    and each press brought a file of its own."""
    engine = HeldEngine(page)
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    checklist_id = rm.checklist_ids()[0]
    page.goto(rm.url(checklist_id))
    status = page.locator(".rm-toolbar-status")
    export = page.get_by_role("button", name="Export answers")
    export.click()
    expect(status).to_have_text(DOWNLOAD_MESSAGES["working"])
    export.click()
    expect(status).to_have_text(DOWNLOAD_MESSAGES["working"])
    with page.expect_download(timeout=60_000) as download:
        engine.release()
    expect(status).to_have_text(exported(download.value.suggested_filename))
    # One more press, answered after anything a second press had queued: two files in all, not three.
    with page.expect_download():
        export.click()
    assert len(downloads) == 2


def damaged(snapshot: bytes) -> bytes:
    """The first half of the compressed snapshot, and its real gzip trailer (CRC and size)."""
    return snapshot[: len(snapshot) // 2] + snapshot[-8:]


def fetched_files(context, event: str = "request") -> list[str]:
    """The files the context asked for; with ``event="requestfinished"``, only those it got (the
    worker's probe of its cache for the wasm, `only-if-cached`, fails when nothing is cached)."""
    fetched: list[str] = []
    context.on(event, lambda request: fetched.append(request.url.rsplit("/", 1)[-1]))
    return fetched


@pytest.mark.parametrize("snapshot", ["served", "blocked", "unpacked by the host", "damaged"])
def test_python_starts_from_the_snapshot_or_else_installs_the_wheel(page, context, rm, snapshot):
    """The worker restores the build's snapshot and needs no wheel; when the snapshot cannot be had it
    installs the wheel instead (with the full standard library), with the same results. Some hosts send
    .gz files with Content-Encoding: gzip, so the browser has unpacked the snapshot before the worker sees it."""
    fetched = fetched_files(context)
    if snapshot == "blocked":
        page.route(SNAPSHOT, lambda route: route.abort())
    elif snapshot == "unpacked by the host":
        page.route(SNAPSHOT, lambda route: route.fulfill(body=gzip.decompress(route.fetch().body())))
    elif snapshot == "damaged":  # the gzip data cut short: it cannot be unpacked in full
        page.route(SNAPSHOT, lambda route: route.fulfill(body=damaged(route.fetch().body())))
    checklist_id = rm.checklist_ids()[0]
    rm.open(page, checklist_id)
    question = rm.checklist(checklist_id).questions()[0]
    value = question.choices()[0][0]
    page.locator(f'label[for="q-{question.id}-{value}"]').click()
    total = len(rm.checklist(checklist_id).questions())
    expect(page.locator(".rm-results .rm-unanswered li")).to_have_count(total - 1, timeout=60_000)
    assert fetched.count("snapshot.bin.gz") == 1
    wheels = [name for name in fetched if name.endswith(".whl")]
    if snapshot in ("blocked", "damaged"):
        assert len(wheels) == 1
    else:
        assert wheels == [], "the snapshot and the zip mounted with it hold every checks module: no wheel is needed"


def test_a_checklist_page_loads_the_search_index_after_its_first_result_and_search_works(page, context, rm):
    """The index build would compete with the scoring engine's start, so it waits for the first result."""
    requested = []
    context.on("request", lambda request: requested.append(request.url))
    context.add_init_script(
        "new MutationObserver(() => { if (document.querySelector('.rm-results[data-state=ready]'))"
        " window.rmReadyAt ??= performance.now(); })"
        ".observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state'] });"
    )
    page.goto(rm.url(rm.checklist_ids()[0]))
    expect(page.locator(".rm-results")).to_have_attribute("data-state", "ready", timeout=60_000)
    index = "performance.getEntriesByType('resource').find(e => e.name.endsWith('/search/search_index.json'))"
    page.wait_for_function(f"() => {index} !== undefined")
    index_requested_at = page.evaluate(f"() => {index}.startTime")
    assert index_requested_at >= page.evaluate("() => window.rmReadyAt")
    assert sum(url.endswith("/search/search_index.json") for url in requested) == 1

    page.keyboard.press("/")
    page.keyboard.type("red lines")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=30_000)


def test_storage_that_fails_gives_a_warning_and_the_page_still_works(page, context, rm):
    checklist_id = rm.checklist_ids()[0]
    context.add_init_script(
        "Storage.prototype.setItem = function () {"
        " throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };"
    )
    rm.open(page, checklist_id)
    warning = page.locator(".rm-warning")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("will not be kept after you close the page")

    total = len(rm.checklist(checklist_id).questions())
    question = rm.checklist(checklist_id).questions()[0]
    value = question.choices()[0][0]
    page.locator(f'label[for="q-{question.id}-{value}"]').click()
    expect(page.locator(".rm-results .rm-unanswered li")).to_have_count(total - 1, timeout=30_000)
    with page.expect_download() as download:
        page.get_by_role("button", name="Export answers").click()
    assert json.loads(download.value.path().read_text(encoding="utf-8"))["answers"] == {question.id: value}


def test_instant_navigation_starts_each_checklist_with_one_shared_worker(page, context, rm):
    first, second = rm.checklist_ids()[:2]
    fetched = fetched_files(context, "requestfinished")
    page.goto(f"{rm.site_url}checklists/")
    page.wait_for_load_state("networkidle")
    assert "rm-worker.js" not in fetched, "a page without a checklist started the worker"
    page.evaluate("window.rmSamePageLoad = true")

    for checklist_id in (first, second):
        page.locator(f'a.md-nav__link[href="{rm.url(checklist_id)}"]').click()  # instant navigation: absolute hrefs
        page.wait_for_url(rm.url(checklist_id))
        component = page.locator(f'.rm-checklist[data-checklist="{checklist_id}"]')
        expect(component.locator(".rm-results")).to_have_attribute("data-state", "ready", timeout=60_000)
        expect(page.get_by_role("button", name="Export answers")).to_have_count(1)
    assert page.evaluate("window.rmSamePageLoad") is True, "the page was reloaded, not swapped"
    assert fetched.count("rm-worker.js") == 1
    assert fetched.count("pyodide.asm.wasm") == 1

    question = rm.checklist(second).questions()[0]
    value = question.choices()[0][0]
    page.locator(f'label[for="q-{question.id}-{value}"]').click()
    page.wait_for_function("key => localStorage.getItem(key) !== null", arg=rm.key(second))
    assert rm.stored(page, second)["answers"] == {question.id: value}


def test_a_component_that_fails_to_start_does_not_stop_the_others(page, rm):
    checklist_id = rm.checklist_ids()[0]

    def add_a_broken_component(route):
        html = route.fetch().text()
        broken = '<div data-module="rm-checklist" data-checklist="broken">No definition here.</div>'
        route.fulfill(body=html.replace('<div class="rm-checklist"', broken + '<div class="rm-checklist"', 1))

    page.route(rm.url(checklist_id), add_a_broken_component)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    rm.open(page, checklist_id)
    assert any(error.startswith("rm-checklist:") for error in errors), errors
    expect(page.locator(f'.rm-checklist[data-checklist="{checklist_id}"] .rm-toolbar')).to_be_visible()


@pytest.mark.parametrize("path", ["checklists/behaviours/", "tools/risk-register/", "checklists/compare-behaviours/"])
def test_the_empty_status_line_and_alert_stay_live_regions_and_only_the_alert_takes_no_room(page, site_url, path):
    """A screen reader speaks a live region's new words only if the region was in the accessibility tree
    before: one hidden with display: none while empty, and shown with its words, may go unheard. The empty
    alert takes no room; the empty status line keeps a line's, so that its words, which come after each
    press, do not move the buttons below it (test_register_pages)."""
    page.goto(f"{site_url}{path}")
    expect(page.locator(".rm-toolbar")).to_be_visible(timeout=60_000)
    regions = page.evaluate(
        """() => [...document.querySelectorAll('.rm-toolbar-status, .rm-alert')].map((el) =>
             [el.getAttribute('role'), el.textContent, getComputedStyle(el).display, el.offsetHeight])"""
    )
    line = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.rm-toolbar-status')).fontSize)")
    assert [region[:3] for region in regions] == [["status", "", "block"], ["alert", "", "block"]]
    assert regions[0][3] >= line  # a line's room
    assert regions[1][3] == 0


@pytest.mark.parametrize("path", ["checklists/behaviours/", "tools/risk-register/"])
def test_a_changed_result_is_heard_as_its_short_summary_not_the_whole_report(page, site_url, path):
    """The results panel is a polite status, which a screen reader reads whole (atomic) unless told
    otherwise: each changed summary made it read the whole report again, every table of it."""
    page.goto(f"{site_url}{path}")
    expect(page.locator(".rm-results")).to_have_attribute("data-state", "ready", timeout=60_000)
    live = live_region(page, ".rm-results")
    assert (live["live"], live["atomic"]) == ("polite", False)
    expect(page.locator(".rm-results > .rm-result")).to_have_attribute("aria-live", "off")
