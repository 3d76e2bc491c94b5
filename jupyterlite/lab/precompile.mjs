// Byte-compile, at build time, the Python modules the lab's kernel imports while it starts, and those a
// first import of pandas brings in (when pandas is among PACKAGE...).
//
//   node precompile.mjs PYODIDE_DIR OUT_DIR PACKAGE...
//
// Starts the lab's own Pyodide under Node (no browser, no network) from PYODIDE_DIR (our lock and
// wheels), loads PACKAGE... from the lock, imports what the kernel imports at start-up (the
// pyodide_kernel package and the academy helper), and writes one unchecked-hash .pyc for every
// imported module: OUT_DIR/site/<path in site-packages>c and OUT_DIR/stdlib/<path in the zip>c.
// The build puts them in the wheels (__pycache__) and in python_stdlib.zip (beside each .py, where
// zipimport looks), so the browser loads bytecode instead of compiling: the compile is most of the
// kernel's import time on a busy machine. The .pyc files are made by the same Pyodide the browser runs.
import path from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, outDir, ...packages] = process.argv.slice(2);
if (!pyodideDir || !outDir) {
  console.error("usage: node precompile.mjs PYODIDE_DIR OUT_DIR PACKAGE...");
  process.exit(2);
}

const PYTHON = String.raw`
import importlib.util, os, sys
from importlib._bootstrap_external import _code_to_hash_pyc

import traceback
try:
    import pyodide_kernel  # what the kernel imports while it starts
    import academy
    if importlib.util.find_spec("pandas"):  # loaded on a first import of pandas: numpy, pandas, dateutil
        import pandas
except BaseException:
    raise SystemExit("importing the kernel failed:\n" + traceback.format_exc())
sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__

site = next(p for p in sys.path if p.endswith("/site-packages")) + "/"
stdlib_zip = next(p for p in sys.path if p.endswith(".zip")) + "/"
written = {"site": 0, "stdlib": 0}
for module in list(sys.modules.values()):
    source_path = getattr(module, "__file__", None) or ""
    if not source_path.endswith(".py"):
        continue
    if source_path.startswith(site):
        kind, relative = "site", source_path[len(site):]
        with open(source_path, "rb") as handle:
            source = handle.read()
    elif source_path.startswith(stdlib_zip) and hasattr(module.__loader__, "get_data"):  # not frozen
        kind, relative = "stdlib", source_path[len(stdlib_zip):]
        source = module.__loader__.get_data(source_path)
    else:
        continue
    code = compile(source, source_path, "exec", dont_inherit=True)
    target = f"/out/{kind}/{relative}c"
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "wb") as handle:
        handle.write(_code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False))
    written[kind] += 1
f"{written['site']} site-packages and {written['stdlib']} standard library modules"
`;

const { loadPyodide } = await import(pathToFileURL(path.resolve(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: path.resolve(pyodideDir) + path.sep, packages });
pyodide.FS.mkdirTree("/out");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: path.resolve(outDir) }, "/out");
try {
  console.log(pyodide.runPython(PYTHON));
} catch (error) {
  console.error(String(error.message || error).slice(-2000));
  process.exit(1);
}
