// Smoke test of the committed wheels in Pyodide under Node — no browser, no network.
//
//   node jupyterlite/wheels/smoke.mjs PYODIDE_DIR WHEEL_DIR [DEPS_DIR]
//
// PYODIDE_DIR: the unpacked npm package pyodide@314.0.6 (holds pyodide.mjs, pyodide.asm.wasm, ...).
// WHEEL_DIR:   holds numpy-*.whl, pandas-*.whl, markupsafe-*.whl (this folder).
// DEPS_DIR:    pandas' pure-Python requirements python-dateutil, six, tzdata as wheels
//              (default: WHEEL_DIR). Get them with:
//   pip download --no-deps --only-binary=:all: -d DEPS_DIR python-dateutil==2.9.0.post0 six tzdata
//
// Loads Pyodide, installs the wheels from local files, imports numpy and pandas (timed), runs
// read_csv -> cleaning -> groupby -> pivot_table on a small CSV, checks the numbers, checks the pure
// markupsafe, and prints one JSON line of timings. Exit code 0 on success, 1 on any failure.
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";

const [pyodideDir, wheelDir, depsDirArg] = process.argv.slice(2);
if (!pyodideDir || !wheelDir) {
  console.error("usage: node smoke.mjs PYODIDE_DIR WHEEL_DIR [DEPS_DIR]");
  process.exit(2);
}
const depsDir = depsDirArg || wheelDir;

function findWheel(dir, prefix) {
  const hits = readdirSync(dir).filter((f) => f.toLowerCase().startsWith(prefix) && f.endsWith(".whl"));
  if (hits.length !== 1) throw new Error(`expected one ${prefix}*.whl in ${dir}, found ${hits.length}`);
  return path.resolve(dir, hits[0]);
}

const PYTHON_SMOKE = String.raw`
import io, json
import numpy as np
import pandas as pd

a = np.arange(12, dtype=np.float64).reshape(3, 4)
assert a.sum() == 66.0 and a.T.shape == (4, 3)
x = np.linalg.solve(np.array([[3.0, 1.0], [1.0, 2.0]]), np.array([9.0, 8.0]))
assert np.allclose(x, [2.0, 3.0]), x
assert np.dtype(np.longdouble).itemsize == 16

CSV = """date,area,service,amount
2025-01-15,North,Libraries,"£1,200.50"
2025-02-03,South,Libraries,£300.00
2025-02-20,North,Parks,£150.25
2025-04-11,South,Parks,"£2,000.00"
2025-05-30,North,Libraries,£99.50
2025-07-01,East,Parks,£400.00
2025-08-19,South,Libraries,£50.00
"""
df = pd.read_csv(io.StringIO(CSV), parse_dates=["date"])
df["amount"] = df["amount"].str.replace("£", "", regex=False).str.replace(",", "", regex=False).astype(float)
by_area = df.groupby("area")["amount"].agg(["sum", "count"])
assert by_area.loc["North", "sum"] == 1450.25 and by_area.loc["South", "count"] == 3, by_area
df["quarter"] = df["date"].dt.to_period("Q").astype(str)
pivot = pd.pivot_table(df, values="amount", index="quarter", columns="service", aggfunc="sum", fill_value=0)
assert pivot.loc["2025Q1", "Libraries"] == 1500.5 and pivot.loc["2025Q2", "Parks"] == 2000.0, pivot
assert list(pivot.index) == ["2025Q1", "2025Q2", "2025Q3"]
print(pivot.to_string())

from markupsafe import escape, Markup
import importlib.util
assert str(escape("<b>&</b>")) == "&lt;b&gt;&amp;&lt;/b&gt;"
assert importlib.util.find_spec("markupsafe._speedups") is None, "markupsafe should be pure Python"

json.dumps({"numpy": np.__version__, "pandas": pd.__version__})
`;

async function main() {
  const t = {};
  let t0 = performance.now();
  const { loadPyodide } = await import(pathToFileURL(path.resolve(pyodideDir, "pyodide.mjs")).href);
  const pyodide = await loadPyodide({ indexURL: path.resolve(pyodideDir) + path.sep });
  t.load_pyodide_s = (performance.now() - t0) / 1000;

  const wheels = [
    findWheel(wheelDir, "numpy-"),
    findWheel(depsDir, "six-"),
    findWheel(depsDir, "python_dateutil-"),
    findWheel(depsDir, "tzdata-"),
    findWheel(wheelDir, "pandas-"),
    findWheel(wheelDir, "markupsafe-"),
  ];
  t0 = performance.now();
  for (const wheel of wheels) {
    await pyodide.loadPackage(pathToFileURL(wheel).href, { messageCallback: () => {}, checkIntegrity: false });
  }
  t.install_wheels_s = (performance.now() - t0) / 1000;

  // Wall time, and this process's CPU time (less sensitive to a busy machine).
  const cpu = (since) => {
    const d = process.cpuUsage(since);
    return (d.user + d.system) / 1e6;
  };
  t0 = performance.now();
  let c0 = process.cpuUsage();
  pyodide.runPython("import numpy");
  t.import_numpy_s = (performance.now() - t0) / 1000;
  t.import_numpy_cpu_s = cpu(c0);
  t0 = performance.now();
  c0 = process.cpuUsage();
  pyodide.runPython("import pandas");
  t.import_pandas_after_numpy_s = (performance.now() - t0) / 1000;
  t.import_pandas_after_numpy_cpu_s = cpu(c0);

  t0 = performance.now();
  const versions = JSON.parse(pyodide.runPython(PYTHON_SMOKE));
  t.smoke_s = (performance.now() - t0) / 1000;
  for (const key of Object.keys(t)) t[key] = Math.round(t[key] * 1000) / 1000;
  t.import_pandas_total_s = Math.round((t.import_numpy_s + t.import_pandas_after_numpy_s) * 1000) / 1000;
  console.log(JSON.stringify({ ok: true, ...versions, node: process.version, ...t }));
}

main().catch((error) => {
  console.error("SMOKE FAILED:", error && error.stack ? error.stack : error);
  process.exit(1);
});
