"""Performance harness: seed a council-sized site into its own database, then print one table of server time
(median, p99) and queries per page type, in-process, and requests/second under gunicorn (2 workers).

    make bench                                         # scale 1: 10,000 staff, 100,000 posts, ...
    .venv/bin/python bench/harness.py --scale 0.1      # a tenth of that
    .venv/bin/python bench/harness.py --base-url http://127.0.0.1:9000 --paths / /learn/   # another site

The database is never the dev or test one: a SQLite file in the temp directory, or, when DATABASE_URL points at
PostgreSQL, a database named data_academy_bench_<scale> on the same server. It is reused while its seed marker
(seed version, scale, migrations) matches, and rebuilt from empty when it does not. See bench/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import LoadResult, NotLoopback, check_loopback, percentile, run_load  # noqa: E402

MARKER_TABLE = "bench_seed_marker"
# WhiteNoise notes that collectstatic has not run; the benchmark serves no static files.
warnings.filterwarnings("ignore", "No directory at")


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 10,000 staff, 100,000 posts (default)")
    parser.add_argument("--runs", type=int, default=30, help="in-process requests per page (after a warm-up)")
    parser.add_argument("--database-url", default="", help="override the benchmark database")
    parser.add_argument("--concurrency", type=int, default=4, help="load: open connections per page")
    parser.add_argument("--load-requests", type=int, default=400, help="load: at most this many per page")
    parser.add_argument("--load-seconds", type=float, default=4.0, help="load: at most this long per page")
    parser.add_argument("--no-load", action="store_true", help="skip gunicorn and the load")
    parser.add_argument("--base-url", default="", help="load another (loopback) site instead of seeding")
    parser.add_argument("--paths", nargs="+", default=["/"], help="with --base-url: the paths to load")
    parser.add_argument("--cookie", default="", help="with --base-url: a Cookie header to send")
    parser.add_argument(
        "--pid",
        type=int,
        default=0,
        help="with --base-url: the other site's gunicorn master, for its CPU per request",
    )
    return parser.parse_args(argv)


# --- The benchmark database ----------------------------------------------------------------------


def bench_database_url(args) -> str:
    env_url = os.environ.get("DATABASE_URL", "")
    tag = f"{args.scale:g}".replace(".", "_").replace("-", "_")
    if args.database_url:
        url = args.database_url
    elif env_url.startswith("postgres"):
        url = f"{env_url.split('?')[0].rsplit('/', 1)[0]}/data_academy_bench_{tag}"
    else:
        url = f"sqlite:///{Path(tempfile.gettempdir()) / f'data-academy-bench-{tag}.sqlite3'}"
    if url in {env_url, f"sqlite:///{ROOT / 'db.sqlite3'}"}:
        sys.exit(f"Refusing to benchmark in the working database {url}: choose another --database-url.")
    return url


def ensure_postgres_database(url: str) -> None:
    if not url.startswith("postgres"):
        return
    import psycopg

    base, name = url.split("?")[0].rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def seed_marker(scale: float) -> str:
    """Bump seed.SEED_VERSION when the seeding changes; a new migration changes the marker by itself."""
    from bench import seed

    digest = hashlib.sha256()
    for migration in sorted(ROOT.glob("*/migrations/[0-9]*.py")):
        digest.update(str(migration.relative_to(ROOT)).encode())
    return f"v{seed.SEED_VERSION} scale={scale:g} {digest.hexdigest()[:16]}"


def stored_marker() -> str | None:
    from django.db import connection

    if MARKER_TABLE not in connection.introspection.table_names():
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT marker FROM {MARKER_TABLE}")  # noqa: S608 - a constant table name
        row = cursor.fetchone()
    return row[0] if row else None


def reset_database(url: str) -> None:
    """Empty the benchmark database (and only it: `url` came from bench_database_url)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        return
    connection.close()
    Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)


def prepare_database(url: str, scale: float) -> None:
    from django.core.management import call_command
    from django.db import connection

    from bench import seed

    marker = seed_marker(scale)
    if stored_marker() == marker:
        print(f"Reusing the seeded benchmark database ({marker}).", flush=True)
        return
    print(f"Seeding the benchmark database at scale {scale:g} ({seed.counts(scale)}) ...", flush=True)
    started = time.monotonic()
    reset_database(url)
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    seed.seed(scale=scale, stdout=sys.stdout)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {MARKER_TABLE} (marker varchar(200) NOT NULL)")
        cursor.execute(f"INSERT INTO {MARKER_TABLE} (marker) VALUES (%s)", [marker])  # noqa: S608
    print(f"Seeded in {time.monotonic() - started:.0f}s.", flush=True)


# --- Pages, measured in-process ------------------------------------------------------------------


