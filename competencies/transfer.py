"""Applying an imported framework (all-or-nothing, idempotent) and exporting the framework as CSV."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import ModelLogEntry, Revision
from wagtail.search.backends import get_search_backends

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
    # What the parser accepted but reports (rows skipped or merged, descriptions missing).
    report: list[str] = field(default_factory=list)

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


def framework_import(*, parsed: ParsedFramework, user, source: str, progress=None) -> ImportResult:
    """Write a parsed framework in one transaction and record a framework version when anything changed.
    Importing the same file again changes nothing.

    Writes are in bulk: every changed competency and role profile is saved, given one published revision
    (its history entry for this import) and indexed for search in a few queries per kind, not per object.
    `progress(done, total, stage)` is called as the work goes (the admin's import task reports it)."""
    result = ImportResult(report=list(parsed.report))
    report = progress or (lambda done, total, stage: None)
    with transaction.atomic():
        areas = _apply_areas(parsed, result)
        report(0, 3, "Competencies")
        competencies = _apply_competencies(parsed, areas, user, result)
        report(1, 3, "Role profiles")
        _apply_roles(parsed, competencies, user, result)
        report(2, 3, "Recording the version")
        if result.changed:
            result.version = framework_version_record(
                user=user,
                notes=f"Imported from {source}: {result.summary()}",
                source=f"Import: {source}"[:200],
                changes={"created": result.created, "updated": result.updated},
            )
        report(3, 3, "Done")
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


PUBLISH_FIELDS = ["live", "has_unpublished_changes", "first_published_at", "last_published_at"]


def _publish_all(model, changed: list, *, created: set[int], fields: list[str], children, user) -> None:
    """Save `changed` objects of `model` (those whose pk is in `created` are new) with their in-memory
    children, and publish each as one new revision, all in bulk: what EditAction does, without a query
    round per object. `children(obj)` gives the child rows to write for it (old ones are replaced)."""
    if not changed:
        return
    now = timezone.now()
    for obj in changed:
        obj.live, obj.has_unpublished_changes = True, False
        obj.first_published_at = obj.first_published_at or now
        obj.last_published_at = now
    new = [o for o in changed if o.pk is None]
    model.objects.bulk_create(new)
    created.update(o.pk for o in new)
    model.objects.bulk_update([o for o in changed if o.pk not in created], fields + PUBLISH_FIELDS)
    child_model, parent_field = children
    child_model.objects.filter(**{f"{parent_field}__in": [o.pk for o in changed]}).delete()
    rows = []
    for obj in changed:
        kids = list(getattr(obj, child_model._meta.get_field(parent_field).remote_field.related_name).all())
        for kid in kids:
            kid.pk = None
            setattr(kid, f"{parent_field}_id", obj.pk)
        rows.extend(kids)
    child_model.objects.bulk_create(rows)
    content_type = ContentType.objects.get_for_model(model)
    revisions = [
        Revision(
            content_type=content_type,
            base_content_type=content_type,
            object_id=str(obj.pk),
            created_at=now,
            user=user,
            object_str=str(obj),
            content=obj.serializable_data(),
        )
        for obj in changed
    ]
    Revision.objects.bulk_create(revisions)
    for obj, revision in zip(changed, revisions, strict=True):
        obj.latest_revision = obj.live_revision = revision
    model.objects.bulk_update(changed, ["latest_revision", "live_revision"])
    ModelLogEntry.objects.bulk_create(
        ModelLogEntry(
            content_type=content_type,
            label=str(obj)[:255],
            action=action,
            user=user,
            object_id=str(obj.pk),
            revision=revision,
            timestamp=now,
            content_changed=action != "wagtail.publish",
        )
        for obj, revision in zip(changed, revisions, strict=True)
        for action in ("wagtail.create" if obj.pk in created else "wagtail.edit", "wagtail.publish")
    )
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model, changed)


