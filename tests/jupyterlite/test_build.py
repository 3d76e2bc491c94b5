"""What the lab build promises: the same inputs give the same bytes, failures say what failed and
leave the served lab as it was, and every start-up package is preloaded from our own lock."""

import json
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from jupyterlite.lab import build, wheels

CACHE = Path(settings.BASE_DIR) / "var" / "lab-cache"
FILES = {"exercises/example.ipynb": json.dumps({"cells": [], "nbformat": 4, "nbformat_minor": 5}).encode()}
CONFIG = {"DATASET_URL": "/datasets/{name}.csv", "TOKEN_URL": "/t/", "ANSWER_URL": "/a/"}


def test_same_inputs_build_identical_trees(tmp_path, lab_built):
    """Two builds from the same inputs (downloads from the cache) hash to the same tree."""
    first = build.build_lab(
        output_dir=tmp_path / "one", cache_dir=CACHE, helper_config=CONFIG, files=FILES, log=lambda _: None
    )
    second = build.build_lab(
        output_dir=tmp_path / "two", cache_dir=CACHE, helper_config=CONFIG, files=FILES, log=lambda _: None
    )
    assert first.digest == second.digest == build.tree_digest(tmp_path / "two")
    assert first.files > 400 and (tmp_path / "one" / "files" / "exercises" / "example.ipynb").is_file()
    # Changing one input changes the digest (the digest really covers the contents).
    (tmp_path / "two" / "files" / "exercises" / "example.ipynb").write_text("{}")
    assert build.tree_digest(tmp_path / "two") != first.digest


def test_built_lab_preloads_every_startup_package_from_its_own_lock(lab_built):
    config = json.loads((lab_built / "jupyter-lite.json").read_text())["jupyter-config-data"]
    kernel = config["litePluginSettings"][build.KERNEL_PLUGIN]
    assert kernel["disablePyPIFallback"] is True
    preload = kernel["loadPyodideOptions"]["packages"]
    # The kernel installs these one by one through micropip unless they are preloaded.
    assert {"micropip", "piplite", "ipykernel", "comm", "pyodide-kernel", "jedi", "ipython"} <= set(preload)
    lock = json.loads((lab_built / "static" / "pyodide" / "pyodide-lock.json").read_text())["packages"]
    shipped = {name.replace("_", "-") for name in lock}  # Pyodide reads "prompt_toolkit" as "prompt-toolkit"
    for name in preload:
        entry = lock[name]
        wheel = lab_built / "static" / "pyodide" / entry["file_name"]
        assert wheel.is_file(), name
        assert build._sha256(wheel) == entry["sha256"], name
        for dependency in entry["depends"]:
            assert dependency.replace("_", "-") in shipped, (
                f"{name} depends on {dependency}, which is not shipped"
            )
    assert lock["pyodide-kernel"]["depends"] == ["comm", "ipython"]


def test_large_files_have_brotli_and_gzip_copies(lab_built):
    for relative in ("static/pyodide/pyodide.asm.wasm", "static/pyodide/python_stdlib.zip"):
        path = lab_built / relative
        for suffix in (".br", ".gz"):
            packed = path.with_name(path.name + suffix)
            assert packed.is_file() and packed.stat().st_size < 0.9 * path.stat().st_size, packed
    jedi = next((lab_built / "static" / "pyodide").glob("jedi-*.whl"))
    assert jedi.with_name(jedi.name + ".br").is_file()


def _failing_run(stderr: str):
    def run(command, **kwargs):
        return subprocess.CompletedProcess(command, 1, stdout="", stderr=stderr)

    return run


def test_npm_failure_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(build.wheels, "PYODIDE_VERSION", "0.0.404")
    monkeypatch.setattr(
        build.subprocess,
        "run",
        _failing_run(
            "npm error code ETARGET\nnpm error notarget No matching version found for pyodide@0.0.404."
        ),
    )
    with pytest.raises(build.LabBuildError) as error:
        build.build_lab(output_dir=tmp_path / "out", cache_dir=tmp_path / "cache", log=lambda _: None)
    assert "npm pack pyodide failed (exit 1)" in str(error.value)
    assert "No matching version found for pyodide@0.0.404" in str(error.value)
    assert not (tmp_path / "out").exists()


def test_missing_npm_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(build.shutil, "which", lambda name: None)
    with pytest.raises(build.LabBuildError, match="npm is not installed or not on PATH"):
        build.fetch_pyodide(tmp_path, log=lambda _: None)


