"""The minify step (sitebuild/minify.py): the site's own scripts and stylesheets ship minified, and
nothing else is touched."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from sitebuild import minify

ROOT = Path(__file__).resolve().parents[1]
MODULE = """// The page glue (a comment that goes).
import { helper } from "./rm-helper.js";

/* Another comment. */
export function initWidget(element, { storageKey = "widget" } = {}) {
  const somethingLong = helper(element);
  return { storageKey, value: somethingLong };
}
"""
STYLES = """/* Our own styles. */
.rm-widget  {
  margin: 0 0 1rem 0;
  color: #ff0000;
}
"""


def small_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "assets" / "js").mkdir(parents=True)
    (site / "assets" / "css").mkdir()
    (site / "assets" / "javascripts").mkdir()
    (site / "assets" / "pyodide").mkdir()
    (site / "assets" / "js" / "rm-widget.js").write_text(MODULE, encoding="utf-8")
    (site / "assets" / "js" / "rm-helper.js").write_text("export const helper = (element) => element;\n")
    (site / "assets" / "css" / "site.css").write_text(STYLES, encoding="utf-8")
    (site / "assets" / "javascripts" / "bundle.min.js").write_text("/* Material's */ var a = 1;\n")
    (site / "assets" / "pyodide" / "pyodide.mjs").write_text("// Pyodide's\nexport const b = 2;\n")
    return site


def test_the_sites_own_files_are_minified_and_keep_their_imports_and_exports(tmp_path):
    site = small_site(tmp_path)
    summary = minify.minify_own_files(site)
    assert summary.startswith("minified the site's own 3 scripts and stylesheets: ")
    script = (site / "assets" / "js" / "rm-widget.js").read_text(encoding="utf-8")
    assert "comment" not in script and "somethingLong" not in script and "\n  " not in script
    assert 'from"./rm-helper.js"' in script and "export function initWidget(" in script
    assert (site / "assets" / "css" / "site.css").read_text(
        encoding="utf-8"
    ).strip() == ".rm-widget{margin:0 0 1rem;color:red}"
    # Still a module that runs: Node imports it (its import included) and calls the export.
    copy = tmp_path / "check"
    shutil.copytree(site / "assets" / "js", copy)
    for path in copy.glob("*.js"):
        path.rename(path.with_suffix(".mjs"))
        path.with_suffix(".mjs").write_text(path.with_suffix(".mjs").read_text().replace('.js"', '.mjs"'))
    code = "import('./check/rm-widget.mjs').then((m) => console.log(JSON.stringify(m.initWidget(7))))"
    done = subprocess.run(["node", "-e", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == {"storageKey": "widget", "value": 7}


def test_the_page_glue_is_bundled_with_its_imports_which_leave_the_site_unless_another_script_needs_them(tmp_path):
    site = small_site(tmp_path)
    js = site / "assets" / "js"
    (js / "rm-main.js").write_text(
        '// The glue.\nimport { initWidget } from "./rm-widget.js";\nimport { shared } from "./rm-shared.js";\n'
        "globalThis.started = [initWidget(shared).value, shared];\n"
    )
    (js / "rm-shared.js").write_text('export const shared = "both";\n')
    (js / "rm-worker.js").write_text('import { shared } from "./rm-shared.js";\nglobalThis.worker = shared;\n')
    summary = minify.minify_own_files(site)
    assert summary.endswith("rm-main.js bundles 4 modules"), summary
    glue = (js / "rm-main.js").read_text(encoding="utf-8")
    assert "import" not in glue and "The glue" not in glue
    assert not (js / "rm-widget.js").exists() and not (js / "rm-helper.js").exists()  # only the glue used them
    assert (js / "rm-shared.js").exists()  # the worker imports it too
    assert 'from"./rm-shared.js"' in (js / "rm-worker.js").read_text(encoding="utf-8")
    # The bundle runs on its own: Node imports it and it starts the widget with the helper's code.
    code = "import('./site/assets/js/rm-main.js').then(() => console.log(JSON.stringify(globalThis.started)))"
    (tmp_path / "package.json").write_text('{"type": "module"}')
    done = subprocess.run(["node", "-e", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == ["both", "both"]


def test_files_that_are_not_the_sites_own_are_left_as_they_are(tmp_path):
    site = small_site(tmp_path)
    minify.minify_own_files(site)
    assert (site / "assets" / "javascripts" / "bundle.min.js").read_text() == "/* Material's */ var a = 1;\n"
    assert (site / "assets" / "pyodide" / "pyodide.mjs").read_text() == "// Pyodide's\nexport const b = 2;\n"


def test_a_script_that_does_not_parse_stops_the_build_and_is_named(tmp_path):
    site = small_site(tmp_path)
    (site / "assets" / "js" / "rm-broken.js").write_text("export function (\n")
    with pytest.raises(RuntimeError, match=r"(?s)Could not minify the site's scripts and styles:.*rm-broken\.js"):
        minify.minify_own_files(site)


def test_a_missing_esbuild_is_a_plain_error(tmp_path, monkeypatch):
    monkeypatch.setattr(minify, "ESBUILD", tmp_path / "no-esbuild")
    with pytest.raises(RuntimeError, match=r"esbuild and Node\.js are needed .* \(make install sets it up"):
        minify.minify_own_files(small_site(tmp_path))


def test_the_built_site_ships_every_own_script_and_stylesheet_minified(served_site):
    """Each script and stylesheet in docs/assets ships minified, or inside the page glue's bundle."""
    site = served_site.site
    sources = sorted((ROOT / "docs" / "assets" / "js").glob("*.js")) + sorted(
        (ROOT / "docs" / "assets" / "css").glob("*.css")
    )
    assert sources
    shipped = {source: site / source.relative_to(ROOT / "docs") for source in sources}
    bundled = [source for source, path in shipped.items() if not path.exists()]
    assert bundled and all(source.parent.name == "js" for source in bundled)  # the glue's modules only
    for source, path in shipped.items():
        if source in bundled:
            continue
        text = path.read_text(encoding="utf-8")
        written = source.stat().st_size + (sum(s.stat().st_size for s in bundled) if path.name == "rm-main.js" else 0)
        assert len(text) < 0.8 * written, f"{path.name} is not minified"
        assert not re.search(r"^\s*(//|/\*)", text, re.M), f"{path.name} still has comments"


def test_the_service_worker_lists_the_minified_files(served_site):
    """The minify step runs before the service worker's list is written: its revisions are of the files served."""
    site = served_site.site
    manifest = re.search(r"^const MANIFEST = (\[.*\]);$", (site / "sw.js").read_text(encoding="utf-8"), re.M)
    entries = {entry["url"]: entry for entry in json.loads(manifest.group(1))}
    for path in minify.own_files(site):
        entry = entries[path.relative_to(site).as_posix()]
        data = path.read_bytes()
        assert (entry["revision"], entry["size"]) == (hashlib.sha256(data).hexdigest()[:32], len(data)), path.name
