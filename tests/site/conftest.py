"""Build the site once per test session, strictly, and parse its pages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sitepages import ROOT, Page, parse


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The built site; the build fails the session on any warning (--strict)."""
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return out


@pytest.fixture(scope="session")
def pages(site) -> dict[Path, Page]:
    """Every built HTML page, parsed, keyed by its path in the site."""
    return {path.relative_to(site): parse(path) for path in sorted(site.rglob("*.html"))}
