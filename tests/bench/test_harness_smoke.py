"""The performance harness still runs end to end: a tiny seed, every page type measured, gunicorn loaded.
Numbers are not asserted (speed targets live in bench/); that it prints a complete table is."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGE_TYPES = [
    "home",
    "course catalogue",
    "course",
    "lesson",
    "framework",
    "role profile",
    "my role",
    "my gap",
    "HR heatmap (MFA)",
    "compliance (MFA)",
    "compliance, all",
    "compliance area",
    "community index",
    "category",
    "topic first page",
    "topic last page",
    "notifications",
    "dataset catalogue",
    "search",
    "my learning",
]


def _harness(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "bench" / "harness.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.fixture
def harness_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    if not env.get("DATABASE_URL", "").startswith("postgres"):
        # A throwaway SQLite file; on PostgreSQL the harness picks data_academy_bench_0_001 itself.
        env["BENCH_SMOKE_DB"] = f"sqlite:///{tmp_path / 'bench.sqlite3'}"
    return env


def test_harness_prints_every_page_type_at_a_tiny_scale(harness_env):
    args = ["--scale", "0.001", "--runs", "2", "--load-requests", "20", "--load-seconds", "1"]
    if "BENCH_SMOKE_DB" in harness_env:
        args += ["--database-url", harness_env["BENCH_SMOKE_DB"]]
    result = _harness(*args, env=harness_env)
    assert result.returncode == 0, result.stderr[-3000:]
    table = result.stdout.split("\npage ", 1)[1].splitlines()
    assert table[0].split()[:2] == ["status", "median"]
    rows = {line[:20].strip(): line.split() for line in table[1:] if line.strip()}
    assert list(rows) == PAGE_TYPES
    for name, cells in rows.items():
        status = cells[len(name.split())]
        assert status == "200", (name, cells)


def test_load_refuses_anything_but_loopback(harness_env):
    result = _harness("--base-url", "http://192.0.2.10:8000", "--paths", "/", env=harness_env)
    assert result.returncode == 2
    assert "only targets loopback addresses" in result.stderr
    assert result.stdout == ""


def test_side_by_side_refuses_a_process_that_does_not_exist(harness_env):
    result = _harness(
        "--base-url", "http://127.0.0.1:9", "--pid", "999999999", "--paths", "/", env=harness_env
    )
    assert result.returncode == 2
    assert "no such process" in result.stderr


def test_a_process_trees_cpu_time_is_read_from_proc():
    sys.path.insert(0, str(ROOT))
    from bench.harness import tree_cpu_seconds

    before = tree_cpu_seconds(os.getpid())
    sum(i * i for i in range(2_000_000))  # some CPU work in this process
    assert tree_cpu_seconds(os.getpid()) > before
