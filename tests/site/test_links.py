"""Navigation, links and anchors in the built site, and that nothing loads from another host."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mkdocs.config import load_config
from sitepages import ROOT

from checks import load_docs_index

TEN_TOPICS = [
    f"{folder}/{name}/"
    for folder, names in {
        "behaviours": ("leadership", "sharing-credit", "outcomes-not-ego", "communication", "empowerment"),
        "foundations": (
            "accountabilities",
            "aligned-objectives",
            "red-lines",
            "trust-and-skills",
            "partnership-agreement",
        ),
    }.items()
    for name in names
]


def nav_files(nav) -> list[str]:
    found = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        found += nav_files(value) if isinstance(value, list) else [value]
    return found


def test_every_page_in_the_nav_exists_and_is_built(site):
    files = nav_files(load_config(str(ROOT / "mkdocs.yml"))["nav"])
    assert len(files) >= 30
    for file in files:
        assert (ROOT / "docs" / file).exists(), file
        built = file.removesuffix(".md").removesuffix("index")
        built = built if built in ("", None) or built.endswith("/") else built + "/"
        assert (site / built / "index.html").exists(), file


def resolve(page: str, href: str, root: str = "/") -> tuple[str, str] | None:
    """The site file and anchor an internal link points at; None for links to other sites.

    `root` is the site's path on its host (``/rm/`` when served under a subpath)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "tel:")):
        return None
    path = unquote(parts.path)
    if path.startswith("/"):  # the 404 page links from the site root, wherever it is shown
        if not path.startswith(root):
            return "outside the site", ""
        target = posixpath.normpath(path.removeprefix(root) or ".")
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
    if path.endswith("/") or (path and "." not in posixpath.basename(target)):
        target = posixpath.join(target, "index.html")
    return target.removeprefix("./").removeprefix("/"), parts.fragment


def test_every_internal_link_and_anchor_resolves(site, pages, served_site):
    root = urlsplit(served_site.url).path
    broken = []
    by_name = {path.as_posix(): page for path, page in pages.items()}
    for path, page in pages.items():
        for href in page.links:
            target = resolve(path.as_posix(), href, root)
            if target is None:
                continue
            file, anchor = target
            if not (site / file).exists():
                broken.append(f"{path}: {href} (no {file})")
            elif anchor and file.endswith(".html") and anchor not in by_name[file].ids:
                broken.append(f"{path}: {href} (no #{anchor})")
    assert broken == []


def test_nothing_is_loaded_from_another_host(site, pages):
    outside = [
        (str(path), tag, url)
        for path, page in pages.items()
        for tag, url in page.loads
        if urlsplit(url).scheme in ("http", "https") or url.startswith("//")
    ]
    assert outside == []
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert not re.search(r"@import\s+url\(\s*['\"]?(https?:)?//", text), css
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), css


def test_home_page_reaches_each_topic_in_at_most_two_clicks(site, pages):
    by_name = {path.as_posix(): page for path, page in pages.items()}
    reached, frontier = set(), {"index.html"}
    for _ in range(2):
        next_frontier = set()
        for page in frontier:
            for href in by_name[page].links:
                target = resolve(page, href)
                if target and target[0] in by_name and target[0] not in reached:
                    next_frontier.add(target[0])
        reached |= next_frontier
        frontier = next_frontier
    for topic in TEN_TOPICS:
        assert f"{topic}index.html" in reached, topic


def test_home_page_offers_the_three_routes(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    for href in ("thinking/right-choice/", "checklists/behaviours/", "toolkit/running-a-health-check/"):
        assert f'href="{href}' in html or f'href="./{href}' in html, href


def test_the_docs_index_finds_the_anchors_the_built_pages_have(site, pages):
    """Definitions' guidance links are checked against this index, so it must agree with the build."""
    index = load_docs_index(ROOT / "docs")
    assert len(index) >= 30
    for page, anchors in index.items():
        stem = page.removesuffix(".md")
        built = Path(stem.removesuffix("index")) / "index.html" if stem.endswith("index") else Path(stem) / "index.html"
        missing = anchors - pages[built].ids
        assert not missing, f"{page}: the index has anchors the built page lacks: {sorted(missing)}"