def test_download_failure_names_the_wheels(tmp_path, monkeypatch):
    monkeypatch.setattr(
        build.subprocess,
        "run",
        _failing_run("ERROR: No matching distribution found for jedi==9.9.9"),
    )
    with pytest.raises(build.LabBuildError) as error:
        build.download_wheels([("jedi", "9.9.9")], tmp_path, log=lambda _: None)
    message = str(error.value)
    assert message.startswith("Downloading wheels (jedi) failed (exit 1)")
    assert "No matching distribution found for jedi==9.9.9" in message


def test_failed_build_command_keeps_the_served_lab(tmp_path, monkeypatch, db):
    """The command reports the failure and the lab being served is left exactly as it was."""
    served = tmp_path / "lab"
    served.mkdir()
    (served / "jupyter-lite.json").write_text("previous build")
    monkeypatch.setattr(build.wheels, "PYODIDE_VERSION", "0.0.404")
    monkeypatch.setattr(settings, "BASE_DIR", tmp_path)  # empty download cache: npm must be asked
    monkeypatch.setattr(build.subprocess, "run", _failing_run("npm error 404 Not Found - pyodide@0.0.404"))
    with pytest.raises(CommandError, match=r"The lab build failed\. npm pack pyodide failed"):
        call_command("build_jupyterlite", output=served)
    assert (served / "jupyter-lite.json").read_text() == "previous build"
    assert sorted(p.name for p in served.iterdir()) == ["jupyter-lite.json"]


def test_wheel_lock_entry_reads_metadata(tmp_path):
    wheel = build.kernel_wheels()["pyodide-kernel"]
    entry = wheels.wheel_lock_entry(wheel, sha256="x", lock_names={"comm", "ipython"})
    assert entry["name"] == "pyodide-kernel" and entry["imports"] == ["pyodide_kernel"]
    assert entry["depends"] == ["comm", "ipython"] and entry["version"]


def _wheel(path: Path, name: str, requires: list[str], members: dict[str, str]) -> Path:
    import zipfile

    metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n" + "".join(
        f"Requires-Dist: {r}\n" for r in requires
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"{name}-1.0.dist-info/METADATA", metadata + "\nA description: with a colon.\n")
        for member, text in members.items():
            archive.writestr(member, text)
    return path


def test_lock_entry_keeps_requirements_with_markers_that_apply_in_pyodide(tmp_path):
    """The old writer dropped every requirement with a marker, which lost pandas' numpy and tzdata."""
    wheel = _wheel(
        tmp_path / "fakepandas-1.0-py3-none-any.whl",
        "FakePandas",
        [
            'numpy>=1.26.0; python_version < "3.14"',
            'numpy>=2.3.3; python_version >= "3.14"',
            "python-dateutil>=2.8.2",
            "tzdata>=2022.7; sys_platform == 'win32' or sys_platform == 'emscripten'",
            'colorama; sys_platform == "win32"',
            'pytest>=7; extra == "test"',
        ],
        {"fakepandas/__init__.py": "", "single_module.py": "", "fakepandas/sub/__init__.py": ""},
    )
    entry = wheels.wheel_lock_entry(wheel, sha256="x", lock_names={"numpy", "python-dateutil", "tzdata"})
    assert entry["name"] == "fakepandas" and entry["depends"] == ["numpy", "python-dateutil", "tzdata"]
    assert entry["imports"] == ["fakepandas", "single_module"]  # modules too (six, typing_extensions)


def test_unreadable_requirement_is_a_clear_error():
    with pytest.raises(ValueError, match="Unreadable requirement"):
        wheels.requirement_applies("numpy >>>> 2")


def test_sha256sums_reader(tmp_path):
    sums = tmp_path / "SHA256SUMS"
    sums.write_text(f"{'a' * 64}  numpy.whl\n{'b' * 64} *pandas.whl\n\n")
    assert wheels.read_sha256sums(sums) == {"numpy.whl": "a" * 64, "pandas.whl": "b" * 64}
    sums.write_text("not a sum\n")
    with pytest.raises(ValueError, match="line 1"):
        wheels.read_sha256sums(sums)


def test_local_wheel_that_does_not_match_its_checksum_stops_the_build(tmp_path, monkeypatch):
    for name in wheels.LOCAL_WHEELS:
        (tmp_path / f"{name}-1.0-py3-none-any.whl").write_bytes(b"wheel " + name.encode())
    (tmp_path / "SHA256SUMS").write_text(
        "".join(f"{'0' * 64}  {name}-1.0-py3-none-any.whl\n" for name in wheels.LOCAL_WHEELS)
    )
    monkeypatch.setattr(wheels, "LOCAL_WHEELS_DIR", tmp_path)
    with pytest.raises(build.LabBuildError, match="does not match its SHA256SUMS entry"):
        build.local_wheels()
    (tmp_path / "SHA256SUMS").unlink()
    with pytest.raises(build.LabBuildError, match="SHA256SUMS is missing"):
        build.local_wheels()


