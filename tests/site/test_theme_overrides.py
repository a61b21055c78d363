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
        own = set(re.findall(r'<(?:link rel="modulepreload" href|script [^>]*src)="[^"]*assets/js/([\w-]+\.js)"', html))
        assert own == {"rm-main.js"}, (path, own)  # one script: the glue, with every module it imports


def imported(name: str, found: set[str] | None = None) -> set[str]:
    """`name` and every module it imports, directly or not (docs/assets/js, as written)."""
    found = set() if found is None else found
    found.add(name)
    source = (ROOT / "docs" / "assets" / "js" / name).read_text(encoding="utf-8")
    for other in re.findall(r'^import [^;]*? from "\./([\w-]+\.js)";', source, re.MULTILINE):
        if other not in found:
            imported(other, found)
    return found


GLUE_MODULES = imported("rm-main.js")
"""The page glue's whole module graph, as written: the build bundles it into rm-main.js."""


def test_the_glue_ships_as_one_script_holding_its_whole_module_graph(site):
    assert {"rm-main.js", "rm-engine.js", "rm-status.js", "rm-checklist.js", "rm-offline.js"} <= GLUE_MODULES
    assert "rm-worker.js" not in GLUE_MODULES  # the worker's own, started by rm-engine.js
    js = site / "assets" / "js"
    glue = (js / "rm-main.js").read_text(encoding="utf-8")
    assert not re.search(r'\bfrom\s*"\./|\bimport\s*"\./', glue)  # nothing left to fetch one after another
    assert {path.name for path in js.glob("*.js")} == {"rm-main.js", "rm-worker.js", "rm-snapshot.js"}


def test_the_glue_settles_layout_after_starting_the_components(site):
    """The forced layout (rm-main.js's last statement, kept by bench/tricks_ab.py's A/B): the style and
    layout the components' start-up needs are worked out in the glue's own task, not inside Material's
    bundle, which runs next and reads layout at once. The minified glue must still end with it."""
    glue = (site / "assets" / "js" / "rm-main.js").read_text(encoding="utf-8").rstrip()
    start_up = glue.rindex('document.readyState==="loading"')
    assert glue.endswith("document.documentElement.getBoundingClientRect();"), glue[-200:]
    assert start_up < glue.rindex("getBoundingClientRect")


def test_checklist_pages_start_the_glue_before_materials_bundle(site):
    for path in sorted((site / "checklists").glob("*/index.html")):
        html = path.read_text(encoding="utf-8")
        if 'data-module="rm-checklist"' not in html:
            continue
        glue = html.index('<script type="module" src="../../assets/js/rm-main.js">')
        assert html.index('data-module="rm-checklist"') < glue < html.index("assets/javascripts/bundle."), path
