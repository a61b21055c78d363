"""What the engine tests do in a page: saved documents, the results panel, waiting, and a Tab
that drives one browser window on the site. Test modules import from here (not from conftest)."""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
from results_panel import READ_PANEL, shown_panel
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from checks import Checklist, SavedAnswers, answers_to_dict, definition_files, load_checklist
from checks.answers import storage_key
from checks.links import guidance_url

if TYPE_CHECKING:
    from conftest import Request, SiteServer
    from drivers import Browser

READY_TIMEOUT = 60  # s: the engine starts in 2-3 s here, but a loaded machine is slower
CHECKLISTS: dict[str, Checklist] = {c.id: c for c in map(load_checklist, definition_files())}
"""Every checklist definition, by id: the tests loop over these, so a new checklist is covered."""


def read_panel(driver) -> dict:
    """What the results panel shows (see tests/results_panel.py), ready to compare with `expected_panel`."""
    return shown_panel(driver.execute_script(f"return ({READ_PANEL})();"))


# --- documents ---------------------------------------------------------------------------------


def document(checklist_id: str, answers: dict[str, str], notes: dict[str, str] | None = None) -> dict:
    """A saved-answers document, as the page keeps it."""
    checklist = CHECKLISTS[checklist_id]
    saved = SavedAnswers(checklist.id, checklist.version, "2026-11-01T10:00:00+00:00", {}, answers, notes or {})
    return answers_to_dict(saved)


def nth_choices(checklist_id: str, index: int) -> dict[str, str]:
    """Every question answered with its `index`-th option (the form's order)."""
    return {q.id: q.choices()[index][0] for q in CHECKLISTS[checklist_id].questions()}


def mixed_choices(checklist_id: str, seed: int) -> dict[str, str]:
    """Random options, with about one question in seven left unanswered (the same for the same seed)."""
    chance = random.Random(f"{checklist_id}-{seed}")
    return {q.id: chance.choice(q.choices())[0] for q in CHECKLISTS[checklist_id].questions() if chance.random() < 0.85}


def guidance_path(checklist_id: str) -> str:
    """The guidance page the checklist's first section links to, under the site root."""
    return guidance_url(CHECKLISTS[checklist_id].sections[0].guidance).partition("#")[0]


# --- driving a page ----------------------------------------------------------------------------


