"""The count of axe-core scans, printed at the end of the run (tests/browser/axe_scan.py scans).

Registered for the whole run by tests/conftest.py, so that with pytest-xdist the controller, which
runs no test itself, adds up what each worker counted and prints it once.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
"""The WCAG 2.x A and AA rules, and axe-core's best practices, which Lighthouse's accessibility audit runs
too: a role an element does not allow (a label given role="button" scored the site 99 there while the
WCAG rules passed) and landmarks that share a name (Material's six unnamed section menus)."""
NAME = "rm-axe-scan-count"


class ScanCount:
    """How many pages and checklist states axe scanned. Pages are counted by path: each worker
    serves the site on a port of its own."""

    def __init__(self) -> None:
        self.pages: set[tuple[str, str]] = set()
        """(url, scheme) for each guidance page scanned."""
        self.states: set[tuple[str, str, str]] = set()
        """(url, state, scheme) for each checklist state scanned."""

    def pytest_sessionfinish(self, session) -> None:
        output = getattr(session.config, "workeroutput", None)
        if output is not None:  # a pytest-xdist worker: hand the counts to the controller
            output[NAME] = [sorted(self.pages), sorted(self.states)]

    @pytest.hookimpl(optionalhook=True)  # a pytest-xdist hook
    def pytest_testnodedown(self, node, error) -> None:
        pages, states = getattr(node, "workeroutput", {}).get(NAME, [[], []])
        self.pages.update(tuple(page) for page in pages)
        self.states.update(tuple(state) for state in states)

    def pytest_terminal_summary(self, terminalreporter) -> None:
        pages = {(urlsplit(url).path, scheme) for url, scheme in self.pages}
        states = {(urlsplit(url).path, state, scheme) for url, state, scheme in self.states}
        if not pages and not states:
            return
        paths = {path for path, *_ in pages | states}
        schemes = {each[-1] for each in pages | states}
        terminalreporter.write_sep("-", "axe-core scans")
        terminalreporter.write_line(
            f"axe-core ({', '.join(AXE_TAGS)}): "
            f"{len(paths)} pages in {len(schemes)} colour schemes; "
            f"{len(pages)} guidance page scans and {len(states)} checklist state scans, "
            f"{len(pages) + len(states)} in all."
        )
