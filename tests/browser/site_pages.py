"""What the accessibility, reflow, no-JavaScript and hostile-input tests share.

The pages come from the built site's own sitemap (plus its 404 page), so a page added to
the site is tested without touching the tests. The answer sets are made for every checklist
definition, so a new checklist is covered the same way.
"""

from __future__ import annotations

import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from fnmatch import fnmatch
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

from engine_copy import ENGINE_STATUS
from playwright.sync_api import Browser, BrowserContext

from checks import Checklist, score
from sitebuild.offline import NOT_CACHED

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
DOCS = Path(__file__).resolve().parents[2] / "docs"


def page_urls(site_url: str) -> list[str]:
    """Every page of the built site: what its sitemap lists, and the 404 page."""
    with urllib.request.urlopen(f"{site_url}sitemap.xml") as response:
        tree = ElementTree.fromstring(response.read())
    urls = [loc.text.strip() for loc in tree.iter(f"{SITEMAP}loc")]
    assert urls and all(url.startswith(site_url) for url in urls), urls
    return [*urls, f"{site_url}404.html"]


def markdown_pages() -> int:
    """How many pages the docs folder holds (its `_data` folder is not pages)."""
    return sum(1 for path in DOCS.rglob("*.md") if "_data" not in path.relative_to(DOCS).parts)


def answer_sets(checklist: Checklist) -> tuple[dict[str, str], dict[str, str]]:
    """(half, complete) answers: the first half of the questions, then all of them.

    Every question gets its second option, except that key questions are tried with each of
    their options until the result has a red flag, so the complete set always shows one.
    """
    questions = checklist.questions()
    complete = {q.id: q.choices()[min(1, len(q.choices()) - 1)][0] for q in questions}
    for question in (q for q in questions if q.critical):
        for value, _ in question.choices():
            if score(checklist, {**complete, question.id: value}).red_flags:
                complete[question.id] = value
                break
        if score(checklist, complete).red_flags:
            break
    assert score(checklist, complete).red_flags, f"{checklist.id}: no answers give a red flag"
    half = {q.id: complete[q.id] for q in questions[: len(questions) // 2]}
    return half, complete


@contextmanager
def guarded_context(browser: Browser, site_url: str, **options) -> Iterator[BrowserContext]:
    """A context of the test's own (the shared `context` fixture's rules: no service workers,
    and the test fails if any request leaves the local server)."""
    context = browser.new_context(service_workers="block", **options)
    own = urlsplit(site_url).netloc
    elsewhere: list[str] = []

    def check(request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != own:
            elsewhere.append(request.url)

    context.on("request", check)
    try:
        yield context
    finally:
        context.close()
    assert not elsewhere, f"requests left the local server: {elsewhere}"


# The cached files of the site's offline copy, as paths under the site (the cache holds one build).
CACHED = """async () => {
  const root = new URL("./", navigator.serviceWorker.controller.scriptURL).href;
  const names = (await caches.keys()).filter((name) => name.startsWith(`relationship-matters ${root} `));
  const keys = names.length === 1 ? await (await caches.open(names[0])).keys() : [];
  return keys.map((request) => request.url.slice(root.length));
}"""


def engine_cached(page, server, timeout: float = 120) -> None:
    """Wait until the service worker has copied the engine, then check the copy holds every file
    under assets/pyodide/ but those the build leaves out of it (sitebuild.offline.NOT_CACHED: what
    only a start without the snapshot fetches). (Polled here: wait_for_function takes a promise for a
    truthy value.)"""
    deadline = time.monotonic() + timeout
    while (status := page.evaluate(ENGINE_STATUS))["done"] < status["total"] or status["copying"]:
        assert time.monotonic() < deadline, f"the service worker did not copy the engine: {status} on {page.url}"
        page.wait_for_timeout(250)
    engine = {p.relative_to(server.site).as_posix() for p in (server.site / "assets" / "pyodide").iterdir()}
    engine = {url for url in engine if not any(fnmatch(url, pattern) for pattern in NOT_CACHED)}
    kept = set(page.evaluate(CACHED))
    assert len(engine) >= 5 and engine <= kept, f"not kept: {sorted(engine - kept)}"


def live_region(page, selector: str) -> dict:
    """The live-region properties Chromium gives `selector`'s element (live, atomic, relevant)."""
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    ax = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})["nodes"][0]
    return {p["name"]: p["value"].get("value") for p in ax.get("properties", [])}


class HeldEngine:
    """The engine's first download held back from the page's start (its snapshot's request, routed), so that a test
    can act while the engine is still coming, and then let it come with `release()`."""

    def __init__(self, page) -> None:
        self.page = page
        self.held = []
        page.route("**/assets/pyodide/snapshot.bin.gz", lambda route: self.held.append(route))

    def release(self, timeout: float = 60) -> None:
        """Let the snapshot come, once the page has asked for it (on a busy machine, perhaps only now)."""
        deadline = time.monotonic() + timeout
        while not self.held and time.monotonic() < deadline:
            self.page.wait_for_timeout(100)  # the page's events (the route's handler among them) are handled meanwhile
        assert len(self.held) == 1, f"the page asked for the engine's snapshot {len(self.held)} times"
        self.held[0].continue_()


COUNT_REQUESTS = """(() => {
  window.__asked = {};
  const send = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    if (message?.action) window.__asked[message.action] = (window.__asked[message.action] ?? 0) + 1;
    return send.call(this, message, ...rest);
  };
})();"""
"""An init script: counts the requests the page sends its engine, by action, in window.__asked."""