def wait_for(condition: Callable[[], Any], what: str, timeout: float = READY_TIMEOUT) -> Any:
    """Poll `condition` until it returns something true; fail after `timeout` seconds saying `what`."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.05)


ENGINE_REFERERS = ("assets/js/rm-worker.js", "assets/pyodide/")
SNAPSHOT = "assets/pyodide/snapshot.bin.gz"
WHEEL = "assets/pyodide/relationship_matters_checks-"


def startup_path(requests: list[Request], site_url: str) -> str:
    """Which way the scoring engine started, from the requests a page load made.

    The worker (docs/assets/js/rm-worker.js) restores the build's memory snapshot; when that
    fails it starts Python in full and installs the `checks` wheel instead, with the same results,
    only slower: nothing on the page tells the two apart. The requests do. Those whose Referer is
    the worker or Pyodide's own module are the engine's (the service worker's carry sw.js, the
    page's the page). Returns "snapshot", "wheel" (whatever else it fetched) or "unknown (...)".
    """
    site_path = urlsplit(site_url).path
    fetched = [
        (request.path.removeprefix(site_path), request.status)
        for request in requests
        if request.referer and request.referer.removeprefix(site_url).startswith(ENGINE_REFERERS)
    ]
    if any(path.startswith(WHEEL) for path, _ in fetched):
        return "wheel"
    if (SNAPSHOT, 200) in fetched or (SNAPSHOT, 304) in fetched:
        return "snapshot"
    return f"unknown (the engine requested: {fetched})"


class Tab:
    """One browser window on the site, and what the tests do in it."""

    def __init__(self, browser: Browser, server: SiteServer) -> None:
        self.browser = browser
        self.driver = browser.driver
        self.server = server

    def url(self, checklist_id: str) -> str:
        return f"{self.server.url}checklists/{checklist_id}/"

    def go(self, url: str) -> None:
        """Load `url`, after checking what the page being left loaded."""
        self.check_local()
        self.driver.get(url)

    def check_local(self) -> None:
        """Every URL the page loaded (its Performance API entries) is on the site's origin."""
        urls = self.driver.execute_script(
            """return document.documentURI.startsWith('http') ? [
                 ...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')
               ].map(entry => entry.name) : [];"""
        )
        own = self.server.origin + "/"
        elsewhere = [url for url in urls if not url.startswith((own, "data:", "blob:" + own))]
        assert elsewhere == [], f"{self.driver.current_url} loaded from other hosts"

    def reload(self) -> None:
        """Reload the page as its own script would (Firefox's WebDriver Refresh bypasses the service worker)."""
        self.check_local()
        self.driver.execute_script("window.rmOldPage = true; location.reload();")
        page_state = "return window.rmOldPage === undefined && document.readyState"
        wait_for(lambda: self.driver.execute_script(page_state) == "complete", "the page to reload")

    def follow_link(self, url: str) -> None:
        """Follow the page's own link to `url`, as a reader would (Material's instant navigation, when
        it is on, swaps the page in place; otherwise the browser loads it)."""
        script = """const link = [...document.querySelectorAll('a[href]')].find(a => a.href === arguments[0]);
                    link?.click(); return Boolean(link);"""
        assert self.driver.execute_script(script, url), f"{self.driver.current_url} has no link to {url}"
        wait_for(lambda: self.driver.execute_script("return location.href") == url, f"the link to {url}")

    def open(self, checklist_id: str, *, online: bool = True) -> None:
        """Go to a checklist page and wait for its first results.

        Online (the server running, no service worker in the way) it also checks which way the
        page's scoring engine started, from the requests it made: every test that opens a
        checklist fails if the engine fell back to installing the wheel (see `startup_path`).
        """
        first = len(self.server.requests)
        self.go(self.url(checklist_id))
        self.wait_ready()
        if online:
            started_from = startup_path(self.server.requests[first:], self.server.url)
            print(f"{self.browser.name}, {checklist_id}: the scoring engine started from the {started_from}")
            assert started_from == "snapshot", f"{checklist_id}: the scoring engine started from the {started_from}"

    def wait_ready(self) -> None:
        """Wait for the first results; fail at once if the panel shows an error instead."""
        script = "const panel = document.querySelector('.rm-results'); return [panel?.dataset.state, panel?.innerText];"

        def settled():
            state, text = self.driver.execute_script(script)
            return state not in (None, "loading") and (state, text)

        state, text = wait_for(settled, "the first results")
        assert state == "ready", f"the results panel says: {text}"

    def seed(self, checklist_id: str, saved: dict) -> None:
        """Save `saved` in localStorage as the page would (the browser must be on the site's origin)."""
        key = storage_key(checklist_id)
        self.driver.execute_script("localStorage.setItem(arguments[0], arguments[1])", key, json.dumps(saved))

    def stored(self, checklist_id: str) -> dict | None:
        text = self.driver.execute_script("return localStorage.getItem(arguments[0])", storage_key(checklist_id))
        return None if text is None else json.loads(text)

    def checked(self) -> dict[str, str]:
        """The form's chosen answers, by question id."""
        return self.driver.execute_script(
            """return Object.fromEntries([...document.querySelectorAll('.rm-form input[type=radio]:checked')]
                 .map(input => [input.name, input.value]));"""
        )

    def panel(self) -> dict:
        return read_panel(self.driver)

    def wait_panel(self, expected: dict, what: str) -> None:
        """Wait until the panel shows `expected` (results arrive from the worker asynchronously)."""
        deadline = time.monotonic() + 60  # a loaded machine (WebKit offline) has needed more than 30 s
        while (shown := self.panel()) != expected and time.monotonic() < deadline:
            time.sleep(0.05)
        assert shown == expected, what

    def click(self, element: WebElement) -> None:
        """Click `element` in the middle of the window: WebKit's WebDriver scrolls it only to an edge,
        where Material's sticky header can cover it."""
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
        element.click()

    def click_answers(self, answers: dict[str, str]) -> None:
        """The first answer clicked through WebDriver, as a reader's pointer would; the rest clicked by
        one script, which sends each label the same click event (a WebDriver click here is two round trips,
        scroll then click, about 75 ms in all in WebKit, so 40 of them took 3 s a checklist)."""
        labels = [f'label[for="q-{question_id}-{value}"]' for question_id, value in answers.items()]
        if labels:
            self.click(self.driver.find_element(By.CSS_SELECTOR, labels[0]))
        self.driver.execute_script(
            "for (const selector of arguments[0]) document.querySelector(selector).click();", labels[1:]
        )

    def click_action(self, action: str) -> None:
        """Click the toolbar's button for `action` (its data-action: export, import, reset...)."""
        self.click(self.driver.find_element(By.CSS_SELECTOR, f'.rm-toolbar button[data-action="{action}"]'))

    def toolbar_says(self) -> tuple[str, str]:
        """The toolbar's status line and alert."""
        return self.driver.execute_script(
            """const toolbar = document.querySelector('.rm-toolbar');
               return ['.rm-toolbar-status', '.rm-alert'].map(s => toolbar.querySelector(s).textContent.trim());"""
        )

    def export(self) -> tuple[str, bytes]:
        """Click Export answers; the name of the file the browser saved, and its bytes."""
        for old in self.browser.downloads.iterdir():
            old.unlink()
        self.click_action("export")

        def saved():
            alert = self.toolbar_says()[1]
            assert not alert, f"the export failed: {alert}"
            files = list(self.browser.downloads.iterdir())
            # Firefox writes into NAME.part and renames it when done (a .part can hold whole JSON
            # before the rename), and WebKit uses a similar temporary name: wait for the final one.
            if any(f.name.endswith((".part", ".download")) for f in files):
                return False
            return len(files) == 1 and (data := _complete_json(files[0])) and (files[0].name, data)

        return wait_for(saved, "the exported file", timeout=30)

    def start_again(self) -> None:
        """Click Start again and accept its question."""
        self.click_action("reset")
        WebDriverWait(self.driver, 10).until(expected_conditions.alert_is_present()).accept()

    def import_file(self, path: Path, replacing: bool = False) -> None:
        """Choose `path` in the toolbar's file input (the one Import answers opens), agreeing when asked
        whether to replace answers (`replacing`: the page must ask); wait until the page has said how it
        went (the status line names the file), and fail if it refused the file."""
        self.driver.find_element(By.CSS_SELECTOR, ".rm-toolbar input[type=file]").send_keys(str(path))
        if replacing:
            WebDriverWait(self.driver, 30).until(expected_conditions.alert_is_present()).accept()

        def answered():
            status, alert = self.toolbar_says()
            return (alert and ("refused", alert)) or (path.name in status and ("imported", status))

        outcome, text = wait_for(answered, f"{path.name} to be imported")
        assert outcome == "imported", f"{path.name} was refused: {text}"


def _complete_json(path: Path) -> bytes | None:
    """The file's bytes once it is whole (a browser may write it in steps)."""
    try:
        data = path.read_bytes()
        json.loads(data)
    except (OSError, ValueError):
        return None
    return data
