"""Lay out a wasm32 "target Python" for cross-compiling extension modules for Pyodide.

Runs inside the build chroot with its python3.14. Given Pyodide's own build settings
(``_sysconfigdata__emscripten_wasm32-emscripten.py`` from the npm tarball's ``python_stdlib.zip``)
and the chroot's CPython headers (Debian's ``python3.14-dev``, x86_64), it writes:

  PREFIX/include/python3.14/          Debian's headers, with pyconfig.h rewritten for wasm32
  PREFIX/sysconfig/_sysconfigdata__emscripten_wasm32-emscripten.py
                                      Pyodide's build_time_vars, INCLUDEPY pointed at the headers above
  PREFIX/bin/cross-python             runs the chroot's python3.14 with that sysconfigdata, so that
                                      meson's python module sees the wasm32 target (EXT_SUFFIX, sizes)

    python3.14 wasm_python.py SYSCONFIGDATA_PY DEBIAN_PYCONFIG_H DEBIAN_INCLUDE_DIR PREFIX

The pyconfig.h rewrite: every ``#define NAME ...`` / ``/* #undef NAME */`` line of Debian's header whose
NAME Pyodide's settings know is replaced by Pyodide's value (0 -> undefined); names Pyodide's settings
do not know are kept as Debian has them and listed on stderr. Key results are checked (4-byte pointers
and long, 16-byte long double, 30-bit PyLong digits, no pymalloc).
"""

import pprint
import re
import shutil
import sys
from pathlib import Path

SYSCONFIG_NAME = "_sysconfigdata__emscripten_wasm32-emscripten"
HOST_PLATFORM = "emscripten_5_0_3_wasm32"
DEFINE = re.compile(r"^#define\s+([A-Za-z_][A-Za-z0-9_]*)(?:\s+(.*?))?\s*$")
UNDEF = re.compile(r"^/\*\s*#undef\s+([A-Za-z_][A-Za-z0-9_]*)\s*\*/\s*$")
EXPECTED = {
    "SIZEOF_VOID_P": "4",
    "SIZEOF_SIZE_T": "4",
    "SIZEOF_LONG": "4",
    "SIZEOF_LONG_DOUBLE": "16",
    "SIZEOF_WCHAR_T": "4",
    "PYLONG_BITS_IN_DIGIT": "30",
}
MUST_BE_UNDEFINED = ("WITH_PYMALLOC", "Py_GIL_DISABLED", "Py_DEBUG")


def load_build_time_vars(path: Path) -> dict:
    namespace: dict = {}
    exec(compile(path.read_text(), str(path), "exec"), namespace)  # noqa: S102 - Pyodide's own file
    return dict(namespace["build_time_vars"])


def rewrite_pyconfig(debian_text: str, pyodide_vars: dict) -> tuple[str, list[str]]:
    out, kept = [], []
    for line in debian_text.splitlines():
        match = DEFINE.match(line) or UNDEF.match(line)
        if not match:
            out.append(line)
            continue
        name = match.group(1)
        if name not in pyodide_vars:
            kept.append(name)
            out.append(line)
            continue
        value = pyodide_vars[name]
        debian_zero = line.startswith("#define") and (match.group(2) or "").strip() == "0"
        if value == 0 and not debian_zero:
            out.append(f"/* #undef {name} */")
        else:
            out.append(f"#define {name} {value}")
    header = (
        "/* pyconfig.h for wasm32-emscripten (Pyodide), rewritten by jupyterlite/wheels/tools/wasm_python.py\n"
        "   from Debian's x86_64 pyconfig.h and Pyodide's _sysconfigdata__emscripten_wasm32-emscripten. */\n"
    )
    return header + "\n".join(out) + "\n", kept


def check_pyconfig(text: str) -> None:
    defined = {}
    for line in text.splitlines():
        match = DEFINE.match(line)
        if match:
            defined[match.group(1)] = (match.group(2) or "").strip()
    problems = [f"{k}={defined.get(k)!r} (want {v})" for k, v in EXPECTED.items() if defined.get(k) != v]
    problems += [f"{k} is defined" for k in MUST_BE_UNDEFINED if k in defined]
    if problems:
        sys.exit("wasm_python: rewritten pyconfig.h is wrong: " + "; ".join(problems))


def main(argv: list[str]) -> None:
    if len(argv) != 5:
        sys.exit(__doc__)
    sysconfigdata, debian_pyconfig, debian_include, prefix = map(Path, argv[1:])
    build_vars = load_build_time_vars(sysconfigdata)
    include = prefix / "include" / "python3.14"
    if include.exists():
        shutil.rmtree(include)
    shutil.copytree(debian_include, include, symlinks=False)
    text, kept = rewrite_pyconfig(debian_pyconfig.read_text(), build_vars)
    check_pyconfig(text)
    (include / "pyconfig.h").unlink()
    (include / "pyconfig.h").write_text(text)
    if kept:
        print(
            f"wasm_python: kept Debian's value for {len(kept)} macros Pyodide's settings lack: "
            + " ".join(sorted(kept)),
            file=sys.stderr,
        )

    build_vars["INCLUDEPY"] = str(include)
    build_vars["CONFINCLUDEPY"] = str(include)
    build_vars["INCLUDEDIR"] = str(prefix / "include")
    build_vars["CONFINCLUDEDIR"] = str(prefix / "include")
    sysconfig_dir = prefix / "sysconfig"
    sysconfig_dir.mkdir(parents=True, exist_ok=True)
    (sysconfig_dir / f"{SYSCONFIG_NAME}.py").write_text(
        "# Pyodide's build settings (python_stdlib.zip), include paths pointed at the rewritten headers\n"
        "build_time_vars = " + pprint.pformat(build_vars, width=120) + "\n"
    )
    bin_dir = prefix / "bin"
    bin_dir.mkdir(parents=True, exist_ok=True)
    wrapper = bin_dir / "cross-python"
    wrapper.write_text(
        "#!/bin/sh\n"
        "# The chroot's python3.14, reporting Pyodide's wasm32 build settings through sysconfig.\n"
        f"export _PYTHON_SYSCONFIGDATA_NAME={SYSCONFIG_NAME}\n"
        f"export _PYTHON_HOST_PLATFORM={HOST_PLATFORM}\n"
        f'export PYTHONPATH="{sysconfig_dir}${{EXTRA_CROSS_PYTHONPATH:+:$EXTRA_CROSS_PYTHONPATH}}"\n'
        'exec /usr/bin/python3.14 "$@"\n'
    )
    wrapper.chmod(0o755)
    print(f"wasm_python: target Python laid out in {prefix}")


if __name__ == "__main__":
    main(sys.argv)
