"""Demo required learning: the annual data protection refresher for everyone (due each April), a recommended
course for analysts, and a fixed-date course for Adult Social Care that is already overdue, so My learning,
the line manager's team view and HR's compliance view all have something to show."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from competencies.models import RoleProfile
from competencies.staff.models import ServiceArea
from learning.models import CoursePage

from . import services
from .models import Assignment, DueRule, Requirement

REFRESHER = "Annual data protection refresher"
ANALYSTS = "Analysing council data (recommended for analysts)"
DATA_QUALITY = "Good quality data in Adult Social Care"


def _ensure(title: str, *, course, audience: dict, **fields) -> Assignment | None:
    if course is None:
        return None
    assignment = Assignment.objects.filter(title=title).first()
    if assignment is not None:
        return assignment
    hr = get_user_model().objects.filter(email="hr@example.gov.uk").first()
    assignment = Assignment.objects.create(title=title, course=course, created_by=hr, **fields)
    for name, values in audience.items():
        getattr(assignment, name).set(values)
    assignment.save()
    return assignment


def load(*, stdout) -> None:
    courses = CoursePage.objects.live()
    refresher_course = courses.filter(slug="data-protection-foi-and-sharing").first()
    made = [
        _ensure(
            REFRESHER,
            course=refresher_course,
            audience={},
            everyone=True,
            requirement=Requirement.MANDATORY,
            due_rule=DueRule.ANNUAL,
            due_month=4,
            due_day=30,
            due_days=30,
        ),
        _ensure(
            ANALYSTS,
            course=courses.filter(level=3).order_by("path").first(),
            audience={
                "role_profiles": RoleProfile.objects.filter(code__in=["data-analyst", "performance-analyst"])
            },
            requirement=Requirement.RECOMMENDED,
            due_rule=DueRule.AFTER_JOINING,
            due_days=180,
        ),
        _ensure(
            DATA_QUALITY,
            course=courses.filter(level=1).order_by("path").first(),
            audience={"service_areas": ServiceArea.objects.filter(name="Adult Social Care")},
            requirement=Requirement.MANDATORY,
            due_rule=DueRule.FIXED,
            due_date=timezone.localdate() - datetime.timedelta(days=10),
        ),
    ]
    if refresher_course is None:
        stdout.write("  no data protection course: run learning.demo first")
    counts = services.assignments_sync()
    stdout.write(
        f"  required learning: {sum(1 for a in made if a)} assignments, {counts['created']} newly assigned"
    )
