"""Lab speed, measured the way a learner meets it: open an exercise page → Python kernel ready.

    DJANGO_SETTINGS_MODULE=config.settings.test /work/main/.venv/bin/python -m pytest \
        bench/lab_bench.py -s -p no:randomly            # LAB_BENCH_RUNS=5 for more rounds (default 3)

Needs the built lab (``make lab``) and Debian's chromium. Runs against pytest-django's live server, i.e.
Django's threaded dev server going through the real ``/lab/`` view (gzip, caching headers, CSP) — not a
static-file shortcut.

What each number is (per round; the table shows the median, min and max over the rounds):

* **cold ready** — a fresh browser context (empty HTTP cache, no service worker, no stored notebook),
  signed in; from ``page.goto(exercise page)`` until the exercise block sets ``data-lab-state=ready``,
  which it does once the kernel has answered ``kernel_info`` (Pyodide loaded, start-up wheels installed,
  ``ipykernel`` imported). That is the moment the learner's Run does something.
* **warm ready** — the same context (HTTP cache, service worker and stored notebook kept), the first
  page closed so its kernel stops, the exercise opened again in a new tab; same end point.
* **run → output** — once ready, a new cell ``print("bench", 6 * 7)`` is run through the notebook UI;
  time until ``bench 42`` is in the output area.
* **first import pandas** — in the same cold context, a new cell ``import pandas`` (the exercise does not
  use pandas, so nothing warmed it): the kernel installs numpy, pandas and their dependencies from the
  lab's lock (download from the server, unpack, load the wasm modules) and imports it; time until the
  cell prints. **cold MB with pandas** adds what that import transferred to the cold open's bytes.
* **read_csv + groupby** — then ``pandas.read_csv`` of the largest sample dataset (spending over £500,
  already fetched by the helper) and a ``groupby(...).sum()``, timed inside the kernel
  (``time.perf_counter``), plus the Run → output time of that cell.
* **cold bytes / warm bytes** — every byte the test server sent (status line, headers and body, as
  sent: gzip where the browser accepted it) for every request made during the open, whoever made it:
  the page, the lab iframe, the kernel's web worker and the service worker. Counted at the server by
  wrapping its WSGI application, so nothing a worker fetches is missed. A request answered from the
  browser's HTTP cache sends nothing and counts nothing.

Also printed: per-phase marks from the exercise block (``performance.mark("lab:*")``), the largest
responses of the first cold open and whether they went gzipped, and how many requests were made.
Targets (issue 16, idle 2-core machine): ready ≤ 10 s cold, Run → output ≤ 1 s, first pandas import ≤ 5 s,
≤ 10 MB cold without pandas and ≤ 16 MB with it. The load average (``/proc/loadavg``) is printed before
and after: on a shared machine it says how much the numbers are worth.
Timings on a shared 2-core machine are noisy: compare medians, and look at min/max.
"""

import os
import statistics
import threading
import time
from dataclasses import dataclass, field

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

RUNS = int(os.environ.get("LAB_BENCH_RUNS", "3"))
VERBOSE = os.environ.get("LAB_BENCH_VERBOSE") == "1"  # also print the first cold open's timeline
SLUG = "foi-on-time"
TARGETS = {
    "cold ready": 10.0,
    "run → output": 1.0,
    "first import pandas": 5.0,
    "cold transfer MB": 10.0,
    "cold MB with pandas": 16.0,
}
PANDAS_CELL = 'import pandas\nprint("pandas", pandas.__version__, "round {round}")'
GROUPBY_CELL = """import io, time, academy
_t = time.perf_counter()
_df = pandas.read_csv(io.StringIO(academy._csv_text("spending-over-500")))
_g = _df.groupby("department")["transaction_id"].count()
print("groupby round {round}", len(_df), len(_g), f"{{time.perf_counter() - _t:.3f}}s")"""


@dataclass
class Hit:
    path: str
    status: str
    bytes: int
    encoding: str
    cache_control: str
    started: float = 0.0
    ended: float = 0.0