def page_list() -> list[tuple[str, str, str]]:
    """(page type, who asks, path) for every main page type, on the seeded objects."""
    from django.test import Client

    from bench.seed import BIG_TOPIC_TITLE, LEARNER_EMAIL
    from community.models import Topic
    from competencies.models import RoleProfile
    from competencies.staff.models import ServiceArea
    from home.models import User
    from learning.models import CourseIndexPage, Enrolment

    enrolment = Enrolment.objects.filter(user__email=LEARNER_EMAIL, course__slug__startswith="bench-").first()
    course = enrolment.course
    topic = Topic.objects.get(title=BIG_TOPIC_TITLE)
    client = Client()
    client.force_login(User.objects.get(email=LEARNER_EMAIL))
    last_page = client.get(f"/community/t/{topic.pk}/last/")["Location"]
    return [
        ("home", "learner", "/"),
        ("course catalogue", "learner", CourseIndexPage.objects.get().url),
        ("course", "learner", course.url),
        ("lesson", "learner", course.get_children().first().url),
        ("framework", "learner", "/framework/"),
        ("role profile", "learner", f"/framework/roles/{RoleProfile.objects.order_by('pk').last().code}/"),
        ("my role", "learner", "/my-role/"),
        ("my gap", "learner", "/my-role/gap/"),
        ("HR heatmap (MFA)", "hr", "/framework/reports/"),
        ("compliance (MFA)", "hr", "/reports/required-learning/"),
        ("compliance, all", "hr", "/reports/required-learning/?assignment="),
        (
            "compliance area",
            "hr",
            f"/reports/required-learning/?area={ServiceArea.objects.order_by('-name').first().pk}",
        ),
        ("community index", "learner", "/community/"),
        ("category", "learner", topic.category.get_absolute_url()),
        ("topic first page", "learner", topic.get_absolute_url()),
        ("topic last page", "learner", last_page.split("#")[0]),
        ("notifications", "learner", "/community/notifications/"),
        ("dataset catalogue", "learner", "/datasets/"),
        ("search", "learner", "/search/?q=data"),
        ("my learning", "learner", "/my-learning/"),
    ]


def measure_reminder_run() -> dict:
    """The daily reminder run over every assignment: time, queries and how many it would send. Rolled back,
    so the seeded database is unchanged and nothing is emailed (the emails are queued after commit)."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from learning.assignments import services

    class Rollback(Exception):
        pass

    result = {}
    try:
        with transaction.atomic(), CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            result = services.reminders_send()
            result["seconds"] = time.perf_counter() - started
            result["queries"] = len(captured)
            raise Rollback
    except Rollback:
        pass
    return result


def signed_in_clients() -> dict:
    from django.test import Client

    from bench.seed import HR_EMAIL, LEARNER_EMAIL
    from home.models import User

    clients = {}
    for key, email in (("learner", LEARNER_EMAIL), ("hr", HR_EMAIL)):
        clients[key] = Client()
        clients[key].force_login(User.objects.get(email=email))
    return clients


def measure(client, path: str, runs: int) -> dict:
    """Wall time, this process's CPU time (user + system, so SQLite's work counts; a PostgreSQL server's
    does not) and queries per request, after one warm-up request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    status = client.get(path).status_code  # warm up
    times, cpu, queries = [], [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(path)
            cpu.append(time.process_time() - started_cpu)
            times.append(time.perf_counter() - started)
        status = response.status_code if response.status_code != 200 else status
        queries = max(queries, len(captured))
    return {
        "status": status,
        "median ms": statistics.median(times) * 1000,
        "p99 ms": percentile(times, 0.99) * 1000,
        "CPU ms": statistics.median(cpu) * 1000,
        "queries": queries,
    }


# --- CPU of a server process tree, from /proc -------------------------------------------------------


def _proc_children(pid: int) -> list[int]:
    """Every live descendant of `pid` (gunicorn's workers), from /proc/PID/task/*/children."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        for children in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                kids = [int(x) for x in children.read_text().split()]
            except OSError:
                continue
            found.extend(kids)
            todo.extend(kids)
    return found


def tree_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds used so far by `pid` and its live descendants (utime and stime, fields 14
    and 15 of /proc/PID/stat, plus cutime and cstime for children already reaped)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for each in [pid, *_proc_children(pid)]:
        try:
            stat = Path(f"/proc/{each}/stat").read_text()
        except OSError:
            continue  # exited between the listing and the read
        fields = stat.rsplit(")", 1)[1].split()  # the command name may hold spaces; it ends at ")"
        total += sum(int(fields[i]) for i in (11, 12, 13, 14))
    return total / ticks


def check_pid(pid: int) -> None:
    if not Path(f"/proc/{pid}/stat").exists():
        raise ValueError(f"--pid {pid}: no such process (give the gunicorn master's PID)")


def load_with_cpu(base: str, path: str, *, pid: int | None, **kwargs) -> tuple[LoadResult, float | None]:
    """run_load, and the server's CPU ms per request over it when its process id is known."""
    before = tree_cpu_seconds(pid) if pid else 0.0
    result = run_load(base, path, **kwargs)
    if not pid or not result.requests:
        return result, None
    return result, (tree_cpu_seconds(pid) - before) * 1000 / result.requests


# --- gunicorn ------------------------------------------------------------------------------------


def start_gunicorn(database_url: str) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url,
        "PYTHONWARNINGS": "ignore:No directory at",
    }
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "config.wsgi", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", "2", "--timeout", "60", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit("gunicorn exited before it was ready; see the messages above.")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.2)
    process.kill()
    sys.exit("gunicorn did not start listening within 60 s.")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


