#!/bin/bash
# Build numpy, pandas (wasm32, for the lab's Pyodide 314) and a pure-Python markupsafe wheel, from
# pinned PyPI sdists, in a Debian sid chroot with Debian's emscripten. See README.md beside this file.
#
#   sudo bash jupyterlite/wheels/build.sh            build the wheels not yet in jupyterlite/wheels/
#   sudo bash jupyterlite/wheels/build.sh --force    rebuild all three
#   make wheels                                      the same as the first (run as root)
#
# Needs (host): root, debootstrap, python3 with pip, npm, sha256sum, about 3 GB in /var/tmp.
# Environment: ACADEMY_CHROOT (default /var/tmp/academy-sid-chroot), ACADEMY_WHEELS_CACHE
# (default /var/tmp/academy-wheels-cache), DEBIAN_MIRROR (default: debootstrap's own), JOBS (default 2).
# Never run by `make run`, `make test` or CI: a full build takes about 20 minutes on 2 cores.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CHROOT="${ACADEMY_CHROOT:-/var/tmp/academy-sid-chroot}"
CACHE="${ACADEMY_WHEELS_CACHE:-/var/tmp/academy-wheels-cache}"
JOBS="${JOBS:-2}"
FORCE=0
[ "${1:-}" = "--force" ] && FORCE=1

TAG=cp314-cp314-pyemscripten_2026_0_wasm32
PYODIDE_VERSION=314.0.6
PYODIDE_SHA256=d78ac549b28a2a58600cd06f44e017024151775f8c6b2d73fab1475400d38ea2
# name version sha256 of each sdist (PyPI)
SDISTS=(
  "numpy 2.4.6 f3a3570c4a2a16746ac2c31a7c7c7b0c186b95ce902e33db6f28094ed7387dda"
  "pandas 3.0.2 f4753e73e34c8d83221ba58f232433fca2748be8b18dbca02d242ed153945043"
  "markupsafe 3.0.4 2e9ad7dd851bf45fab9f75cbff4cb493fee9979e8d8c7c9c3ee119022518edd6"
)
# Build tools for the chroot's venv (Python 3.14, x86_64): downloaded on the host, installed offline.
BUILD_TOOLS=(meson==1.12.1 ninja==1.13.2 cython==3.2.4 "versioneer[toml]==0.29" setuptools==80.9.0 wheel==0.45.1 packaging==25.0)
DEBIAN_PACKAGES=(emscripten python3.14 python3.14-dev python3.14-venv make xz-utils ca-certificates)
APT=(apt-get -o Acquire::Check-Valid-Until=false -o APT::Install-Recommends=false -y -q)

step() { echo; echo "==> $*"; }
die() { echo "build.sh: ERROR: $*" >&2; exit 1; }
LOGS="$CACHE/logs"

# run_logged NAME CMD... : run a long step with its output in $LOGS/NAME.log; on failure show the tail.
run_logged() {
  local name="$1"; shift
  mkdir -p "$LOGS"
  echo "    (log: $LOGS/$name.log)"
  if ! "$@" >"$LOGS/$name.log" 2>&1; then
    echo "---- last lines of $LOGS/$name.log ----" >&2
    tail -n 25 "$LOGS/$name.log" >&2
    die "step '$name' failed; full log: $LOGS/$name.log"
  fi
}

in_chroot() {
  chroot "$CHROOT" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb PYTHONUNBUFFERED=1 JOBS="$JOBS" \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"
}

[ "$(id -u)" = 0 ] || die "run as root (it creates and enters a chroot in $CHROOT)"
for tool in debootstrap python3 npm sha256sum chroot mountpoint; do
  command -v "$tool" >/dev/null || die "$tool is not installed on this machine (Debian: apt-get install debootstrap)"