@dataclass
class TrafficCounter:
    """Wraps the live server's WSGI app and records what it sends."""

    hits: list[Hit] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def install(self, live_server) -> "TrafficCounter":
        httpd = live_server.thread.httpd
        inner = httpd.get_app()

        def app(environ, start_response):
            seen, started = {}, time.monotonic()

            def recording_start_response(status, headers, exc_info=None):
                seen["status"], seen["headers"] = status, headers
                return start_response(status, headers, exc_info)

            result = inner(environ, recording_start_response)
            body = 0
            try:
                for chunk in result:
                    body += len(chunk)
                    yield chunk
            finally:
                if hasattr(result, "close"):
                    result.close()
                headers = {k.lower(): v for k, v in seen.get("headers", [])}
                head = len(f"HTTP/1.1 {seen.get('status', '')}\r\n") + sum(
                    len(f"{k}: {v}\r\n") for k, v in seen.get("headers", [])
                )
                with self.lock:
                    self.hits.append(
                        Hit(
                            path=environ.get("PATH_INFO", ""),
                            status=seen.get("status", "")[:3],
                            bytes=head + 2 + body,
                            encoding=headers.get("content-encoding", ""),
                            cache_control=headers.get("cache-control", ""),
                            started=started,
                            ended=time.monotonic(),
                        )
                    )

        httpd.set_app(app)
        return self

    def take(self) -> list[Hit]:
        with self.lock:
            hits, self.hits = self.hits, []
        return hits


def _marks(page) -> dict[str, float]:
    return page.evaluate(
        """() => Object.fromEntries(performance.getEntriesByType("mark")
            .filter((m) => m.name.startsWith("lab:")).map((m) => [m.name, m.startTime / 1000]))"""
    )


def _open(page) -> float:
    started = _open.started = time.monotonic()
    page.goto(f"/exercises/{SLUG}/")
    page.wait_for_selector("[data-lab-state=ready]", state="attached", timeout=120_000)
    return time.monotonic() - started


def _lab_frame(page):
    return next(f for f in page.frames if "/lab/" in f.url)


def _run_cell(page, code: str = 'print("bench", 6 * 7)', expect: str = "bench 42", timeout=30_000) -> float:
    frame = _lab_frame(page)
    started = time.monotonic()
    frame.evaluate(
        """async (code) => {
          const app = window.jupyterapp, notebook = app.shell.currentWidget.content;
          notebook.activeCellIndex = notebook.widgets.length - 1;
          await app.commands.execute("notebook:insert-cell-below");
          notebook.activeCell.model.sharedModel.setSource(code);
          app.commands.execute("notebook:run-cell");
        }""",
        code,
    )
    frame.wait_for_selector(f".jp-OutputArea-output:has-text('{expect}')", timeout=timeout)
    return time.monotonic() - started


def _loadavg() -> str:
    try:
        with open("/proc/loadavg") as handle:
            return " ".join(handle.read().split()[:3])
    except OSError:
        return "unknown"


def _row(name: str, values: list[float], unit: str, fmt: str = "{:.2f}") -> str:
    median = statistics.median(values)
    target = TARGETS.get(name)
    verdict = "" if target is None else ("meets" if median < target else "MISSES") + f" < {target:g}"
    cells = [fmt.format(median), fmt.format(min(values)), fmt.format(max(values))]
    return f"| {name:<18} | {unit:<4} | " + " | ".join(f"{c:>7}" for c in cells) + f" | {verdict:<13} |"


