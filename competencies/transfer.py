"""Applying an imported framework (all-or-nothing, idempotent) and exporting the framework as CSV."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify
from wagtail.actions.edit import EditAction

from home.csv import csv_text

from .importers import (
    COMPETENCY_COLUMNS,
    ROLE_COLUMNS,
    ImportRejected,
    ParsedFramework,
    parse_ddat,
    parse_own_format,
)
from .levels import Level
from .models import Competency, CompetencyArea, LevelDescriptor, RoleProfile, RoleRequirement
from .services import framework_version_record

FORMATS = {"csv": "Data Academy CSV", "ddat": "DDaT Capability Framework long CSV"}


@dataclass
class ImportResult:
    """What an import changed; `version` is None when the file matched the framework already."""

    created: dict[str, int] = field(
        default_factory=lambda: {"areas": 0, "competencies": 0, "role_profiles": 0}
    )
    updated: dict[str, int] = field(default_factory=lambda: {"competencies": 0, "role_profiles": 0})
    version: object = None

    @property
    def changed(self) -> bool:
        return any(self.created.values()) or any(self.updated.values())

    def summary(self) -> str:
        if not self.changed:
            return "No changes: the framework already matches this file."
        c, u = self.created, self.updated
        return (
            f"{c['competencies']} competencies added, {u['competencies']} updated; "
            f"{c['role_profiles']} role profiles added, {u['role_profiles']} updated; {c['areas']} areas added."
        )


def parse_files(
    *, fmt: str, data: bytes, filename: str, roles_data: bytes | None = None, roles_name: str = ""
):
    if fmt == "ddat":
        if roles_data is not None:
            raise ImportRejected(
                [f"{roles_name}: the DDaT format is one file; roles come from the same file."]
            )
        return parse_ddat(data, filename=filename)
    if fmt == "csv":
        return parse_own_format(
            data, competencies_name=filename, roles_data=roles_data, roles_name=roles_name
        )
    raise ImportRejected([f"Unknown format {fmt!r}: use one of {', '.join(FORMATS)}."])


def framework_import(*, parsed: ParsedFramework, user, source: str) -> ImportResult:
    """Write a parsed framework in one transaction, publishing each changed object as a new revision, and
    record a framework version when anything changed. Importing the same file again changes nothing."""
    result = ImportResult()
    with transaction.atomic():
        areas = _apply_areas(parsed, result)
        competencies = _apply_competencies(parsed, areas, user, result)
        _apply_roles(parsed, competencies, user, result)
        if result.changed:
            result.version = framework_version_record(
                user=user,
                notes=f"Imported from {source}: {result.summary()}",
                source=f"Import: {source}"[:200],
                changes={"created": result.created, "updated": result.updated},
            )
    return result


def _apply_areas(parsed, result) -> dict[str, CompetencyArea]:
    existing = {a.name: a for a in CompetencyArea.objects.filter(name__in=parsed.areas)}
    next_order = (
        CompetencyArea.objects.order_by("-sort_order").values_list("sort_order", flat=True).first() or 0
    ) + 1
    for name, description in parsed.areas.items():
        if name not in existing:
            slug, n = slugify(name)[:110] or "area", 1
            while CompetencyArea.objects.filter(slug=slug).exists():
                n += 1
                slug = f"{slugify(name)[:100]}-{n}"
            existing[name] = CompetencyArea.objects.create(
                name=name, slug=slug, description=description, sort_order=next_order
            )
            next_order += 1
            result.created["areas"] += 1
    return existing


def _publish(instance, *, user, new: bool) -> None:
    if new:
        instance.live = False  # saved by the action, then made live by publishing its first revision
    EditAction(
        instance, user=user, publish=True, log_action="wagtail.create" if new else "wagtail.edit"
    ).execute(skip_permission_checks=True)


def _apply_competencies(parsed, areas, user, result) -> dict[str, Competency]:
    existing = {
        c.code: c
        for c in Competency.objects.filter(code__in=parsed.competencies).prefetch_related(
            "descriptors", "tags"
        )
    }
    for code, item in parsed.competencies.items():
        comp = existing.get(code)
        wanted_descriptors = {
            level: (summary, "\n".join(indicators))
            for level, (summary, indicators) in item.descriptors.items()
        }
        if comp is not None:
            current = {d.level: (d.summary, d.indicators) for d in comp.descriptors.all()}
            same = (comp.name, comp.description, comp.area_id) == (
                item.name,
                item.description,
                areas[item.area].pk,
            ) and current == wanted_descriptors
            if not same:
                _set_competency(comp, item, areas, wanted_descriptors)
                _publish(comp, user=user, new=False)
            tags_changed = sorted(t.name for t in comp.tags.all()) != item.tags
            if not same or tags_changed:
                result.updated["competencies"] += 1
        else:
            comp = Competency(code=code)
            _set_competency(comp, item, areas, wanted_descriptors)
            _publish(comp, user=user, new=True)
            existing[code] = comp
            result.created["competencies"] += 1
            tags_changed = bool(item.tags)
        if tags_changed:
            comp.tags.set(item.tags)
    existing.update({c.code: c for c in Competency.objects.exclude(code__in=existing)})
    return existing


def _set_competency(comp, item, areas, descriptors) -> None:
    comp.name, comp.description, comp.area = item.name, item.description, areas[item.area]
    comp.descriptors = [
        LevelDescriptor(level=Level(level), summary=summary, indicators=indicators)
        for level, (summary, indicators) in sorted(descriptors.items())
    ]


def _apply_roles(parsed, competencies, user, result) -> None:
    existing = {
        r.code: r for r in RoleProfile.objects.filter(code__in=parsed.roles).prefetch_related("requirements")
    }
    for code, item in parsed.roles.items():
        role = existing.get(code)
        wanted = {competencies[c].pk: (level, priority) for c, (level, priority) in item.requirements.items()}
        fields = {
            "kind": item.kind,
            "job_title": item.job_title,
            "job_family": item.job_family,
            "service_area": item.service_area,
            "grade": item.grade,
            "description": item.description,
        }
        if role is not None:
            current = {r.competency_id: (r.level, r.priority) for r in role.requirements.all()}
            if all(getattr(role, k) == v for k, v in fields.items()) and current == wanted:
                continue
            result.updated["role_profiles"] += 1
        else:
            role = RoleProfile(code=code)
            result.created["role_profiles"] += 1
        for name, value in fields.items():
            setattr(role, name, value)
        role.requirements = [
            RoleRequirement(competency_id=cid, level=Level(level), priority=priority)
            for cid, (level, priority) in wanted.items()
        ]
        _publish(role, user=user, new=role.pk is None)


# --- Export ---------------------------------------------------------------------------------------------


def competency_rows() -> list[list]:
    """The published competencies in the project's own format: one row per competency × level."""
    rows = []
    competencies = (
        Competency.objects.published().select_related("area").prefetch_related("descriptors", "tags")
    )
    for comp in competencies.order_by("area__sort_order", "code"):
        tags = ", ".join(sorted(t.name for t in comp.tags.all()))
        for d in comp.descriptors.all():
            rows.append(
                [
                    comp.area.name,
                    comp.area.description,
                    comp.code,
                    comp.name,
                    comp.description,
                    tags,
                    Level(d.level).label,
                    d.summary,
                    " | ".join(d.indicator_list),
                ]
            )
    return rows


def role_rows(*, roles=None) -> list[list]:
    """Published role profiles and their requirements in the project's own format."""
    if roles is None:
        roles = RoleProfile.objects.published()
    roles = roles.prefetch_related("requirements__competency")
    rows = []
    for role in roles.order_by("kind", "job_title"):
        base = [
            role.code,
            role.kind,
            role.job_title,
            role.job_family,
            role.service_area,
            role.grade,
            role.description,
        ]
        requirements = [r for r in role.requirements.all() if r.competency.live]
        if not requirements:
            rows.append([*base, "", "", ""])
        for req in requirements:
            rows.append([*base, req.competency.code, Level(req.level).label, req.priority])
    return rows


def export_competencies_csv() -> str:
    """The competency export as CSV text (what the download holds; the import reads it back)."""
    return csv_text(COMPETENCY_COLUMNS, competency_rows())


def export_roles_csv(*, roles=None) -> str:
    """The role-requirement export as CSV text."""
    return csv_text(ROLE_COLUMNS, role_rows(roles=roles))
