"""What overrides/ changes in Material's templates, and guards for when Material changes."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import material
from sitepages import ROOT

MATERIAL = Path(material.__file__).parent / "templates"
# Material's own helpers, which overrides/partials/javascripts/base.html copies with a guard added.
# If Material ships a different file, compare the two and bring the override up to date.
HELPERS_AS_COPIED = "d6113712bc4deb30b4bd810ee0dfc28b6f04d2f88cc0016c0f1766eac7b762b6"


def test_the_overridden_helpers_are_still_materials_own():
    shipped = (MATERIAL / "partials" / "javascripts" / "base.html").read_bytes()
    assert hashlib.sha256(shipped).hexdigest() == HELPERS_AS_COPIED
    ours = (ROOT / "overrides" / "partials" / "javascripts" / "base.html").read_text(encoding="utf-8")
    assert ours.count("try{") == 2  # reading and writing both guarded


def test_every_page_defers_materials_bundle_and_preloads_the_page_glue(site):
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        if "assets/javascripts/bundle." not in html:
            continue  # not a page Material rendered (the bench's and tests' own files)
        assert re.search(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js" defer>', html), path
        assert re.search(r'<link rel="modulepreload" href="[^"]*assets/js/rm-main\.js">', html), path


def test_checklist_pages_start_the_glue_before_materials_bundle(site):
    for path in sorted((site / "checklists").glob("*/index.html")):
        html = path.read_text(encoding="utf-8")
        if "data-module=\"rm-checklist\"" not in html:
            continue
        glue = html.index('<script type="module" src="../../assets/js/rm-main.js">')
        assert html.index('data-module="rm-checklist"') < glue < html.index("assets/javascripts/bundle."), path