done
case "$CHROOT" in "$HERE"/* | "$(cd "$HERE/../.." && pwd)"/*) die "ACADEMY_CHROOT must be outside the repository" ;; esac
mkdir -p "$CACHE/sdists" "$CACHE/buildtools" "$CACHE/npm"

wheel_path() { echo "$HERE/$1-$2-$3.whl"; }
want() {  # want NAME VERSION TAG -> true if the wheel must be (re)built
  [ "$FORCE" = 1 ] || [ ! -f "$(wheel_path "$@")" ]
}
NEED_NUMPY=0; NEED_PANDAS=0; NEED_MARKUPSAFE=0
want numpy 2.4.6 "$TAG" && NEED_NUMPY=1
want pandas 3.0.2 "$TAG" && NEED_PANDAS=1
want markupsafe 3.0.4 py3-none-any && NEED_MARKUPSAFE=1
# pandas is built against the numpy tree of this run's numpy step
[ "$NEED_PANDAS" = 1 ] && [ ! -d "$CHROOT/opt/academy/build/numpy-stage/site/numpy" ] && NEED_NUMPY=1
if [ "$NEED_NUMPY$NEED_PANDAS$NEED_MARKUPSAFE" = 000 ]; then
  echo "All wheels are present in $HERE (use --force to rebuild)."; exit 0
fi

# ---------------------------------------------------------------------------------------------------
step "1/7 sources: pinned sdists (pip) and pyodide@$PYODIDE_VERSION (npm), sha256 verified"
for entry in "${SDISTS[@]}"; do
  read -r name version sha <<<"$entry"
  file="$CACHE/sdists/$name-$version.tar.gz"
  if [ ! -f "$file" ]; then
    # pip would compile meson-python projects natively just to read their metadata: a stand-in
    # backend (tools/sdist_stub) answers from PKG-INFO instead. Nothing is built or installed.
    PYTHONPATH="$HERE/tools/sdist_stub" run_logged "download-$name" python3 -m pip download --no-deps \
      --no-binary :all: --no-build-isolation --disable-pip-version-check --progress-bar off \
      -d "$CACHE/sdists" "$name==$version"
  fi
  [ -f "$file" ] || die "pip download did not produce $file"
  echo "$sha  $file" | sha256sum -c --quiet - || { rm -f "$file"; die "sha256 mismatch for $name-$version.tar.gz (deleted; pinned $sha)"; }
  echo "    $name-$version.tar.gz  sha256 ok"
done
tarball="$CACHE/npm/pyodide-$PYODIDE_VERSION.tgz"
[ -f "$tarball" ] || run_logged npm-pack-pyodide npm pack "pyodide@$PYODIDE_VERSION" --pack-destination "$CACHE/npm"
echo "$PYODIDE_SHA256  $tarball" | sha256sum -c --quiet - || { rm -f "$tarball"; die "sha256 mismatch for pyodide-$PYODIDE_VERSION.tgz (deleted)"; }
echo "    pyodide-$PYODIDE_VERSION.tgz  sha256 ok"
if ! ls "$CACHE/buildtools"/meson-1.12.1-*.whl "$CACHE/buildtools"/cython-3.2.4-*.whl >/dev/null 2>&1; then
  run_logged download-buildtools python3 -m pip download --only-binary=:all: --python-version 3.14 \
    --implementation cp --abi cp314 --abi none --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 \
    --platform manylinux2014_x86_64 --platform any --disable-pip-version-check --progress-bar off \
    -d "$CACHE/buildtools" "${BUILD_TOOLS[@]}"
fi

# ---------------------------------------------------------------------------------------------------
step "2/7 chroot: Debian sid (minbase) in $CHROOT"
if [ ! -f "$CHROOT/.academy-debootstrap-done" ]; then
  [ -e "$CHROOT" ] && [ -n "$(ls -A "$CHROOT" 2>/dev/null)" ] && echo "    $CHROOT exists but is unfinished: re-running debootstrap over it"
  # shellcheck disable=SC2086
  run_logged debootstrap nice -n 10 debootstrap --variant=minbase sid "$CHROOT" ${DEBIAN_MIRROR:-}
  touch "$CHROOT/.academy-debootstrap-done"
else
  echo "    reusing it"
fi
MOUNTED_PROC=0
cleanup() { if [ "$MOUNTED_PROC" = 1 ]; then umount "$CHROOT/proc" || true; fi; }
trap cleanup EXIT
if ! mountpoint -q "$CHROOT/proc"; then mount -t proc proc "$CHROOT/proc"; MOUNTED_PROC=1; fi
cp /etc/resolv.conf "$CHROOT/etc/resolv.conf" 2>/dev/null || true

step "3/7 chroot packages: ${DEBIAN_PACKAGES[*]}"
stamp="$CHROOT/.academy-packages"
if [ "$(cat "$stamp" 2>/dev/null)" != "${DEBIAN_PACKAGES[*]}" ]; then
  # The sid index served here can be past its Valid-Until date, hence Check-Valid-Until=false.
  run_logged apt-update in_chroot "${APT[@]}" update
  run_logged apt-install in_chroot env DEBIAN_FRONTEND=noninteractive nice -n 10 "${APT[@]}" install "${DEBIAN_PACKAGES[@]}"
  echo "${DEBIAN_PACKAGES[*]}" >"$stamp"
else
  echo "    already installed"
fi
in_chroot emcc --version >/dev/null 2>&1 || die "emcc does not run in the chroot (see $LOGS/apt-install.log)"

step "4/7 build venv in the chroot: ${BUILD_TOOLS[*]}"
rm -rf "$CHROOT/opt/academy/wheelhouse"; mkdir -p "$CHROOT/opt/academy/wheelhouse"
cp "$CACHE/buildtools"/*.whl "$CHROOT/opt/academy/wheelhouse/"
stamp="$CHROOT/opt/academy-venv/.academy-tools"
if [ "$(cat "$stamp" 2>/dev/null)" != "${BUILD_TOOLS[*]}" ]; then
  rm -rf "$CHROOT/opt/academy-venv"
  run_logged venv in_chroot python3.14 -m venv /opt/academy-venv
  run_logged venv-install in_chroot /opt/academy-venv/bin/pip install --no-index --find-links /opt/academy/wheelhouse \
    --disable-pip-version-check "${BUILD_TOOLS[@]}"
  echo "${BUILD_TOOLS[*]}" >"$stamp"
else
  echo "    already there"
fi

# ---------------------------------------------------------------------------------------------------
step "5/7 wasm32 target Python (pyconfig.h rewritten from Pyodide's sysconfigdata)"
A="$CHROOT/opt/academy"
rm -rf "$A/tools" "$A/src" "$A/out"
mkdir -p "$A/src" "$A/pyodide" "$A/out"
cp -r "$HERE/tools" "$A/tools"
ln -sf emcc-wrapper "$A/tools/em++-wrapper"
for entry in "${SDISTS[@]}"; do read -r name version _ <<<"$entry"; cp "$CACHE/sdists/$name-$version.tar.gz" "$A/src/"; done
tar -xzf "$tarball" -C "$A/pyodide" package/python_stdlib.zip package/pyodide.asm.wasm
python3 - "$A/pyodide/package/python_stdlib.zip" "$A/pyodide" <<'EOF' || die "python_stdlib.zip has no _sysconfigdata__emscripten_wasm32-emscripten.py"
import sys, zipfile
name = "_sysconfigdata__emscripten_wasm32-emscripten.py"
with zipfile.ZipFile(sys.argv[1]) as z:
    open(f"{sys.argv[2]}/{name}", "wb").write(z.read(name))
EOF
run_logged target in_chroot nice -n 10 bash /opt/academy/tools/inner.sh target

# ---------------------------------------------------------------------------------------------------
built=()
if [ "$NEED_NUMPY" = 1 ]; then
  step "6/7 numpy 2.4.6 (about 6 minutes)"
  run_logged numpy in_chroot nice -n 10 bash /opt/academy/tools/inner.sh numpy
  built+=("numpy-2.4.6-$TAG.whl")
fi
if [ "$NEED_PANDAS" = 1 ]; then
  step "6/7 pandas 3.0.2 (about 11 minutes)"
  run_logged pandas in_chroot nice -n 10 bash /opt/academy/tools/inner.sh pandas
  built+=("pandas-3.0.2-$TAG.whl")
fi
if [ "$NEED_MARKUPSAFE" = 1 ]; then
  step "6/7 markupsafe 3.0.4, pure Python"
  run_logged markupsafe in_chroot nice -n 10 bash /opt/academy/tools/inner.sh markupsafe
  built+=("markupsafe-3.0.4-py3-none-any.whl")
fi

step "7/7 copy into $HERE, check symbols, write SHA256SUMS"
for wheel in "${built[@]}"; do
  [ -f "$A/out/$wheel" ] || die "the build did not produce $wheel"
  cp "$A/out/$wheel" "$HERE/$wheel"
  echo "    $wheel  $(du -h "$HERE/$wheel" | cut -f1)"
done
for wheel in "$HERE"/*-"$TAG".whl; do
  python3 "$HERE/symbols.py" "$wheel" "$A/pyodide/package/pyodide.asm.wasm" \
    || die "$(basename "$wheel") imports functions pyodide.asm.wasm does not export (listed above)"
done
(cd "$HERE" && sha256sum -- *.whl >SHA256SUMS)
cat "$HERE/SHA256SUMS"
echo "Done. Smoke test: node jupyterlite/wheels/smoke.mjs PYODIDE_DIR jupyterlite/wheels EXTRA_WHEELS_DIR (see README.md)"
