"""Check a Pyodide wheel's shared objects against ``pyodide.asm.wasm`` — standard library only.

Every function a wheel's ``.so`` (wasm side module) imports from the ``env`` module must be provided
when Pyodide loads it; the main module ``pyodide.asm.wasm`` provides them through its exports. (A side
module also imports its own weak definitions — C++ template instantiations, for example — so that an
earlier definition wins; the loader falls back to the module's own export, so an import the same
``.so`` exports is satisfied and not reported.) A
function missing there means an ABI mismatch (wrong compiler flags, wrong Python headers, ...) that
would only show up as a ``LinkError`` in the browser. This reads both binaries' import and export
sections (WebAssembly binary format, version 1) and lists what is missing.

    python3 symbols.py WHEEL PYODIDE_ASM_WASM            exit 0 if nothing is missing, 1 otherwise
    python3 symbols.py WHEEL PYODIDE_ASM_WASM --json     the same, as JSON
    python3 symbols.py WHEEL PYODIDE_ASM_WASM --self-check
        also proves the check can fail: removes one needed export from PYODIDE_ASM_WASM, and builds a
        tiny main module (bytes written here) exporting all but that one of the wheel's imports; both
        must report exactly that one.

API: ``read_imports``/``read_exports`` (wasm bytes -> lists), ``env_function_imports(wheel)``,
``missing_env_functions(wheel, main_wasm)`` -> sorted list of names, ``build_module`` (a minimal
valid wasm binary with given function imports and exports, for tests).
"""

from __future__ import annotations

import argparse
import json
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

MAGIC = b"\x00asm"
VERSION = b"\x01\x00\x00\x00"
SECTION_IMPORT, SECTION_EXPORT = 2, 7
KINDS = {0: "func", 1: "table", 2: "memory", 3: "global", 4: "tag"}


class WasmFormatError(ValueError):
    """The bytes are not a WebAssembly module this reader understands."""


@dataclass(frozen=True)
class Import:
    module: str
    name: str
    kind: str


@dataclass(frozen=True)
class Export:
    name: str
    kind: str


class _Reader:
    def __init__(self, data: bytes, pos: int = 0, end: int | None = None):
        self.data, self.pos, self.end = data, pos, len(data) if end is None else end

    def byte(self) -> int:
        if self.pos >= self.end:
            raise WasmFormatError("unexpected end of data")
        value = self.data[self.pos]
        self.pos += 1
        return value

    def uleb(self) -> int:
        result = shift = 0
        while True:
            b = self.byte()
            result |= (b & 0x7F) << shift
            if not b & 0x80:
                return result
            shift += 7
            if shift > 63:
                raise WasmFormatError("LEB128 number too long")

    def sleb(self) -> int:
        result = shift = 0
        while True:
            b = self.byte()
            result |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                if b & 0x40:
                    result -= 1 << shift
                return result
            if shift > 70:
                raise WasmFormatError("LEB128 number too long")

    def name(self) -> str:
        length = self.uleb()
        if self.pos + length > self.end:
            raise WasmFormatError("name runs past its section")
        raw = self.data[self.pos : self.pos + length]
        self.pos += length
        return raw.decode("utf-8")

    def reftype(self, first: int | None = None) -> None:
        b = self.byte() if first is None else first
        if b in (0x63, 0x64):  # (ref null? heaptype), function-references / GC proposals
            self.sleb()
        elif not 0x40 <= b <= 0x7F:
            raise WasmFormatError(f"unknown reference/value type 0x{b:02x}")

    def limits(self) -> None:
        flags = self.byte()
        self.uleb()
        if flags & 0x01:
            self.uleb()


def _sections(data: bytes):
    if data[:4] != MAGIC:
        raise WasmFormatError("not a WebAssembly binary (bad magic)")
    if data[4:8] != VERSION:
        raise WasmFormatError("unsupported WebAssembly binary version")
    reader = _Reader(data, 8)
    while reader.pos < len(data):
        section_id = reader.byte()
        size = reader.uleb()
        start = reader.pos
        if start + size > len(data):
            raise WasmFormatError(f"section {section_id} runs past the end of the file")
        yield section_id, start, start + size
        reader.pos = start + size


