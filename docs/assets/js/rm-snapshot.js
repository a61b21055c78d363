// Reads the memory snapshot in the form the build ships it (sitebuild/snapshot_form.py says why and
// lays it out): once gzip is undone, a short header, Pyodide's own header, a bitmap of the memory's
// pages that were stored, and those pages, each stored XOR the memory the wasm starts with.
// Shared by the scoring worker, the snapshot test (in Node) and the benchmark's bare restore.

const MAGIC = 0x50534d52; // "RMSP", read as a little-endian word
/** The most a snapshot may claim, packed or restored: 256 MB (the real one is about 9 MB packed, 31 MB restored). */
export const MAX_BYTES = 2 ** 28;

/** The snapshot in `packed` (the bytes after gzip): `memory`, the buffer to give Pyodide at once, still
 * without its memory, and `fill(start)`, which writes that memory from the wasm's starting memory
 * (an ArrayBuffer) once the wasm is instantiated. Throws when `packed` is not in this form. */
export function readSnapshot(packed) {
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  if (packed.byteLength < 16 || view.getUint32(0, true) !== MAGIC) throw new Error("the snapshot is not in the site's form");
  const size = view.getUint32(4, true);
  const header = view.getUint32(8, true);
  const page = view.getUint32(12, true);
  const length = size - header;
  if (size > MAX_BYTES || header > size || header % 4 || length % 4 || !page || page % 4 || packed.byteOffset % 4) {
    throw new Error("the snapshot's sizes are damaged");
  }
  const pages = Math.ceil(length / page);
  const bitmap = packed.subarray(16 + header, 16 + header + Math.ceil(pages / 32) * 4);
  const stored = (index) => (bitmap[index >> 3] >> (index & 7)) & 1;
  const first = 16 + header + bitmap.length;
  let end = first;
  for (let index = 0; index < pages; index++) if (stored(index)) end += Math.min(page, length - index * page);
  if (end !== packed.byteLength) throw new Error(`the snapshot holds ${packed.byteLength} bytes, not ${end}`);
  const memory = new Uint8Array(size);
  memory.set(packed.subarray(16, 16 + header));
  return {
    memory,
    fill(start) {
      if (length > start.byteLength) throw new Error("the snapshot does not fit the wasm's memory");
      memory.set(new Uint8Array(start, 0, length), header);
      const words = new Uint32Array(memory.buffer, header, length / 4);
      let at = first;
      for (let index = 0; index < pages; index++) {
        if (!stored(index)) continue;
        const count = Math.min(page, length - index * page) / 4;
        const delta = new Uint32Array(packed.buffer, packed.byteOffset + at, count);
        const base = (index * page) / 4;
        for (let i = 0; i < count; i++) words[base + i] ^= delta[i];
        at += count * 4;
      }
    },
  };
}
