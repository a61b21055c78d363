// Makes the memory snapshot the scoring worker starts from: Pyodide started and every `checks`
// module imported, saved as the WebAssembly memory it leaves. Restoring it skips Python's own
// start-up and our imports, the larger part of a bare loadPyodide().
// Usage: node sitebuild/snapshot-python.mjs RUNTIME_DIR WHEEL OUT
//   RUNTIME_DIR  the site's copy of Pyodide, as shipped: the snapshot must be made with the very
//                python_stdlib.zip the browser mounts, since Python keeps the zip's index in memory
//   WHEEL        the checks wheel
//   OUT          where to write the snapshot, gzip-compressed
import nodeCrypto from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const [runtimeDir, wheel, out] = process.argv.slice(2);
const indexURL = `${resolve(runtimeDir)}/`; // Pyodide in Node takes a path here, not a URL

// The same sources must give the same snapshot, or every rebuild of the site would make offline
// readers download it again. Everyone restores the same memory, so its clocks and random state are
// shared by all readers anyway; here they are also fixed.
const EPOCH_MS = 1767225600000; // as REPRODUCIBLE_EPOCH in runtime.py
let ticks = 0;
let counter = 0;
Date.now = () => EPOCH_MS;
performance.now = () => (ticks += 0.001);
nodeCrypto.randomFillSync = (view) => {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (counter++ * 151 + 7) & 255;
  return view;
};
globalThis.crypto.getRandomValues = (view) => nodeCrypto.randomFillSync(view);

const { loadPyodide } = await import(pathToFileURL(`${indexURL}pyodide.mjs`).href);
const pyodide = await loadPyodide({ indexURL, _makeSnapshot: true });
pyodide.FS.writeFile("/tmp/checks.whl", new Uint8Array(readFileSync(wheel)));
// Unpacked, not loadPackage()d: a snapshot cannot hold the JavaScript objects the installer keeps.
// The files themselves are not in the snapshot (the file system lives outside WebAssembly memory),
// so every module of the package is imported now: none needs its file in the browser.
const imported = pyodide.runPython(`
import gc, importlib, pkgutil, site, sys, zipfile
with zipfile.ZipFile("/tmp/checks.whl") as wheel:
    wheel.extractall(site.getsitepackages()[0])
importlib.invalidate_caches()  # the clock is fixed, so the directory's time cannot tell it changed
import checks
for module in pkgutil.walk_packages(checks.__path__, "checks."):
    if module.name not in ("checks.__main__", "checks.cli"):  # the command line, never in a browser
        importlib.import_module(module.name)
gc.collect()
sum(name == "checks" or name.startswith("checks.") for name in sys.modules)
`);
const snapshot = pyodide.makeMemorySnapshot();
const compressed = gzipSync(snapshot, { level: 9 });
writeFileSync(out, compressed);
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
console.log(`snapshot of ${mb(snapshot.length)} (${mb(compressed.length)} compressed) with ${imported} checks modules imported`);
