"""The Nu Html Checker (vnu.jar from the pinned npm package vnu-jar) finds no errors in the built pages.

Three messages come from Material for MkDocs' own templates, not from our content, and are
filtered by their exact text:
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

from sitepages import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
MATERIAL_TEMPLATE_MESSAGES = {
    # Material's navigation template (navigation.sections) writes tabindex="" on section labels
    # that are not links; browsers treat the empty value as absent, so keyboard order is unaffected.
    "Bad value “” for attribute “tabindex” on element “label”: The empty string is not a valid integer.",
    # Material's hidden checkbox toggles for the drawer and search carry autocomplete="off" so that
    # Firefox does not restore them open after a reload; the attribute is ignored on checkboxes.
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
    "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, "
    "or “week”.",
    # On section index pages (navigation.indexes) Material keeps a "Table of contents" label whose
    # checkbox it leaves out; the label is only used by its mobile drawer.
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
}


def test_built_pages_have_no_html_errors(site):
    java = shutil.which("java")
    assert java, "Java is needed for the Nu Html Checker (.ci/run installs default-jre-headless)"
    done = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", str(site)],
        capture_output=True,
        text=True,
    )
    messages = json.loads(done.stderr or done.stdout)["messages"]
    checked = list(site.rglob("*.html"))
    assert len(checked) > 30
    remaining = [
        f"{m['url'].split('/site')[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["message"] not in MATERIAL_TEMPLATE_MESSAGES
    ]
    assert remaining == []


def test_every_tool_form_leaves_checking_its_values_to_python(site):
    """A tool's form has `novalidate` (as GOV.UK's forms do): Enter in a number field outside its min and max
    would otherwise show the browser's own bubble, in its words, beside Python's error message."""
    forms = [
        (path.relative_to(site), tag)
        for path in sorted(site.rglob("*.html"))
        for tag in re.findall(r"<form\b[^>]*>", path.read_text(encoding="utf-8"))
        if 'class="rm-' in tag
    ]
    assert len({path for path, _ in forms}) >= 9, "every checklist, compare, register and agreement page"
    assert [(str(path), tag) for path, tag in forms if " novalidate" not in tag] == []
