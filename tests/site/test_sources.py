"""Sources, review dates and plain words, as a reader meets them in the built site.

- every bibliography entry links its public address (https) or says it has none;
- every topic page links at least two of its sources to another host;
- every page with `last_reviewed` in its front matter shows "Last reviewed: <month> <year>",
  and every page with policy facts has one;
- the terms in PLAIN_WORDS are explained (a tooltip or a glossary link) wherever they appear;
- the Sources page lists no entry that no page cites.
"""

from __future__ import annotations

import calendar
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from sitepages import ROOT

NO_ADDRESS = "No stable public address found."
MONTHS = list(calendar.month_name)[1:]  # January .. December (the C locale the tests run in)
TOPIC_FOLDERS = ("thinking", "behaviours", "foundations")
# Pages with policy facts (law, NHS and council structures) must say when they were last checked.
POLICY_PAGES = ("thinking/", "foundations/")
# Each term a reader may not know, as a pattern for the forms pages use, and its glossary anchor.
PLAIN_WORDS = {
    "joint strategic needs assessment": (r"joint strategic needs assessments?", "joint-strategic-needs-assessment"),
    "committees in common": (r"committees? in common", "committees-in-common"),
    "heads of terms": (r"heads of terms", "heads-of-terms"),
    "memorandum of understanding": (r"memorand(?:um|a) of understanding", "memorandum-of-understanding"),
    "reablement": (r"reablement", "reablement"),
    "early help": (r"early help", "early-help"),
    "co-production": (r"co-production", "co-production"),
    "upper-tier council": (r"upper-tier councils?", "upper-tier-council"),
    "subsidy control": (r"subsidy control", "subsidy-control"),
    "statutory": (r"statutory", "statutory"),
}


