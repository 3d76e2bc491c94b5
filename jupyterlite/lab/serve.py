"""Serve the built lab as plain files under one prefix: right MIME types, brotli/gzip, long-lived caching.

Not through the hashed-manifest static storage: JupyterLite uses relative URLs and a service worker.
"""

import base64
import hashlib
import mimetypes
import re
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotModified, HttpResponseRedirect
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date

TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".ipynb": "application/x-ipynb+json",
    ".webmanifest": "application/manifest+json",
    ".whl": "application/zip",
    ".csv": "text/csv; charset=utf-8",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
}
YEAR = 365 * 24 * 3600
# Files whose names change with their content (bundler hashes, versioned wheels and Pyodide's core).
_MUTABLE_NAMES = ("pyodide-lock.json", "academy-")


def lab_root() -> Path:
    return Path(getattr(settings, "JUPYTERLITE_ROOT", settings.BASE_DIR / "var" / "lab"))


def cache_control(relative: str) -> str:
    name = relative.rsplit("/", 1)[-1]
    immutable = relative.startswith(("build/", "extensions/")) or (
        relative.startswith("static/pyodide/") and not name.startswith(_MUTABLE_NAMES)
    )
    # "public" also tells SensitivePageMiddleware these bytes are the same for everyone (no no-store
    # for signed-in users), so a second visit is served from the browser's cache.
    return f"public, max-age={YEAR}, immutable" if immutable else "public, no-cache"


def resolve(relative: str) -> Path:
    if "\x00" in relative:
        raise Http404("No such lab file")  # no file name holds a NUL byte (and the OS refuses to look one up)
    root = lab_root().resolve()
    target = (root / relative).resolve()
    if root not in target.parents and target != root:
        raise Http404("Not in the lab")
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file() or target.suffix in {".gz", ".br"}:
        raise Http404("No such lab file")
    return target


@lru_cache(maxsize=2048)
def content_hash(path: Path, inode: int, size: int, mtime_ns: int) -> str:
    """A short SHA-256 of the file (cached per file version: a rebuild writes new inodes)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:20]


_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


@lru_cache(maxsize=64)
def inline_script_hashes(path: Path, mtime: float) -> tuple[str, ...]:
    """CSP hashes of the inline bootstrap scripts in a lab HTML page, so no 'unsafe-inline' is needed."""
    text = path.read_text(encoding="utf-8")
    return tuple(
        f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'"
        for body in _INLINE_SCRIPT.findall(text)
    )


def _accepted(header: str) -> set[str]:
    codings = set()
    for part in header.split(","):
        coding, _, params = part.strip().partition(";")
        if params.replace(" ", "") not in {"q=0", "q=0.0", "q=0.00", "q=0.000"}:
            codings.add(coding.strip().lower())
    return codings


def _precompressed(path: Path, accept_encoding: str) -> tuple[str, Path]:
    """The build's brotli copy if the browser takes br, else its gzip copy, else the file itself."""
    accepted = _accepted(accept_encoding)
    for coding, suffix in (("br", ".br"), ("gzip", ".gz")):
        candidate = path.with_name(path.name + suffix)
        if coding in accepted and candidate.is_file():
            return coding, candidate
    return "", path


def serve(request, relative: str) -> HttpResponse:
    """One lab file, brotli- or gzip-compressed when the client accepts it and the build wrote that copy."""
    if "\x00" in relative:
        raise Http404("No such lab file")
    if relative and not relative.endswith("/") and (lab_root() / relative).is_dir():
        return HttpResponseRedirect(request.path + "/")
    path = resolve(relative)
    stat = path.stat()
    encoding, source = _precompressed(path, request.headers.get("Accept-Encoding", ""))
    # From the content, not the mtime: the build stamps every file with the same fixed date.
    etag = f'"{content_hash(path, stat.st_ino, stat.st_size, stat.st_mtime_ns)}-{encoding or "identity"}"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    else:
        content_type = (
            TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        )
        response = FileResponse(source.open("rb"), content_type=content_type)
        if encoding:
            response["Content-Encoding"] = encoding
        response["Last-Modified"] = http_date(stat.st_mtime)
    if path.suffix == ".html":
        # django-csp merges this into the lab policy for this response only.
        response._csp_update = {"script-src": list(inline_script_hashes(path, stat.st_mtime))}
    response["ETag"] = etag
    response["Cache-Control"] = cache_control(str(path.relative_to(lab_root().resolve())))
    patch_vary_headers(response, ["Accept-Encoding"])
    return response
