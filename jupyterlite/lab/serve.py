"""Serve the built lab as plain files under one prefix: right MIME types, gzip, long-lived caching.

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
    return f"public, max-age={YEAR}, immutable" if immutable else "no-cache"


def resolve(relative: str) -> Path:
    root = lab_root().resolve()
    target = (root / relative).resolve()
    if root not in target.parents and target != root:
        raise Http404("Not in the lab")
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file() or target.suffix == ".gz":
        raise Http404("No such lab file")
    return target


_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


@lru_cache(maxsize=64)
def inline_script_hashes(path: Path, mtime: float) -> tuple[str, ...]:
    """CSP hashes of the inline bootstrap scripts in a lab HTML page, so no 'unsafe-inline' is needed."""
    text = path.read_text(encoding="utf-8")
    return tuple(
        f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'"
        for body in _INLINE_SCRIPT.findall(text)
    )


def serve(request, relative: str) -> HttpResponse:
    """One lab file, gzipped when the client accepts it and a precompressed copy exists."""
    if relative and not relative.endswith("/") and (lab_root() / relative).is_dir():
        return HttpResponseRedirect(request.path + "/")
    path = resolve(relative)
    stat = path.stat()
    etag = f'"{stat.st_size:x}-{int(stat.st_mtime):x}"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    else:
        gz = path.with_name(path.name + ".gz")
        use_gzip = "gzip" in request.headers.get("Accept-Encoding", "") and gz.is_file()
        content_type = (
            TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        )
        response = FileResponse((gz if use_gzip else path).open("rb"), content_type=content_type)
        if use_gzip:
            response["Content-Encoding"] = "gzip"
        response["Last-Modified"] = http_date(stat.st_mtime)
    if path.suffix == ".html":
        # django-csp merges this into the lab policy for this response only.
        response._csp_update = {"script-src": list(inline_script_hashes(path, stat.st_mtime))}
    response["ETag"] = etag
    response["Cache-Control"] = cache_control(str(path.relative_to(lab_root().resolve())))
    patch_vary_headers(response, ["Accept-Encoding"])
    return response
