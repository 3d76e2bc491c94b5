"""The pack container: a .zip (or a folder, for packs kept in git) of named files and a manifest of checksums.

Reading is defensive: a pack comes from another organisation. Every name must match the layout in
docs/course-packs.md (no absolute paths, no `..`, no links), the archive and each file are size-capped while
reading (the sizes a zip declares are not trusted), and every file must be listed in the manifest with its
SHA-256 and every listed file present. Anything else rejects the whole pack before a row is written.
"""

import hashlib
import io
import json
import re
import stat
import zipfile
from pathlib import Path

FORMAT_NAME = "data-academy-course-pack"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"

MAX_PACK_BYTES = 50 * 1024 * 1024  # the .zip as uploaded
MAX_TOTAL_BYTES = 200 * 1024 * 1024  # everything in it, uncompressed
MAX_FILE_BYTES = 25 * 1024 * 1024  # any one file, uncompressed
MAX_FILES = 2000
MAX_RATIO = 200  # uncompressed / compressed, for files over 1 MB: more is a zip bomb

SLUG = r"[a-z0-9]+(?:[-_][a-z0-9]+)*"
KEY = r"[0-9a-f]{16,64}"
ALLOWED = re.compile(
    rf"^(?:manifest\.json|course\.json"
    rf"|lessons/{SLUG}\.json"
    rf"|exercises/{SLUG}\.json|exercises/{SLUG}\.ipynb"
    rf"|datasets/{SLUG}\.json|datasets/{SLUG}\.csv"
    rf"|images/{KEY}\.json|images/{KEY}\.(?:gif|jpg|jpeg|png|webp)"
    rf"|documents/{KEY}\.json|documents/{KEY}\.[a-z0-9]{{1,8}})$"
)


class PackRejected(Exception):
    """The pack cannot be imported; `errors` says why, in words an admin can act on. Nothing was written."""

    def __init__(self, errors: list[str] | str):
        self.errors = [errors] if isinstance(errors, str) else list(errors)
        super().__init__("; ".join(self.errors))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def dump_json(value) -> bytes:
    """JSON as packs store it: sorted keys, two-space indent, UTF-8, a final newline (diff-friendly in git)."""
    return (json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def with_manifest(files: dict[str, bytes], *, course: str, exported_from: str = "") -> dict[str, bytes]:
    """The files plus a manifest naming the format, its version and every file's checksum."""
    manifest = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "course": course,
        "exported_from": exported_from,
        "files": {name: sha256(data) for name, data in sorted(files.items())},
    }
    return {MANIFEST: dump_json(manifest), **files}


def to_zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()


def to_folder(files: dict[str, bytes], folder: Path) -> None:
    """Write the pack unzipped (as the starter packs live in git), removing files the pack no longer has."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.rglob("*"):
        if old.is_file() and old.relative_to(folder).as_posix() not in files:
            old.unlink()
    for name, data in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _check_name(name: str, errors: list[str]) -> bool:
    if not ALLOWED.match(name):
        errors.append(
            f"{name!r} is not a file a course pack may hold (see docs/course-packs.md): absolute paths, "
            "'..', unknown folders and unexpected file types are refused."
        )
        return False
    return True


def from_zip(data: bytes) -> dict[str, bytes]:
    """The files of a zipped pack, within the limits; raises PackRejected."""
    if len(data) > MAX_PACK_BYTES:
        raise PackRejected(f"The pack is larger than {MAX_PACK_BYTES // 1024 // 1024} MB.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise PackRejected(f"This is not a readable .zip file ({error}).") from error
    entries = [info for info in infos if not info.is_dir()]
    if len(entries) > MAX_FILES:
        raise PackRejected(f"The pack holds {len(entries)} files; at most {MAX_FILES} are allowed.")
    errors: list[str] = []
    files: dict[str, bytes] = {}
    total = 0
    for info in entries:
        name = info.filename
        if not _check_name(name, errors):
            continue
        if stat.S_ISLNK(info.external_attr >> 16):
            errors.append(f"{name}: links are not allowed in a pack.")
            continue
        if info.flag_bits & 0x1:
            errors.append(f"{name}: encrypted files are not allowed in a pack.")
            continue
        if name in files:
            errors.append(f"{name} appears twice in the pack.")
            continue
        try:
            with archive.open(info) as member:
                content = member.read(MAX_FILE_BYTES + 1)
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as error:
            errors.append(f"{name} cannot be read ({error}).")
            continue
        if len(content) > MAX_FILE_BYTES:
            raise PackRejected(f"{name} is larger than {MAX_FILE_BYTES // 1024 // 1024} MB uncompressed.")
        if len(content) > 1024 * 1024 and len(content) > MAX_RATIO * max(info.compress_size, 1):
            raise PackRejected(f"{name} expands {len(content) // max(info.compress_size, 1)} times: refused.")
        total += len(content)
        if total > MAX_TOTAL_BYTES:
            raise PackRejected(f"The pack expands to more than {MAX_TOTAL_BYTES // 1024 // 1024} MB.")
        files[name] = content
    if errors:
        raise PackRejected(errors)
    return files


def from_folder(folder: Path) -> dict[str, bytes]:
    """The files of an unzipped pack (a folder in git), within the same limits."""
    if not (folder / MANIFEST).is_file():
        raise PackRejected(f"{folder} has no {MANIFEST}: it is not a course pack.")
    errors: list[str] = []
    files: dict[str, bytes] = {}
    total = 0
    for path in sorted(folder.rglob("*")):
        if path.is_dir() and not path.is_symlink():
            continue
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            errors.append(f"{name}: links are not allowed in a pack.")
            continue
        if not _check_name(name, errors):
            continue
        size = path.stat().st_size
        total += size
        if size > MAX_FILE_BYTES or total > MAX_TOTAL_BYTES or len(files) >= MAX_FILES:
            raise PackRejected(f"{name}: the pack is over its size or file-count limits.")
        files[name] = path.read_bytes()
    if errors:
        raise PackRejected(errors)
    return files


def read_manifest(files: dict[str, bytes]) -> dict:
    """The manifest, once the format, version and every checksum agree with the files; raises PackRejected."""
    if MANIFEST not in files:
        raise PackRejected(f"The pack has no {MANIFEST}: it is not a course pack, or it is incomplete.")
    try:
        manifest = json.loads(files[MANIFEST])
    except (ValueError, UnicodeDecodeError) as error:
        raise PackRejected(f"{MANIFEST} is not valid JSON ({error}).") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise PackRejected(f"{MANIFEST} does not describe a {FORMAT_NAME}.")
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise PackRejected(
            f"This pack is format version {version!r}; this site reads version {FORMAT_VERSION}. "
            "Export it again from a site on the same version."
        )
    listed = manifest.get("files")
    if not isinstance(listed, dict) or not all(isinstance(v, str) for v in listed.values()):
        raise PackRejected(f"{MANIFEST} has no list of files and checksums.")
    errors = []
    for name, checksum in sorted(listed.items()):
        if name not in files:
            errors.append(f"{name} is listed in the manifest but missing: the pack is incomplete.")
        elif sha256(files[name]) != checksum:
            errors.append(f"{name} does not match its checksum in the manifest: it was changed or damaged.")
    for name in sorted(set(files) - set(listed) - {MANIFEST}):
        errors.append(f"{name} is not listed in the manifest: it was added after the pack was made.")
    if errors:
        raise PackRejected(errors)
    return manifest
