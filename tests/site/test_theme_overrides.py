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
# Material's palette script, which overrides/partials/javascripts/palette.html copies and extends.
PALETTE_AS_COPIED = "8790389765ea6036effddba548b15093bb05bdc75624eaeaf8b13f3c24be4ab5"


def test_the_overridden_helpers_are_still_materials_own():
    shipped = (MATERIAL / "partials" / "javascripts" / "base.html").read_bytes()
    assert hashlib.sha256(shipped).hexdigest() == HELPERS_AS_COPIED
    ours = (ROOT / "overrides" / "partials" / "javascripts" / "base.html").read_text(encoding="utf-8")
    assert ours.count("try{") == 2  # reading and writing both guarded


def test_the_overridden_palette_script_is_materials_own_and_then_sets_the_start_up_state():
    shipped = (MATERIAL / "partials" / "javascripts" / "palette.html").read_text(encoding="utf-8")
    assert hashlib.sha256(shipped.encode()).hexdigest() == PALETTE_AS_COPIED
    ours = (ROOT / "overrides" / "partials" / "javascripts" / "palette.html").read_text(encoding="utf-8")
    materials_script = shipped[shipped.index("<script>") : shipped.index("</script>")]
    assert ours.count(materials_script) == 1
    addition = ours[ours.index(materials_script) + len(materials_script) : ours.index("</script>")]
    assert 'classList.replace("no-js","js")' in addition and "data-md-color-switching" in addition


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

