#!/bin/bash
# Runs INSIDE the build chroot (started by ../build.sh, which copies this folder to /opt/academy/tools
# and the verified sdists to /opt/academy/src). One step per call:
#   inner.sh target      lay out the wasm32 target Python (headers, sysconfigdata, cross-python)
#   inner.sh numpy       build numpy  -> /opt/academy/out/numpy-*.whl
#   inner.sh pandas      build pandas -> /opt/academy/out/pandas-*.whl (needs the numpy step's tree)
#   inner.sh markupsafe  build markupsafe without its C speedups -> /opt/academy/out/markupsafe-*-py3-none-any.whl
set -euo pipefail

A=/opt/academy
VENV=/opt/academy-venv
TAG=cp314-cp314-pyemscripten_2026_0_wasm32
JOBS=${JOBS:-2}
NUMPY=numpy-2.4.6
PANDAS=pandas-3.0.2
MARKUPSAFE=markupsafe-3.0.4
export PATH="$VENV/bin:/usr/local/bin:/usr/bin:/bin"
export EM_CACHE="$A/em-cache"
export SOURCE_DATE_EPOCH=1704067200
export LC_ALL=C.UTF-8

die() { echo "inner.sh: $*" >&2; exit 1; }

fresh_source() {  # fresh_source NAME -> unpacks /opt/academy/src/NAME.tar.gz into /opt/academy/build/NAME
  rm -rf "$A/build/$1"
  mkdir -p "$A/build"
  tar -xzf "$A/src/$1.tar.gz" -C "$A/build" || die "cannot unpack $1.tar.gz"
}

meson_common=(
  --cross-file "$A/tools/cross-emscripten.ini"
  --buildtype=release -Db_ndebug=if-release
  --prefix=/usr -Dpython.platlibdir=/site -Dpython.purelibdir=/site
)

step_target() {
  local data="$A/pyodide/_sysconfigdata__emscripten_wasm32-emscripten.py"
  [ -f "$data" ] || die "missing $data (build.sh extracts it from python_stdlib.zip)"
  python3.14 "$A/tools/wasm_python.py" "$data" \
    /usr/include/x86_64-linux-gnu/python3.14/pyconfig.h /usr/include/python3.14 "$A/target"
  "$A/target/bin/cross-python" -c 'import sysconfig; s = sysconfig.get_config_var("EXT_SUFFIX"); assert s == ".cpython-314-wasm32-emscripten.so", s; print("cross-python EXT_SUFFIX", s)'
  # A first emcc run fills the Emscripten cache (sysroot headers); a tiny side module checks the flags.
  mkdir -p "$A/build/probe"
  printf '#include <Python.h>\nint probe(void) { return (int)sizeof(void *) + (int)sizeof(long) + PYLONG_BITS_IN_DIGIT; }\n' > "$A/build/probe/probe.c"
  "$A/tools/emcc-wrapper" -O2 -I"$A/target/include/python3.14" -shared "$A/build/probe/probe.c" -o "$A/build/probe/probe.so" \
    || die "emcc cannot build a side module against the wasm32 Python headers"
  echo "target: ready (emcc $(emcc --version | head -1 | sed 's/.* \([0-9][0-9.]*\) .*/\1/'))"
}

step_numpy() {
  fresh_source "$NUMPY"
  cd "$A/build/$NUMPY"
  rm -rf "$A/build/numpy-build" "$A/build/numpy-stage"
  python3.14 vendored-meson/meson/meson.py setup "$A/build/numpy-build" "${meson_common[@]}" \
    -Dallow-noblas=true -Ddisable-optimization=true \
    || die "numpy: meson setup failed (log: $A/build/numpy-build/meson-logs/meson-log.txt)"
  ninja -C "$A/build/numpy-build" -j"$JOBS" || die "numpy: compile failed"
  python3.14 vendored-meson/meson/meson.py install -C "$A/build/numpy-build" --destdir "$A/build/numpy-stage" \
    --tags runtime,python-runtime,devel --quiet || die "numpy: meson install failed"
  mkdir -p "$A/out"
  rm -f "$A/out/$NUMPY-"*.whl
  python3.14 "$A/tools/make_wheel.py" "$A/build/numpy-stage/site" PKG-INFO "$TAG" "$A/out" --license LICENSE.txt
}