def _apply_competencies(parsed, areas, user, result) -> dict[str, Competency]:
    existing = {
        c.code: c
        for c in Competency.objects.filter(code__in=parsed.competencies).prefetch_related(
            "descriptors", "tags"
        )
    }
    changed, created, tag_changes = [], set(), []
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
                changed.append(comp)
            tags_changed = sorted(t.name for t in comp.tags.all()) != item.tags
            if not same or tags_changed:
                result.updated["competencies"] += 1
        else:
            comp = Competency(code=code)
            _set_competency(comp, item, areas, wanted_descriptors)
            changed.append(comp)
            existing[code] = comp
            result.created["competencies"] += 1
            tags_changed = bool(item.tags)
        if tags_changed:
            tag_changes.append((comp, item.tags))
    _publish_all(
        Competency,
        changed,
        created=created,
        fields=["name", "description", "area"],
        children=(LevelDescriptor, "competency"),
        user=user,
    )
    for comp, tags in tag_changes:
        comp.tags.set(tags)
    existing.update({c.code: c for c in Competency.objects.exclude(code__in=existing)})
    return existing


def _set_competency(comp, item, areas, descriptors) -> None:
    comp.name, comp.description, comp.area = item.name, item.description, areas[item.area]
    comp.descriptors = [
        LevelDescriptor(level=Level(level), summary=summary, indicators=indicators)
        for level, (summary, indicators) in sorted(descriptors.items())
    ]


ROLE_FIELDS = ["kind", "job_title", "job_family", "service_area", "grade", "description"]


def _apply_roles(parsed, competencies, user, result) -> None:
    existing = {
        r.code: r for r in RoleProfile.objects.filter(code__in=parsed.roles).prefetch_related("requirements")
    }
    changed = []
    for code, item in parsed.roles.items():
        role = existing.get(code)
        wanted = {competencies[c].pk: (level, priority) for c, (level, priority) in item.requirements.items()}
        fields = {name: getattr(item, name) for name in ROLE_FIELDS}
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
        changed.append(role)
    _publish_all(
        RoleProfile,
        changed,
        created=set(),
        fields=ROLE_FIELDS,
        children=(RoleRequirement, "role"),
        user=user,
    )


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


# --- Imports queued from the admin -----------------------------------------------------------------------


def queue_import(*, user, fmt: str, filename: str, data: bytes, roles_filename: str = "", roles_data=None):
    """Store an upload and queue its import after this transaction commits; the page at its pk shows it."""
    from .models import FrameworkImport
    from .tasks import import_framework_file

    job = FrameworkImport.objects.create(
        user=user,
        format=fmt,
        filename=filename[:255],
        data=data,
        roles_filename=roles_filename[:255],
        roles_data=roles_data,
    )
    transaction.on_commit(lambda: import_framework_file.enqueue(job.pk))
    return job


def run_queued_import(import_id: int) -> str:
    """Parse and import a queued upload, recording its progress and outcome; its files are dropped after."""
    from .models import FrameworkImport

    job = FrameworkImport.objects.filter(pk=import_id, status=FrameworkImport.Status.QUEUED).first()
    if job is None:
        return "not queued"
    Status = FrameworkImport.Status  # noqa: N806 - the model's choices

    def progress(done, total, stage):
        FrameworkImport.objects.filter(pk=job.pk).update(done=done, total=total, stage=stage[:80])

    FrameworkImport.objects.filter(pk=job.pk).update(status=Status.RUNNING, stage="Checking the file")
    fields = {}
    try:
        parsed = parse_files(
            fmt=job.format,
            data=bytes(job.data),
            filename=job.filename,
            roles_data=bytes(job.roles_data) if job.roles_data is not None else None,
            roles_name=job.roles_filename,
        )
        result = framework_import(parsed=parsed, user=job.user, source=job.filename, progress=progress)
    except ImportRejected as exc:
        fields = {"status": Status.REJECTED, "errors": exc.errors, "summary": "Nothing was imported."}
    except Exception:
        fields = {"status": Status.FAILED, "summary": "The import failed; nothing was imported. Try again."}
        raise
    else:
        fields = {
            "status": Status.DONE,
            "summary": result.summary(),
            "report": result.report,
            "version_number": result.version.number if result.version else None,
        }
    finally:
        FrameworkImport.objects.filter(pk=job.pk).update(
            **fields, data=b"", roles_data=None, finished_at=timezone.now(), stage=""
        )
    return fields["status"]
