"""Build-time guards for the memory snapshot, which rests on two things Pyodide does not check.

- A snapshot works only with the exact Pyodide build that made it, and the way the worker feeds
  it to Pyodide (private options `_loadSnapshot` and `_makeSnapshot`, the `fsInit` hook) was
  verified with one release: another release must be verified again before it ships.
- Pyodide's restore copies the snapshot into the WebAssembly memory it starts with and does not
  compare sizes: a snapshot larger than that memory fails in the browser ("source array is too
  long", worst in Firefox). So the build checks the size here, where a failure is loud.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path

VERIFIED_PYODIDE = "314.0.7"
"""The Pyodide release the snapshot start-up was verified with (Chromium, Firefox and WebKit)."""
WASM_PAGE = 65_536


def check_pyodide_version(package_dir: Path) -> str:
    """The installed Pyodide's version, or RuntimeError when it is not the verified one."""
    version = json.loads((package_dir / "package.json").read_text(encoding="utf-8"))["version"]
    if version != VERIFIED_PYODIDE:
        raise RuntimeError(
            f"{package_dir / 'package.json'}: Pyodide {version} is installed, but the snapshot start-up was "
            f"verified with {VERIFIED_PYODIDE} only. Verify it with the new release (the browser tests in "
            f"Chromium, Firefox and WebKit), then change VERIFIED_PYODIDE in {Path(__file__).name}."
        )
    return version


def initial_memory(wasm: bytes) -> int:
    """The bytes of memory a WebAssembly module starts with (its memory section's minimum)."""
    if wasm[:4] != b"\0asm":
        raise ValueError("not a WebAssembly module")
    offset = 8
    while offset < len(wasm):
        section = wasm[offset]
        size, offset = _leb128(wasm, offset + 1)
        if section == 5:  # memory: a count, then (flags, minimum pages[, maximum]) for each
            _, at = _leb128(wasm, offset)
            pages, _ = _leb128(wasm, at + 1)
            return pages * WASM_PAGE
        offset += size
    raise ValueError("the module declares no memory of its own")


def snapshot_memory(snapshot: bytes) -> int:
    """The bytes of WebAssembly memory a Pyodide snapshot holds: all of it after its header.

    The header starts with two little-endian 32-bit words: a magic number, then its own length."""
    if len(snapshot) < 8:
        raise ValueError("the snapshot is too short to have a header")
    (header,) = struct.unpack_from("<I", snapshot, 4)
    return len(snapshot) - header


def check_snapshot_fits(snapshot: bytes, wasm: bytes) -> None:
    """RuntimeError when restoring the snapshot would overflow the memory Pyodide starts with."""
    held, start = snapshot_memory(snapshot), initial_memory(wasm)
    if held > start:
        raise RuntimeError(
            f"the Python snapshot holds {held:,} bytes of memory, but Pyodide starts with {start:,}: its restore "
            "would fail in the browser. Import less into it (sitebuild/snapshot-python.mjs) or grow Pyodide's "
            "initial memory."
        )


def _leb128(data: bytes, offset: int) -> tuple[int, int]:
    """An unsigned LEB128 number at `offset`, and the offset after it."""
    value = shift = 0
    while True:
        byte = data[offset]
        offset += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, offset
