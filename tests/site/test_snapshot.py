"""The memory snapshot the scoring worker starts from (sitebuild/snapshot-python.mjs).

Restored with the site's own copy of Pyodide, it must answer exactly as the package does here,
including what it imports only on demand from the shipped standard library (csv, difflib).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
from answer_sets import MIXED

from checks import worker_api
from checks.worker_api import handle
from sitebuild.node import run_node

NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is needed to restore the snapshot")

# Reads [action, payload JSON] pairs on stdin; prints the replies of the restored worker API.
RESTORE = """
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { gunzipSync } from "node:zlib";
const runtime = process.env.RUNTIME;
const { loadPyodide } = await import(pathToFileURL(`${runtime}/pyodide.mjs`).href);
const snapshot = gunzipSync(readFileSync(`${runtime}/snapshot.bin.gz`));
const pyodide = await loadPyodide({ indexURL: `${runtime}/`, _loadSnapshot: snapshot });
const { handle } = pyodide.pyimport("checks.worker_api");
const requests = JSON.parse(readFileSync(0, "utf8"));
console.log(JSON.stringify(requests.map(([action, payload]) => handle(action, payload))));
"""


def restored_replies(site, requests: list[tuple[str, str]]) -> list[str]:
    env = {**os.environ, "RUNTIME": str(site / "assets" / "pyodide")}
    done = subprocess.run(
        [NODE, "--input-type=module", "-e", RESTORE],
        input=json.dumps(requests),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.splitlines()[-1])


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
    assert "Overall:</strong> 57/100" in json.loads(replies[0])["result"]["html"]
    assert "did you mean" in json.loads(replies[3])["error"]["problems"][0]["message"]


def test_the_same_sources_give_the_same_snapshot(site, tmp_path):
    """Offline readers download the snapshot again only when it really changed."""
    runtime = site / "assets" / "pyodide"
    (wheel,) = runtime.glob("*.whl")
    again = tmp_path / "snapshot.bin.gz"
    run_node("snapshot-python.mjs", runtime, wheel, again, purpose="make the snapshot again")
    assert again.read_bytes() == (runtime / "snapshot.bin.gz").read_bytes()
