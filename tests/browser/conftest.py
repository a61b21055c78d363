"""Browser tests: drive Debian's Chromium against the run's one build of the site.

The site is served on 127.0.0.1 under a subpath (``/rm/``, see tests/served_site.py), so the
tests also check that nothing assumes the site sits at the root of its host. Every test gets a
fresh browser context (empty storage, no cache) and fails if any request leaves the local server.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
# Report service workers' own requests too, so the privacy crawl sees them (read when Playwright starts).
os.environ.setdefault("PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS", "1")
if str(ROOT) not in sys.path:  # `checks` is not installed; the tests use it from the repository
    sys.path.insert(0, str(ROOT))

import chromium  # noqa: E402
from results_panel import READ_PANEL, shown_panel  # noqa: E402
from scan_count import NAME, ScanCount  # noqa: E402

from checks import Checklist, SavedAnswers, answers_to_dict, definition_files, load_checklist  # noqa: E402
from checks.answers import storage_key  # noqa: E402

READY_TIMEOUT = 60_000  # ms: Pyodide starts in about 3 s here, but a loaded machine is slower
CHECKLISTS = {path.stem: load_checklist(path) for path in definition_files()}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Any test taking `checklist_id` runs once per checklist definition, so new ones are covered."""
    if "checklist_id" in metafunc.fixturenames:
        metafunc.parametrize("checklist_id", sorted(CHECKLISTS))


