"""Build step: ship the Python runtime into the built site, made once per set of inputs.

Copies the Pyodide core from the pinned npm package, builds the `checks` wheel
(a plain py3-none-any wheel: `pyodide build` is not needed for pure Python), compiles
the Python the worker loads at start-up to bytecode with that same Pyodide (bytecode.py),
makes the memory snapshot the worker starts from (snapshot-python.mjs) with the small standard
library that goes with it, and writes a Pyodide lock file naming only the wheel, with its sha256:
the worker installs the wheel that way, with the full standard library, when it cannot use the
snapshot. Nothing comes from a CDN.

Making all that takes about 6 s; it depends only on the files in RUNTIME_INPUTS, so it is kept
in .cache/sitebuild/ under a hash of them, and a build whose inputs are unchanged (every
`mkdocs serve` reload after a guidance edit, every test build) copies it instead.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from sitebuild import snapshot_form
from sitebuild.guards import check_pyodide_version, check_snapshot_fits
from sitebuild.node import run_node

ROOT = Path(__file__).resolve().parent.parent
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
PACKAGE = "relationship-matters-checks"
TARGET = Path("assets") / "pyodide"
SNAPSHOT = "snapshot.bin.gz"
STDLIB = "python_stdlib.zip"
"""The standard library the worker mounts with the snapshot: only what it may still import (snapshot-python.mjs)."""
FULL_STDLIB = "python_stdlib_full.zip"
"""The whole standard library, its start-up modules compiled: for the start without the snapshot, with the wheel."""
REPRODUCIBLE_EPOCH = "1767225600"  # fixed zip timestamps: the same sources give the same wheel
CACHE_DIR = ROOT / ".cache" / "sitebuild"
CACHE_KEPT = 3  # runtimes kept: enough to switch between branches without rebuilding
SUMMARY = "summary.txt"
RUNTIME_INPUTS = (
    "pyproject.toml",
    "checks",  # its Python files
    "sitebuild/runtime.py",
    "sitebuild/bytecode.py",
    "sitebuild/guards.py",
    "sitebuild/compile-python.mjs",
    "sitebuild/snapshot-python.mjs",
    "sitebuild/snapshot_form.py",
    "docs/assets/js/rm-snapshot.js",  # the environment Python runs in (PYTHON_ENV)
    "node_modules/pyodide/package.json",
    "node_modules/pyodide/pyodide-lock.json",
)


def ship_runtime(site_dir: str | Path) -> str:
    """Put the Pyodide core, the `checks` wheel, its lock file and the snapshot under ``site_dir/assets/pyodide``.

    Returns a summary of what was compiled and snapshotted (and whether it came from the cache)."""
    check_pyodide_version(PYODIDE_DIR)
    missing = [name for name in PYODIDE_FILES if not (PYODIDE_DIR / name).exists()]
    if missing:
        raise FileNotFoundError(f"Pyodide files missing from {PYODIDE_DIR}: {', '.join(missing)}. Run `npm ci`.")
    cached = CACHE_DIR / f"runtime-{inputs_hash()}"
    with _cache_lock():
        reused = cached.is_dir()
        if not reused:
            _make_runtime(cached)
        os.utime(cached)  # most recently used: the last to be pruned
        target = Path(site_dir) / TARGET
        target.mkdir(parents=True, exist_ok=True)
        for path in cached.iterdir():
            if path.name != SUMMARY:
                shutil.copy2(path, target / path.name)
        summary = (cached / SUMMARY).read_text(encoding="utf-8")
    return f"{summary} (unchanged, from {os.path.relpath(CACHE_DIR, ROOT)})" if reused else summary


@contextlib.contextmanager
def _cache_lock():
    """Hold the runtime cache alone while using it. Two builds at once (the test run's two workers
    on a fresh clone) would otherwise both make the same runtime, about 6 s each; the second now
    waits and reuses the first one's runtime."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    with open(CACHE_DIR / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def inputs_hash() -> str:
    """A hash of every file the runtime is made from: its name and its bytes."""
    digest = hashlib.sha256()
    for name in RUNTIME_INPUTS:
        path = ROOT / name
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            digest.update(file.relative_to(ROOT).as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()[:20]


def _make_runtime(destination: Path) -> None:
    """Make the runtime in a scratch folder beside `destination`, then move it there whole, so a
    build that fails half-way, or runs beside another, never leaves a half-made runtime behind."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="making-", dir=CACHE_DIR))
    try:
        for name in PYODIDE_FILES:
            shutil.copy2(PYODIDE_DIR / name, scratch / name)
        wheel = build_wheel(scratch)
        compiled = run_node("compile-python.mjs", wheel, scratch / FULL_STDLIB, purpose="compile Python")
        write_lock(scratch, wheel)
        # Last: it reads the full standard library, and writes the one that goes with the snapshot.
        raw = scratch / "snapshot.raw"
        snapshot = run_node("snapshot-python.mjs", scratch, wheel, raw, scratch / STDLIB, purpose="make the snapshot")
        check_snapshot_fits(raw.read_bytes(), (scratch / "pyodide.asm.wasm").read_bytes())
        shipped = snapshot_form.compress(snapshot_form.pack_file(raw))
        (scratch / SNAPSHOT).write_bytes(shipped)
        raw.unlink()
        Path(f"{raw}.json").unlink()
        snapshot += f", {len(shipped) / 1e6:.1f} MB as shipped"
        (scratch / SUMMARY).write_text(f"{compiled}; {snapshot}", encoding="utf-8")
        with contextlib.suppress(OSError):  # another build made the same runtime first: use theirs
            scratch.rename(destination)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    _prune()


def _prune() -> None:
    """Keep the CACHE_KEPT most recently used runtimes."""
    runtimes = sorted(CACHE_DIR.glob("runtime-*"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in runtimes[CACHE_KEPT:]:
        shutil.rmtree(old, ignore_errors=True)


def build_wheel(out_dir: Path) -> Path:
    """Build the `checks` wheel with the standard `build` front end, without network access.

    It is built from a fresh copy of its sources: setuptools keeps what it has built in `build/` beside
    the sources and packs all of it, so a module since removed (by a merge, say) would still ship."""
    for old in out_dir.glob("relationship_matters_checks-*.whl"):
        old.unlink()
    with tempfile.TemporaryDirectory() as scratch:
        source, dist = Path(scratch) / "source", Path(scratch) / "dist"
        source.mkdir()
        shutil.copy2(ROOT / "pyproject.toml", source)
        shutil.copytree(ROOT / "checks", source / "checks", ignore=shutil.ignore_patterns("__pycache__"))
        env = {**os.environ, "SOURCE_DATE_EPOCH": REPRODUCIBLE_EPOCH}
        command = [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(source)]
        done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=scratch)
        if done.returncode:
            raise RuntimeError(f"building the checks wheel failed:\n{done.stdout}\n{done.stderr}")
        (built,) = dist.glob("*.whl")
        return Path(shutil.copy2(built, out_dir / built.name))


def write_lock(out_dir: Path, wheel: Path) -> Path:
    """A lock file with Pyodide's own `info` and one package: our wheel."""
    info = json.loads((PYODIDE_DIR / "pyodide-lock.json").read_text(encoding="utf-8"))["info"]
    version = wheel.name.split("-")[1]
    entry = {
        "name": PACKAGE,
        "version": version,
        "file_name": wheel.name,
        "install_dir": "site",
        "sha256": hashlib.sha256(wheel.read_bytes()).hexdigest(),
        "package_type": "package",
        "imports": ["checks"],
        "depends": [],
        "unvendored_tests": False,
    }
    lock = out_dir / "pyodide-lock.json"
    lock.write_text(json.dumps({"info": info, "packages": {PACKAGE: entry}}, indent=1), encoding="utf-8")
    return lock
