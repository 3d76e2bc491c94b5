"""Writes for the competency framework: evidence, members' profiles and self-assessment, role requirements,
copying a role profile, and publishing framework versions."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from wagtail.actions.edit import EditAction

from home.permissions import require

from .levels import Level
from .models import (
    Competency,
    CompetencyEvidence,
    FrameworkVersion,
    Priority,
    ProfileKind,
    RoleProfile,
    RoleRequirement,
    SelfAssessment,
    StaffProfile,
)


def evidence_record(
    *, user, competency: Competency, level: Level | int, source: str, source_key: str
) -> CompetencyEvidence:
    """Record that `user` has shown `competency` at `level` through `source`; keeps the highest level per source."""
    level = Level(int(level))
    with transaction.atomic():
        evidence, created = CompetencyEvidence.objects.select_for_update().get_or_create(
            user=user,
            competency=competency,
            source_key=source_key,
            defaults={"level": level, "source": source},
        )
        if not created and evidence.level < level:
            evidence.level = level
            evidence.source = source
            evidence.save(update_fields=["level", "source"])
    return evidence


def staff_profile_set(*, user, job_profile: RoleProfile | None, governance_profiles, actor) -> StaffProfile:
    """Set the job profile and governance responsibilities `user` holds. Only published profiles of the
    right kind are accepted. `actor` None is the system (demo content, imports)."""
    if actor is not None:
        require(actor, "edit_own_role" if actor.pk == user.pk else "assign_role_profiles")
    governance_profiles = list(governance_profiles)
    if job_profile is not None and (job_profile.kind != ProfileKind.JOB or not job_profile.live):
        raise ValidationError({"job_profile": "Choose a published job profile."})
    if any(p.kind != ProfileKind.GOVERNANCE or not p.live for p in governance_profiles):
        raise ValidationError({"governance_profiles": "Choose published governance responsibilities only."})
    with transaction.atomic():
        profile, _ = StaffProfile.objects.select_for_update().get_or_create(user=user)
        profile.job_profile = job_profile
        profile.updated_by = actor
        profile.save()
        profile.governance_profiles.set(governance_profiles)
    return profile


def self_assessment_save(*, user, levels: dict[int, int | None]) -> int:
    """Save the member's own levels ({competency id: level or None to clear}); returns how many changed."""
    require(user, "edit_own_role")
    existing = dict(SelfAssessment.objects.filter(user=user).values_list("competency_id", "level"))
    changed = 0
    with transaction.atomic():
        for competency_id, level in levels.items():
            if level is None:
                changed += SelfAssessment.objects.filter(user=user, competency_id=competency_id).delete()[0]
            elif existing.get(competency_id) != int(level):
                SelfAssessment.objects.update_or_create(
                    user=user, competency_id=competency_id, defaults={"level": Level(int(level))}
                )
                changed += 1
    return changed


def role_requirements_set(
    *, role: RoleProfile, requirements: dict[int, tuple[int, str]], user, publish: bool
) -> RoleProfile:
    """Replace a role profile's requirements ({competency id: (level, priority)}) as a new revision:
    a draft, or published at once. Either way Wagtail's history records who changed what."""
    require(user, "edit_framework")
    competencies = Competency.objects.in_bulk(list(requirements))
    if len(competencies) != len(requirements):
        raise ValidationError("One of the competencies no longer exists. Reload the page and try again.")
    role.requirements = [
        RoleRequirement(competency=competencies[cid], level=Level(int(level)), priority=Priority(priority))
        for cid, (level, priority) in sorted(
            requirements.items(), key=lambda item: competencies[item[0]].code
        )
    ]
    EditAction(role, user=user, publish=publish).execute(skip_permission_checks=True)
    return role


def _free_code(base: str) -> str:
    taken = set(RoleProfile.objects.filter(code__startswith=base).values_list("code", flat=True))
    code, n = base, 1
    while code in taken:
        n += 1
        code = f"{base}-{n}"
    return code


def role_profile_copy(*, role: RoleProfile, user) -> RoleProfile:
    """A draft copy of a role profile and its requirements, for HR to adapt into a new role."""
    require(user, "edit_framework")
    with transaction.atomic():
        copy = RoleProfile(
            code=_free_code(f"{role.code}-copy"[:74]),
            kind=role.kind,
            job_title=f"Copy of {role.job_title}"[:160],
            job_family=role.job_family,
            service_area=role.service_area,
            grade=role.grade,
            description=role.description,
            live=False,
            has_unpublished_changes=True,
        )
        copy.save()
        copy.requirements = [
            RoleRequirement(competency_id=r.competency_id, level=r.level, priority=r.priority)
            for r in role.requirements.all()
        ]
        copy.save()
        copy.save_revision(user=user, log_action="wagtail.create")
    return copy


def pending_changes() -> dict[str, list]:
    """Drafts waiting to be published in the next framework version."""
    return {
        "competencies": list(Competency.objects.filter(has_unpublished_changes=True).order_by("code")),
        "role_profiles": list(RoleProfile.objects.filter(has_unpublished_changes=True).order_by("job_title")),
    }


def framework_snapshot() -> dict:
    """The published framework as plain data (stored with each version; five queries)."""
    competencies = (
        Competency.objects.published().select_related("area").prefetch_related("descriptors", "tags")
    )
    roles = RoleProfile.objects.published().prefetch_related("requirements__competency")
    return {
        "competencies": [
            {
                "code": c.code,
                "name": c.name,
                "area": c.area.name,
                "description": c.description,
                "descriptors": {
                    Level(d.level).label: {"summary": d.summary, "indicators": d.indicator_list}
                    for d in c.descriptors.all()
                },
            }
            for c in competencies
        ],
        "role_profiles": [
            {
                "code": r.code,
                "kind": r.kind,
                "job_title": r.job_title,
                "requirements": {
                    q.competency.code: [Level(q.level).label, q.priority]
                    for q in r.requirements.all()
                    if q.competency.live
                },
            }
            for r in roles
        ],
    }


def framework_version_record(*, user, notes: str, source: str, changes: dict) -> FrameworkVersion:
    """Record a new published version with a snapshot of the framework as it now stands."""
    with transaction.atomic():
        last = FrameworkVersion.objects.select_for_update().aggregate(n=Max("number"))["n"] or 0
        return FrameworkVersion.objects.create(
            number=last + 1,
            notes=notes,
            source=source,
            published_by=user,
            changes=changes,
            snapshot=framework_snapshot(),
        )


def framework_version_publish(*, user, notes: str) -> FrameworkVersion:
    """Publish every draft competency and role profile, then record the new version (`user` None: the system)."""
    if user is not None:
        require(user, "edit_framework")
    notes = (notes or "").strip()
    if not notes:
        raise ValidationError({"notes": "Say what changed in this version."})
    pending = pending_changes()
    if not any(pending.values()) and FrameworkVersion.objects.exists():
        raise ValidationError("Nothing has changed since the last version: there are no drafts to publish.")
    with transaction.atomic():
        # Competencies first: a role's requirements may point at a competency published in this version.
        for obj in pending["competencies"] + pending["role_profiles"]:
            revision = obj.latest_revision
            if revision is not None:
                revision.publish(user=user, skip_permission_checks=True)
        return framework_version_record(
            user=user,
            notes=notes,
            source="Published in the admin",
            changes={
                "competencies": [c.code for c in pending["competencies"]],
                "role_profiles": [r.code for r in pending["role_profiles"]],
            },
        )
