"""Engine tests: the built site in Firefox (Gecko, SpiderMonkey) and WebKit (WebKitGTK, JavaScriptCore).

The site is built once per session and served on 127.0.0.1 under a subpath by a server that
records every request with its Referer header: the Referer tells the scoring worker's own
requests from the service worker's (``sw.js``) and the page's, which is how each page load
knows which way the worker started (`engine_pages.startup_path`). Each browser is started
once per session (tests are grouped by browser, so only one runs at a time); a test that
needs an empty profile starts one of its own (``fresh_browser``). Every test fails if any
request leaves the machine: each browser sends other hosts to a local recorder, and each
page's Performance API entries must all be on the local origin.
"""

from __future__ import annotations

import contextlib
import functools
import json
import socket
import socketserver
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import drivers
import pytest
from engine_pages import CHECKLISTS, Tab

ROOT = Path(__file__).resolve().parents[2]
SUBPATH = "rm"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Any test taking `checklist_id` runs once per checklist definition, so new ones are covered."""
    if "checklist_id" in metafunc.fixturenames:
        metafunc.parametrize("checklist_id", sorted(CHECKLISTS))


# --- the site and its server -------------------------------------------------------------------


@dataclass(frozen=True)
class BuiltSite:
    root: Path
    """The folder served: the site itself is in ``root / SUBPATH``."""
    url: str
    """The address it is served at, e.g. ``http://127.0.0.1:PORT/rm/``."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def engines_site(served_site) -> BuiltSite:
    """The run's one build of the site (tests/served_site.py), served here by these tests' own server
    (see SiteServer) on a port of its own."""
    return BuiltSite(served_site.root, f"http://127.0.0.1:{_free_port()}/{served_site.site.name}/")


@dataclass(frozen=True)
class Request:
    path: str
    status: int
    referer: str | None


SERVICE_WORKER = "sw.js"


