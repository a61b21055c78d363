// Makes the memory snapshot the scoring worker starts from: Pyodide started and the `checks`
// modules a checklist needs imported, saved as the WebAssembly memory it leaves. Restoring it skips
// Python's own start-up and our imports, the larger part of a bare loadPyodide().
// Usage: node sitebuild/snapshot-python.mjs RUNTIME_DIR WHEEL OUT STDLIB_OUT
//   RUNTIME_DIR  the site's copy of Pyodide, with the full standard library as FULL_STDLIB
//   WHEEL        the checks wheel
//   OUT          where to write the snapshot (see "The snapshot's form" below), and beside it OUT.json:
//                {"zeros_from": N}, the wasm's starting memory being all zeros from byte N on
//   STDLIB_OUT   where to write the standard library the restored worker mounts: only the modules it
//                may still import (those it has are in the snapshot already)
//
// The snapshot's form: Pyodide's own (a header, then the memory), with two changes that make it
// compress well, undone by the worker (docs/assets/js/rm-snapshot.js) before Pyodide sees it:
// - free memory is zeroed before the snapshot is taken (stale bytes of freed objects compress badly);
// - the memory is stored XOR the memory Pyodide's wasm starts with (its data segments, which the
//   reader has downloaded already in pyodide.asm.wasm): where they are unchanged it stores zeros.
// The build then leaves out its pages of zeros and compresses the rest (sitebuild/snapshot_form.py).
import nodeCrypto from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { PYTHON_ENV } from "../docs/assets/js/rm-snapshot.js";

const FULL_STDLIB = "python_stdlib_full.zip"; // as runtime.py
const [runtimeDir, wheel, out, stdlibOut] = process.argv.slice(2);
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

// The memory as the wasm starts it (its data segments, zeros elsewhere): a copy taken the moment
// the module is instantiated, before any of its code has run. The worker sees the same memory then.
let pristine = null;
const instantiate = WebAssembly.instantiate;
WebAssembly.instantiate = async function (...args) {
  const result = await instantiate.apply(this, args);
  const memory = (result.instance ?? result).exports.memory;
  if (!pristine && memory instanceof WebAssembly.Memory) pristine = new Uint8Array(memory.buffer).slice();
  return result;
};

// Node.js 21 and later have a `navigator`, as a browser does, and Emscripten then takes Python's locale
// from it (en_US.UTF-8 instead of C.UTF-8), which lays the memory saved out differently. Without it, a
// build on any Node.js saves what the engines were tested with (see the trampoline below).
delete globalThis.navigator;

const { loadPyodide } = await import(pathToFileURL(`${indexURL}pyodide.mjs`).href);
// Emscripten names the program after this script's path on the host (the environment's `_`), and
// that would go into the memory saved: give it the name a browser gives it, so that where the
// checkout is changes nothing.
const PROGRAM = "./this.program";
// A Python with the checks wheel unpacked (not loadPackage()d: a snapshot cannot hold the JavaScript
// objects the installer keeps), which then runs `code`. It runs optimised (python -OO, PYTHON_ENV): no
// docstrings in the memory saved (about 0.3 MB less to download) or in the bytecode of the modules
// imported later, and no asserts (the checks package uses none, nor __doc__:
// tests/test_optimised_python.py). The restored worker keeps this setting; its start without the
// snapshot sets it too (rm-worker.js), as compile-python.mjs compiled the bytecode for it.
async function started(options, code) {
  const settings = { indexURL, stdLibURL: `${indexURL}${FULL_STDLIB}`, env: PYTHON_ENV, _sysExecutable: PROGRAM };
  const started = await loadPyodide({ ...settings, ...options });
  started.FS.writeFile("/tmp/checks.whl", new Uint8Array(readFileSync(wheel)));
  started.runPython(`
import importlib, site, zipfile
with zipfile.ZipFile("/tmp/checks.whl") as wheel:
    wheel.extractall(site.getsitepackages()[0])
importlib.invalidate_caches()  # the clock is fixed, so the directory's time cannot tell it changed
${code}`);
  return started;
}

// The snapshot's Python imports what a checklist needs (checks.worker_api imports the other tools
// on their first action). The files themselves are not in the snapshot (the file system lives
// outside WebAssembly memory): the other modules come from the standard library's zip, below.
const pyodide = await started({ _makeSnapshot: true }, "import checks.worker_api");
const have = pyodide.runPython("import json, sys; json.dumps(sorted(sys.modules))");

