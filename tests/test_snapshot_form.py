"""The sparse form the memory snapshot ships in (sitebuild/snapshot_form.py); the browser's reader,
docs/assets/js/rm-snapshot.js, restores the real snapshot in tests/site/test_snapshot.py."""

from __future__ import annotations

import gzip
import random
import struct

import pytest

from sitebuild import snapshot_form

PAGE = 64  # small pages, so a test snapshot has many


def snapshot(memory: bytes, header: bytes = b"PYOD" + struct.pack("<I", 16) + bytes(8)) -> bytes:
    """A Pyodide-like snapshot: a header whose second word is its length, then the memory."""
    return header + memory


def test_pages_of_zeros_are_left_out_and_the_rest_is_restored_with_the_starting_memory():
    rng = random.Random(7)
    start = bytes(rng.randrange(256) for _ in range(10 * PAGE + 12))  # the wasm's own memory
    changed = {1, 4, 10}  # page 10 is the short last one
    delta = b"".join(
        bytes(rng.randrange(1, 256) for _ in range(min(PAGE, len(start) - i * PAGE))) if i in changed else bytes(PAGE)
        for i in range(11)
    )[: len(start)]
    packed = snapshot_form.pack(snapshot(delta), page=PAGE)
    magic, size, header, page = struct.unpack_from("<4sIII", packed)
    assert (magic, size, header, page) == (b"RMSP", 16 + len(start), 16, PAGE)
    bitmap = packed[16 + 16 : 16 + 16 + 4]  # 11 pages: one word
    assert int.from_bytes(bitmap, "little") == sum(1 << i for i in changed)
    assert len(packed) == 16 + 16 + 4 + 2 * PAGE + 12
    restored = snapshot_form.unpack(packed, start)
    expected = bytes(a ^ b for a, b in zip(start, delta, strict=True))
    assert restored == snapshot(expected)


def test_a_memory_with_nothing_changed_stores_no_page():
    packed = snapshot_form.pack(snapshot(bytes(3 * PAGE)), page=PAGE)
    assert len(packed) == 16 + 16 + 4
    assert snapshot_form.unpack(packed, b"\1" * 3 * PAGE)[16:] == b"\1" * 3 * PAGE


def test_the_same_snapshot_always_gives_the_same_file():
    packed = snapshot_form.pack(snapshot(b"\0" * PAGE + b"\5" * PAGE), page=PAGE)
    shipped = snapshot_form.compress(packed)
    assert shipped[4:8] == bytes(4)  # gzip's time stamp: none, so a rebuild gives the same file
    assert gzip.decompress(shipped) == packed


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (lambda packed: b"XXXX" + packed[4:], "not a snapshot in this site's sparse form"),
        (lambda packed: packed + b"\0\0\0\0", "4 bytes more or less"),
    ],
)
def test_a_damaged_file_is_refused(broken, message):
    packed = snapshot_form.pack(snapshot(b"\7" * PAGE), page=PAGE)
    with pytest.raises(ValueError, match=message):
        snapshot_form.unpack(broken(packed), bytes(PAGE))


def test_a_snapshot_that_is_not_whole_words_is_refused():
    with pytest.raises(ValueError, match="whole 32-bit words"):
        snapshot_form.pack(snapshot(b"\1" * 6))
