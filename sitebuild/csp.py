"""Build step: a Content-Security-Policy for every page, as a <meta> tag (GitHub Pages cannot send headers).

Only the site's own origin may supply scripts, styles, images, fonts, connections and
workers. Pyodide needs 'wasm-unsafe-eval'. Material's inline scripts are allowed by their
sha256 hashes, gathered from every built page, so one policy serves every page, also
after instant navigation swaps page content in place.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
DATA_TYPE = re.compile(r'type="(application/json|application/ld\+json)"')
CHARSET = '<meta charset="utf-8">'


def script_hashes(html: str) -> set[str]:
    """CSP hash sources for each inline script a browser would run (not JSON data blocks)."""
    hashes = set()
    for match in INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if "src=" in attrs or DATA_TYPE.search(attrs):
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        hashes.add(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return hashes


def policy(hashes: set[str]) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'wasm-unsafe-eval' {' '.join(sorted(hashes))}".rstrip(),
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "worker-src 'self'",
            "manifest-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def apply_csp(site_dir: str | Path) -> str:
    """Insert the site-wide policy into every HTML page; returns the policy."""
    pages = sorted(Path(site_dir).rglob("*.html"))
    texts = {page: page.read_text(encoding="utf-8") for page in pages}
    hashes = set().union(*(script_hashes(text) for text in texts.values()))
    content = policy(hashes)
    tag = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    for page, text in texts.items():
        if CHARSET not in text:
            raise ValueError(f"{page}: no {CHARSET} to put the Content-Security-Policy after")
        page.write_text(text.replace(CHARSET, CHARSET + "\n    " + tag, 1), encoding="utf-8")
    return content
