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
    packed = snapshot_form.pack(snapshot(delta), len(start), page=PAGE)
    magic, size, header, page, zeros_from = struct.unpack_from("<4sIIII", packed)
    assert (magic, size, header, page, zeros_from) == (b"RMS2", 16 + len(start), 16, PAGE, len(start))
    bitmap = packed[20 + 16 : 20 + 16 + 4]  # 11 pages: one word
    assert int.from_bytes(bitmap, "little") == sum(1 << i for i in changed)
    assert len(packed) == 20 + 16 + 4 + 2 * PAGE + 12
    restored = snapshot_form.unpack(packed, start)
    expected = bytes(a ^ b for a, b in zip(start, delta, strict=True))
    assert restored == snapshot(expected)


def test_the_starting_memory_is_read_only_up_to_where_its_zeros_begin():
    """The wasm's starting memory is its data segments, then zeros: the reader copies only the first part,
    and a page stored beyond it is the memory itself."""
    data = bytes(range(1, PAGE + 33))  # the data segments end 32 bytes into the second page
    start = data + bytes(3 * PAGE - len(data))
    memory = bytearray(start)
    memory[PAGE + 8 : PAGE + 12] = b"abcd"  # a page that straddles the end of the data
    memory[2 * PAGE : 2 * PAGE + 4] = b"wxyz"  # a page beyond it
    delta = bytes(a ^ b for a, b in zip(memory, start, strict=True))
    packed = snapshot_form.pack(snapshot(delta), len(data), page=PAGE)
    assert snapshot_form.unpack(packed, start)[16:] == memory
    # What lies beyond is never read: a reader that copied the whole starting memory would differ here.
    assert snapshot_form.unpack(packed, data + b"\xff" * (len(start) - len(data)))[16:] == memory


def test_a_memory_with_nothing_changed_stores_no_page():
    packed = snapshot_form.pack(snapshot(bytes(3 * PAGE)), 3 * PAGE, page=PAGE)
    assert len(packed) == 20 + 16 + 4
    assert snapshot_form.unpack(packed, b"\1" * 3 * PAGE)[16:] == b"\1" * 3 * PAGE


def test_the_same_snapshot_always_gives_the_same_file():
    packed = snapshot_form.pack(snapshot(b"\0" * PAGE + b"\5" * PAGE), 0, page=PAGE)
    shipped = snapshot_form.compress(packed)
    assert shipped[4:8] == bytes(4)  # gzip's time stamp: none, so a rebuild gives the same file
    assert gzip.decompress(shipped) == packed


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (lambda packed: b"XXXX" + packed[4:], "not a snapshot in this site's sparse form"),
        (lambda packed: packed + b"\0\0\0\0", "4 bytes more or less"),
        (lambda packed: packed[:16] + struct.pack("<I", PAGE + 4) + packed[20:], "sizes are damaged"),
        (lambda packed: packed[:16] + struct.pack("<I", 2) + packed[20:], "sizes are damaged"),
    ],
)
def test_a_damaged_file_is_refused(broken, message):
    packed = snapshot_form.pack(snapshot(b"\7" * PAGE), PAGE, page=PAGE)
    with pytest.raises(ValueError, match=message):
        snapshot_form.unpack(broken(packed), bytes(PAGE))


def test_a_snapshot_that_is_not_whole_words_is_refused():
    with pytest.raises(ValueError, match="whole 32-bit words"):
        snapshot_form.pack(snapshot(b"\1" * 6), 0)


@pytest.mark.parametrize("zeros_from", [-4, 2, PAGE + 4])
def test_zeros_that_begin_inside_a_word_or_past_the_memory_are_refused(zeros_from):
    with pytest.raises(ValueError, match=f"cannot begin at byte {zeros_from}"):
        snapshot_form.pack(snapshot(bytes(PAGE)), zeros_from, page=PAGE)
