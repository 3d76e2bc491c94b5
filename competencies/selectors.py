"""Reads for the competency framework: the published framework, a member's requirements and gap.

The pathway (the courses that close a gap) is learning's: learning/pathway.py, shown through competencies/hooks.py.
"""

from dataclasses import dataclass, field

from django.db.models import Max, Prefetch, Q

from .levels import Level
from .models import (
    Competency,
    CompetencyArea,
    CompetencyEvidence,
    FrameworkVersion,
    LevelDescriptor,
    Priority,
    RoleProfile,
    RoleRequirement,
    SelfAssessment,
    StaffProfile,
)


def evidenced_levels_for_user(*, user) -> dict[int, int]:
    """{competency id: highest evidenced level} for one member."""
    rows = CompetencyEvidence.objects.filter(user=user).values("competency_id").annotate(level=Max("level"))
    return {row["competency_id"]: row["level"] for row in rows}


def self_assessed_levels_for_user(*, user) -> dict[int, int]:
    return dict(SelfAssessment.objects.filter(user=user).values_list("competency_id", "level"))


def published_areas_with_competencies(*, area_slug: str = "", query: str = ""):
    """Areas in order, each with its published competencies (filtered by area and a plain text query)."""
    competencies = Competency.objects.published().order_by("code")
    if query:
        competencies = competencies.filter(
            Q(name__icontains=query) | Q(description__icontains=query) | Q(code__iexact=query)
        )
    areas = CompetencyArea.objects.prefetch_related(Prefetch("competencies", queryset=competencies))
    if area_slug:
        areas = areas.filter(slug=area_slug)
    return [area for area in areas if area.competencies.all()]


def published_competency(*, code: str) -> Competency | None:
    return (
        Competency.objects.published()
        .select_related("area")
        .prefetch_related("descriptors", "tags")
        .filter(code=code)
        .first()
    )


def published_role_profiles(*, kind: str = ""):
    roles = RoleProfile.objects.published()
    return roles.filter(kind=kind) if kind else roles


def published_role_profile(*, code: str) -> RoleProfile | None:
    requirements = RoleRequirement.objects.filter(competency__live=True).select_related("competency__area")
    return (
        RoleProfile.objects.published()
        .prefetch_related(Prefetch("requirements", queryset=requirements))
        .filter(code=code)
        .first()
    )


def latest_version() -> FrameworkVersion | None:
    return FrameworkVersion.objects.defer("snapshot").order_by("-number").first()


def staff_profile_for_user(*, user) -> StaffProfile | None:
    return (
        StaffProfile.objects.select_related("job_profile")
        .prefetch_related("governance_profiles")
        .filter(user=user)
        .first()
    )


def job_title_for_user(*, user) -> str:
    """The job title of the member's job profile, or "" (one query)."""
    title = StaffProfile.objects.filter(user=user).values_list("job_profile__job_title", flat=True).first()
    return title or ""


# --- A member's requirements and gap --------------------------------------------------------------------


@dataclass
class Requirement:
    """What a member's profiles, stacked, need in one competency."""

    competency_id: int
    level: int
    priority: str
    from_profiles: list[str] = field(default_factory=list)


def requirements_for_user(*, user) -> dict[int, Requirement]:
    """The highest level any of the member's published profiles needs, per competency, in one query (the
    member's job and governance profiles are subqueries).

    Essential wins over desirable when two profiles ask for the same competency.
    """
    job = StaffProfile.objects.filter(user=user, job_profile__isnull=False).values("job_profile_id")
    governance = StaffProfile.governance_profiles.through.objects.filter(staffprofile__user=user).values(
        "roleprofile_id"
    )
    rows = (
        RoleRequirement.objects.filter(Q(role_id__in=job) | Q(role_id__in=governance))
        .filter(role__live=True, competency__live=True)
        .values_list("competency_id", "level", "priority", "role__job_title")
        .order_by("-role__kind", "role__job_title")  # the job profile first, then governance
    )
    result: dict[int, Requirement] = {}
    for competency_id, level, priority, title in rows:
        req = result.setdefault(competency_id, Requirement(competency_id, level, priority))
        req.level = max(req.level, level)
        if priority == Priority.ESSENTIAL:
            req.priority = Priority.ESSENTIAL
        if title not in req.from_profiles:
            req.from_profiles.append(title)
    return result


def required_levels_for_user(*, user) -> dict[int, int]:
    """{competency id: required level} across the member's job and governance profiles."""
    return {cid: req.level for cid, req in requirements_for_user(user=user).items()}


@dataclass
class GapRow:
    """One competency on a member's gap: what is required, what they say, what is evidenced."""

    competency: Competency
    required: Level
    priority: str
    from_profiles: list[str]
    self_assessed: Level | None
    evidenced: Level | None

    @property
    def met(self) -> bool:
        return (self.evidenced or 0) >= self.required

    @property
    def levels_to_go(self) -> int:
        return max(0, self.required - (self.evidenced or 0))

    @property
    def self_assessed_met(self) -> bool:
        return (self.self_assessed or 0) >= self.required


def gap_for_user(*, user) -> list[GapRow]:
    """The member's gap per required competency, essential first, then by area and code. Six queries."""
    requirements = requirements_for_user(user=user)
    if not requirements:
        return []
    assessed = self_assessed_levels_for_user(user=user)
    evidenced = evidenced_levels_for_user(user=user)
    competencies = (
        Competency.objects.filter(pk__in=requirements)
        .select_related("area")
        .prefetch_related(Prefetch("descriptors", queryset=LevelDescriptor.objects.order_by("level")))
    )
    rows = []
    for competency in competencies:
        req = requirements[competency.pk]
        rows.append(
            GapRow(
                competency=competency,
                required=Level(req.level),
                priority=req.priority,
                from_profiles=req.from_profiles,
                self_assessed=Level(assessed[competency.pk]) if competency.pk in assessed else None,
                evidenced=Level(evidenced[competency.pk]) if competency.pk in evidenced else None,
            )
        )
    rows.sort(
        key=lambda r: (r.priority != Priority.ESSENTIAL, r.competency.area.sort_order, r.competency.code)
    )
    return rows
