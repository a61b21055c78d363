"""The build pipeline package (`sitebuild`): its guards, its cache key, and that it stands apart from MkDocs."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from sitebuild import guards, runtime
from sitebuild.guards import check_pyodide_version, check_snapshot_fits, initial_memory, snapshot_memory

ROOT = Path(__file__).resolve().parents[1]
PYODIDE = ROOT / "node_modules" / "pyodide"
needs_pyodide = pytest.mark.skipif(not PYODIDE.is_dir(), reason="npm ci installs Pyodide")


def fake_snapshot(header: int, memory: int) -> bytes:
    """A snapshot as Pyodide lays it out: magic number, header length, then the memory."""
    return struct.pack("<II", 0x50594F44, header) + bytes(header - 8) + bytes(memory)


@needs_pyodide
def test_the_shipped_pyodide_starts_with_480_pages_of_memory():
    assert initial_memory((PYODIDE / "pyodide.asm.wasm").read_bytes()) == 480 * 65_536


def test_a_snapshot_no_larger_than_the_initial_memory_fits():
    wasm = b"\0asm\1\0\0\0" + bytes([5, 3, 1, 0, 2])  # one memory section: minimum 2 pages
    assert snapshot_memory(fake_snapshot(64, 2 * 65_536)) == 2 * 65_536
    check_snapshot_fits(fake_snapshot(64, 2 * 65_536), wasm)
    with pytest.raises(RuntimeError, match=r"holds 131,137 bytes of memory, but Pyodide starts with 131,072"):
        check_snapshot_fits(fake_snapshot(64, 2 * 65_536 + 65), wasm)


def test_only_the_verified_pyodide_release_is_accepted(tmp_path):
    (tmp_path / "package.json").write_text(json.dumps({"version": guards.VERIFIED_PYODIDE}))
    assert check_pyodide_version(tmp_path) == guards.VERIFIED_PYODIDE
    (tmp_path / "package.json").write_text(json.dumps({"version": "315.0.0"}))
    with pytest.raises(RuntimeError, match=r"Pyodide 315\.0\.0 is installed, but the snapshot start-up was verified"):
        check_pyodide_version(tmp_path)


def test_the_runtime_cache_key_follows_its_inputs_and_nothing_else(tmp_path, monkeypatch):
    for name in runtime.RUNTIME_INPUTS:
        path = tmp_path / name
        if "." in Path(name).name:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(name)
        else:
            (path / "sub").mkdir(parents=True)
            (path / "a.py").write_text("a = 1")
    (tmp_path / "docs").mkdir(exist_ok=True)  # rm-snapshot.js is an input
    monkeypatch.setattr(runtime, "ROOT", tmp_path)
    first = runtime.inputs_hash()
    (tmp_path / "docs" / "page.md").write_text("a guidance edit")
    (tmp_path / "checks" / "data.yml").write_text("not Python: not in the wheel")
    assert runtime.inputs_hash() == first
    (tmp_path / "checks" / "sub" / "b.py").write_text("b = 2")
    second = runtime.inputs_hash()
    assert second != first
    (tmp_path / "sitebuild" / "snapshot-python.mjs").write_text("changed")
    assert runtime.inputs_hash() not in (first, second)


def test_the_pipeline_imports_without_mkdocs():
    code = "import sys, sitebuild, sitebuild.__main__; print(any(m.startswith('mkdocs') for m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_the_command_refuses_a_folder_with_no_site(tmp_path):
    done = subprocess.run([sys.executable, "-m", "sitebuild", str(tmp_path)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr == f"{tmp_path}: no built site here (no index.html)\n"


@needs_pyodide
def test_two_builds_at_once_make_the_runtime_once_and_both_ship_it(tmp_path, monkeypatch):
    """The test run's two workers build the site at the same moment on a fresh clone: the runtime
    is made once, and the second build waits for it."""
    import threading
    import time

    monkeypatch.setattr(runtime, "CACHE_DIR", tmp_path / "cache")
    made, inside, errors = [], [], []

    def make(destination: Path) -> None:
        inside.append(destination)
        try:
            assert len(inside) == 1, "two builds made the runtime at the same time"
            time.sleep(0.3)
            destination.mkdir(parents=True)
            (destination / runtime.SUMMARY).write_text("made", encoding="utf-8")
            (destination / "snapshot.bin.gz").write_bytes(b"snapshot")
            made.append(destination)
        finally:
            inside.remove(destination)

    def build(site: Path) -> None:
        try:
            runtime.ship_runtime(site)
        except Exception as error:  # reported below, from the test's own thread
            errors.append(error)

    monkeypatch.setattr(runtime, "_make_runtime", make)
    builds = [threading.Thread(target=build, args=(tmp_path / name,)) for name in ("a", "b")]
    for each in builds:
        each.start()
    for each in builds:
        each.join()
    assert errors == []
    assert len(made) == 1
    for name in ("a", "b"):
        assert (tmp_path / name / runtime.TARGET / "snapshot.bin.gz").read_bytes() == b"snapshot"


def test_a_module_removed_from_the_sources_is_not_in_the_next_wheel(tmp_path, monkeypatch):
    """A copy kept up to date by merging, then built again on the same machine: a module the merge
    removed must not ship. Setuptools keeps what it built in `build/` and packs all of it."""
    project = tmp_path / "project"
    (project / "checks").mkdir(parents=True)
    (project / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8")
    (project / "checks" / "__init__.py").write_text("")
    (project / "checks" / "removed.py").write_text("GONE = True\n")
    monkeypatch.setattr(runtime, "ROOT", project)

    def modules(wheel: Path) -> set[str]:
        with zipfile.ZipFile(wheel) as archive:
            return {name for name in archive.namelist() if name.startswith("checks/")}

    assert modules(runtime.build_wheel(tmp_path)) == {"checks/__init__.py", "checks/removed.py"}
    (project / "checks" / "removed.py").unlink()
    assert modules(runtime.build_wheel(tmp_path)) == {"checks/__init__.py"}
