"""What the browser's worker loads when it starts.

Pyodide compiles each module it imports from source, and some standard-library modules
(html with its entity table, difflib, csv) cost tens of milliseconds each there. The worker
imports only `checks.worker_api`; these tests keep that import lean and the replacement
escaping exact.
"""

from __future__ import annotations

import html
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from checks.markup import escape

ROOT = Path(__file__).resolve().parent.parent
LOADED_ONLY_WHEN_NEEDED = ("html", "difflib", "csv", "checks.docs_index", "checks.cli", "yaml")


def test_the_worker_api_does_not_load_what_scoring_does_not_need():
    probe = (
        "import sys, checks.worker_api; "
        f"print(' '.join(name for name in {LOADED_ONLY_WHEN_NEEDED!r} if name in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.split() == []


def test_the_lazy_imports_still_work():
    probe = "import checks; print(checks.load_docs_index.__module__, checks.to_csv.__module__)"
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["checks.docs_index", "checks.reports"]


@given(st.text())
def test_escape_matches_the_standard_library(text):
    assert escape(text) == html.escape(text)
