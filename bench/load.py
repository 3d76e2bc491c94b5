"""A bounded HTTP load on loopback: a few keep-alive connections hammer one path for at most N requests or
S seconds, whichever comes first, then stop. Only loopback targets are allowed (127.0.0.0/8, ::1)."""

from __future__ import annotations

import http.client
import ipaddress
import socket
import statistics
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit


class NotLoopback(ValueError):
    """The load target is not on this machine."""


def check_loopback(base_url: str) -> str:
    """The base URL without a trailing slash, or NotLoopback naming the host that is not loopback."""
    parts = urlsplit(base_url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise NotLoopback(f"--base-url must look like http://127.0.0.1:8000, not {base_url!r}")
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, parts.port or 80)}
    except socket.gaierror as exc:
        raise NotLoopback(f"cannot resolve {parts.hostname!r}: {exc}") from exc
    outside = sorted(a for a in addresses if not ipaddress.ip_address(a.split("%")[0]).is_loopback)
    if outside:
        raise NotLoopback(
            f"refusing to load {parts.hostname!r} ({', '.join(outside)}): the load generator only targets "
            "loopback addresses (127.0.0.0/8 or ::1). Run the other site on this machine and point at it."
        )
    return base_url.rstrip("/")


@dataclass
class LoadResult:
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def median_ms(self) -> float:
        return statistics.median(self.latencies) * 1000 if self.latencies else 0.0

    @property
    def p99_ms(self) -> float:
        return percentile(self.latencies, 0.99) * 1000 if self.latencies else 0.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def run_load(
    base_url: str, path: str, *, concurrency: int, max_requests: int, max_seconds: float, cookie: str = ""
) -> LoadResult:
    """GET `path` from `concurrency` connections until `max_requests` are done or `max_seconds` pass."""
    parts = urlsplit(check_loopback(base_url))
    connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    headers = {"Host": parts.netloc, "User-Agent": "data-academy-bench"}
    if cookie:
        headers["Cookie"] = cookie
    result, lock = LoadResult(), threading.Lock()
    budget = iter(range(max_requests))
    deadline = time.monotonic() + max_seconds

    def worker() -> None:
        conn = connection_class(parts.hostname, parts.port, timeout=30)
        while time.monotonic() < deadline:
            with lock:
                if next(budget, None) is None:
                    break
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = connection_class(parts.hostname, parts.port, timeout=30)
                status = 0
            elapsed = time.perf_counter() - started
            with lock:
                result.requests += 1
                result.latencies.append(elapsed)
                result.statuses[status] = result.statuses.get(status, 0) + 1
                if not 200 <= status < 400:
                    result.errors += 1
        conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max_seconds + 35)
    result.seconds = time.monotonic() - started
    return result