class Article(HTMLParser):
    """The article of a built page: its text (outside checklist forms), <abbr> texts, links and sources."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.abbrs: list[str] = []
        self.links: list[str] = []
        self.sources: list[dict] = []  # one per <li> of the list after the "sources" heading
        self._article = self._form = self._abbr = self._skip = 0
        self._after_sources = False
        self._item: dict | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self._article += 1
        if not self._article:
            return
        if tag in ("script", "style", "svg"):
            self._skip += 1
        if tag == "form":
            self._form += 1
        if tag == "abbr":
            self._abbr += 1
            self.abbrs.append("")
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
            if self._item is not None:
                self._item["hrefs"].append(attrs["href"])
        if tag in ("h2", "aside") and self._after_sources:
            self._after_sources = False
        if tag == "h2" and attrs.get("id") in ("sources", "all-sources"):
            self._after_sources = True
        if tag == "li" and self._after_sources:
            self._item = {"text": "", "hrefs": []}
            self.sources.append(self._item)

    def handle_endtag(self, tag):
        if tag == "article":
            self._article -= 1
        elif tag in ("script", "style", "svg") and self._skip:
            self._skip -= 1
        elif tag == "form" and self._form:
            self._form -= 1
        elif tag == "abbr" and self._abbr:
            self._abbr -= 1
        elif tag == "li":
            self._item = None

    def handle_data(self, data):
        if not self._article or self._skip:
            return
        if self._abbr:
            self.abbrs[-1] += data
        if self._item is not None:
            self._item["text"] += data
        if not self._form:
            self.text.append(data)

    @property
    def plain_text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.text))


def built(page: str) -> Path:
    """Where a docs page (`thinking/index.md`, `thinking/right-choice.md`) is in the built site."""
    return Path(page.removesuffix(".md").removesuffix("index").removesuffix("/")) / "index.html"


def read(site: Path, page: str) -> Article:
    return Article((site / built(page)).read_text(encoding="utf-8"))


def docs_pages() -> list[str]:
    return sorted(
        p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md") if "_data" not in p.parts
    )


def front_matter(page: str) -> dict:
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n", 2)[1]) if text.startswith("---\n") else {}


def is_outside_link(href: str) -> bool:
    parts = urlsplit(href)
    return parts.scheme == "https" and bool(parts.netloc)


# Bibliography entries -------------------------------------------------------------------------


def test_every_bibliography_entry_has_an_https_link_or_says_it_has_none(site):
    listed = read(site, "about/sources.md").sources
    assert listed, "the Sources page lists no sources"
    for item in listed:
        outside = [href for href in item["hrefs"] if is_outside_link(href)]
        assert outside or NO_ADDRESS in item["text"], item["text"]
        assert not (outside and NO_ADDRESS in item["text"]), item["text"]
        for href in outside:
            assert " " not in href and urlsplit(href).path, href
    for entry in yaml.safe_load((ROOT / "docs" / "_data" / "sources.yml").read_text(encoding="utf-8")).values():
        assert "doi" in entry or "url" in entry or entry.get("address") == "none found", entry["cite"]


TOPIC_PAGES = [page for page in docs_pages() if page.startswith(tuple(f"{folder}/" for folder in TOPIC_FOLDERS))]


@pytest.mark.parametrize("page", TOPIC_PAGES)
def test_every_topic_page_links_at_least_two_of_its_sources(site, page):
    sources = read(site, page).sources
    linked = [item for item in sources if any(is_outside_link(href) for href in item["hrefs"])]
    assert len(linked) >= 2, f"{page}: {len(linked)} of {len(sources)} sources linked"


# Last reviewed --------------------------------------------------------------------------------


def reviewed_pages() -> list[str]:
    return [page for page in docs_pages() if "last_reviewed" in front_matter(page)]


@pytest.mark.parametrize("page", reviewed_pages())
def test_a_page_with_last_reviewed_shows_it(site, page):
    value = str(front_matter(page)["last_reviewed"])
    assert re.fullmatch(r"20\d\d-(0[1-9]|1[0-2])", value), f"{page}: last_reviewed {value!r} is not YYYY-MM"
    expected = f"Last reviewed: {MONTHS[int(value[5:]) - 1]} {value[:4]}"
    shown = re.sub(r"<[^>]+>", "", (site / built(page)).read_text(encoding="utf-8"))
    assert expected in re.sub(r"\s+", " ", shown), f"{page}: does not show {expected!r}"


def test_every_page_with_policy_facts_has_a_review_date(site):
    missing = []
    for page in docs_pages():
        cites_law = any("legislation.gov.uk" in href for item in read(site, page).sources for href in item["hrefs"])
        if (page.startswith(POLICY_PAGES) or cites_law) and "last_reviewed" not in front_matter(page):
            missing.append(page)
    assert missing == [], f"pages with policy facts but no last_reviewed: {missing}"


# Plain words ----------------------------------------------------------------------------------


def unexplained_terms(article: Article) -> list[str]:
    """The listed terms a page uses without a tooltip (<abbr>) or a link to their glossary entry."""
    missing = []
    for term, (pattern, anchor) in PLAIN_WORDS.items():
        if not re.search(rf"\b{pattern}\b", article.plain_text, flags=re.I):
            continue
        tooltip = any(re.fullmatch(pattern, abbr.strip(), flags=re.I) for abbr in article.abbrs)
        glossary = any(re.search(rf"glossary/?(index\.html)?#{anchor}$", href) for href in article.links)
        if not (tooltip or glossary):
            missing.append(term)
    return missing


@pytest.mark.parametrize("page", docs_pages())
def test_listed_terms_are_explained_where_they_appear(site, page):
    assert unexplained_terms(read(site, page)) == [], page


def test_the_glossary_explains_every_listed_term(site):
    glossary = (site / "toolkit" / "glossary" / "index.html").read_text(encoding="utf-8")
    for term, (_, anchor) in PLAIN_WORDS.items():
        assert f'<dt id="{anchor}">' in glossary, term


# The Sources page -----------------------------------------------------------------------------


def test_the_sources_page_lists_no_uncited_entry(site):
    cited = set()
    for page in docs_pages():
        if page != "about/sources.md":
            cited.update(re.sub(r"\s+", " ", item["text"]).strip() for item in read(site, page).sources)
    assert cited
    for item in read(site, "about/sources.md").sources:
        text = re.sub(r"\s+", " ", item["text"]).strip()
        assert any(text.startswith(citation) for citation in cited), f"not cited on any page: {text[:80]}"
