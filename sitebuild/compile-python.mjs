// Compiles the Python the scoring worker loads, with the Pyodide the site ships (see bytecode.py).
// Usage: node sitebuild/compile-python.mjs WHEEL STDLIB_OUT
//   WHEEL       the checks wheel: its modules' bytecode is added to it, in place
//   STDLIB_OUT  where to write python_stdlib.zip with the worker's start-up modules compiled
import { loadPyodide } from "pyodide";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PYTHON_ENV } from "../docs/assets/js/rm-snapshot.js";

const [wheel, stdlibOut] = process.argv.slice(2);
// Python as the worker runs it (PYTHON_ENV): optimised, so the bytecode holds no docstrings.
const pyodide = await loadPyodide({ env: PYTHON_ENV });
const stdlib = pyodide.runPython("import os; os.path.dirname(os.__file__)");

pyodide.FS.writeFile("/tmp/checks.whl", new Uint8Array(readFileSync(wheel)));
// Installed the way the browser installs it, so the modules Pyodide's installer imports count too.
await pyodide.loadPackage(wheel, { messageCallback: () => {} });
pyodide.FS.writeFile("/tmp/stdlib.zip", new Uint8Array(readFileSync(new URL("python_stdlib.zip", import.meta.resolve("pyodide")))));
pyodide.FS.mkdirTree("/build");
pyodide.FS.writeFile("/build/bytecode.py", readFileSync(fileURLToPath(new URL("bytecode.py", import.meta.url))));

const summary = pyodide.runPython(`
import sys
from pathlib import Path
sys.path.insert(0, "/build")
import bytecode
import checks.worker_api  # what the worker imports when it starts
modules = bytecode.compile_archive(Path("/tmp/stdlib.zip"), Path("/tmp/stdlib-out.zip"), bytecode.loaded_from("${stdlib}"))
package = bytecode.add_to_wheel(Path("/tmp/checks.whl"), "checks")
f"compiled {modules} standard-library modules and {package} checks modules for {sys.implementation.cache_tag}"
`);
writeFileSync(stdlibOut, pyodide.FS.readFile("/tmp/stdlib-out.zip"));
writeFileSync(wheel, pyodide.FS.readFile("/tmp/checks.whl"));
console.log(summary);