@pytest.fixture(scope="session")
def site_url(served_site) -> str:
    """The built site's address, e.g. ``http://127.0.0.1:PORT/rm/`` (the run's one build)."""
    return served_site.url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One Chromium for the session: Debian's, or Playwright's own only if Debian's is absent."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium.EXECUTABLE, args=chromium.TEST_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def context(browser: Browser, site_url: str) -> Iterator[BrowserContext]:
    """A fresh context per test; any request to another host fails the test.

    Service workers are blocked here: each would copy the whole site (15 MB) for offline use.
    The offline tests make contexts of their own that allow them.
    """
    context = browser.new_context(accept_downloads=True, service_workers="block")
    elsewhere: list[str] = []
    own = urlsplit(site_url).netloc

    def check(request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != own:
            elsewhere.append(request.url)

    context.on("request", check)
    yield context
    context.close()
    assert not elsewhere, f"requests left the local server: {elsewhere}"


@pytest.fixture
def page(context: BrowserContext) -> Iterator[Page]:
    """A page that fails the test on any uncaught script error."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert not errors, f"uncaught errors in the page: {errors}"


class Helpers:
    """What the browser tests share: addresses, saved documents and reading the results panel."""

    def __init__(self, site_url: str, tmp_path: Path) -> None:
        self.site_url = site_url
        self.tmp_path = tmp_path

    @staticmethod
    def checklist_ids() -> list[str]:
        return sorted(CHECKLISTS)

    @staticmethod
    def checklist(checklist_id: str) -> Checklist:
        return CHECKLISTS[checklist_id]

    def url(self, checklist_id: str) -> str:
        return f"{self.site_url}checklists/{checklist_id}/"

    @staticmethod
    def key(checklist_id: str) -> str:
        return storage_key(checklist_id)

    def open(self, page: Page, checklist_id: str) -> None:
        """Go to a checklist page and wait for its first results."""
        page.goto(self.url(checklist_id))
        self.wait_ready(page)

    @staticmethod
    def wait_ready(page: Page) -> None:
        expect(page.locator(".rm-results")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT)

    def seed(self, context: BrowserContext, checklist_id: str, document: dict) -> None:
        """Save `document` for the checklist before the page's own scripts run (first load only)."""
        key, text = json.dumps(self.key(checklist_id)), json.dumps(json.dumps(document))
        context.add_init_script(f"if (localStorage.getItem({key}) === null) localStorage.setItem({key}, {text});")

    def stored_text(self, page: Page, checklist_id: str) -> str | None:
        return page.evaluate("key => localStorage.getItem(key)", self.key(checklist_id))

    def stored(self, page: Page, checklist_id: str) -> dict | None:
        text = self.stored_text(page, checklist_id)
        return None if text is None else json.loads(text)

    @staticmethod
    def document(checklist_id: str, answers: dict[str, str], notes: dict[str, str] | None = None) -> dict:
        """A saved-answers document, as answers_to_dict() gives it."""
        checklist = CHECKLISTS[checklist_id]
        saved = SavedAnswers(checklist.id, checklist.version, "2026-11-01T10:00:00+00:00", {}, answers, notes or {})
        return answers_to_dict(saved)

    @staticmethod
    def nth_choices(checklist_id: str, index: int) -> dict[str, str]:
        """Every question answered with its `index`-th option (the form's order)."""
        return {q.id: q.choices()[index][0] for q in CHECKLISTS[checklist_id].questions()}

    @staticmethod
    def give_answers(page: Page, answers: dict[str, str]) -> None:
        """Answer the form: the first answer clicked with the pointer, the rest clicked by one script
        (the same click event on each label, without a round trip per answer). Every label is clicked
        with the pointer in test_checklist_answers; elsewhere 40 pointer clicks cost about 2 s."""
        labels = [f'label[for="q-{question_id}-{value}"]' for question_id, value in answers.items()]
        if labels:
            page.locator(labels[0]).click()
        page.evaluate("selectors => { for (const s of selectors) document.querySelector(s).click(); }", labels[1:])

    @staticmethod
    def checked(page: Page) -> dict[str, str]:
        """The form's chosen answers, by question id."""
        return page.evaluate(
            """() => Object.fromEntries([...document.querySelectorAll('.rm-form input[type=radio]:checked')]
                 .map(input => [input.name, input.value]))"""
        )

    @staticmethod
    def results_html(page: Page) -> str:
        return page.locator(".rm-results").inner_html()

    @staticmethod
    def wait_results_html(page: Page, html: str) -> None:
        """Wait until the results panel shows exactly `html` (scoring is asynchronous)."""
        page.wait_for_function(
            "html => document.querySelector('.rm-results').innerHTML === html", arg=html, timeout=READY_TIMEOUT
        )

    def import_file(self, page: Page, name: str, content: bytes) -> None:
        """Choose a file through the Import answers button."""
        with page.expect_file_chooser() as chooser:
            page.get_by_role("button", name="Import answers").click()
        chooser.value.set_files({"name": name, "mimeType": "application/json", "buffer": content})

    @staticmethod
    def import_large_file(page: Page, name: str, head: str, filler: str, size: int, tail: str) -> None:
        """Choose a large file made in the page (head, filler repeated, tail: `size` bytes in all).

        Sending megabytes through the file chooser costs seconds; the component sees the same File.
        """
        page.evaluate(
            """([name, head, filler, size, tail]) => {
              const body = new Uint8Array(size - head.length - tail.length).fill(filler.charCodeAt(0));
              const file = new File([head, body, tail], name, {type: "application/json"});
              const input = document.querySelector(".rm-toolbar input[type=file]");
              const chosen = new DataTransfer();
              chosen.items.add(file);
              input.files = chosen.files;
              input.dispatchEvent(new Event("change", {bubbles: true}));
            }""",
            [name, head, filler, size, tail],
        )

    @staticmethod
    def shown_results(page: Page) -> dict:
        """What the results panel shows: section rows, red flags, decision, score and band."""
        return shown_panel(page.evaluate(READ_PANEL))

    def command_line(self, document: dict) -> dict:
        """`python -m checks score FILE --format json` for a saved document."""
        path = self.tmp_path / f"{document['checklist']}-cli.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "checks", "score", str(path), "--format", "json"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(done.stdout)


@pytest.fixture
def rm(site_url: str, tmp_path: Path) -> Helpers:
    return Helpers(site_url, tmp_path)


@pytest.fixture(scope="module")
def rm_module(site_url: str, tmp_path_factory: pytest.TempPathFactory) -> Helpers:
    """The helpers, for a module-scoped fixture."""
    return Helpers(site_url, tmp_path_factory.mktemp("helpers"))


@pytest.fixture(scope="session")
def scans(request: pytest.FixtureRequest) -> ScanCount:
    """The run's count of axe-core scans, printed at its end (registered by tests/conftest.py)."""
    return request.config.pluginmanager.get_plugin(NAME)
