"""Pack an installed tree into a wheel, reproducibly (fixed timestamps, sorted members).

    python3 make_wheel.py TREE PKG_INFO TAG OUT_DIR [--license FILE ...] [--drop REL_DIR ...]

TREE holds the top-level packages as they go into site-packages (for example ``numpy/``);
PKG_INFO is the sdist's core metadata, written as the wheel's METADATA. TAG is the full
``python-abi-platform`` tag. ``--drop`` removes a directory (relative to TREE) first, e.g.
``pandas/tests``. ``__pycache__`` directories are never packed. Prints the wheel's path.
"""

import argparse
import base64
import email.parser
import hashlib
import os
import shutil
import sys
import zipfile
from pathlib import Path

EPOCH = (2024, 1, 1, 0, 0, 0)  # every member's timestamp: same inputs, same bytes


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={digest}"


def _member(path: str, mode: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(path, date_time=EPOCH)
    info.external_attr = (mode & 0xFFFF) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("tree", type=Path)
    parser.add_argument("pkg_info", type=Path)
    parser.add_argument("tag")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--license", action="append", default=[], type=Path)
    parser.add_argument("--drop", action="append", default=[])
    args = parser.parse_args()

    metadata_text = args.pkg_info.read_text(encoding="utf-8")
    meta = email.parser.Parser().parsestr(metadata_text, headersonly=True)
    name, version = meta["Name"], meta["Version"]
    if not name or not version:
        sys.exit(f"make_wheel: {args.pkg_info} has no Name or Version")
    dist = name.replace("-", "_").lower()
    pure = args.tag.endswith("-none-any")

    for rel in args.drop:
        target = args.tree / rel
        if not target.is_dir():
            sys.exit(f"make_wheel: --drop {rel}: no such directory in {args.tree}")
        shutil.rmtree(target)

    files: list[tuple[str, Path]] = []
    for root, dirs, names in os.walk(args.tree):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for file_name in sorted(names):
            full = Path(root) / file_name
            files.append((full.relative_to(args.tree).as_posix(), full))
    if not files:
        sys.exit(f"make_wheel: nothing to pack in {args.tree}")

    dist_info = f"{dist}-{version}.dist-info"
    wheel_text = (
        "Wheel-Version: 1.0\n"
        "Generator: data-academy jupyterlite/wheels/tools/make_wheel.py\n"
        f"Root-Is-Purelib: {'true' if pure else 'false'}\n"
        f"Tag: {args.tag}\n"
    )
    extra: list[tuple[str, bytes]] = [(f"{dist_info}/METADATA", metadata_text.encode())]
    extra.append((f"{dist_info}/WHEEL", wheel_text.encode()))
    for license_file in args.license:
        extra.append((f"{dist_info}/licenses/{license_file.name}", license_file.read_bytes()))

    args.out_dir.mkdir(parents=True, exist_ok=True)
    wheel_path = args.out_dir / f"{dist}-{version}-{args.tag}.whl"
    records = []
    with zipfile.ZipFile(wheel_path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as wheel:
        for rel, full in files:
            data = full.read_bytes()
            wheel.writestr(_member(rel, 0o100755 if os.access(full, os.X_OK) else 0o100644), data)
            records.append(f"{rel},{_record_hash(data)},{len(data)}")
        for rel, data in extra:
            wheel.writestr(_member(rel, 0o100644), data)
            records.append(f"{rel},{_record_hash(data)},{len(data)}")
        records.append(f"{dist_info}/RECORD,,")
        wheel.writestr(_member(f"{dist_info}/RECORD", 0o100644), "\n".join(records) + "\n")
    print(wheel_path)


if __name__ == "__main__":
    main()