def test_lab_bench(_playwright_browser, live_server, site_with_home, lab_demo, lab_built, learner, sign_in):
    counter = TrafficCounter().install(live_server)
    load_before = _loadavg()
    lock = (lab_built / "static" / "pyodide" / "pyodide-lock.json").read_text()
    with_pandas = '"pandas"' in lock  # a lab built before the project's wheels: no pandas rows
    cold, warm, run, cold_mb, warm_mb, requests = [], [], [], [], [], []
    pandas_s, pandas_mb, groupby_run, groupby_inside = [], [], [], []
    first_cold_hits: list[Hit] = []
    phases: list[tuple[str, dict]] = []
    console: list[tuple[float, str]] = []
    from jupyterlite.models import SavedNotebook

    for round_ in range(RUNS):
        SavedNotebook.objects.all().delete()  # every round is a learner opening the exercise for the first time
        context = _playwright_browser.new_context(base_url=live_server.url)
        page = context.new_page()
        if round_ == 0 and VERBOSE:
            page.on("console", lambda m: console.append((time.monotonic() - _open.started, m.text[:100])))
            page.on(
                "worker",
                lambda w: w.on(
                    "console",
                    lambda m: console.append((time.monotonic() - _open.started, "W " + m.text[:100])),
                ),
            )
        sign_in(page, learner)
        counter.take()
        cold.append(_open(page))
        page.wait_for_timeout(300)  # let in-flight responses finish being counted
        hits = counter.take()
        first_cold_hits = first_cold_hits or hits
        cold_mb.append(sum(h.bytes for h in hits) / 1e6)
        requests.append(len(hits))
        phases.append(("cold", _marks(page)))
        run.append(_run_cell(page))
        page.wait_for_timeout(300)
        counter.take()
        if not with_pandas:
            pandas_s, pandas_mb, groupby_run, groupby_inside = [0.0], [0.0], [0.0], [0.0]
        else:
            tag = f"round {round_}"
            pandas_s.append(
                _run_cell(page, PANDAS_CELL.format(round=round_), f"3.0.2 {tag}", timeout=180_000)
            )
            page.wait_for_timeout(300)
            pandas_mb.append(cold_mb[-1] + sum(h.bytes for h in counter.take()) / 1e6)
            groupby_run.append(
                _run_cell(page, GROUPBY_CELL.format(round=round_), f"groupby {tag}", timeout=60_000)
            )
            text = (
                _lab_frame(page).locator(f".jp-OutputArea-output:has-text('groupby {tag}')").last.inner_text()
            )
            groupby_inside.append(float(text.split()[-1].rstrip("s")))
        again = context.new_page()
        page.close()
        counter.take()
        warm.append(_open(again))
        again.wait_for_timeout(300)
        warm_mb.append(sum(h.bytes for h in counter.take()) / 1e6)
        phases.append(("warm", _marks(again)))
        context.close()

    lines = [
        "",
        f"LAB BENCH — {RUNS} rounds, exercise '{SLUG}' (median | min | max); "
        f"load average before {load_before}, after {_loadavg()} (2 cores)",
        "| measure            | unit |  median |     min |     max | target        |",
        "|--------------------|------|---------|---------|---------|---------------|",
        _row("cold ready", cold, "s"),
        _row("warm ready", warm, "s"),
        _row("run → output", run, "s", "{:.3f}"),
        _row("first import pandas", pandas_s, "s"),
        _row("read_csv+groupby", groupby_inside, "s", "{:.3f}"),
        _row("  (run → output)", groupby_run, "s", "{:.3f}"),
        _row("cold transfer MB", cold_mb, "MB"),
        _row("cold MB with pandas", pandas_mb, "MB"),
        _row("warm transfer MB", warm_mb, "MB"),
        _row("cold requests", requests, "n", "{:.0f}"),
        "",
        "Phases (s from navigation start): "
        + "; ".join(
            f"{kind}: " + ", ".join(f"{k[4:]} {v:.1f}" for k, v in sorted(m.items(), key=lambda kv: kv[1]))
            for kind, m in phases[:2]
        ),
        "Largest responses of the first cold open:",
    ]
    for hit in sorted(first_cold_hits, key=lambda h: -h.bytes)[:8]:
        lines.append(
            f"  {hit.bytes / 1e6:6.2f} MB {hit.status} {hit.encoding or 'identity':8} {hit.path}  [{hit.cache_control}]"
        )
    if VERBOSE:
        start = min(h.started for h in first_cold_hits)
        lines.append("Timeline of the first cold open (s from the first request; server side, and console):")
        events = [(h.started - start, f"> {h.path}") for h in first_cold_hits if h.bytes > 100_000]
        events += [(h.ended - start, f"< {h.path}") for h in first_cold_hits if h.bytes > 100_000]
        events += console
        lines += [f"  {t:6.2f} {text}" for t, text in sorted(events)]
    print("\n".join(lines))
    assert all(h.status in {"200", "301", "302", "304"} for h in first_cold_hits), [
        (h.path, h.status) for h in first_cold_hits if h.status not in {"200", "301", "302", "304"}
    ]
