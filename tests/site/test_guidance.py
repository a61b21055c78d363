"""The guidance pages: structure, length and sources, as a reader sees them in the built site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sitepages import ROOT, Page, parse

TOPIC_PAGES = sorted(
    p.relative_to(ROOT / "docs").with_suffix("").as_posix()
    for folder in ("behaviours", "foundations")
    for p in (ROOT / "docs" / folder).glob("*.md")
    if p.name != "index.md"
)
REQUIRED_SECTIONS = [
    "what-it-means",
    "why-it-matters",
    "what-good-looks-like",
    "warning-signs",
    "practical-steps",
    "questions-to-ask",
    "worked-example",
    "sources",
]


def test_there_are_five_behaviours_and_five_foundations():
    assert len([p for p in TOPIC_PAGES if p.startswith("behaviours/")]) == 5
    assert len([p for p in TOPIC_PAGES if p.startswith("foundations/")]) == 5


@pytest.mark.parametrize("topic", TOPIC_PAGES)
def test_topic_page_has_every_section_in_order(site, topic):
    page = parse(site / topic / "index.html")
    found = [section for section in page.h2 if section in REQUIRED_SECTIONS]
    assert found == REQUIRED_SECTIONS
    assert {"first-90-days", "mature-partnership", "ask-yourselves", "ask-your-partners"} <= page.ids


def guidance_words(html: str) -> int:
    """Words of guidance in the article: headings, permalinks and the sources list are left out."""
    body = html.split('id="sources"')[0]
    body = re.sub(r"<h[1-6][^>]*>.*?</h[1-6]>", " ", body, flags=re.S)
    text = " ".join(Page(body).article_text)
    return len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'’-]*", text))


@pytest.mark.parametrize("topic", TOPIC_PAGES)
def test_topic_page_has_at_least_700_words(site, topic):
    html = (site / topic / "index.html").read_text(encoding="utf-8")
    assert guidance_words(html) >= 700


@pytest.mark.parametrize("topic", TOPIC_PAGES)
def test_topic_page_cites_at_least_two_sources(site, topic):
    html = (site / topic / "index.html").read_text(encoding="utf-8")
    sources = html.split('id="sources"', 1)[1].split("</ol>", 1)[0]
    assert sources.count("<li>") >= 2


@pytest.mark.parametrize("topic", TOPIC_PAGES)
def test_what_it_means_is_two_sentences(site, topic):
    html = (site / topic / "index.html").read_text(encoding="utf-8")
    section = html.split('id="what-it-means"', 1)[1].split("<h2", 1)[0]
    text = " ".join(Page(f"<article>{section.split('</h2>', 1)[1]}</article>").article_text)
    assert len(re.findall(r"[.!?](\s|$)", text.strip())) == 2


def test_worked_examples_are_labelled_as_illustrations(site):
    for topic in TOPIC_PAGES:
        html = (site / topic / "index.html").read_text(encoding="utf-8")
        example = html.split('id="worked-example"', 1)[1].split('id="sources"', 1)[0]
        assert "Illustration" in example, topic


def test_every_other_guidance_page_cites_sources(site):
    for folder in ("thinking", "toolkit"):
        for md in (ROOT / "docs" / folder).glob("*.md"):
            if md.name == "glossary.md":
                continue
            built = site / Path(folder) / ("" if md.name == "index.md" else md.stem) / "index.html"
            assert 'id="sources"' in built.read_text(encoding="utf-8"), md
