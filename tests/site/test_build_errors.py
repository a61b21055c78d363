"""A broken checklist definition fails the build, naming the file, the path of the bad value and the problem.

And the self-hosting path (README, docs/about/host-your-own.md, the Pages workflow, scripts/system-packages)
builds as `make build` does and says what a server must do."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib

import yaml
from sitepages import ROOT


def copy_project(tmp_path):
    for name in ("docs", "macros", "sitebuild", "checks", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    return tmp_path


def build(project):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(project / "out")]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)


def test_a_bad_definition_fails_the_build_with_file_path_and_message(tmp_path):
    project = copy_project(tmp_path)
    definition = project / "checks" / "definitions" / "behaviours.yml"
    data = yaml.safe_load(definition.read_text(encoding="utf-8"))
    data["sections"][1]["questions"][2]["weight"] = "high"
    data["sections"][0]["questions"][0]["guidance"] = "behaviours/no-such-page.md"
    definition.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")

    done = build(project)

    assert done.returncode != 0
    output = done.stdout + done.stderr
    assert (
        "checks/definitions/behaviours.yml: sections[1].questions[2].weight: expected a positive number, got 'high'"
        in output
    )
    assert (
        "checks/definitions/behaviours.yml: sections[0].questions[0].guidance: "
        "no page 'behaviours/no-such-page.md' in the docs" in output
    )


def test_a_link_to_a_missing_anchor_fails_the_build(tmp_path):
    project = copy_project(tmp_path)
    page = project / "docs" / "behaviours" / "leadership.md"
    page.write_text(page.read_text(encoding="utf-8").replace("{#warning-signs}", "{#signs}"), encoding="utf-8")

    done = build(project)

    assert done.returncode != 0
    assert "page 'behaviours/leadership.md' has no heading with anchor 'warning-signs'" in done.stdout + done.stderr


def test_a_yaml_typo_fails_the_build_with_file_and_line_and_no_traceback(tmp_path):
    project = copy_project(tmp_path)
    definition = project / "checks" / "definitions" / "behaviours.yml"
    lines = definition.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[2].startswith("version:")
    lines[2] = "  " + lines[2]  # a key indented under the title's value: not valid YAML
    definition.write_text("".join(lines), encoding="utf-8")

    done = build(project)

    assert done.returncode != 0
    output = done.stdout + done.stderr
    expected = (
        "checks/definitions/behaviours.yml: line 3: not valid YAML "
        "(expected <block end>, but found '<block mapping start>')"
    )
    assert [line for line in output.splitlines() if "not valid YAML" in line] == [expected]
    assert "Traceback" not in output


# The self-hosting path.

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
HOST_PAGE = ROOT / "docs" / "about" / "host-your-own.md"
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


def test_the_pages_build_uses_the_projects_python_and_node_and_caches_their_downloads():
    build = steps(pages_workflow()["jobs"]["build"])
    python, node = build["actions/setup-python"]["with"], build["actions/setup-node"]["with"]
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    assert requires == f">={python['python-version']}", "the oldest Python the project supports"
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    for name, package in lock["packages"].items():
        if name and not package.get("dev") and "node" in package.get("engines", {}):
            floor = int(re.fullmatch(r">=\s*(\d+)(\.\d+)*", package["engines"]["node"]).group(1))
            assert int(node["node-version"]) >= floor, name
    assert (python["cache"], python["cache-dependency-path"]) == ("pip", "requirements.txt")
    assert node["cache"] == "npm"  # keyed on package-lock.json


def section(markdown: str, anchor: str) -> str:
    start = markdown.index(f"{{#{anchor}}}")
    end = markdown.find("\n## ", start)
    return markdown[start : None if end == -1 else end]


def test_the_intranet_instructions_name_every_file_type_a_server_may_not_know(site):
    """Some servers (Microsoft IIS, for one) refuse files whose type they do not know, and browsers refuse
    module scripts sent with a type that is not JavaScript's. Every such type the build ships is named."""
    common = {".html", ".css", ".js", ".json", ".png", ".svg", ".ico", ".xml", ".txt", ".map"}
    shipped = {path.suffix for path in site.rglob("*") if path.is_file()} - common
    intranet = section(HOST_PAGE.read_text(encoding="utf-8"), "intranet")
    assert shipped, "the build ships Pyodide's files"
    assert [suffix for suffix in sorted(shipped) if f"`{suffix}`" not in intranet] == []
    assert "`application/wasm`" in intranet and "`text/javascript`" in intranet
    assert "SITE_URL" in intranet, "the address, for the 404 page, the sitemap and each page's canonical link"


def test_system_packages_without_apt_get_names_what_to_install_instead_of_failing(tmp_path):
    """On a machine without apt-get (macOS, Fedora, ...) what is missing is named, not an apt-get error."""
    env = {"PATH": str(tmp_path), "PYTHON": sys.executable}  # no node, npm or apt-get on this PATH
    command = [shutil.which("bash"), str(ROOT / "scripts" / "system-packages"), "build"]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "Missing: node, npm. This machine has no apt-get: install them with your system's",
        "package manager (Debian calls them: nodejs npm), then run make again.",
    ]