def test_lock_depends_check_names_what_is_missing():
    lock = {
        "packages": {
            "pandas": {"name": "pandas", "depends": ["numpy", "tzdata"]},
            "numpy": {"name": "numpy", "depends": []},
        }
    }
    assert build.check_lock_depends(lock) == ["pandas needs tzdata"]


def test_analysis_packages_are_in_the_lock_on_demand_not_preloaded(lab_built):
    config = json.loads((lab_built / "jupyter-lite.json").read_text())["jupyter-config-data"]
    preload = set(config["litePluginSettings"][build.KERNEL_PLUGIN]["loadPyodideOptions"]["packages"])
    lock = json.loads((lab_built / "static" / "pyodide" / "pyodide-lock.json").read_text())["packages"]
    assert set(lock["pandas"]["depends"]) == {"numpy", "python-dateutil", "tzdata"}
    assert lock["python-dateutil"]["depends"] == ["six"] and lock["pandas"]["imports"] == ["pandas"]
    assert set(lock["altair"]["depends"]) == {
        "jinja2",
        "jsonschema",
        "narwhals",
        "packaging",
        "typing-extensions",
    }
    assert lock["jsonschema"]["version"] == "4.17.3" and set(lock["jsonschema"]["depends"]) == {
        "attrs",
        "pyrsistent",
    }
    assert lock["openpyxl"]["depends"] == ["et-xmlfile"] and lock["jinja2"]["depends"] == ["markupsafe"]
    assert not {"numpy", "pandas", "altair", "openpyxl", "markupsafe"} & preload
    assert build.check_lock_depends({"packages": lock}) == []
    for name in ("numpy", "pandas", "markupsafe"):
        wheel = lab_built / "static" / "pyodide" / lock[name]["file_name"]
        assert build._sha256(wheel) == lock[name]["sha256"] and wheel.with_name(wheel.name + ".br").is_file()


def test_start_up_modules_ship_as_bytecode_made_by_the_labs_own_pyodide(lab_built):
    """The kernel's start-up imports are .pyc (compiled at build time by Pyodide under Node), so the
    browser does not compile them; the helper keeps its source; the lock's hashes match the new files."""
    import zipfile

    pyodide = lab_built / "static" / "pyodide"
    lock = json.loads((pyodide / "pyodide-lock.json").read_text())["packages"]
    ipython = zipfile.ZipFile(pyodide / lock["ipython"]["file_name"]).namelist()
    assert (
        "IPython/core/interactiveshell.pyc" in ipython and "IPython/core/interactiveshell.py" not in ipython
    )
    record = zipfile.ZipFile(pyodide / lock["ipython"]["file_name"]).read(
        next(n for n in ipython if n.endswith("RECORD"))
    )
    assert b"IPython/core/interactiveshell.pyc,," in record
    assert b"IPython/core/interactiveshell.py," not in record
    helper = zipfile.ZipFile(pyodide / lock["academy"]["file_name"]).namelist()
    assert "academy/__init__.py" in helper and not any(n.endswith(".pyc") for n in helper)
    stdlib = zipfile.ZipFile(pyodide / "python_stdlib.zip").namelist()
    assert "json/decoder.pyc" in stdlib and "json/decoder.py" not in stdlib
    pyc = zipfile.ZipFile(pyodide / "python_stdlib.zip").read("json/decoder.pyc")
    assert pyc[4:8] == (1).to_bytes(4, "little")  # hash-based, unchecked: no source to check against
    # What a first `import pandas` loads is bytecode too (its compiled extensions untouched).
    pandas = zipfile.ZipFile(pyodide / lock["pandas"]["file_name"]).namelist()
    assert "pandas/core/frame.pyc" in pandas and "pandas/core/frame.py" not in pandas
    assert any(n.endswith(".so") for n in pandas)
    numpy = zipfile.ZipFile(pyodide / lock["numpy"]["file_name"]).namelist()
    assert "numpy/_core/numeric.pyc" in numpy and "numpy/_core/numeric.py" not in numpy
    for name in ("ipython", "jedi", "traitlets", "pandas", "numpy"):
        assert build._sha256(pyodide / lock[name]["file_name"]) == lock[name]["sha256"]
