"""A broken checklist definition fails the build, naming the file, the path of the bad value and the problem."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

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
