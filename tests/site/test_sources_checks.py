"""The bibliography and review dates are checked at build time: a bad entry or date stops the build.

The checks fail before Pyodide or the wheel are shipped, so these builds are quick.
"""

from __future__ import annotations

import importlib.util

import pytest
import yaml
from sitepages import ROOT
from test_build_errors import build as build_site
from test_build_errors import copy_project

spec = importlib.util.spec_from_file_location("rm_guidance", ROOT / "macros" / "guidance.py")
guidance = importlib.util.module_from_spec(spec)
spec.loader.exec_module(guidance)

GOOD = {"cite": "A. Author (2020) *A title*.", "doi": "10.1093/jopart/mum032"}


def problems(entries: dict) -> list[str]:
    with pytest.raises(guidance.BibliographyError) as raised:
        guidance.check_sources(entries)
    return str(raised.value).splitlines()[1:]


def test_the_real_bibliography_passes_its_own_checks():
    assert guidance.load_sources()


def test_each_kind_of_bad_entry_is_named_by_file_entry_and_key():
    assert problems(
        {
            "no-cite": {"url": "https://example.org/a"},
            "two-addresses": {**GOOD, "url": "https://example.org/b"},
            "no-address": {"cite": "C"},
            "bad-doi": {"cite": "D", "doi": "doi:10.1/x"},
            "plain-http": {"cite": "E", "url": "http://example.org/e"},
            "guessed-none": {"cite": "F", "address": "unknown"},
            "typo": {**GOOD, "urll": "https://example.org/g"},
        }
    ) == [
        "docs/_data/sources.yml: no-cite.cite: missing (the full citation)",
        "docs/_data/sources.yml: two-addresses: give exactly one of doi, url or address: 'none found' (got doi, url)",
        "docs/_data/sources.yml: no-address: give exactly one of doi, url or address: 'none found' (got none)",
        "docs/_data/sources.yml: bad-doi.doi: expected a DOI like 10.1093/jopart/mum032, got 'doi:10.1/x'",
        "docs/_data/sources.yml: plain-http.url: expected an https:// address, got 'http://example.org/e'",
        "docs/_data/sources.yml: guessed-none.address: the only value is 'none found'; "
        "give a doi or url instead of 'unknown'",
        "docs/_data/sources.yml: typo.urll: unknown key (expected one of: cite, note, doi, url, address)",
    ]


def test_an_entry_links_its_address_or_says_it_has_none():
    assert (
        guidance.link(GOOD)
        == '<a href="https://doi.org/10.1093/jopart/mum032">https://doi.org/10.1093/jopart/mum032</a>'
    )
    assert guidance.link({"cite": "X", "address": "none found"}) == "No stable public address found."


def test_the_sources_page_leaves_out_an_entry_no_page_cites():
    bibliography = {"cited": {**GOOD, "note": "Read this."}, "uncited": {**GOOD, "cite": "Nobody cites me."}}
    listed = guidance.all_sources_list(bibliography, cited={"cited"})
    assert "Read this." in listed and "Nobody cites me." not in listed


def build(project) -> tuple[int, str]:
    done = build_site(project)
    return done.returncode, done.stdout + done.stderr


def test_a_bad_bibliography_entry_fails_the_build_with_file_and_key(tmp_path):
    project = copy_project(tmp_path)
    path = project / "docs" / "_data" / "sources.yml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    entries["ansell-gash-2008"]["doi"] = "not a doi"
    del entries["kania-kramer-2011"]["url"]
    path.write_text(yaml.safe_dump(entries, sort_keys=False, allow_unicode=True), encoding="utf-8")

    code, output = build(project)

    assert code != 0
    assert "docs/_data/sources.yml: ansell-gash-2008.doi: expected a DOI like 10.1093/jopart/mum032" in output
    assert "docs/_data/sources.yml: kania-kramer-2011: give exactly one of doi, url or address" in output


def test_a_review_date_not_written_as_year_and_month_fails_the_build(tmp_path):
    project = copy_project(tmp_path)
    page = project / "docs" / "thinking" / "right-choice.md"
    page.write_text(page.read_text(encoding="utf-8").replace("last_reviewed: 2026-12", "last_reviewed: Dec 2026"))

    code, output = build(project)

    assert code != 0
    assert "Error building page 'thinking/right-choice.md'" in output
    assert "last_reviewed_must_be_written_as_YYYY_MM" in output
