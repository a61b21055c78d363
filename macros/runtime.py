"""Build step: ship the Python runtime into the built site.

Copies the Pyodide core from the pinned npm package, builds the `checks` wheel
(a plain py3-none-any wheel: `pyodide build` is not needed for pure Python), compiles
the Python the worker loads at start-up to bytecode with that same Pyodide (bytecode.py),
makes the memory snapshot the worker starts from (snapshot-python.mjs) and writes a Pyodide
lock file naming only the wheel, with its sha256: the worker installs the wheel that way when
it cannot use the snapshot. Nothing comes from a CDN.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from macros.node import run_node

ROOT = Path(__file__).resolve().parent.parent
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
PACKAGE = "relationship-matters-checks"
TARGET = Path("assets") / "pyodide"
SNAPSHOT = "snapshot.bin.gz"
REPRODUCIBLE_EPOCH = "1767225600"  # fixed zip timestamps: the same sources give the same wheel


def ship_runtime(site_dir: str | Path) -> str:
    """Put the Pyodide core, the `checks` wheel, its lock file and the snapshot under ``site_dir/assets/pyodide``.

    Returns a summary of what was compiled and snapshotted."""
    target = Path(site_dir) / TARGET
    target.mkdir(parents=True, exist_ok=True)
    missing = [name for name in PYODIDE_FILES if not (PYODIDE_DIR / name).exists()]
    if missing:
        raise FileNotFoundError(f"Pyodide files missing from {PYODIDE_DIR}: {', '.join(missing)}. Run `npm ci`.")
    for name in PYODIDE_FILES:
        shutil.copy2(PYODIDE_DIR / name, target / name)
    wheel = build_wheel(target)
    compiled = run_node("compile-python.mjs", wheel, target / "python_stdlib.zip", purpose="compile Python to bytecode")
    write_lock(target, wheel)
    # Last: the snapshot holds the index of the python_stdlib.zip it was made with.
    snapshot = run_node("snapshot-python.mjs", target, wheel, target / SNAPSHOT, purpose="make the Python snapshot")
    return f"{compiled}; {snapshot}"


def build_wheel(out_dir: Path) -> Path:
    """Build the `checks` wheel with the standard `build` front end, without network access."""
    for old in out_dir.glob("relationship_matters_checks-*.whl"):
        old.unlink()
    with tempfile.TemporaryDirectory() as scratch:
        env = {**os.environ, "SOURCE_DATE_EPOCH": REPRODUCIBLE_EPOCH}
        command = [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", scratch, str(ROOT)]
        done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=scratch)
        if done.returncode:
            raise RuntimeError(f"building the checks wheel failed:\n{done.stdout}\n{done.stderr}")
        (built,) = Path(scratch).glob("*.whl")
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
