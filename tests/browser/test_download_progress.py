"""The scoring engine's first download, shown on a checklist page, the compare page, a register and the
agreement builder: a determinate <progress> in the results panel with Python's words, heard at most every 10 seconds
(in a polite status of its own), while the checklist's form stays usable.

The engine's files come from a copy of the built site served slowly (700 KB a second for each file), so the
download takes longer than 10 seconds; service workers are blocked, as in the other browser tests.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from axe_scan import violations
from conftest import READY_TIMEOUT
from playwright.sync_api import expect
from served_site import SUBPATH, free_port
from site_pages import guarded_context, live_region

from checks.agreement.wording import PAGE_MESSAGES as AGREEMENT_MESSAGES
from checks.compare.component import MESSAGES as COMPARE_MESSAGES
from checks.offline import DOWNLOAD_MESSAGES
from checks.wording import PAGE_MESSAGES

pytestmark = pytest.mark.browser
SLOW = "/assets/pyodide/"
CHUNK = 64 * 1024
BYTES_PER_SECOND = 700_000  # each file: the 9.6 MB wasm takes about 14 s
ENGINE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "snapshot.bin.gz")
# Every change of the results panel's progress: when, what is seen, what is heard, and the bar's figures.
# And when the words to be heard are set (`__heard`), timed as they are set: an observer's callback waits
# for the page's current task, so on a busy page it may see a change most of a second late.
RECORD = """() => {
  window.__changes = [];
  window.__heard = [];
  const text = Object.getOwnPropertyDescriptor(Node.prototype, "textContent");
  Object.defineProperty(Node.prototype, "textContent", {
    ...text,
    set(value) {
      if (this.classList?.contains("rm-download-heard")) window.__heard.push([performance.now(), value]);
      text.set.call(this, value);
    },
  });
  const panel = document.querySelector(".rm-results");
  new MutationObserver(() => {
    const bar = panel.querySelector("progress");
    if (!bar) return;
    window.__changes.push({
      at: performance.now(),
      seen: panel.querySelector(".rm-download-seen")?.textContent,
      heard: panel.querySelector(".rm-download-heard")?.textContent,
      value: bar.value,
      max: bar.max,
    });
  }).observe(panel, { subtree: true, childList: true, characterData: true, attributes: true });
}"""


@pytest.fixture
def slow_site(served_site, tmp_path):
    """A copy of the built site whose engine files (assets/pyodide/) trickle in at BYTES_PER_SECOND."""
    site = served_site.copy(tmp_path / "copy")

    class Handler(SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def copyfile(self, source, outputfile) -> None:
            if SLOW not in self.path:
                return super().copyfile(source, outputfile)
            while chunk := source.read(CHUNK):
                outputfile.write(chunk)
                outputfile.flush()
                time.sleep(len(chunk) / BYTES_PER_SECOND)

    server = ThreadingHTTPServer(("127.0.0.1", free_port()), functools.partial(Handler, directory=str(site.root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site, f"http://127.0.0.1:{server.server_address[1]}/{SUBPATH}/"
    server.shutdown()
    server.server_close()


def fill(message: str, done: float, total: float) -> str:
    return message.format(done=f"{done / 1e6:.1f}", total=f"{total / 1e6:.1f}")


# Each page: where it is under the site, its words while loading, and its panel's data-state once the engine has come.
PAGES = {
    "checklist": ("checklists/{checklist_id}/", PAGE_MESSAGES["loading"], "ready"),
    "compare": ("checklists/compare-behaviours/", COMPARE_MESSAGES["loading"], "empty"),
    "agreement": ("tools/partnership-agreement/", AGREEMENT_MESSAGES["loading"], "ready"),
    "register": ("tools/risk-register/", PAGE_MESSAGES["loading"], "ready"),  # every register has the one page script
}


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_the_first_download_shows_its_progress_heard_every_10_seconds_and_the_form_stays_usable(
    browser, slow_site, rm, tmp_path, kind
):
    site, url = slow_site
    sizes = json.loads((site.site / "assets" / "pyodide" / "sizes.json").read_text(encoding="utf-8"))
    total = sum(sizes[name] for name in ENGINE_FILES)
    checklist_id = rm.checklist_ids()[0]
    helpers = type(rm)(url, tmp_path)
    path, loading, settled = PAGES[kind]
    errors: list[str] = []
    with guarded_context(browser, url) as context:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url + path.format(checklist_id=checklist_id), wait_until="domcontentloaded")
        page.evaluate(RECORD)
        panel = page.locator(".rm-results")
        bar = panel.locator("progress")
        expect(bar).to_be_visible(timeout=30_000)
        expect(bar).to_have_attribute("aria-label", DOWNLOAD_MESSAGES["download_label"])
        expect(panel.locator(".rm-progress")).to_have_text(loading)
        expect(panel.locator(".rm-download-seen")).to_have_text(re.compile(r"Downloading the scoring engine: "))
        assert page.evaluate("() => document.querySelector('.rm-results progress').max") == total
        # heard on every page, live region or not (the agreement's preview is not one)
        assert live_region(page, ".rm-download-heard")["live"] == "polite"

        if kind == "checklist":  # the form works while the engine downloads: an answer is saved at once
            question_id, value = next(iter(helpers.nth_choices(checklist_id, 0).items()))
            page.locator(f'label[for="q-{question_id}-{value}"]').click()
            assert helpers.stored(page, checklist_id)["answers"] == {question_id: value}
        assert panel.get_attribute("data-state") == "loading"
        assert violations(page) == []

        expect(panel).to_have_attribute("data-state", settled, timeout=READY_TIMEOUT)
        expect(bar).to_have_count(0)  # the first result takes the download's place
        changes, heard = page.evaluate("() => [window.__changes, window.__heard]")

    assert not errors, f"uncaught errors in the page: {errors}"

    assert all(change["max"] == total for change in changes)
    values = [change["value"] for change in changes]
    assert values == sorted(values) and values[-1] > values[0]
    for change in changes:
        assert change["seen"] == fill(DOWNLOAD_MESSAGES["downloading"], change["value"], total)
    said = [at for (_, before), (at, text) in itertools.pairwise([(0, None), *heard]) if text != before]
    duration = changes[-1]["at"] - changes[0]["at"]
    assert duration > 10_000, f"the download took only {duration:.0f} ms: too quick to test the 10 seconds"
    assert len(said) >= 2 and all(later - earlier >= 9_900 for earlier, later in itertools.pairwise(said)), said
    assert len({change["seen"] for change in changes}) > len(said)  # what is seen moves more often
