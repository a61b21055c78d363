"""Build step, run inside Pyodide by compile-python.mjs: compile the Python the worker loads to bytecode.

Pyodide 314 ships its standard library as source, so each start of the scoring worker
compiled the 200-odd modules it imports: most of a second, every time. Compiled here once,
by the very Pyodide the site ships (so the bytecode format matches), they load directly.

The files are unchecked hash-based .pyc files (PEP 552): the interpreter uses them without
comparing timestamps, and the same sources always give the same bytes. Only what the worker
imports when it starts is compiled; other modules stay as source and are compiled if asked for.
The functions take paths and plain data, so the tests run them under CPython too.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import py_compile
import sys
import tempfile
import zipfile
from pathlib import Path

UNCHECKED = py_compile.PycInvalidationMode.UNCHECKED_HASH


def bytecode(source: bytes, name: str) -> bytes:
    """``source`` compiled by this interpreter, as the bytes of an unchecked hash-based .pyc file."""
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "module.py"
        path.write_bytes(source)
        compiled = py_compile.compile(
            str(path), cfile=str(path.with_suffix(".pyc")), dfile=name, doraise=True, invalidation_mode=UNCHECKED
        )
        return Path(compiled).read_bytes()


def loaded_from(archive: str) -> set[str]:
    """The modules now imported from the zip ``archive``, as paths inside it (``json/__init__.py``)."""
    prefix = archive.rstrip("/") + "/"
    files = (getattr(module, "__file__", None) or "" for module in list(sys.modules.values()))
    return {file[len(prefix) :] for file in files if file.startswith(prefix) and file.endswith(".py")}


def compile_archive(source: Path, target: Path, names: set[str]) -> int:
    """Copy the zip ``source`` to ``target`` with each of ``names`` (``.py`` paths) replaced by its .pyc.

    Returns how many modules were compiled. Entries keep their order and timestamps.
    """
    compiled = 0
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename in names:
                info = _entry(info.filename + "c", info.date_time)
                data = bytecode(data, info.filename[:-1])
                compiled += 1
            new.writestr(info, data)
    return compiled


def add_to_wheel(wheel: Path, package: str) -> int:
    """Add the bytecode of every module of ``package`` to ``wheel``, in ``__pycache__`` beside its
    source, and list it in the wheel's RECORD. Returns how many modules were compiled."""
    with zipfile.ZipFile(wheel) as old:
        entries = [(info, old.read(info)) for info in old.infolist()]
    sources = [(i, d) for i, d in entries if i.filename.startswith(f"{package}/") and i.filename.endswith(".py")]
    added = []
    for info, data in sources:
        # Named for this interpreter and its optimisation level (``stem.cpython-314.opt-2.pyc`` under -OO).
        cached = importlib.util.cache_from_source(info.filename)
        added.append((_entry(cached, info.date_time), bytecode(data, info.filename)))
    record = next(info for info, _ in entries if info.filename.endswith(".dist-info/RECORD"))
    with zipfile.ZipFile(wheel, "w") as new:
        for info, data in entries:
            if info is record:  # RECORD lists every file, itself included, so it goes last
                continue
            new.writestr(info, data)
        for info, data in added:
            new.writestr(info, data)
        rows = dict(entries)[record].decode("utf-8").splitlines() + [_record(i.filename, d) for i, d in added]
        new.writestr(record, "\n".join(rows) + "\n")
    return len(added)


def _entry(name: str, date_time: tuple) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _record(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"