# --- The table -----------------------------------------------------------------------------------

COLUMNS = [
    ("page", 20, "<"),
    ("status", 6, ">"),
    ("median ms", 9, ">"),
    ("p99 ms", 8, ">"),
    ("CPU ms", 7, ">"),
    ("queries", 7, ">"),
    ("req/s", 7, ">"),
    ("load p50", 8, ">"),
    ("load p99", 8, ">"),
    ("load CPU", 8, ">"),
    ("errors", 6, ">"),
    ("path", 0, "<"),
]


def print_table(rows: list[dict], title: str) -> None:
    print(f"\n{title}")
    print("  ".join(f"{name:{align}{width}}" for name, width, align in COLUMNS).rstrip())
    for row in rows:
        cells = []
        for name, width, align in COLUMNS:
            value = row.get(name, "—")
            if isinstance(value, float):
                value = f"{value:.1f}"
            cells.append(f"{value!s:{align}{width}}")
        print("  ".join(cells).rstrip())


def load_row(row: dict, result: LoadResult, cpu_ms: float | None = None) -> None:
    row.update(
        {
            "req/s": result.per_second,
            "load p50": result.median_ms,
            "load p99": result.p99_ms,
            "errors": result.errors,
        }
    )
    if cpu_ms is not None:
        row["load CPU"] = cpu_ms


def load_kwargs(args) -> dict:
    return {
        "concurrency": args.concurrency,
        "max_requests": args.load_requests,
        "max_seconds": args.load_seconds,
    }


def main_other_site(args) -> int:
    try:
        base = check_loopback(args.base_url)
    except NotLoopback as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.pid:
        try:
            check_pid(args.pid)
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    rows = []
    for path in args.paths:
        if args.pid:  # the workers' first request imports, compiles templates, connects: not counted
            run_load(base, path, cookie=args.cookie, concurrency=2, max_requests=4, max_seconds=30)
        result, cpu_ms = load_with_cpu(base, path, pid=args.pid, cookie=args.cookie, **load_kwargs(args))
        row = {"page": path[:20], "path": path, "status": ",".join(map(str, sorted(result.statuses)))}
        load_row(row, result, cpu_ms)
        rows.append(row)
    cpu_note = f"; load CPU = CPU ms per request of process {args.pid} and its children" if args.pid else ""
    print_table(
        rows,
        f"{base}: {args.concurrency} connections, ≤{args.load_requests} requests or "
        f"≤{args.load_seconds:g} s per path{cpu_note}; load average {load_average()}",
    )
    return 0


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.base_url:
        return main_other_site(args)
    url = bench_database_url(args)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    ensure_postgres_database(url)
    import django

    django.setup()
    from django.db import connection

    prepare_database(url, args.scale)
    pages, clients = page_list(), signed_in_clients()
    rows = [
        {"page": label, "path": path, **measure(clients[who], path, args.runs)} for label, who, path in pages
    ]
    if not args.no_load:
        process, base = start_gunicorn(url)
        try:
            cookies = {who: f"sessionid={c.cookies['sessionid'].value}" for who, c in clients.items()}
            for _label, who, path in pages:  # each worker imports, compiles templates, connects: not counted
                run_load(base, path, cookie=cookies[who], concurrency=2, max_requests=4, max_seconds=30)
            for row, (_label, who, path) in zip(rows, pages, strict=True):
                result, cpu_ms = load_with_cpu(
                    base, path, pid=process.pid, cookie=cookies[who], **load_kwargs(args)
                )
                load_row(row, result, cpu_ms)
        finally:
            stop(process)
    reminders = measure_reminder_run()
    print(
        f"\nReminder run (rolled back): {reminders['seconds'] * 1000:.0f} ms, {reminders['queries']} queries, "
        f"{reminders['reminders']} reminders in {reminders['emails']} emails, {reminders['digests']} manager digests; "
        f"load average {load_average()}"
    )
    connection.close()
    print_table(
        rows,
        f"{connection.vendor}, scale {args.scale:g}: in-process median/p99 wall and median CPU ms of "
        f"{args.runs} requests, max queries; gunicorn 2 workers, {args.concurrency} connections, "
        f"≤{args.load_requests} requests or ≤{args.load_seconds:g} s per page, load CPU = the server's CPU ms "
        f"per request; load average {load_average()}",
    )
    failed = [row["page"] for row in rows if row["status"] != 200 or row.get("errors")]
    if failed:
        print(f"\nNot every page answered 200: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
