"""Reading built pages: the parts the site tests look at."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class Page(HTMLParser):
    """The parts of a built page the tests look at: ids, links, loaded resources, headings and text."""

    SKIP_TEXT = frozenset({"script", "style", "svg"})

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.loads: list[tuple[str, str]] = []
        self.h2: list[str] = []
        self.article_text: list[str] = []
        self._depth_article = 0
        self._skip = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        for attr in ("src", "data", "poster", "srcset"):
            if attrs.get(attr) and tag in {"script", "img", "iframe", "source", "embed", "object", "audio", "video"}:
                self.loads.append((tag, attrs[attr]))
        if tag == "link" and attrs.get("href") and attrs.get("rel") not in ("canonical", "alternate"):
            self.loads.append((f"link rel={attrs.get('rel')}", attrs["href"]))
        if tag == "h2" and "id" in attrs:
            self.h2.append(attrs["id"])
        if tag == "article":
            self._depth_article += 1
        if tag in self.SKIP_TEXT:
            self._skip += 1

    def handle_endtag(self, tag):
        if tag == "article":
            self._depth_article -= 1
        if tag in self.SKIP_TEXT:
            self._skip -= 1

    def handle_data(self, data):
        if self._depth_article and not self._skip:
            self.article_text.append(data)


def parse(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))
