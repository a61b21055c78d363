"""The Python runtime the build ships: the checks wheel, its lock file and the compiled standard library."""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile

from sitepages import ROOT

HASH_BASED_UNCHECKED = (1).to_bytes(4, "little")  # PEP 552 flags: hash-based, source not checked


def test_the_lock_file_names_the_wheel_with_its_hash(site):
    runtime = site / "assets" / "pyodide"
    (entry,) = json.loads((runtime / "pyodide-lock.json").read_text())["packages"].values()
    wheel = runtime / entry["file_name"]
    assert entry["file_name"].endswith("-py3-none-any.whl")
    assert entry["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()


def test_the_wheel_carries_bytecode_for_every_module_and_records_it(site):
    (wheel,) = (site / "assets" / "pyodide").glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        sources = {n[:-3] for n in names if n.startswith("checks/") and n.endswith(".py")}
        # compiled as the worker runs Python, optimised (-OO: PYTHON_ENV in rm-snapshot.js)
        compiled = {n.replace("__pycache__/", "").split(".")[0] for n in names if n.endswith(".cpython-314.opt-2.pyc")}
        assert "checks/render/html" in sources  # subpackages too
        assert sources and compiled == sources
        record = names[-1]
        assert record.endswith(".dist-info/RECORD")
        for line in archive.read(record).decode().splitlines():
            name, digest, size = line.split(",")
            if name != record:
                data = archive.read(name)
                expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
                assert (digest, size) == (f"sha256={expected}", str(len(data))), name


def test_the_full_standard_library_has_the_start_up_modules_compiled(site):
    """The start without the snapshot mounts it (python_stdlib_full.zip)."""
    stock = zipfile.ZipFile(ROOT / "node_modules" / "pyodide" / "python_stdlib.zip")
    with zipfile.ZipFile(site / "assets" / "pyodide" / "python_stdlib_full.zip") as shipped:
        names = set(shipped.namelist())
        compiled = sorted(n for n in names if n.endswith(".pyc"))
        # What every start imports is bytecode; what the worker imports only on demand stays source.
        assert {"os.pyc", "json/__init__.pyc", "dataclasses.pyc", "datetime.pyc"} <= names
        assert {"difflib.py", "csv.py", "html/__init__.py"} <= names
        assert not {name[:-1] for name in compiled} & names  # no module is there twice
        assert len(compiled) > 100
        headers = {shipped.read(name)[:8] for name in compiled}
        assert len({header[:4] for header in headers}) == 1  # one interpreter's magic number
        assert {header[4:] for header in headers} == {HASH_BASED_UNCHECKED}
        # Nothing else changed: every other file is the one the npm package ships.
        for name in names - set(compiled):
            assert shipped.read(name) == stock.read(name), name


def test_the_standard_library_mounted_with_the_snapshot_holds_only_what_it_may_still_import(site):
    """The snapshot has every module start-up imports: the zip mounted with it (python_stdlib.zip) holds the
    standard-library modules imported on demand (csv, difflib), as the full library has them, and the
    bytecode of the checks modules the snapshot does not hold (the tools but the checklists)."""
    runtime = site / "assets" / "pyodide"
    with (
        zipfile.ZipFile(runtime / "python_stdlib_full.zip") as full,
        zipfile.ZipFile(runtime / "python_stdlib.zip") as lazy,
    ):
        names = set(lazy.namelist())
        assert {"difflib.py", "csv.py", "encodings/cp1252.py"} <= names
        assert not {"os.pyc", "json/__init__.pyc", "dataclasses.pyc", "unittest/case.py", "http/client.py"} & names
        for name in names:
            if not name.startswith("checks/"):
                assert lazy.read(name) == full.read(name), name
        assert {"checks/compare/api.pyc", "checks/registers/api.pyc", "checks/agreement/__init__.pyc"} <= names
        assert not {"checks/worker_api.pyc", "checks/scoring.pyc", "checks/cli.pyc"} & names
        assert {lazy.read(name)[4:8] for name in names if name.endswith(".pyc")} == {HASH_BASED_UNCHECKED}
    assert (runtime / "python_stdlib.zip").stat().st_size < (runtime / "python_stdlib_full.zip").stat().st_size / 5
