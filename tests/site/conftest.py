"""The site tests read the run's one build of the site, and its pages parsed."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitepages import Page, parse


@pytest.fixture(scope="session")
def site(served_site) -> Path:
    """The built site (the run's one strict build, see tests/served_site.py)."""
    return served_site.site


@pytest.fixture(scope="session")
def pages(site) -> dict[Path, Page]:
    """Every built HTML page, parsed, keyed by its path in the site."""
    return {path.relative_to(site): parse(path) for path in sorted(site.rglob("*.html"))}
