"""What the lab ships: Pyodide, the wheels the kernel needs, and the project's own helper wheel.

To add a package that has a Pyodide (wasm) build in the lock, such as pandas once wheels for this
Pyodide appear, add its name to ``LOCK_PACKAGES``: its dependency closure is worked out from the lock.
A pure-Python package that is not in the lock goes in ``EXTRA_WHEELS`` with a pinned version.

Analysis packages (numpy, pandas, altair, openpyxl) are in the lock too but **not** preloaded: the
kernel calls Pyodide's ``loadPackagesFromImports`` before every cell, so the first cell that imports
one of them installs it and its dependency closure from our own lock, offline. numpy, pandas and a
pure-Python markupsafe are built by the project (``jupyterlite/wheels``, see its README) and checked
against ``SHA256SUMS``; the rest are pure-Python wheels from PyPI at pinned versions
(``ON_DEMAND_WHEELS``). Their lock entries come from each wheel's own metadata, with environment
markers evaluated for Pyodide (pandas needs ``tzdata`` only on Emscripten and Windows).

Start-up speed: every package the kernel needs before it can run a cell is put in ``pyodide-lock.json``
and named in ``loadPyodideOptions.packages`` (``PRELOAD``), so Pyodide fetches and installs them all in
one parallel batch while it starts. Otherwise the kernel installs ``piplite``, ``ipykernel``, ``comm``,
``pyodide-kernel``, ``jedi`` and ``ipython`` one after another through micropip, resolving each against
the indexes: on a 2-core machine that sequence alone took several seconds.
"""

import base64
import hashlib
import re
import zipfile
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement

PYODIDE_VERSION = "314.0.6"
PLATFORMS = ("pyemscripten_2026_0_wasm32", "pyodide_2026_0_wasm32")
PYTHON_VERSION = "3.14"
ABI = "cp314"

#: Lock packages the kernel imports at start-up (their closure over the lock's ``depends`` is shipped).
LOCK_PACKAGES = ("micropip", "ipython", "jedi")

#: Pure-Python wheels outside Pyodide's lock that the kernel needs at start-up (added to our lock).
STARTUP_WHEELS = ("comm==0.2.3",)

#: Wheels bundled with the Pyodide kernel extension (its ``static/pypi``), added to our lock.
KERNEL_WHEELS = ("piplite", "ipykernel", "pyodide-kernel")

#: Wheels the project builds itself for this Pyodide (committed with a SHA256SUMS file); on demand.
LOCAL_WHEELS_DIR = Path(__file__).resolve().parent.parent / "wheels"
LOCAL_WHEELS = ("numpy", "pandas", "markupsafe")

#: Pure-Python wheels from PyPI, in the lock but not preloaded: installed the first time a cell imports
#: them. altair 6 (5.x fails on Python 3.14) with jsonschema < 4.18, whose successors need rpds-py, which
#: has no wasm wheel; openpyxl so pandas.read_excel reads .xlsx; pandas' pure-Python dependencies.
ON_DEMAND_WHEELS = (
    "python-dateutil==2.9.0.post0",
    "six==1.17.0",
    "tzdata==2025.3",
    "altair==6.0.0",
    "jsonschema==4.17.3",
    "pyrsistent==0.20.0",
    "attrs==26.1.0",
    "jinja2==3.1.6",
    "narwhals==2.18.1",
    "typing-extensions==4.15.0",
    "packaging==26.1",
    "openpyxl==3.1.5",
    "et-xmlfile==2.0.0",
)

#: The environment Pyodide's Python reports, for evaluating ``Requires-Dist`` markers.
MARKER_ENVIRONMENT = {
    "implementation_name": "cpython",
    "implementation_version": "3.14.2",
    "os_name": "posix",
    "platform_machine": "wasm32",
    "platform_python_implementation": "CPython",
    "platform_release": "5.0.3",
    "platform_system": "Emscripten",
    "platform_version": "#1",
    "python_full_version": "3.14.2",
    "python_version": "3.14",
    "sys_platform": "emscripten",
    "extra": "",
}

#: Pure-Python wheels for ``%pip install`` on demand, from the lab's pypi/ folder (not loaded at start).
EXTRA_WHEELS: tuple[str, ...] = ()

#: What Pyodide loads while it starts: exactly the names the kernel would otherwise install one by one
#: (it skips those listed here), plus micropip, piplite and the helper. Their lock closure is loaded too.
PRELOAD = ("micropip", "piplite", "ipykernel", "comm", "pyodide-kernel", "jedi", "ipython")

HELPER_NAME = "academy"
HELPER_VERSION = "1.0.0"
HELPER_SOURCE = Path(__file__).resolve().parent.parent / "kernel_helper" / HELPER_NAME

