"""Turning a guidance link in a definition (``page.md#anchor``) into a URL on the built site."""

from __future__ import annotations


def guidance_url(link: str, base: str = "") -> str:
    """``behaviours/leadership.md#x`` -> ``{base}behaviours/leadership/#x`` (MkDocs directory URLs)."""
    page, hash_, anchor = link.partition("#")
    if page.endswith("index.md"):
        path = page[: -len("index.md")]
    else:
        path = page[: -len(".md")] + "/" if page.endswith(".md") else page
    return f"{base}{path}{hash_}{anchor}"
