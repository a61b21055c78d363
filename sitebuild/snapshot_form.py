"""The form the memory snapshot is shipped in (assets/pyodide/snapshot.bin.gz): sparse, then gzip.

snapshot-python.mjs saves Pyodide's snapshot (a header, then the WebAssembly memory) with the memory
stored XOR the memory the wasm starts with. About 70% of its 4 KB pages are then all zeros: the
wasm's data segments left as they were, and memory never used. Those pages are left out here, so the
reader's browser unpacks about 9 MB instead of 31 MB before Python can start (the worker's thread
does that work while Pyodide's own script loads). The reader (docs/assets/js/rm-snapshot.js) puts the
wasm's starting memory in their place. That memory is its data segments (about 4 MB), then zeros, so
the file also says where the zeros begin: the reader copies only what comes before, and a stored page
beyond it is the memory itself, copied whole instead of XOR'd word by word. A fresh 31 MB copy took
the worker 40-55 ms here; this way 16-28 ms.

Layout, after gzip (little-endian 32-bit words):

- ``RMS2``, the snapshot's size (Pyodide's header and memory), Pyodide's header length, the page size,
  and the byte of memory from which the wasm's starting memory is all zeros;
- Pyodide's header;
- a bitmap with a bit for each page of memory (lowest bit first), padded to whole words: 1 = stored;
- the stored pages, in order (the last may be shorter than a page).

The functions are pure: the build packs and compresses with them, the tests also unpack.
"""

from __future__ import annotations

import gzip
import json
import struct
from pathlib import Path

MAGIC = b"RMS2"
PAGE = 4096
_WORDS = struct.Struct("<4sIIII")


def pack_file(raw: Path) -> bytes:
    """The sparse form of what snapshot-python.mjs wrote to `raw` (and to `raw`.json beside it)."""
    zeros_from = json.loads(Path(f"{raw}.json").read_text(encoding="utf-8"))["zeros_from"]
    return pack(raw.read_bytes(), zeros_from)


def pack(snapshot: bytes, zeros_from: int, page: int = PAGE) -> bytes:
    """The sparse form of a Pyodide snapshot whose memory is stored XOR the wasm's starting memory,
    which is all zeros from byte `zeros_from` of the memory on."""
    if len(snapshot) < 8:
        raise ValueError("the snapshot is too short to have a header")
    (header,) = struct.unpack_from("<I", snapshot, 4)
    if header % 4 or header > len(snapshot) or (len(snapshot) - header) % 4 or page % 4:
        raise ValueError("the snapshot's header and memory are not whole 32-bit words")
    if zeros_from % 4 or not 0 <= zeros_from <= len(snapshot) - header:
        raise ValueError(f"the starting memory's zeros cannot begin at byte {zeros_from}")
    memory = memoryview(snapshot)[header:]
    pages = [memory[at : at + page] for at in range(0, len(memory), page)]
    stored = [each != bytes(each.nbytes) for each in pages]  # a page not all zeros
    bitmap = bytearray(-(-len(pages) // 32) * 4)
    for index, keep in enumerate(stored):
        if keep:
            bitmap[index // 8] |= 1 << (index % 8)
    kept = b"".join(bytes(each) for each, keep in zip(pages, stored, strict=True) if keep)
    return _WORDS.pack(MAGIC, len(snapshot), header, page, zeros_from) + snapshot[:header] + bytes(bitmap) + kept


def unpack(packed: bytes, start: bytes) -> bytes:
    """The Pyodide snapshot itself, with `start` (the wasm's starting memory) XOR'd back in: what the
    browser restores. Python's reader, for the tests; the browser has its own (rm-snapshot.js), which
    likewise takes only the first `zeros_from` bytes of `start`."""
    magic, size, header, page, zeros_from = _WORDS.unpack_from(packed)
    if magic != MAGIC:
        raise ValueError("not a snapshot in this site's sparse form")
    length = size - header
    if zeros_from > length or zeros_from % 4:
        raise ValueError("the snapshot's sizes are damaged")
    count = -(-length // page)
    bitmap_at = _WORDS.size + header
    at = bitmap_at + -(-count // 32) * 4
    memory = bytearray(start[:zeros_from].ljust(length, b"\0"))
    for index in range(count):
        if packed[bitmap_at + index // 8] >> (index % 8) & 1:
            offset, end = index * page, min(length, (index + 1) * page)
            delta = int.from_bytes(packed[at : at + end - offset], "little")
            memory[offset:end] = (int.from_bytes(memory[offset:end], "little") ^ delta).to_bytes(end - offset, "little")
            at += end - offset
    if at != len(packed):
        raise ValueError(f"the snapshot holds {len(packed) - at} bytes more or less than its bitmap says")
    return packed[_WORDS.size : _WORDS.size + header] + bytes(memory)


def compress(packed: bytes) -> bytes:
    """gzip at its best setting, with no time stamp: the same snapshot always gives the same file."""
    return gzip.compress(packed, compresslevel=9, mtime=0)