# Fixed timestamp for every wheel member so the helper wheel is byte-identical between builds.
ZIP_EPOCH = (2024, 1, 1, 0, 0, 0)


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_closure(packages: dict, roots: tuple[str, ...]) -> list[str]:
    """Names of ``roots`` and everything they depend on in the lock, sorted."""
    by_norm = {_norm(key): key for key in packages}  # depends may spell names with _ or -
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        wanted = todo.pop()
        name = by_norm.get(_norm(wanted))
        if name is None:
            raise LookupError(f"{wanted!r} is not in pyodide-lock.json for Pyodide {PYODIDE_VERSION}")
        if name in seen:
            continue
        seen.add(name)
        todo.extend(packages[name]["depends"])
    return sorted(seen)


def requirement_applies(requirement: str) -> str | None:
    """The distribution named by a ``Requires-Dist`` line if Pyodide needs it, else None.

    Markers are evaluated for Pyodide's environment (``MARKER_ENVIRONMENT``); requirements that only
    apply to an extra are left out, since no extras are installed.
    """
    try:
        parsed = Requirement(requirement)
    except InvalidRequirement as error:
        raise ValueError(f"Unreadable requirement {requirement!r}: {error}") from error
    if parsed.marker is not None and not parsed.marker.evaluate(MARKER_ENVIRONMENT):
        return None
    return parsed.name


def _top_level(names: list[str]) -> list[str]:
    """Importable top-level names in a wheel: packages (a folder with ``__init__.py``) and modules."""
    found = set()
    for name in names:
        if name.count("/") == 1 and name.endswith("/__init__.py"):
            found.add(name.split("/", 1)[0])
        elif "/" not in name and name.endswith(".py"):
            found.add(name[:-3])
    return sorted(found)


def wheel_lock_entry(path: Path, *, sha256: str, lock_names: set[str]) -> dict:
    """A ``pyodide-lock.json`` entry for a wheel from its METADATA: name, version, ``depends`` from
    every ``Requires-Dist`` that applies in Pyodide (as spelled in the lock), imports from its
    top-level packages and modules."""
    by_norm = {_norm(n): n for n in lock_names}
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        meta_name = next(n for n in names if n.endswith(".dist-info/METADATA") and n.count("/") == 1)
        metadata = archive.read(meta_name).decode()
    fields: dict[str, list[str]] = {}
    for line in metadata.split("\n\n", 1)[0].splitlines():
        key, _, value = line.partition(": ")
        fields.setdefault(key, []).append(value.strip())
    depends = set()
    for requirement in fields.get("Requires-Dist", []):
        dep = requirement_applies(requirement)
        if dep is not None:
            depends.add(by_norm.get(_norm(dep), _norm(dep)))
    name = _norm(fields["Name"][0])
    return {
        "depends": sorted(depends),
        "file_name": path.name,
        "imports": _top_level(names),
        "install_dir": "site",
        "name": name,
        "package_type": "package",
        "sha256": sha256,
        "unvendored_tests": False,
        "version": fields["Version"][0],
    }


def read_sha256sums(path: Path) -> dict[str, str]:
    """``{file name: sha256}`` from a ``sha256sum``-style file (``HASH  NAME`` or ``HASH *NAME``)."""
    sums = {}
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        digest, _, name = line.partition(" ")
        name = name.strip().lstrip("*")
        if not re.fullmatch(r"[0-9a-f]{64}", digest) or not name:
            raise ValueError(f"{path.name} line {number} is not 'SHA256  file-name'.")
        sums[name] = digest
    return sums


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={digest}"


def build_helper_wheel(directory: Path, *, config: dict[str, str]) -> Path:
    """Write the ``academy`` helper as a pure-Python wheel, with ``_config.py`` generated from ``config``.

    Written by hand rather than by a build backend so that the bytes depend only on the source.
    """
    from jupyterlite.kernel_helper.academy import _config as defaults

    config = {k: v for k, v in vars(defaults).items() if k.isupper()} | config
    dist_info = f"{HELPER_NAME}-{HELPER_VERSION}.dist-info"
    members: list[tuple[str, bytes]] = []
    for path in sorted(HELPER_SOURCE.glob("*.py")):
        data = path.read_bytes()
        if path.name == "_config.py":
            lines = [
                '"""Same-origin URLs the helper talks to (generated by the lab build)."""',
                "",
            ]
            lines += [f"{key} = {value!r}" for key, value in sorted(config.items())]
            data = ("\n".join(lines) + "\n").encode()
        members.append((f"{HELPER_NAME}/{path.name}", data))
    metadata = f"Metadata-Version: 2.1\nName: {HELPER_NAME}\nVersion: {HELPER_VERSION}\nSummary: Data Academy exercise helpers\n"
    wheel = "Wheel-Version: 1.0\nGenerator: data-academy\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    members += [
        (f"{dist_info}/METADATA", metadata.encode()),
        (f"{dist_info}/WHEEL", wheel.encode()),
    ]
    record = "".join(f"{name},{_record_hash(data)},{len(data)}\n" for name, data in members)
    members.append((f"{dist_info}/RECORD", (record + f"{dist_info}/RECORD,,\n").encode()))
    target = directory / f"{HELPER_NAME}-{HELPER_VERSION}-py3-none-any.whl"
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return target
