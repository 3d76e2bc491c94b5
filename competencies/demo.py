"""Demo content for the competency framework: the seed framework, published as version 1, and the demo users'
role profiles. Idempotent: it goes through the same all-or-nothing import as a file, which changes nothing
when the framework already matches."""

from django.contrib.auth import get_user_model

from .importers import ParsedCompetency, ParsedFramework, ParsedRole
from .models import RoleProfile, StaffProfile
from .seed.framework import AREAS, COMPETENCIES, DEMO_ASSIGNMENTS, ROLES
from .services import staff_profile_set
from .transfer import framework_import


def seed_framework() -> ParsedFramework:
    parsed = ParsedFramework(areas=dict(AREAS))
    for code, area_index, name, description, tags, descriptors in COMPETENCIES:
        parsed.competencies[code] = ParsedCompetency(
            code=code,
            name=name,
            description=description,
            area=AREAS[area_index][0],
            tags=sorted(tags),
            descriptors={
                level: (summary, indicators) for level, (summary, indicators) in descriptors.items()
            },
        )
    for code, kind, title, family, service_area, grade, description, requirements in ROLES:
        parsed.roles[code] = ParsedRole(
            code=code,
            kind=kind,
            job_title=title,
            job_family=family,
            service_area=service_area,
            grade=grade,
            description=description,
            requirements=dict(requirements),
        )
    return parsed


def load(*, stdout) -> None:
    result = framework_import(parsed=seed_framework(), user=None, source="the seed framework")
    stdout.write(f"  framework: {result.summary()}")
    User = get_user_model()
    for email, (job_code, governance_codes) in DEMO_ASSIGNMENTS.items():
        user = User.objects.filter(email=email).first()
        if user is None or StaffProfile.objects.filter(user=user).exists():
            continue
        staff_profile_set(
            user=user,
            job_profile=RoleProfile.objects.get(code=job_code),
            governance_profiles=RoleProfile.objects.filter(code__in=governance_codes),
            actor=None,
        )
        stdout.write(f"  role profiles for {email}")
