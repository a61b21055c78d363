"""A static server for benchmarks that counts the bytes it sends, per path."""

from __future__ import annotations

import gzip
import threading
from collections import Counter
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class CountingServer:
    """Serve a folder on 127.0.0.1 and count the body bytes sent for each request."""

    def __init__(self, directory: Path) -> None:
        self.sent: Counter[str] = Counter()
        self.gzipped: Counter[str] = Counter()
        """What each response would weigh compressed, as GitHub Pages and most servers send it."""
        self.requests: list[str] = []
        server = self

        class Handler(SimpleHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def copyfile(self, source, outputfile):
                data = source.read()
                outputfile.write(data)
                server.sent[self.path] += len(data)
                server.gzipped[self.path] += len(gzip.compress(data, compresslevel=6))
                server.requests.append(self.path)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(directory)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def reset(self) -> None:
        self.sent.clear()
        self.gzipped.clear()
        self.requests.clear()

    def total(self) -> tuple[int, int]:
        """Bytes sent (uncompressed) and what they would weigh gzip-compressed."""
        return sum(self.sent.values()), sum(self.gzipped.values())

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
