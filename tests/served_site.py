"""The site, built once for the whole test run and served on 127.0.0.1 under a subpath (/rm/).

Serving it under a subpath checks that nothing assumes the site sits at the root of its host.
The server keeps its port when stopped and started again, so the origin (and the service worker
registered for it) stays the same: the offline tests stop it to prove the site works without it.
A test that changes the site works on a copy (`Served.copy`).
"""

from __future__ import annotations

import functools
import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parents[1]
SUBPATH = "rm"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def page_paths() -> list[str]:
    """Every page in the navigation, as a path under the site root (``behaviours/leadership/``)."""

    def walk(items):
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            yield from walk(value) if isinstance(value, list) else [value]

    paths = []
    for file in walk(load_config(str(ROOT / "mkdocs.yml"))["nav"]):
        path = file.removesuffix(".md").removesuffix("index")
        paths.append(path if not path or path.endswith("/") else path + "/")
    return paths


@dataclass
class Served:
    """The site folder, and a server on a fixed port (so the origin, and its service worker, stay the same)."""

    root: Path
    port: int
    requests: list[tuple[str, int]] = field(default_factory=list)
    """(path, status) for every request answered."""
    sent: list[tuple[str, int]] = field(default_factory=list)
    """(path, body bytes) for every response that carried a body."""
    _server: ThreadingHTTPServer | None = None

    @property
    def site(self) -> Path:
        return self.root / SUBPATH

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/{SUBPATH}/"

    def start(self) -> None:
        """Serve the site (again, on the same port); nothing happens if it is being served."""
        if self._server is not None:
            return
        requests, sent = self.requests, self.sent

        class Handler(SimpleHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def log_request(self, code="-", size="-") -> None:
                requests.append((self.path, int(getattr(code, "value", code))))

            def copyfile(self, source, outputfile) -> None:
                data = source.read()
                outputfile.write(data)
                sent.append((self.path, len(data)))

        class Server(ThreadingHTTPServer):
            allow_reuse_address = True

            def handle_error(self, request, client_address) -> None:
                if not isinstance(sys.exc_info()[1], ConnectionError):
                    super().handle_error(request, client_address)

        self._server = Server(("127.0.0.1", self.port), functools.partial(Handler, directory=str(self.root)))
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def reset(self) -> None:
        self.requests.clear()
        self.sent.clear()

    def copy(self, root: Path) -> Served:
        """The same built site in `root`, to change, served (once started) on a port of its own."""
        shutil.copytree(self.site, root / SUBPATH)
        return Served(root, free_port())

    def bodies(self) -> dict[str, int]:
        """How many times each file was sent in full (a page's ``dir/`` and ``dir/index.html`` are one file)."""
        counts: dict[str, int] = {}
        for path, _ in self.sent:
            file = path.split("?")[0]
            file += "index.html" if file.endswith("/") else ""
            counts[file] = counts.get(file, 0) + 1
        return counts


def build(root: Path, port: int) -> Served:
    served = Served(root, port)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": served.url}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(served.site)]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"mkdocs build --strict failed:\n{done.stdout}\n{done.stderr}")
    return served


@pytest.fixture(scope="session")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The site built once, strictly, for every test that needs it, and served until the run ends."""
    served = build(tmp_path_factory.mktemp("served"), free_port())
    served.start()
    yield served
    served.stop()