// The zip the worker mounts as its standard library: the checks modules the snapshot has not
// imported, as bytecode, and the standard-library modules that any checks module may still import
// (found in its bytecode, imports inside functions included, and in theirs in turn) with a few
// codecs looked up by name. Worked out in a Python of its own, with every checks module imported,
// as reading the full library grows the memory the snapshot saves.
const scout = await started({}, `
import pkgutil, checks
for module in pkgutil.walk_packages(checks.__path__, "checks."):
    if module.name not in ("checks.__main__", "checks.cli"):  # the command line, never in a browser
        importlib.import_module(module.name)
`);
const [lazy, own] = scout.runPython(`
import dis, json, marshal, sys, types, zipfile
HAVE = set(json.loads(${JSON.stringify(have)}))
STDLIB = f"/lib/python{sys.version_info.major}{sys.version_info.minor}.zip"
CODECS = ("ascii", "latin_1", "utf_8", "utf_8_sig", "utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le",
          "utf_32_be", "cp1252", "cp437", "charmap", "unicode_escape", "raw_unicode_escape", "idna", "punycode")
ROOTS = ("checks", "traceback")
NEVER = {
    *("email", "ftplib", "http", "http.client", "http.cookiejar", "mimetypes", "netrc", "urllib.request"),
    *("asyncio.windows_events", "asyncio.proactor_events", "asyncio.windows_utils"),
    *("_pydatetime", "_pydecimal", "_pyio", "_pylong"),
    *("argparse", "getopt", "gettext", "py_compile"),
}
"""Never imported in a browser worker: the network's modules (pathlib imports one for file: URLs),
Windows', the pure-Python fallbacks of modules Pyodide has in C, and those of command lines (the
standard library's modules have a main() of their own)."""
full = zipfile.ZipFile(STDLIB)
files = set(full.namelist())

def entry(name):
    base = name.replace(".", "/")
    return next((f for f in (f"{base}/__init__.pyc", f"{base}/__init__.py", f"{base}.pyc", f"{base}.py") if f in files), None)

def imports(code, package):
    found, codes = set(), [code]
    while codes:
        code = codes.pop()
        steps = list(dis.get_instructions(code))
        for i, step in enumerate(steps):
            if step.opname != "IMPORT_NAME":
                continue
            level = steps[i - 2].argval if i > 1 and isinstance(steps[i - 2].argval, int) else 0
            names = steps[i - 1].argval if isinstance(steps[i - 1].argval, tuple) else ()
            name = step.argval
            if level:
                base = package.rsplit(".", level - 1)[0]
                name = f"{base}.{name}" if name else base
            parts = name.split(".")
            found.update(".".join(parts[:n]) for n in range(1, len(parts) + 1))
            found.update(f"{name}.{each}" for each in names if each != "*")
        codes.extend(c for c in code.co_consts if isinstance(c, types.CodeType))
    return found

def code_of(name):
    path = entry(name)
    data = full.read(path)
    return marshal.loads(data[16:]) if path.endswith(".pyc") else compile(data, path, "exec", dont_inherit=True)

def package_of(name, path):
    return name if "__init__." in path else name.rpartition(".")[0]

def loaded(name):
    spec = getattr(sys.modules.get(name), "__spec__", None)
    if spec and spec.origin and spec.origin.endswith((".py", ".pyc")):
        return name, spec.loader.get_code(name), package_of(name, spec.origin)

# What checks (all of it but its command line) and traceback may import, and the modules they import directly.
own = [found for found in map(loaded, [name for name in sys.modules if name.startswith(ROOTS)]) if found]
own = [(name, code, package) for name, code, package in own if not name.endswith(".cli")]
direct = {name for _, code, package in own for name in imports(code, package) if name in sys.modules}
direct = {name for name in direct if not name.startswith("checks")}
todo = [found for found in map(loaded, sorted(direct | {name for name, _, _ in own})) if found]
wanted = {name for name in direct if name not in HAVE and name not in NEVER and entry(name)}
wanted |= {f"encodings.{codec}" for codec in CODECS if f"encodings.{codec}" not in HAVE and entry(f"encodings.{codec}")}
todo += [(name, code_of(name), "encodings") for name in wanted if name.startswith("encodings.")]
seen = set(wanted)
while todo:
    name, code, package = todo.pop()
    for found in imports(code, package) - seen:
        seen.add(found)
        if found not in HAVE and found not in NEVER and entry(found):
            wanted.add(found)
            todo.append((found, code_of(found), package_of(found, entry(found))))
checks = sorted(name for name, _, _ in own if name.startswith("checks.") and name not in HAVE)
with zipfile.ZipFile("/tmp/stdlib-out.zip", "w") as small:
    for name in sorted(entry(name) for name in wanted):
        small.writestr(full.getinfo(name), full.read(name))
    for name in checks:
        spec = sys.modules[name].__spec__
        path = name.replace(".", "/") + ("/__init__.pyc" if spec.submodule_search_locations is not None else ".pyc")
        with open(spec.cached, "rb") as compiled:
            small.writestr(zipfile.ZipInfo(path, (2026, 1, 1, 0, 0, 0)), compiled.read(), zipfile.ZIP_DEFLATED)
len(wanted), len(checks)
`).toJs();
writeFileSync(stdlibOut, scout.FS.readFile("/tmp/stdlib-out.zip"));

