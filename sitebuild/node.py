"""Running the build's Node.js scripts (sitebuild/*.mjs), with a plain error when one fails."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def run_node(script: str, *args: str | Path, purpose: str) -> str:
    """Run ``sitebuild/<script>`` with Node.js from the project root; returns what it printed."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError(f"Node.js is needed to {purpose} (make install sets it up).")
    command = [node, str(HERE / script), *map(str, args)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        # Node quotes the failing line of minified Pyodide in full: about a megabyte on one line.
        lines = (done.stdout + done.stderr).splitlines()
        output = "\n".join(line if len(line) <= 500 else f"{line[:500]} [...]" for line in lines)
        raise RuntimeError(f"Could not {purpose}:\n{output}")
    return done.stdout.strip()