@dataclass
class SiteServer:
    """Serves the built site on the port it was built for; the port stays the same when the
    server is stopped and started again (so the origin, and its service worker, stay the same).

    Every response says ``Cache-Control: no-cache``: a browser may keep a file but asks again
    before each use (a 304 when unchanged), so each page load's requests show in the log.
    The service worker script is refused (404) unless a test allows it: like the Chromium tests,
    which block service workers, the ordinary tests keep each page's requests on the network
    (where the start-up check sees them) instead of having the site copied for offline use.
    """

    site: BuiltSite
    requests: list[Request] = field(default_factory=list)
    refused: set[str] = field(default_factory=lambda: {SERVICE_WORKER})
    """Paths under the site answered with 404."""
    _server: ThreadingHTTPServer | None = None

    def allow_service_worker(self) -> None:
        self.refused.discard(SERVICE_WORKER)

    @property
    def url(self) -> str:
        return self.site.url

    @property
    def origin(self) -> str:
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}"

    def start(self) -> None:
        if self._server is not None:
            return
        server_state, requests, prefix = self, self.requests, urlsplit(self.url).path

        class Handler(SimpleHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def log_request(self, code: Any = "-", size: Any = "-") -> None:
                requests.append(Request(self.path, int(getattr(code, "value", code)), self.headers.get("Referer")))

            def send_head(self):
                if self.path.split("?")[0].removeprefix(prefix) in server_state.refused:
                    self.send_error(404)
                    return None
                return super().send_head()

            def end_headers(self) -> None:
                self.send_header("Cache-Control", "no-cache")
                super().end_headers()

        class Server(ThreadingHTTPServer):
            allow_reuse_address = True
            daemon_threads = True

            def handle_error(self, request, client_address) -> None:
                if not isinstance(sys.exc_info()[1], ConnectionError):  # the browser hung up: normal
                    super().handle_error(request, client_address)

        port = urlsplit(self.url).port
        self._server = Server(("127.0.0.1", port), functools.partial(Handler, directory=str(self.site.root)))
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


@pytest.fixture(scope="session")
def site_server(engines_site: BuiltSite) -> Iterator[SiteServer]:
    server = SiteServer(engines_site)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def server(site_server: SiteServer) -> Iterator[SiteServer]:
    """The session's server, running, with an empty log and its ordinary settings, for one test."""
    site_server.start()
    site_server.requests.clear()
    yield site_server
    site_server.refused = {SERVICE_WORKER}
    site_server.start()


# --- requests that would leave the machine -----------------------------------------------------


class _Recorder(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        line = self.rfile.readline(8192).decode("latin-1").strip()  # "CONNECT host:443 ..." or "GET http://..."
        self.server.seen.append(line)  # type: ignore[attr-defined]
        with contextlib.suppress(OSError):  # the browser may have hung up already
            self.wfile.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")


class Elsewhere(socketserver.ThreadingTCPServer):
    """The browsers' proxy for every host but 127.0.0.1: it records each request and refuses it."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Recorder)
        self.seen: list[str] = []

    @property
    def port(self) -> int:
        return self.server_address[1]


@pytest.fixture(scope="session")
def elsewhere() -> Iterator[Elsewhere]:
    recorder = Elsewhere()
    threading.Thread(target=recorder.serve_forever, daemon=True).start()
    yield recorder
    recorder.shutdown()
    recorder.server_close()


@pytest.fixture(autouse=True)
def _nothing_leaves_the_machine(elsewhere: Elsewhere) -> Iterator[None]:
    before = len(elsewhere.seen)
    yield
    assert elsewhere.seen[before:] == [], "requests for other hosts (refused by the test proxy)"


# --- the browsers ------------------------------------------------------------------------------


@pytest.fixture(scope="session", params=drivers.ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """The browser engine under test; tests are grouped by it, one browser at a time."""
    return request.param


@pytest.fixture(scope="session")
def browser(engine: str, elsewhere: Elsewhere, tmp_path_factory: pytest.TempPathFactory) -> Iterator[drivers.Browser]:
    """One browser per engine for the session."""
    started = drivers.start(engine, tmp_path_factory.mktemp(engine), elsewhere.port)
    yield started
    started.quit()


@pytest.fixture
def fresh_browser(engine: str, elsewhere: Elsewhere, tmp_path: Path) -> Iterator[drivers.Browser]:
    """A browser of its own for one test: empty profile, no service worker, empty HTTP cache."""
    started = drivers.start(engine, tmp_path / engine, elsewhere.port)
    yield started
    started.quit()


@pytest.fixture
def tab(browser: drivers.Browser, server: SiteServer) -> Iterator[Tab]:
    """The session's browser, with this site's saved answers cleared, for one test.

    The server refuses the service worker's script in these tests, so localStorage is all the
    site keeps in the browser.
    """
    tab = Tab(browser, server)
    tab.go(server.url + "sitemap.xml")  # a page on the origin that runs no script
    browser.driver.execute_script("localStorage.clear()")
    yield tab
    tab.check_local()


@pytest.fixture
def fresh_tab(fresh_browser: drivers.Browser, server: SiteServer) -> Iterator[Tab]:
    tab = Tab(fresh_browser, server)
    yield tab
    tab.check_local()


@pytest.fixture(scope="session")
def command_line(tmp_path_factory: pytest.TempPathFactory) -> Callable[[dict], dict]:
    """`python -m checks score FILE --format json` for a saved document (each document run once a session)."""
    folder = tmp_path_factory.mktemp("cli")

    @functools.cache
    def score(text: str) -> str:
        path = folder / f"answers-{len(list(folder.iterdir()))}.json"
        path.write_text(text, encoding="utf-8")
        command = [sys.executable, "-m", "checks", "score", str(path), "--format", "json"]
        return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout

    return lambda document: json.loads(score(json.dumps(document, sort_keys=True)))
