"""Benchmark: the HR heatmap, its drill-down and one member's gap for 10,000 staff × 40 competencies × 60 role
profiles. Target: each under 1 s on SQLite and PostgreSQL. Not a test; run by hand:

    .venv/bin/python bench/competencies_bench.py                       # SQLite file in the temp directory
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/da_competencies_bench .venv/bin/python bench/competencies_bench.py

The database is created, migrated and filled on the first run (fixed seed, so runs are comparable) and reused.
"""

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
BENCH_SQLITE = Path(tempfile.gettempdir()) / "da-competencies-bench.sqlite3"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{BENCH_SQLITE}")

STAFF, COMPETENCIES, ROLES, GOVERNANCE_ROLES = 10_000, 40, 60, 5
REQUIREMENTS_PER_ROLE, EVIDENCE_PER_MEMBER, RUNS = 8, 6, 5
DEPARTMENTS = [
    "Adult Social Care",
    "Children and Families",
    "Highways and Transport",
    "Economy and Environment",
    "Finance",
    "People and HR",
    "Data and Intelligence",
    "Public Health",
    "Libraries",
    "Waste",
]


def ensure_database() -> None:
    url = os.environ["DATABASE_URL"]
    if url.startswith("sqlite"):
        return
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def populate() -> None:
    from django.contrib.auth import get_user_model

    from competencies.models import (
        Competency,
        CompetencyArea,
        CompetencyEvidence,
        ProfileKind,
        RoleProfile,
        RoleRequirement,
        SelfAssessment,
        StaffProfile,
    )

    if StaffProfile.objects.count() >= STAFF:
        return
    rng = random.Random(2026)
    print("Filling the benchmark database (once)...", flush=True)
    areas = [
        CompetencyArea.objects.create(name=f"Area {i}", slug=f"area-{i}", sort_order=i) for i in range(6)
    ]
    comps = Competency.objects.bulk_create(
        Competency(code=f"C{i:02d}", name=f"Competency {i}", description="Bench.", area=areas[i % 6])
        for i in range(COMPETENCIES)
    )
    roles = RoleProfile.objects.bulk_create(
        RoleProfile(
            code=f"role-{i}",
            kind=ProfileKind.GOVERNANCE if i < GOVERNANCE_ROLES else ProfileKind.JOB,
            job_title=f"Role {i}",
            description="Bench.",
        )
        for i in range(ROLES)
    )
    RoleRequirement.objects.bulk_create(
        RoleRequirement(role=role, competency=comp, level=rng.randint(1, 4))
        for role in roles
        for comp in rng.sample(comps, REQUIREMENTS_PER_ROLE)
    )
    User = get_user_model()
    users = [
        User(email=f"bench{i}@bench.gov.uk", department=DEPARTMENTS[i % len(DEPARTMENTS)])
        for i in range(STAFF)
    ]
    for user in users:
        user.set_unusable_password()
    users = User.objects.bulk_create(users)
    jobs, governance = roles[GOVERNANCE_ROLES:], roles[:GOVERNANCE_ROLES]
    profiles = StaffProfile.objects.bulk_create(
        StaffProfile(user=u, job_profile=rng.choice(jobs)) for u in users
    )
    Through = StaffProfile.governance_profiles.through
    Through.objects.bulk_create(
        Through(staffprofile=p, roleprofile=rng.choice(governance)) for p in profiles if rng.random() < 0.2
    )
    CompetencyEvidence.objects.bulk_create(
        CompetencyEvidence(user=u, competency=c, level=rng.randint(1, 4), source="Bench", source_key="bench")
        for u in users
        for c in rng.sample(comps, EVIDENCE_PER_MEMBER)
    )
    SelfAssessment.objects.bulk_create(
        SelfAssessment(user=u, competency=c, level=rng.randint(1, 4))
        for u in users
        for c in rng.sample(comps, 4)
    )


def measure(label: str, fn) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fn()  # warm up
    times = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
    print(
        f"  {label:48} median {statistics.median(times) * 1000:7.1f} ms  max {max(times) * 1000:7.1f} ms  "
        f"{len(ctx.captured_queries)} queries"
    )


def main() -> None:
    ensure_database()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    populate()
    from django.contrib.auth import get_user_model

    from competencies import reports, selectors

    member = get_user_model().objects.get(email="bench42@bench.gov.uk")
    vendor = django.db.connection.vendor
    print(
        f"{vendor}: {STAFF} staff × {COMPETENCIES} competencies × {ROLES} role profiles, median of {RUNS} runs"
    )
    measure("organisation heatmap (evidenced)", lambda: reports.organisation_heatmap())
    measure(
        "organisation heatmap (self-assessed)", lambda: reports.organisation_heatmap(basis=reports.BASIS_SELF)
    )
    measure(
        "drill-down: one service area by role profile",
        lambda: reports.role_heatmap(department=DEPARTMENTS[0]),
    )
    measure("coverage", lambda: reports.coverage())
    measure("one member's gap", lambda: selectors.gap_for_user(user=member))
    measure("one member's required levels", lambda: selectors.required_levels_for_user(user=member))


if __name__ == "__main__":
    main()
