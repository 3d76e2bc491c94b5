"""Build the JupyterLite site (Pyodide kernel, served by the app itself, no other host needed).

    build_lab(output_dir=..., cache_dir=...)

1. ``npm pack pyodide@VERSION`` (cached) and unpack the core into ``static/pyodide``.
2. ``pip download`` the start-up wheels (the lock closure of ``wheels.LOCK_PACKAGES`` and
   ``wheels.STARTUP_WHEELS``) for the Pyodide platform (cached), take the kernel's own wheels
   (``wheels.KERNEL_WHEELS``) from the installed kernel extension, copy them all next to the lock with
   the project's ``academy`` helper wheel, and rewrite ``pyodide-lock.json`` so it lists only what is
   shipped, with our files' names and hashes.
3. Datasets and exercise notebooks in ``files/``; ``jupyter-lite.json`` with the PyPI fallback disabled
   and every start-up package preloaded in one batch (``wheels.PRELOAD``).
4. ``jupyter lite build`` with a fixed source-date epoch, then write a brotli (``.br``) and a gzip
   (``.gz``) copy beside every compressible file, so the server sends the precompressed copy the
   browser accepts. Wheels and ``python_stdlib.zip`` are repacked uncompressed ("stored") first: one
   brotli stream over the whole archive is far smaller on the wire than per-member deflate, and
   Pyodide unpacks stored members without inflating them. Brotli at quality 11 is slow (a minute for
   the 9.6 MB ``pyodide.asm.wasm``), so compressed copies are cached in the cache folder by content hash.

Same inputs give the same bytes out (``tree_digest``). Downloads are cached in ``cache_dir``.
"""

import gzip
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jupyterlite.sample_data import DEFAULT_SEED, write_all

from . import wheels

SOURCE_DATE_EPOCH = 1704067200  # 2024-01-01: fixes every timestamp the build writes
PYODIDE_FILES = (
    "package.json",
    "pyodide.mjs",
    "pyodide.js",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
)
COMPRESSIBLE = {
    ".js",
    ".mjs",
    ".css",
    ".json",
    ".wasm",
    ".html",
    ".svg",
    ".txt",
    ".csv",
    ".ipynb",
    ".zip",
    ".ttf",
    ".eot",
    ".map",
    ".md",
    ".whl",
}
BROTLI_QUALITY = 11
APPS = ("lab", "notebooks", "repl", "tree")
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"


class LabBuildError(RuntimeError):
    """A step of the lab build failed; the message says which and why."""


@dataclass(frozen=True)
class LabBuildResult:
    output_dir: Path
    files: int
    bytes: int
    gzip_bytes: int
    brotli_bytes: int
    digest: str
    seconds: float


