"""Fixtures for the competency framework tests: the seed framework, and a small framework built in code."""

from pathlib import Path

import pytest

from competencies.demo import seed_framework
from competencies.levels import Level
from competencies.models import (
    Competency,
    CompetencyArea,
    LevelDescriptor,
    Priority,
    ProfileKind,
    RoleProfile,
    RoleRequirement,
)
from competencies.transfer import framework_import

DATA = Path(__file__).parent / "data"


@pytest.fixture
def seed(db):
    """The demo seed framework, published as version 1."""
    return framework_import(parsed=seed_framework(), user=None, source="the seed framework")


def make_competency(area, code, name):
    comp = Competency.objects.create(code=code, name=name, description=f"{name}, described.", area=area)
    for level in Level:
        LevelDescriptor.objects.create(
            competency=comp,
            level=level,
            summary=f"{name} at {level.label}.",
            indicators=f"Does {code} thing one at {level.label}\nDoes {code} thing two at {level.label}",
        )
    return comp


@pytest.fixture
def small_framework(db):
    """Three competencies; a job profile needing all three and a governance profile needing one higher."""
    area = CompetencyArea.objects.create(name="Quality", slug="quality", sort_order=1)
    dq1 = make_competency(area, "DQ1", "Judging data quality")
    an1 = make_competency(area, "AN1", "Describing data")
    vc1 = make_competency(area, "VC1", "Reading charts")
    analyst = RoleProfile.objects.create(
        code="analyst",
        kind=ProfileKind.JOB,
        job_title="Analyst",
        service_area="Data",
        description="Analyses.",
    )
    RoleRequirement.objects.create(
        role=analyst, competency=dq1, level=Level.ENGAGE, priority=Priority.ESSENTIAL
    )
    RoleRequirement.objects.create(
        role=analyst, competency=an1, level=Level.ANALYSE, priority=Priority.ESSENTIAL
    )
    RoleRequirement.objects.create(
        role=analyst, competency=vc1, level=Level.UNDERSTAND, priority=Priority.DESIRABLE
    )
    steward = RoleProfile.objects.create(
        code="steward", kind=ProfileKind.GOVERNANCE, job_title="Data steward", description="Stewards data."
    )
    RoleRequirement.objects.create(
        role=steward, competency=dq1, level=Level.ANALYSE, priority=Priority.ESSENTIAL
    )
    return {"area": area, "dq1": dq1, "an1": an1, "vc1": vc1, "analyst": analyst, "steward": steward}