step_pandas() {
  local numpy_tree="$A/build/numpy-stage/site/numpy"
  [ -d "$numpy_tree/_core/include/numpy" ] || die "pandas: no wasm numpy tree at $numpy_tree (run the numpy step first)"
  # Stand-in numpy for the build: its headers and .pxd files, and get_include() pointing at them.
  local standin="$A/build/numpy-standin"
  rm -rf "$standin"
  mkdir -p "$standin/numpy/_core"
  cp -r "$numpy_tree/_core/include" "$standin/numpy/_core/include"
  cp "$numpy_tree"/__init__*.pxd "$standin/numpy/" 2>/dev/null || die "pandas: the wasm numpy tree has no __init__.pxd"
  cat > "$standin/numpy/__init__.py" <<EOF
"""Stand-in for the wasm32 numpy while building pandas: headers and .pxd files only."""
import os
__version__ = "${NUMPY#numpy-}"
def get_include():
    return os.path.join(os.path.dirname(__file__), "_core", "include")
EOF
  fresh_source "$PANDAS"
  cd "$A/build/$PANDAS"
  rm -rf "$A/build/pandas-build" "$A/build/pandas-stage"
  # pandas runs helper scripts (generate_pxi.py needs Cython's Tempita) with the cross python too.
  export PYTHONPATH="$standin" EXTRA_CROSS_PYTHONPATH="$standin:$VENV/lib/python3.14/site-packages"
  meson setup "$A/build/pandas-build" "${meson_common[@]}" \
    || die "pandas: meson setup failed (log: $A/build/pandas-build/meson-logs/meson-log.txt)"
  ninja -C "$A/build/pandas-build" -j"$JOBS" || die "pandas: compile failed"
  meson install -C "$A/build/pandas-build" --destdir "$A/build/pandas-stage" --quiet || die "pandas: meson install failed"
  unset PYTHONPATH EXTRA_CROSS_PYTHONPATH
  mkdir -p "$A/out"
  rm -f "$A/out/$PANDAS-"*.whl
  python3.14 "$A/tools/make_wheel.py" "$A/build/pandas-stage/site" PKG-INFO "$TAG" "$A/out" \
    --license LICENSE --drop pandas/tests
}

step_markupsafe() {
  fresh_source "$MARKUPSAFE"
  cd "$A/build/$MARKUPSAFE"
  # Speedups off: setup.py then builds no extension and the wheel is pure Python (py3-none-any).
  grep -q '^supports_speedups = platform.python_implementation() not in {' setup.py \
    || die "markupsafe: setup.py does not have the expected supports_speedups line"
  python3.14 - <<'EOF'
import re, pathlib
p = pathlib.Path("setup.py")
s = p.read_text()
s, n = re.subn(r"^supports_speedups = platform\.python_implementation\(\) not in \{.*?\}\n",
               "supports_speedups = False  # data-academy: pure-Python wheel for Pyodide\n", s, flags=re.S | re.M)
assert n == 1, "supports_speedups not replaced"
p.write_text(s)
EOF
  mkdir -p "$A/out"
  rm -f "$A/out/$MARKUPSAFE-"*.whl
  "$VENV/bin/python" -m pip wheel --no-deps --no-build-isolation --no-index --disable-pip-version-check \
    -w "$A/out" . || die "markupsafe: pip wheel failed"
  ls "$A/out/$MARKUPSAFE-py3-none-any.whl" >/dev/null 2>&1 || die "markupsafe: no py3-none-any wheel was produced"
}

case "${1:-}" in
  target | numpy | pandas | markupsafe) "step_$1" ;;
  *) die "usage: inner.sh target|numpy|pandas|markupsafe" ;;
esac
