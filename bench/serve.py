"""A static server for benchmarks that counts the bytes it sends, per path."""

from __future__ import annotations

import gzip
import threading
from collections import Counter
from functools import cache, partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


@cache
def _gzipped_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


class CountingServer:
    """Serve a folder on 127.0.0.1 and count the body bytes sent for each request."""

    def __init__(self, directory: Path) -> None:
        self.sent: Counter[str] = Counter()
        self.bodies: dict[str, bytes] = {}
        self.requests: list[str] = []
        server = self

        class Handler(SimpleHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def copyfile(self, source, outputfile):
                data = source.read()
                outputfile.write(data)
                # Compressed sizes are worked out afterwards, in total(): compressing a 10 MB
                # file here would take CPU from the browser being measured.
                server.sent[self.path] += len(data)
                server.bodies[self.path] = data
                server.requests.append(self.path)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(directory)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def reset(self) -> None:
        self.sent.clear()
        self.bodies.clear()
        self.requests.clear()

    def total(self) -> tuple[int, int]:
        """Bytes sent (uncompressed), and what they would weigh gzip-compressed, as GitHub Pages sends them."""
        compressed = sum(_gzipped_size(self.bodies[path]) * self.requests.count(path) for path in self.sent)
        return sum(self.sent.values()), compressed

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
