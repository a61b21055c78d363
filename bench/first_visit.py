"""Benchmark: what a first visit downloads, and how long a first result takes on slow networks.

Builds the site, serves it on 127.0.0.1 as GitHub Pages does (gzip for .html, .css, .js, .mjs, .json,
.wasm, .svg, .xml and .txt; .zip, .gz, .whl and .bin as they are) and drives Debian's Chromium with
a fresh profile on disk for each visit, service worker allowed, and prints:

- bytes for a first guidance visit, the service worker's background copy included;
- bytes for a first checklist visit (page, engine and the service worker's copy), as sent (gzip where
  GitHub Pages compresses) and uncompressed;
- time to the first result on a first checklist visit through Chromium's network emulation, at
  10 Mbit/s with 40 ms latency and at 1.6 Mbit/s with 150 ms, and unthrottled.

Figures are printed, never asserted. The machine may be busy with other work: compare runs made together.

    .venv/bin/python bench/first_visit.py [--runs 1] [--site DIR]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import statistics
import sys
import tempfile
import threading
import time
from functools import cache, partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from checklist_performance import CHECKLIST, GUIDANCE, build  # bench/ is on the path as a script
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
import chromium  # the browser tests' launch settings, shared
from engine_copy import ENGINE_KEPT  # the tests' question to the service worker, shared

COMPRESSED = (".html", ".css", ".js", ".mjs", ".json", ".wasm", ".svg", ".xml", ".txt")
NETWORKS = {  # name: (download bits per second, latency ms)
    "10 Mbit/s, 40 ms": (10_000_000, 40),
    "1.6 Mbit/s, 150 ms": (1_600_000, 150),
}
SITE_KEPT = """async () => {
  const registration = await navigator.serviceWorker.ready;
  return Boolean(registration.active) && (await caches.keys()).some((name) => name.startsWith("relationship-matters-"));
}"""


@cache
def _tag(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


@cache
def _gzipped(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=6)


class PagesServer:
    """Serve a folder as GitHub Pages does, and count the bytes sent (as sent, and uncompressed)."""

    def __init__(self, directory: Path) -> None:
        self.sent: list[tuple[str, int, int]] = []  # path, bytes sent, bytes uncompressed
        server = self

        class Handler(SimpleHTTPRequestHandler):
            """GitHub Pages' ways: gzip where it compresses, ETag and Last-Modified answered with 304, max-age=600."""

            def log_message(self, *args):
                pass

            def do_GET(self):
                path = Path(self.translate_path(self.path))
                if path.is_dir() and self.path.split("?")[0].endswith("/"):
                    path = path / "index.html"
                if not path.is_file():
                    return super().do_GET()  # redirects and 404s
                data = path.read_bytes()
                tag = f'"{_tag(data)}"'
                modified = self.date_time_string(int(path.stat().st_mtime))
                if self.headers.get("If-None-Match") == tag or self.headers.get("If-Modified-Since") == modified:
                    self.send_response(304)
                    self.send_header("ETag", tag)
                    self.end_headers()
                    server.sent.append((self.path, 0, 0))
                    return None
                compress = path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")
                body = _gzipped(data) if compress else data
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(str(path)))
                if compress:
                    self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("ETag", tag)
                self.send_header("Last-Modified", modified)
                self.send_header("Cache-Control", "max-age=600")
                self.end_headers()
                self.wfile.write(body)
                server.sent.append((self.path, len(body), len(data)))
                return None

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(directory)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def totals(self) -> tuple[int, int, int]:
        """Bytes sent, bytes uncompressed, requests (304 answers included, with no body)."""
        return sum(s for _, s, _ in self.sent), sum(u for _, _, u in self.sent), len(self.sent)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# Records the moment the results panel first says "ready", in the page (as checklist_performance.py).
READY = """new MutationObserver((records, observer) => {
  if (document.querySelector('.rm-results[data-state="ready"]')) {
    performance.mark("rm:first-result");
    observer.disconnect();
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-state"] });"""


def wait_for(page, script: str, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while not page.evaluate(script):
        if time.monotonic() > deadline:
            raise TimeoutError(script[:60])
        page.wait_for_timeout(250)


def first_visit(p, server: PagesServer, path: str, network: tuple[int, int] | None = None) -> dict[str, float]:
    """One first visit with a fresh profile: bytes (everything, the service worker's copy included) and,
    on a checklist page, the time to the first result from navigation start."""
    with tempfile.TemporaryDirectory() as profile:
        context = p.chromium.launch_persistent_context(profile, executable_path=chromium.BROWSER, args=chromium.ARGS)
        context.add_init_script(READY)
        page = context.new_page()
        if network:
            bits, latency = network
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            conditions = {
                "offline": False,
                "latency": latency,
                "downloadThroughput": bits / 8,
                "uploadThroughput": bits / 8,
            }
            cdp.send("Network.emulateNetworkConditions", conditions)
        server.sent.clear()
        page.goto(server.url + path, timeout=600_000)
        figures = {}
        if path == CHECKLIST:
            page.wait_for_selector('.rm-results[data-state="ready"]', timeout=600_000)
            figures["first_result"] = page.evaluate(
                "() => performance.getEntriesByName('rm:first-result')[0]?.startTime ?? performance.now()"
            )
            wait_for(page, ENGINE_KEPT)
        else:
            wait_for(page, SITE_KEPT)
            page.wait_for_timeout(2000)  # anything else the service worker fetches in the background
        figures["sent"], figures["uncompressed"], figures["requests"] = server.totals()
        context.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--site", type=Path, help="a built site to use instead of building one")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as p:
        site = options.site or Path(scratch) / "site"
        if not options.site:
            build(site)
        server = PagesServer(site)
        results: dict[str, list[dict[str, float]]] = {}
        for _ in range(options.runs):
            for name, path, network in (
                ("guidance", GUIDANCE, None),
                ("checklist", CHECKLIST, None),
                *((f"checklist, {label}", CHECKLIST, conditions) for label, conditions in NETWORKS.items()),
            ):
                results.setdefault(name, []).append(first_visit(p, server, path, network))
        server.close()

    print(
        f"First visits, fresh Chromium profile, service worker allowed, served as GitHub Pages; {options.runs} run(s)"
    )
    for name, runs in results.items():
        sent = statistics.median(r["sent"] for r in runs)
        uncompressed = statistics.median(r["uncompressed"] for r in runs)
        requests = statistics.median(r["requests"] for r in runs)
        line = f"{name + ':':32} {sent / 1e6:6.2f} MB sent ({uncompressed / 1e6:.2f} MB uncompressed"
        line += f", {requests:.0f} requests)"
        if "first_result" in runs[0]:
            line += f"; first result {statistics.median(r['first_result'] for r in runs) / 1000:.1f} s"
        print(line)


if __name__ == "__main__":
    main()