def read_imports(data: bytes) -> list[Import]:
    """All imports of a wasm module, in order."""
    found = []
    for section_id, start, end in _sections(data):
        if section_id != SECTION_IMPORT:
            continue
        r = _Reader(data, start, end)
        for _ in range(r.uleb()):
            module, name, kind = r.name(), r.name(), r.byte()
            if kind == 0:
                r.uleb()  # type index
            elif kind == 1:
                r.reftype()
                r.limits()
            elif kind == 2:
                r.limits()
            elif kind == 3:
                r.reftype()  # value types share the encoding space
                r.byte()  # mutability
            elif kind == 4:
                r.byte()  # attribute
                r.uleb()  # type index
            else:
                raise WasmFormatError(f"unknown import kind {kind} for {module}.{name}")
            found.append(Import(module, name, KINDS[kind]))
    return found


def read_exports(data: bytes) -> list[Export]:
    """All exports of a wasm module, in order."""
    found = []
    for section_id, start, end in _sections(data):
        if section_id != SECTION_EXPORT:
            continue
        r = _Reader(data, start, end)
        for _ in range(r.uleb()):
            name, kind = r.name(), r.byte()
            r.uleb()  # index
            if kind not in KINDS:
                raise WasmFormatError(f"unknown export kind {kind} for {name}")
            found.append(Export(name, KINDS[kind]))
    return found


def _shared_objects(wheel: Path):
    with zipfile.ZipFile(wheel) as archive:
        for info in archive.infolist():
            if info.filename.endswith(".so"):
                yield info.filename, archive.read(info)


def env_function_imports(wheel: str | Path, *, include_own: bool = False) -> dict[str, set[str]]:
    """{.so member name: names of the functions it imports from ``env``} for every .so in the wheel.

    Imports the same .so also exports (its weak definitions, which the loader resolves to the module
    itself when nothing else defines them) are left out unless ``include_own``."""
    found = {}
    for member, data in _shared_objects(Path(wheel)):
        names = {i.name for i in read_imports(data) if i.module == "env" and i.kind == "func"}
        if not include_own:
            names -= {e.name for e in read_exports(data) if e.kind == "func"}
        found[member] = names
    return found


def exported_functions(main_wasm: str | Path | bytes) -> set[str]:
    data = main_wasm if isinstance(main_wasm, bytes) else Path(main_wasm).read_bytes()
    return {e.name for e in read_exports(data) if e.kind == "func"}


def missing_env_functions(wheel: str | Path, main_wasm: str | Path | bytes) -> list[str]:
    """The ``env`` function imports of the wheel's .so files that ``main_wasm`` does not export (sorted),
    leaving out those a .so satisfies itself (see ``env_function_imports``)."""
    exported = exported_functions(main_wasm)
    needed = set().union(*env_function_imports(wheel).values())
    return sorted(needed - exported)


# --- a minimal module writer, so a test can make a "main module" with chosen exports ---------------


def _uleb(value: int) -> bytes:
    out = bytearray()
    while True:
        b = value & 0x7F
        value >>= 7
        if value:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def _vec(items: list[bytes]) -> bytes:
    return _uleb(len(items)) + b"".join(items)


def _name(text: str) -> bytes:
    raw = text.encode("utf-8")
    return _uleb(len(raw)) + raw


def _section(section_id: int, body: bytes) -> bytes:
    return bytes([section_id]) + _uleb(len(body)) + body