// The checks packages look for their other modules in that zip; Python forgets the full library's
// index, so the restored worker reads the index of the zip it mounts when it first imports something.
const modules = pyodide.runPython(`
import gc, sys, zipimport
STDLIB = f"/lib/python{sys.version_info.major}{sys.version_info.minor}.zip"
for name, module in list(sys.modules.items()):
    if (name == "checks" or name.startswith("checks.")) and hasattr(module, "__path__"):
        module.__path__[:] = [f"{STDLIB}/{name.replace('.', '/')}"]
for path in [path for path in sys.path_importer_cache if "/site-packages/checks" in path]:
    del sys.path_importer_cache[path]
zipimport._zip_directory_cache.pop(STDLIB, None)
sys.modules["linecache"].cache.clear()
gc.collect()
sum(name == "checks" or name.startswith("checks.") for name in sys.modules)
`);

const M = pyodide._module;

// CPython calls a C function through a trampoline (its Python/emscripten_trampoline.c): a tiny wasm
// module where the runtime has WebAssembly GC (Node.js 22 and later, today's Chromium and Firefox), else
// JavaScript (0, as on every iPad and iPhone). Pyodide writes its choice, a slot of the function table,
// into the wasm's memory before the snapshot goes in, and the worker restores the memory saved XOR that
// memory (rm-snapshot.js): a word saved as 0 comes back as the restoring engine's own choice. Saved as
// Node.js 24's slot, it came back as that slot in WebKit, which had put nothing there: Python failed at
// once ("call_indirect to a signature that does not match") and the worker fell back to the wheel.
M.HEAP32[(M.__PyRuntime + M.HEAP32[M.__PyEM_EMSCRIPTEN_TRAMPOLINE_OFFSET / 4]) / 4] = 0;

// Free memory zeroed: every free block is allocated (malloc may not grow the heap meanwhile),
// cleared, and freed again; nothing in use is touched.
const heapBefore = M.HEAP8.length;
M._malloc_set_footprint_limit(M._malloc_footprint());
const held = [];
for (let size = 1 << 24; size >= 16; size >>= 1) {
  for (let block = M._malloc(size); block; block = M._malloc(size)) {
    M.HEAPU8.fill(0, block, block + size);
    held.push(block);
  }
}
for (const block of held.reverse()) M._free(block);
M._malloc_set_footprint_limit(-1);
M.HEAPU8.fill(0, M._sbrk(0)); // above the heap's end: never handed out
if (M.HEAP8.length !== heapBefore) throw new Error("zeroing free memory grew the heap");

const snapshot = pyodide.makeMemorySnapshot();
const header = new DataView(snapshot.buffer, snapshot.byteOffset).getUint32(4, true);
if (!pristine || header % 4 || snapshot.length - header > pristine.length) throw new Error("unexpected snapshot layout");
const words = new Uint32Array(snapshot.buffer, snapshot.byteOffset + header, (snapshot.length - header) / 4);
const start = new Uint32Array(pristine.buffer, 0, words.length);
for (let i = 0; i < words.length; i++) words[i] ^= start[i];
writeFileSync(out, snapshot);
// Where the wasm's starting memory turns to zeros for good (its data segments end before that): the
// reader copies only what comes before (rm-snapshot.js), as copying 31 MB of a fresh buffer is slow.
let zerosFrom = words.length;
while (zerosFrom > 0 && start[zerosFrom - 1] === 0) zerosFrom--;
writeFileSync(`${out}.json`, JSON.stringify({ zeros_from: zerosFrom * 4 }));
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
console.log(
  `snapshot of ${mb(snapshot.length)} with ${modules} checks modules imported; ` +
    `${own} more and ${lazy} standard-library modules to import on demand`,
);
