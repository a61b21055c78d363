"""The instructions for hosting a copy say what a server must do, and the set-up script says what is
missing on a machine it cannot install packages on."""

from __future__ import annotations

import shutil
import subprocess
import sys

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
    (folder / "sort").symlink_to(shutil.which("sort"))


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
