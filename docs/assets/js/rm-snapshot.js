// Reads the memory snapshot in the form the build ships it (sitebuild/snapshot_form.py says why and
// lays it out): once gzip is undone, a short header, Pyodide's own header, a bitmap of the memory's
// pages that were stored, and those pages, each stored XOR the memory the wasm starts with.
// Shared by the scoring worker, the snapshot test (in Node), the benchmark's bare restore and the
// build's Node scripts (PYTHON_ENV).

/** The environment Python runs in, as the snapshot was made (sitebuild/snapshot-python.mjs) and the
 * bytecode compiled (compile-python.mjs): optimised (python -OO), so no docstrings are kept. A start
 * without the snapshot (rm-worker.js) sets it too. Named once here, where the build and the worker meet. */
export const PYTHON_ENV = { PYTHONOPTIMIZE: "2" };

const MAGIC = 0x32534d52; // "RMS2", read as a little-endian word
const HEAD = 20; // bytes: five words
/** The most a snapshot may claim, packed or restored: 256 MB (the real one is about 9 MB packed, 31 MB restored). */
export const MAX_BYTES = 2 ** 28;

/** The snapshot in `packed` (the bytes after gzip): `memory`, the buffer to give Pyodide at once, still
 * without its memory, and `fill(start)`, which writes that memory from the wasm's starting memory
 * (an ArrayBuffer) once the wasm is instantiated. Throws when `packed` is not in this form. */
export function readSnapshot(packed) {
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  if (packed.byteLength < HEAD || view.getUint32(0, true) !== MAGIC) throw new Error("the snapshot is not in the site's form");
  const size = view.getUint32(4, true);
  const header = view.getUint32(8, true);
  const page = view.getUint32(12, true);
  const zerosFrom = view.getUint32(16, true); // the starting memory is all zeros from here on
  const length = size - header;
  const whole = [header, length, page, zerosFrom, packed.byteOffset]; // each in whole 32-bit words
  if (size > MAX_BYTES || header > size || zerosFrom > length || !page || whole.some((n) => n % 4)) {
    throw new Error("the snapshot's sizes are damaged");
  }
  const pages = Math.ceil(length / page);
  const bitmap = packed.subarray(HEAD + header, HEAD + header + Math.ceil(pages / 32) * 4);
  const stored = (index) => (bitmap[index >> 3] >> (index & 7)) & 1;
  const first = HEAD + header + bitmap.length;
  let end = first;
  for (let index = 0; index < pages; index++) if (stored(index)) end += Math.min(page, length - index * page);
  if (end !== packed.byteLength) throw new Error(`the snapshot holds ${packed.byteLength} bytes, not ${end}`);
  const memory = new Uint8Array(size);
  memory.set(packed.subarray(HEAD, HEAD + header));
  return {
    memory,
    // `memory` is zeros until filled, as the starting memory is from `zerosFrom` on: only the part
    // before that is copied, and a stored page beyond it is the memory itself.
    fill(start) {
      if (length > start.byteLength) throw new Error("the snapshot does not fit the wasm's memory");
      memory.set(new Uint8Array(start, 0, zerosFrom), header);
      const words = new Uint32Array(memory.buffer, header, length / 4);
      let at = first;
      for (let index = 0; index < pages; index++) {
        if (!stored(index)) continue;
        const offset = index * page;
        const bytes = Math.min(page, length - offset);
        if (offset >= zerosFrom) {
          memory.set(packed.subarray(at, at + bytes), header + offset);
        } else {
          const delta = new Uint32Array(packed.buffer, packed.byteOffset + at, bytes / 4);
          const base = offset / 4;
          for (let i = 0; i < delta.length; i++) words[base + i] ^= delta[i];
        }
        at += bytes;
      }
    },
  };
}
