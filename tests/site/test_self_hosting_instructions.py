"""The instructions for hosting a copy say what a server must do, and the set-up script says what is
missing on a machine it cannot install packages on."""

from __future__ import annotations

import importlib.metadata
import re
import shutil
import subprocess
import sys
import tomllib

from packaging.specifiers import SpecifierSet
from packaging.version import Version
from sitepages import ROOT

HOST_PAGE = ROOT / "docs" / "about" / "host-your-own.md"


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


def fake_node(folder, version: str) -> None:
    """`node` and `npm` on a PATH of their own: the node says it is `version`."""
    for name, text in (("node", f"echo v{version}"), ("npm", "echo 10.0.0")):
        script = folder / name
        script.write_text(f"#!/bin/sh\n{text}\n", encoding="utf-8")
        script.chmod(0o755)


def test_system_packages_refuses_a_nodejs_older_than_the_build_needs_and_names_it(tmp_path):
    """Debian 11 ships Node.js 12: the build would fail deep inside Pyodide or npm. It stops at once instead."""
    fake_node(tmp_path, "12.22.12")
    env = {"PATH": str(tmp_path), "PYTHON": sys.executable}
    command = [shutil.which("bash"), str(ROOT / "scripts" / "system-packages"), "build"]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "Node.js 12.22.12 is too old: the build needs Node.js 18.16.0 or later.",
        "Install a newer Node.js (Debian 12 ships 18.19), then run make again.",
    ]
    for version in ("18.16.0", "20.20.2", "22.1.0"):
        folder = tmp_path / version
        folder.mkdir()
        fake_node(folder, version)
        done = subprocess.run(command, env={**env, "PATH": str(folder)}, capture_output=True, text=True)
        assert (done.returncode, done.stderr) == (0, ""), version


SYSTEM_PACKAGES = ROOT / "scripts" / "system-packages"


def oldest(name: str) -> str:
    """A version the set-up script holds (`NODE_OLDEST=18.16.0`), as it says it."""
    return re.search(rf"^{name}=(\S+)$", SYSTEM_PACKAGES.read_text(encoding="utf-8"), re.MULTILINE).group(1)


def fake_python(folder, version: str) -> None:
    """A `python3` that says it is `version`, whatever it is asked."""
    script = folder / "python3"
    script.write_text(f"#!/bin/sh\necho {version}\n", encoding="utf-8")
    script.chmod(0o755)


def test_system_packages_refuses_a_python_older_than_the_pinned_packages_need_and_names_it(tmp_path):
    """Ubuntu 22.04's Python is 3.10 and Debian 12's 3.11.2: pip stopped with "No matching distribution
    found for backrefs==8.3.1" (or pymdown-extensions==13.1.2), which does not say why, and left a .venv
    made with that Python for the next run to use. The script stops first and names the Python to use."""
    command = [shutil.which("bash"), str(SYSTEM_PACKAGES), "build"]
    for version in ("3.10.13", "3.11.2", "3.11.5", "3.13.0"):
        folder = tmp_path / version
        folder.mkdir()
        fake_node(folder, "20.20.2")
        fake_python(folder, version)
        env = {"PATH": str(folder), "PYTHON": "python3"}
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        if Version(version) >= Version("3.11.5"):
            assert (done.returncode, done.stderr) == (0, ""), version
        else:
            assert done.returncode == 1, version
            assert done.stderr.splitlines() == [
                f"python3 is Python {version}, too old: the build needs Python 3.11.5 or later.",
                "Install a newer Python and name it, for example: make build PYTHON=python3.12",
            ]
    done = subprocess.run(command, env={**env, "PYTHON": "python3.99"}, capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "There is no python3.99 on this machine: the build needs Python 3.11.5 or later.",
        "Install it, or name another Python, for example: make build PYTHON=python3.12",
    ]


def test_the_oldest_python_the_set_up_accepts_is_the_oldest_every_pinned_package_installs_on():
    """The floor is the highest Requires-Python of the packages requirements.txt pins (as installed here
    from it), so a new pin that needs a newer Python moves the script's check, and the check stays true."""
    pinned = re.findall(r"^([A-Za-z0-9_.-]+)==", (ROOT / "requirements.txt").read_text(encoding="utf-8"), re.MULTILINE)
    floors = [
        Version(specifier.version)
        for name in pinned
        for specifier in SpecifierSet(importlib.metadata.metadata(name).get("Requires-Python") or "")
        if specifier.operator == ">="
    ]
    assert len(pinned) > 20 and floors
    assert oldest("PYTHON_OLDEST") == str(max(floors))
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["requires-python"] == f">={max(floors)}"  # what pip checks before it installs the package


def test_the_instructions_name_the_python_and_nodejs_the_set_up_script_asks_for():
    """The README said "Python 3.11+" and the intranet steps "Python 3.11 or later, Node.js": Debian 12's
    Python 3.11.2 fits both and fails. Both now name the versions scripts/system-packages checks, and how
    to build with another Python."""
    python, node = oldest("PYTHON_OLDEST"), oldest("NODE_OLDEST").removesuffix(".0")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    intranet = section(HOST_PAGE.read_text(encoding="utf-8"), "intranet")
    for text in (readme, intranet):
        assert f"Python {python} or later" in text
        assert f"Node.js {node} or later" in text
        assert re.search(r"make (build|serve) PYTHON=python3\.\d+", text)