def _run(command: list[str], *, what: str, cwd: Path | None = None) -> str:
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False, timeout=900)  # noqa: S603
    except FileNotFoundError as error:
        raise LabBuildError(f"{what} failed: {command[0]} is not installed or not on PATH.") from error
    except subprocess.TimeoutExpired as error:
        raise LabBuildError(f"{what} failed: it took longer than 15 minutes.") from error
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-12:])
        raise LabBuildError(f"{what} failed (exit {done.returncode}):\n{tail}")
    return done.stdout


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def repack_stored(data: bytes) -> bytes:
    """The same zip archive with every member stored uncompressed (same names, order, dates, modes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for info in source.infolist():
            copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            copy.external_attr, copy.create_system = info.external_attr, info.create_system
            copy.compress_type = zipfile.ZIP_STORED
            target.writestr(copy, source.read(info))
    return out.getvalue()


def fetch_pyodide(cache_dir: Path, *, log: Callable[[str], None]) -> Path:
    """The npm tarball of Pyodide, downloaded once into the cache."""
    npm_dir = cache_dir / "npm"
    tarball = npm_dir / f"pyodide-{wheels.PYODIDE_VERSION}.tgz"
    if tarball.exists():
        log(f"  pyodide {wheels.PYODIDE_VERSION}: cached")
        return tarball
    npm_dir.mkdir(parents=True, exist_ok=True)
    log(f"  pyodide {wheels.PYODIDE_VERSION}: npm pack ...")
    npm = shutil.which("npm")
    if npm is None:
        raise LabBuildError("Fetching Pyodide failed: npm is not installed or not on PATH.")
    _run(
        [
            npm,
            "pack",
            f"pyodide@{wheels.PYODIDE_VERSION}",
            "--pack-destination",
            str(npm_dir),
        ],
        what="npm pack pyodide",
    )
    if not tarball.exists():
        raise LabBuildError(f"npm pack did not produce {tarball.name}")
    return tarball


def unpack_pyodide(tarball: Path, target: Path) -> dict:
    """Copy the Pyodide core into ``target``; return the parsed lock."""
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(tarball) as archive:
        for name in (*PYODIDE_FILES, "pyodide-lock.json"):
            member = archive.getmember(f"package/{name}")
            source = archive.extractfile(member)
            if source is None:
                raise LabBuildError(f"{tarball.name} has no file {name}")
            data = source.read()
            (target / name).write_bytes(repack_stored(data) if name.endswith(".zip") else data)
    return json.loads((target / "pyodide-lock.json").read_text())


def _cached_wheel(directory: Path, name: str, version: str) -> Path | None:
    prefix = f"{_norm(name)}-{version}-".lower()
    for path in sorted(directory.glob("*.whl")):
        if path.name.lower().startswith(prefix):
            return path
    return None


def download_wheels(
    specs: list[tuple[str, str]], cache_dir: Path, *, log: Callable[[str], None]
) -> dict[str, Path]:
    """``pip download`` each (name, version) for the Pyodide platform, unless already cached."""
    directory = cache_dir / "wheels"
    directory.mkdir(parents=True, exist_ok=True)
    missing = [(n, v) for n, v in specs if _cached_wheel(directory, n, v) is None]
    log(f"  wheels: {len(specs) - len(missing)} cached, {len(missing)} to download")
    if missing:
        command = [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--only-binary=:all:",
            "--dest",
            str(directory),
        ]
        for platform in wheels.PLATFORMS:
            command += ["--platform", platform]
        command += [
            "--python-version",
            wheels.PYTHON_VERSION,
            "--implementation",
            "cp",
            "--abi",
            wheels.ABI,
            "--abi",
            "none",
        ]
        command += ["--disable-pip-version-check", "--progress-bar", "off"]
        _run(
            command + [f"{n}=={v}" for n, v in missing],
            what="Downloading wheels (" + ", ".join(n for n, _ in missing) + ")",
        )
    found = {}
    for name, version in specs:
        path = _cached_wheel(directory, name, version)
        if path is None:
            raise LabBuildError(
                f"Downloading wheels failed: no wheel for {name}=={version} after pip download."
            )
        found[name] = path
    return found


def _copy_stored(wheel: Path, directory: Path) -> Path:
    target = directory / wheel.name
    target.write_bytes(repack_stored(wheel.read_bytes()))
    return target


def kernel_wheels_dir() -> Path:
    """The ``static/pypi`` folder of the installed Pyodide kernel extension (piplite, ipykernel, ...)."""
    from jupyter_core.paths import jupyter_path

    for base in jupyter_path("labextensions"):
        folder = Path(base) / "@jupyterlite" / "pyodide-kernel-extension" / "static" / "pypi"
        if folder.is_dir():
            return folder
    raise LabBuildError(
        "The Pyodide kernel extension is not installed (no @jupyterlite/pyodide-kernel-extension in the "
        "Jupyter labextensions paths): install jupyterlite-pyodide-kernel."
    )


def kernel_wheels() -> dict[str, Path]:
    folder = kernel_wheels_dir()
    found = {}
    for name in wheels.KERNEL_WHEELS:
        matches = sorted(folder.glob(f"{_norm(name)}-*.whl"))
        if len(matches) != 1:
            raise LabBuildError(f"Expected one {name} wheel in {folder}, found {len(matches)}.")
        found[name] = matches[0]
    return found


def local_wheels() -> dict[str, Path]:
    """The wheels the project built itself (``wheels.LOCAL_WHEELS``), each checked against SHA256SUMS."""
    folder = wheels.LOCAL_WHEELS_DIR
    sums_file = folder / "SHA256SUMS"
    if not sums_file.is_file():
        raise LabBuildError(
            f"{sums_file} is missing: the project's numpy/pandas wheels are not in the checkout "
            "(see jupyterlite/wheels/README.md)."
        )
    try:
        sums = wheels.read_sha256sums(sums_file)
    except ValueError as error:
        raise LabBuildError(str(error)) from error
    found = {}
    for name in wheels.LOCAL_WHEELS:
        matches = sorted(folder.glob(f"{_norm(name)}-*.whl"))
        if len(matches) != 1:
            raise LabBuildError(f"Expected one {name} wheel in {folder}, found {len(matches)}.")
        wheel = matches[0]
        tags = wheel.name.removesuffix(".whl").split("-")[-3:]
        if tags != ["py3", "none", "any"] and tags != [wheels.ABI, wheels.ABI, wheels.PLATFORMS[0]]:
            raise LabBuildError(
                f"{wheel.name} is not built for this Pyodide ({wheels.ABI}, {wheels.PLATFORMS[0]})."
            )
        if sums.get(wheel.name) != _sha256(wheel):
            raise LabBuildError(f"{wheel.name} does not match its SHA256SUMS entry: rebuild or re-check it.")
        found[name] = wheel
    return found


def on_demand_wheels(
    shipped: dict[str, Path], cache_dir: Path, *, log: Callable[[str], None]
) -> dict[str, Path]:
    """The analysis wheels (not preloaded): the project's own plus pinned pure-Python ones from PyPI,
    leaving out any the start-up closure already ships."""
    have = {_norm(name) for name in shipped}
    specs = [tuple(spec.split("==")) for spec in wheels.ON_DEMAND_WHEELS]
    downloaded = download_wheels([(n, v) for n, v in specs if _norm(n) not in have], cache_dir, log=log)
    return downloaded | local_wheels()


def rewrite_lock(
    lock: dict,
    shipped: dict[str, Path],
    pyodide_dir: Path,
    *,
    helper: Path,
    extra: dict[str, Path] | None = None,
) -> dict:
    """Keep only the shipped packages, pointing each at our copy of its wheel; add the ``extra``
    pure-Python wheels (not in Pyodide's lock) and the helper, so Pyodide can preload them all
    (``import academy`` works in the first cell)."""
    packages = {}
    lock_names = set(shipped) | set(extra or {})
    for wheel in sorted((extra or {}).values()):
        copy = _copy_stored(wheel, pyodide_dir)
        entry = wheels.wheel_lock_entry(copy, sha256=_sha256(copy), lock_names=lock_names)
        packages[entry["name"]] = entry
    for name in sorted(shipped):
        copy = _copy_stored(shipped[name], pyodide_dir)
        packages[name] = {
            **lock["packages"][name],
            "file_name": copy.name,
            "sha256": _sha256(copy),
        }
    helper = _copy_stored(helper, pyodide_dir)
    packages[wheels.HELPER_NAME] = {
        "depends": [],
        "file_name": helper.name,
        "imports": [wheels.HELPER_NAME],
        "install_dir": "site",
        "name": wheels.HELPER_NAME,
        "package_type": "package",
        "sha256": _sha256(helper),
        "unvendored_tests": False,
        "version": wheels.HELPER_VERSION,
    }
    new_lock = {"info": lock["info"], "packages": packages}
    (pyodide_dir / "pyodide-lock.json").write_text(json.dumps(new_lock, indent=1, sort_keys=True) + "\n")
    return new_lock


def check_lock_depends(lock: dict) -> list[str]:
    """Every ``depends`` name that no lock entry provides (Pyodide would try to fetch it and fail)."""
    have = {_norm(name) for name in lock["packages"]} | {
        _norm(entry["name"]) for entry in lock["packages"].values()
    }
    return sorted(
        f"{name} needs {dependency}"
        for name, entry in lock["packages"].items()
        for dependency in entry["depends"]
        if _norm(dependency) not in have
    )


PRECOMPILE_SCRIPT = Path(__file__).with_name("precompile.mjs")
PYC_TAG = "cpython-314"


def _pyc_inputs_key(pyodide_dir: Path) -> str:
    digest = hashlib.sha256(PRECOMPILE_SCRIPT.read_bytes())
    for name in ("pyodide-lock.json", "python_stdlib.zip", "pyodide.asm.wasm"):
        digest.update(hashlib.sha256((pyodide_dir / name).read_bytes()).digest())
    return digest.hexdigest()[:24]


def compile_startup_bytecode(pyodide_dir: Path, cache_dir: Path, *, log: Callable[[str], None]) -> Path:
    """The ``.pyc`` files of every module the kernel imports at start-up or on a first ``import pandas``,
    made by the lab's own Pyodide under Node (``precompile.mjs``); cached by the lock, standard library and
    script they come from."""
    target = cache_dir / "pyc" / _pyc_inputs_key(pyodide_dir)
    if target.is_dir():
        log("  start-up bytecode: cached")
        return target
    node = shutil.which("node")
    if node is None:
        raise LabBuildError("Precompiling the start-up modules failed: node is not installed or not on PATH.")
    partial = target.with_name(target.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    # pandas too: its first import (numpy, pandas, dateutil: ~360 modules) is the lab's slowest step, and
    # bytecode cuts its CPU time about four-fold (3.3 s → 0.8 s under Node).
    packages = [*wheels.PRELOAD, wheels.HELPER_NAME, "pandas"]
    log(
        "  start-up bytecode: "
        + _run(
            [node, str(PRECOMPILE_SCRIPT), str(pyodide_dir), str(partial), *packages],
            what="Precompiling the start-up modules",
        ).strip()
    )
    partial.rename(target)
    return target


def _rewrite_zip(
    path: Path, replacements: dict[str, tuple[str, bytes]], *, record: str | None = None
) -> None:
    """``path`` with each member named in ``replacements`` swapped for (new name, bytes), stored, same
    dates and order; the wheel's RECORD (if named) lists the new names instead of the old."""
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for info, data in members:
            name = info.filename
            if name in replacements:
                name, data = replacements[name]
            elif record is not None and name == record:
                kept = [
                    line for line in data.decode().splitlines() if line.split(",", 1)[0] not in replacements
                ]
                data = (
                    "\n".join(kept + [f"{new},," for new, _ in sorted(replacements.values())]) + "\n"
                ).encode()
            copy = zipfile.ZipInfo(name, date_time=info.date_time)
            copy.external_attr, copy.create_system = info.external_attr, info.create_system
            target.writestr(copy, data)
    path.write_bytes(out.getvalue())


def add_startup_bytecode(pyodide_dir: Path, lock: dict, pyc_dir: Path) -> int:
    """Swap each start-up module's source for its bytecode (``mod.py`` → ``mod.pyc``, what Pyodide's
    own distribution does), in its wheel and in ``python_stdlib.zip``; the helper keeps its source.
    Updates the lock's hashes; returns how many modules were swapped."""
    owners: dict[str, str] = {}
    for name, entry in lock["packages"].items():
        if entry["file_name"].endswith(".whl") and name != wheels.HELPER_NAME:
            with zipfile.ZipFile(pyodide_dir / entry["file_name"]) as archive:
                owners.update(dict.fromkeys(archive.namelist(), name))
    per_wheel: dict[str, dict[str, tuple[str, bytes]]] = {}
    for pyc in sorted((pyc_dir / "site").rglob("*.pyc")):
        source = pyc.relative_to(pyc_dir / "site").as_posix()[:-1]
        if source in owners:
            per_wheel.setdefault(owners[source], {})[source] = (source + "c", pyc.read_bytes())
    for name, replacements in per_wheel.items():
        entry = lock["packages"][name]
        wheel = pyodide_dir / entry["file_name"]
        with zipfile.ZipFile(wheel) as archive:
            record = next((n for n in archive.namelist() if n.endswith(".dist-info/RECORD")), None)
        _rewrite_zip(wheel, replacements, record=record)
        entry["sha256"] = _sha256(wheel)
    stdlib = {}
    for pyc in sorted((pyc_dir / "stdlib").rglob("*.pyc")):
        source = pyc.relative_to(pyc_dir / "stdlib").as_posix()[:-1]
        stdlib[source] = (source + "c", pyc.read_bytes())
    if stdlib:
        _rewrite_zip(pyodide_dir / "python_stdlib.zip", stdlib)
    (pyodide_dir / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n")
    return sum(len(r) for r in per_wheel.values()) + len(stdlib)


def jupyter_lite_config() -> dict:
    """The site's jupyter-lite.json: Pyodide from our copy, never the public index."""
    return {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": "Data Academy lab",
            "exposeAppInBrowser": True,
            "litePluginSettings": {
                KERNEL_PLUGIN: {
                    "pyodideUrl": "./static/pyodide/pyodide.mjs",
                    "disablePyPIFallback": True,
                    "loadPyodideOptions": {"packages": [*wheels.PRELOAD, wheels.HELPER_NAME]},
                }
            },
        },
    }


def stage(
    lite_dir: Path,
    cache_dir: Path,
    *,
    helper_config: dict,
    files: dict[str, bytes],
    seed: int,
    log,
    precompile: bool = True,
) -> None:
    """Assemble the ``jupyter lite build`` input directory from the cache."""
    if lite_dir.exists():
        shutil.rmtree(lite_dir)
    pyodide_dir = lite_dir / "static" / "pyodide"
    log("Pyodide")
    lock = unpack_pyodide(fetch_pyodide(cache_dir, log=log), pyodide_dir)
    names = wheels.lock_closure(lock["packages"], wheels.LOCK_PACKAGES)
    log(f"Start-up wheels ({len(names)}): {', '.join(names)}")
    shipped = download_wheels([(n, lock["packages"][n]["version"]) for n in names], cache_dir, log=log)
    helper = wheels.build_helper_wheel(cache_dir, config=helper_config)
    startup = [tuple(spec.split("==")) for spec in wheels.STARTUP_WHEELS]
    extra = download_wheels(startup, cache_dir, log=log) | kernel_wheels()
    on_demand = on_demand_wheels(shipped, cache_dir, log=log)
    log(f"On demand (installed by the first cell that imports them): {', '.join(sorted(on_demand))}")
    extra |= on_demand
    new_lock = rewrite_lock(lock, shipped, pyodide_dir, helper=helper, extra=extra)
    missing = sorted(set(wheels.PRELOAD) - set(new_lock["packages"]))
    if missing:
        raise LabBuildError(f"Start-up packages missing from the lock: {', '.join(missing)}")
    unmet = check_lock_depends(new_lock)
    if unmet:
        raise LabBuildError("Lock entries depend on packages that are not shipped: " + "; ".join(unmet))
    log(f"Preloaded at start-up: {', '.join(wheels.PRELOAD)}, {wheels.HELPER_NAME} {wheels.HELPER_VERSION}")
    if precompile:
        added = add_startup_bytecode(
            pyodide_dir, new_lock, compile_startup_bytecode(pyodide_dir, cache_dir, log=log)
        )
        log(f"  start-up bytecode: {added} modules shipped compiled (wheels and standard library)")
    if wheels.EXTRA_WHEELS:
        pypi = lite_dir / "pypi"
        pypi.mkdir(parents=True)
        extras = [tuple(spec.split("==")) for spec in wheels.EXTRA_WHEELS]
        for path in download_wheels(extras, cache_dir, log=log).values():
            shutil.copyfile(path, pypi / path.name)
    log("Contents: sample datasets" + (f" and {len(files)} more files" if files else ""))
    write_all(lite_dir / "files" / "datasets", seed=seed)
    for relative, data in sorted(files.items()):
        target = lite_dir / "files" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    (lite_dir / "jupyter-lite.json").write_text(
        json.dumps(jupyter_lite_config(), indent=2, sort_keys=True) + "\n"
    )
    for path in lite_dir.rglob("*"):
        os.utime(path, (SOURCE_DATE_EPOCH, SOURCE_DATE_EPOCH))


def _compressed(data: bytes, kind: str, cache: Path | None) -> bytes:
    """``data`` gzipped or brotli-compressed (both deterministic), cached by content hash."""
    key = cache / f"{hashlib.sha256(data).hexdigest()}.{kind}" if cache else None
    if key is not None and key.is_file():
        return key.read_bytes()
    if kind == "gz":
        packed = gzip.compress(data, compresslevel=9, mtime=0)
    else:
        import brotli

        packed = brotli.compress(data, quality=BROTLI_QUALITY)
    if key is not None:
        key.parent.mkdir(parents=True, exist_ok=True)
        key.write_bytes(packed)
    return packed


def precompress(root: Path, cache: Path | None = None) -> dict[str, int]:
    """Write ``name.br`` and ``name.gz`` beside each compressible file where it saves at least a tenth;
    return the bytes written per encoding."""
    total = {"br": 0, "gz": 0}
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.suffix not in COMPRESSIBLE or path.stat().st_size < 1024:
            continue
        data = path.read_bytes()
        for kind in ("br", "gz"):
            packed = _compressed(data, kind, cache)
            if len(packed) < 0.9 * len(data):
                path.with_name(f"{path.name}.{kind}").write_bytes(packed)
                total[kind] += len(packed)
    return total


def tree_digest(root: Path) -> str:
    """One SHA-256 over every file's relative path and bytes: equal digests, identical builds."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def build_lab(
    *,
    output_dir: Path,
    cache_dir: Path,
    helper_config: dict | None = None,
    files: dict[str, bytes] | None = None,
    seed: int = DEFAULT_SEED,
    log: Callable[[str], None] = print,
    precompile: bool = os.environ.get("LAB_PRECOMPILE", "1") != "0",
) -> LabBuildResult:
    """Build the lab into ``output_dir`` (replaced only once the new build is complete)."""
    started = time.monotonic()
    cache_dir.mkdir(parents=True, exist_ok=True)
    lite_dir, staging = cache_dir / "stage", cache_dir / "output.partial"
    config = helper_config or {}
    stage(
        lite_dir,
        cache_dir,
        helper_config=config,
        files=files or {},
        seed=seed,
        log=log,
        precompile=precompile,
    )
    log("jupyter lite build ...")
    if staging.exists():
        shutil.rmtree(staging)
    jupyter = Path(sys.executable).with_name("jupyter")
    command = [
        str(jupyter),
        "lite",
        "build",
        "--lite-dir",
        str(lite_dir),
        "--output-dir",
        str(staging),
    ]
    command += [
        "--source-date-epoch",
        str(SOURCE_DATE_EPOCH),
        "--no-sourcemaps",
        "--no-libarchive",
    ]
    for app in APPS:
        command += ["--apps", app]
    _run(command, what="jupyter lite build", cwd=lite_dir)
    for junk in (".jupyterlite.doit.db",):
        (staging / junk).unlink(missing_ok=True)
    log("Precompressing (brotli and gzip; cached by content) ...")
    packed = precompress(staging, cache_dir / "compressed")
    if output_dir.exists():
        shutil.rmtree(output_dir)
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    staging.rename(output_dir)
    paths = [p for p in output_dir.rglob("*") if p.is_file() and p.suffix not in {".gz", ".br"}]
    result = LabBuildResult(
        output_dir=output_dir,
        files=len(paths),
        bytes=sum(p.stat().st_size for p in paths),
        gzip_bytes=packed["gz"],
        brotli_bytes=packed["br"],
        digest=tree_digest(output_dir),
        seconds=time.monotonic() - started,
    )
    log(
        f"Lab built in {result.seconds:.1f} s: {result.files} files, {result.bytes / 1e6:.1f} MB, digest {result.digest[:16]}"
    )
    return result


def main() -> None:
    """``python -m jupyterlite.lab.build [repo_root]``: build into var/lab with the cache in var/lab-cache."""
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2]
    try:
        build_lab(output_dir=root / "var" / "lab", cache_dir=root / "var" / "lab-cache")
    except LabBuildError as error:
        sys.exit(f"Lab build failed: {error}")


if __name__ == "__main__":
    main()
