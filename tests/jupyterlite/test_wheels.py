"""The committed numpy/pandas/markupsafe wheels really work with the lab's Pyodide, checked without
rebuilding them: checksums, every wasm import of every extension module exported by
``pyodide.asm.wasm`` (and the check fails on a deliberately missing symbol), and a Node smoke test of
Pyodide importing pandas and running read_csv → groupby → pivot."""

import importlib.util
import json
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from django.conf import settings

from jupyterlite.lab import build, wheels

WHEELS = wheels.LOCAL_WHEELS_DIR


def _symbols():
    spec = importlib.util.spec_from_file_location("lab_wheel_symbols", WHEELS / "symbols.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def symbols():
    return _symbols()


@pytest.fixture(scope="module")
def pyodide_core(tmp_path_factory) -> Path:
    """The Pyodide core (pyodide.asm.wasm and friends) from the npm tarball the lab build caches."""
    cache = Path(settings.BASE_DIR) / "var" / "lab-cache"
    tarball = build.fetch_pyodide(cache, log=lambda _: None)
    target = tmp_path_factory.mktemp("pyodide")
    with tarfile.open(tarball) as archive:
        for name in (*build.PYODIDE_FILES, "pyodide-lock.json"):
            (target / name).write_bytes(archive.extractfile(f"package/{name}").read())
    return target


def committed_wheels() -> list[Path]:
    return [build.local_wheels()[name] for name in wheels.LOCAL_WHEELS]


def test_every_committed_wheel_matches_sha256sums():
    sums = wheels.read_sha256sums(WHEELS / "SHA256SUMS")
    assert {path.name for path in committed_wheels()} <= set(sums)
    for path in committed_wheels():
        assert build._sha256(path) == sums[path.name], path.name


@pytest.mark.parametrize("name", wheels.LOCAL_WHEELS)
def test_every_wasm_import_is_exported_by_pyodide(name, symbols, pyodide_core):
    wheel = build.local_wheels()[name]
    missing = symbols.missing_env_functions(wheel, pyodide_core / "pyodide.asm.wasm")
    assert missing == [], f"{wheel.name} imports functions pyodide.asm.wasm does not export: {missing[:20]}"
    has_extensions = any(n.endswith(".so") for n in zipfile.ZipFile(wheel).namelist())
    assert has_extensions == (name != "markupsafe"), "markupsafe must be pure Python; numpy/pandas compiled"


def test_the_symbol_check_fails_on_a_missing_symbol(symbols, tmp_path):
    """A main module exporting every import of pandas but one: the check names exactly that one."""
    wheel = build.local_wheels()["pandas"]
    imports = sorted(set().union(*symbols.env_function_imports(wheel).values()))
    assert len(imports) > 100
    dropped = imports[len(imports) // 2]
    assert symbols.missing_env_functions(wheel, symbols.build_module(exports=imports)) == []
    main = tmp_path / "main.wasm"
    main.write_bytes(symbols.build_module(exports=[n for n in imports if n != dropped]))
    assert symbols.missing_env_functions(wheel, main) == [dropped]
    cli = subprocess.run(  # noqa: S603 - our own script
        ["python3", str(WHEELS / "symbols.py"), str(wheel), str(main)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert cli.returncode == 1 and dropped in cli.stdout + cli.stderr


def test_node_smoke_pandas_in_pyodide(pyodide_core, tmp_path):
    """Pyodide under Node installs the wheels from local files and runs read_csv → groupby → pivot."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: the smoke test needs Node.js (the lab build needs it too)")
    cache = Path(settings.BASE_DIR) / "var" / "lab-cache"
    deps = build.download_wheels(
        [
            tuple(spec.split("=="))
            for spec in wheels.ON_DEMAND_WHEELS
            if spec.split("==")[0] in {"python-dateutil", "six", "tzdata"}
        ],
        cache,
        log=lambda _: None,
    )
    for path in deps.values():
        shutil.copyfile(path, tmp_path / path.name)
    done = subprocess.run(  # noqa: S603
        [node, str(WHEELS / "smoke.mjs"), str(pyodide_core), str(WHEELS), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:] + done.stdout[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["ok"] is True and result["pandas"] == "3.0.2" and result["numpy"] == "2.4.6"