def build_module(imports: list[tuple[str, str]] = (), exports: list[str] = ()) -> bytes:
    """A valid wasm module: imports each (module, name) as a ``() -> ()`` function and exports one
    empty ``() -> ()`` function under every name in ``exports``."""
    exports = list(exports)
    body = MAGIC + VERSION
    body += _section(1, _vec([b"\x60\x00\x00"]))  # type 0: () -> ()
    if imports:
        body += _section(2, _vec([_name(m) + _name(n) + b"\x00" + _uleb(0) for m, n in imports]))
    if exports:
        body += _section(3, _vec([_uleb(0)] * len(exports)))  # function section: all of type 0
        first = len(imports)
        body += _section(7, _vec([_name(n) + b"\x00" + _uleb(first + k) for k, n in enumerate(exports)]))
        body += _section(10, _vec([_uleb(2) + b"\x00\x0b"] * len(exports)))  # code: no locals, end
    return body


def without_export(data: bytes, name: str) -> bytes:
    """The same wasm module with the export ``name`` removed from its export section."""
    out = bytearray(data[:8])
    removed = False
    for section_id, start, end in _sections(data):
        body = data[start:end]
        if section_id == SECTION_EXPORT:
            r = _Reader(data, start, end)
            kept = []
            for _ in range(r.uleb()):
                entry_start = r.pos
                export_name, _kind = r.name(), r.byte()
                r.uleb()
                if export_name == name:
                    removed = True
                else:
                    kept.append(data[entry_start : r.pos])
            body = _vec(kept)
        out += _section(section_id, body)
    if not removed:
        raise ValueError(f"the module exports no {name!r}")
    return bytes(out)


def self_check(wheel: Path, main_wasm: Path | None = None) -> str:
    """Prove on real imports that a missing export is reported; returns the name that was removed.

    With ``main_wasm``: that module with one needed export removed (``without_export``); always also a
    tiny module built here (``build_module``) that exports all the needed functions but that one."""
    needed = sorted(set().union(*env_function_imports(wheel).values()))
    if not needed:
        raise SystemExit(f"{wheel.name}: no env function imports to check against")
    removed = needed[len(needed) // 2]
    candidates = [build_module(exports=[n for n in needed if n != removed])]
    if main_wasm is not None:
        candidates.append(without_export(Path(main_wasm).read_bytes(), removed))
    for fake_main in candidates:
        if missing_env_functions(wheel, fake_main) != [removed]:
            raise SystemExit(f"self-check FAILED: removing {removed} was not reported exactly")
    if missing_env_functions(wheel, build_module(exports=needed)):
        raise SystemExit("self-check FAILED: a main module exporting everything still reports something")
    return removed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wheel", type=Path)
    parser.add_argument("main_wasm", type=Path, help="pyodide.asm.wasm")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--self-check", action="store_true")
    args = parser.parse_args(argv)
    per_so = env_function_imports(args.wheel)
    missing = missing_env_functions(args.wheel, args.main_wasm)
    total = len(set().union(*per_so.values())) if per_so else 0
    own = env_function_imports(args.wheel, include_own=True)
    self_resolved = sum(len(own[so] - per_so[so]) for so in per_so)
    result = {
        "wheel": args.wheel.name,
        "shared_objects": len(per_so),
        "env_function_imports": total,
        "import_references": sum(len(names) for names in per_so.values()),
        "resolved_within_own_so": self_resolved,
        "missing": missing,
    }
    if args.self_check and per_so:
        result["self_check_removed"] = self_check(args.wheel, args.main_wasm)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        state = "all exported" if not missing else f"{len(missing)} MISSING"
        print(
            f"{args.wheel.name}: {total} distinct env function imports ({result['import_references']} "
            f"over {len(per_so)} .so files); {state} by {args.main_wasm.name}; "
            f"{self_resolved} more are the .so's own weak definitions"
        )
        for name in missing:
            users = sorted(so for so, names in per_so.items() if name in names)
            print(f"  missing: {name}  (imported by {', '.join(users)})")
        if "self_check_removed" in result:
            print(
                f"  self-check: {args.main_wasm.name} with {result['self_check_removed']} removed, and a tiny "
                "module exporting all but it, were both flagged, as they must be"
            )
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
