"""The memory snapshot the scoring worker starts from (sitebuild/snapshot-python.mjs).

Restored with the site's own copy of Pyodide, it must answer exactly as the package does here,
including what it imports only on demand from the standard library shipped with it (csv, difflib).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from answer_sets import MIXED

from checks import worker_api
from checks.worker_api import handle
from sitebuild import snapshot_form
from sitebuild.node import run_node

NODE = shutil.which("node")
CHECKOUT = Path(__file__).resolve().parents[2]
READER = CHECKOUT / "docs" / "assets" / "js" / "rm-snapshot.js"
pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is needed to restore the snapshot")

# Restores the site's snapshot in Node, as the worker does; a script added after it uses `pyodide`.
RESTORE = """
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { gunzipSync } from "node:zlib";
const runtime = process.env.RUNTIME;
// As the worker does (docs/assets/js/rm-worker.js), with its reader of the snapshot's form
// (rm-snapshot.js): the memory, stored XOR the memory the wasm starts with, is filled in Pyodide's
// fsInit hook, after the wasm is instantiated and before it runs.
const { readSnapshot } = await import(pathToFileURL(process.env.READER).href);
let memory = null;
const instantiate = WebAssembly.instantiate;
WebAssembly.instantiate = async function (...args) {
  const result = await instantiate.apply(this, args);
  const exported = (result.instance ?? result).exports.memory;
  if (!memory && exported instanceof WebAssembly.Memory) memory = exported;
  return result;
};
const { loadPyodide } = await import(pathToFileURL(`${runtime}/pyodide.mjs`).href);
const snapshot = readSnapshot(new Uint8Array(gunzipSync(readFileSync(`${runtime}/snapshot.bin.gz`))));
let atStart = null; // the wasm's memory as the snapshot went in
const fsInit = () => {
  atStart = new Int32Array(memory.buffer.slice(0));
  snapshot.fill(memory.buffer);
};
const pyodide = await loadPyodide({ indexURL: `${runtime}/`, _loadSnapshot: snapshot.memory, fsInit });
"""
# The restored worker API's replies to [action, payload JSON] pairs.
REPLIES = """const { handle } = pyodide.pyimport("checks.worker_api");
const requests = JSON.parse(readFileSync(0, "utf8"));
console.log(JSON.stringify(requests.map(([action, payload]) => handle(action, payload))));
"""
# The function table slot CPython's C calls go through, as the snapshot saved it. The memory restored is what
# was saved XOR the wasm's memory as the snapshot went in (its starting memory, zero there, but for the slot
# the runtime had just put there: its own trampoline, or 0 for JavaScript's): so what was saved is the two
# XOR each other.
TRAMPOLINE = """const M = pyodide._module;
const at = (M.__PyRuntime + M.HEAP32[M.__PyEM_EMSCRIPTEN_TRAMPOLINE_OFFSET / 4]) / 4;
console.log(JSON.stringify(M.HEAP32[at] ^ atStart[at]));
"""


def restored(site, then: str, given: object = None) -> object:
    """What the script `then` prints (as JSON), run in Node once the site's snapshot is restored."""
    env = {**os.environ, "RUNTIME": str(site / "assets" / "pyodide"), "READER": str(READER)}
    done = subprocess.run(
        [NODE, "--input-type=module", "-e", RESTORE + then],
        input=json.dumps(given),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.splitlines()[-1])


def restored_replies(site, requests: list[tuple[str, str]]) -> list[str]:
    return restored(site, REPLIES, requests)


def test_the_restored_snapshot_answers_as_the_package_does(site, assessment_data, answers_document, monkeypatch):
    answers = answers_document(answers=MIXED)
    misspelled = {**assessment_data, "titel": assessment_data["title"]}  # the reader suggests a key (difflib)
    named = {"checklist": "team-health", "version": 3, "definition": assessment_data}
    requests = [
        ("score", {**named, "document": answers, "base_url": "../"}),
        ("report", {**named, "document": answers, "base_url": "https://x.test/", "format": "csv"}),
        ("import", {**named, "filename": "x.json", "size": 9, "text": "{not json"}),
        ("score", {**named, "version": 4, "definition": {**misspelled, "version": 4}, "document": {}}),
    ]
    requests = [(action, json.dumps(payload)) for action, payload in requests]
    replies = restored_replies(site, requests)
    monkeypatch.setattr(worker_api, "_checklists", {})  # the restored worker started with none kept
    assert replies == [handle(action, payload) for action, payload in requests]
    assert "Overall:</strong> 57 out of 100" in json.loads(replies[0])["result"]["html"]
    assert "did you mean" in json.loads(replies[3])["error"]["problems"][0]["message"]


def test_the_restored_snapshot_imports_a_tool_on_its_first_action_as_the_package_does(site):
    """The snapshot holds what a checklist needs; a register's modules come from the standard library's
    zip the worker mounts with it (python_stdlib.zip), on the register's first action."""
    from checks.loader import load_definition
    from checks.registers import register_files

    path = next(p for p in register_files() if p.stem == "risk-register")
    example = json.loads((path.parents[2] / "examples" / "risk-register.json").read_text(encoding="utf-8"))
    definition = load_definition(path)
    base = {"checklist": "risk-register", "version": definition["version"], "definition": definition}
    requests = [
        ("register_check", {**base, "document": example, "today": "2026-12-01"}),
        ("register_report", {**base, "document": example, "today": "2026-12-01", "format": "markdown"}),
    ]
    requests = [(action, json.dumps(payload)) for action, payload in requests]
    replies = restored_replies(site, requests)
    assert replies == [handle(action, payload) for action, payload in requests]
    assert "result" in json.loads(replies[1])


def test_the_snapshot_calls_c_functions_the_way_every_engine_can(site):
    """CPython calls C functions through a trampoline: a small wasm module where the runtime has WebAssembly
    GC, else JavaScript (0). Built on Node.js 24, the snapshot saved the wasm module's table slot, and each
    engine then restored that slot XOR its own choice: 0 where it made the module too, but the slot itself in
    WebKit (and on every iPad and iPhone), which never fills it: Python failed there at once, and the worker
    fell back to the wheel. The snapshot saves 0 whatever Node.js builds it (sitebuild/snapshot-python.mjs),
    so each engine restores its own choice."""
    assert restored(site, TRAMPOLINE) == 0


def test_the_same_sources_give_the_same_snapshot(site, tmp_path):
    """Offline readers download the snapshot (and the standard library that goes with it) again only
    when it really changed."""
    runtime = site / "assets" / "pyodide"
    (wheel,) = runtime.glob("*.whl")
    again, stdlib = tmp_path / "snapshot.raw", tmp_path / "python_stdlib.zip"
    run_node("snapshot-python.mjs", runtime, wheel, again, stdlib, purpose="make the snapshot again")
    # Nor does it depend on where the checkout is: no path on the machine that built it is in the memory.
    for where in (CHECKOUT, runtime, tmp_path):
        assert str(where).encode() not in again.read_bytes(), f"the snapshot holds the path {where}"
    shipped = runtime / "snapshot.bin.gz"
    assert snapshot_form.compress(snapshot_form.pack_file(again)) == shipped.read_bytes()
    assert stdlib.read_bytes() == (runtime / "python_stdlib.zip").read_bytes()
