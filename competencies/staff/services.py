"""Writes for the staff list: importing it (preview, then apply), linking invitations at sign-in, filling a
record from single sign-on claims, marking leavers and erasing them when their retention ends."""

import datetime
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from wagtail import hooks

from competencies.models import RoleProfile, StaffProfile
from home import personal_data
from home.sso import first_claim

from .importer import StaffRow, parse_staff_csv
from .models import ServiceArea, StaffImport, StaffRecord, Team

security_log = logging.getLogger("academy.security")

# fn(*, staff_ids: list[int]) -> None, called after commit when records were created, changed or left:
# how a higher layer (required learning) keeps its assignments in step without this app naming it.
STAFF_CHANGED_HOOK = "academy_staff_changed"

SERVICE_AREA_CLAIMS = ("service_area", "serviceArea", "department", "dept")
TEAM_CLAIMS = ("team", "team_name", "teamName")
MANAGER_CLAIMS = ("manager_email", "managerEmail", "manager_mail")

FIELD_LABELS = {
    "name": "name",
    "job_title": "job title",
    "team": "team",
    "line_manager": "line manager",
    "role_profile": "role profile",
    "joined_on": "start date",
    "left_on": "leaving date (cleared: back on the list)",
}


@dataclass
class RowChange:
    row: StaffRow
    action: str  # "create", "update" or "unchanged"
    changed: list[str] = field(default_factory=list)

    @property
    def changed_labels(self) -> list[str]:
        return [FIELD_LABELS[name] for name in self.changed]


@dataclass
class StaffImportPreview:
    """What applying the file would do, row by row; nothing has been written."""

    changes: list[RowChange]
    not_in_file: int  # current staff on the list whom this file does not mention (not changed by it)

    def count(self, action: str) -> int:
        return sum(1 for change in self.changes if change.action == action)

    @property
    def created(self) -> int:
        return self.count("create")

    @property
    def updated(self) -> int:
        return self.count("update")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged")

    def summary(self) -> str:
        return f"{self.created} new, {self.updated} changed, {self.unchanged} unchanged."


def _team_key(row: StaffRow) -> tuple[str, str] | None:
    return (row.service_area, row.team) if row.team else None


def _wanted(row: StaffRow, *, existing: StaffRecord | None, teams, roles, today) -> dict:
    """The record's fields as the row wants them (line manager as the manager's email)."""
    team = teams.get(_team_key(row)) if row.team else None
    return {
        "name": row.name,
        "job_title": row.job_title,
        "team": team if row.team else None,
        "line_manager": row.manager_email or None,
        "role_profile": roles.get(row.role_code) if row.role_code else None,
        "joined_on": row.start_date or (existing.joined_on if existing else today),
        "left_on": None,
    }


def _current(record: StaffRecord, emails_by_id: dict[int, str]) -> dict:
    return {
        "name": record.name,
        "job_title": record.job_title,
        "team": record.team,
        "line_manager": emails_by_id.get(record.line_manager_id),
        "role_profile": record.role_profile,
        "joined_on": record.joined_on,
        "left_on": record.left_on,
    }


def _lookups(rows: list[StaffRow]):
    emails = {row.email for row in rows} | {row.manager_email for row in rows if row.manager_email}
    records = {
        r.email: r
        for r in StaffRecord.objects.filter(email__in=emails).select_related("team", "role_profile")
    }
    manager_ids = {r.line_manager_id for r in records.values() if r.line_manager_id}
    emails_by_id = dict(StaffRecord.objects.filter(pk__in=manager_ids).values_list("pk", "email"))
    teams = {
        (t.service_area.name, t.name): t
        for t in Team.objects.select_related("service_area").filter(
            name__in={row.team for row in rows if row.team}
        )
    }
    roles = {r.code: r for r in RoleProfile.objects.filter(code__in={row.role_code for row in rows})}
    return records, emails_by_id, teams, roles


def staff_import_preview(*, data: bytes) -> StaffImportPreview:
    """Check the file and describe what importing it would change. Writes nothing."""
    rows = parse_staff_csv(data)
    records, emails_by_id, teams, roles = _lookups(rows)
    today = timezone.localdate()
    changes = []
    for row in rows:
        existing = records.get(row.email)
        wanted = _wanted(row, existing=existing, teams=teams, roles=roles, today=today)
        if existing is None:
            changes.append(RowChange(row, "create"))
            continue
        if row.team and _team_key(row) not in teams:
            wanted["team"] = "new"  # a team that does not exist yet is a change
        current = _current(existing, emails_by_id)
        changed = [name for name in FIELD_LABELS if wanted[name] != current[name]]
        changes.append(RowChange(row, "update" if changed else "unchanged", changed))
    in_file = {row.email for row in rows}
    not_in_file = StaffRecord.objects.current().exclude(email__in=in_file).count()
    return StaffImportPreview(changes=changes, not_in_file=not_in_file)


def staff_import_apply(*, data: bytes, actor, filename: str) -> StaffImportPreview:
    """Import the staff list: all or nothing; a second import of the same file changes nothing."""
    preview = staff_import_preview(data=data)
    if not preview.created and not preview.updated:
        return preview
    rows = [change.row for change in preview.changes if change.action != "unchanged"]
    with transaction.atomic():
        teams = _teams_ensure(rows)
        roles = {r.code: r for r in RoleProfile.objects.filter(code__in={row.role_code for row in rows})}
        records = {
            r.email: r
            for r in StaffRecord.objects.select_for_update().filter(email__in=[r.email for r in rows])
        }
        today = timezone.localdate()
        touched: list[StaffRecord] = []
        for row in rows:
            record = records.get(row.email) or StaffRecord(email=row.email)
            wanted = _wanted(row, existing=records.get(row.email), teams=teams, roles=roles, today=today)
            role_changed = record.pk is None or record.role_profile_id != getattr(
                wanted["role_profile"], "pk", None
            )
            rejoined = record.left_on is not None
            for name in ("name", "job_title", "team", "role_profile", "joined_on", "left_on"):
                setattr(record, name, wanted[name])
            if record.user_id is None:
                record.user = _account_for(row.email)
            record.save()
            records[row.email] = record
            touched.append(record)
            if record.user_id:
                if rejoined:
                    type(record.user).objects.filter(pk=record.user_id).update(is_active=True)
                _account_update(record=record, role_changed=role_changed, actor=actor)
        managers = dict(
            StaffRecord.objects.filter(
                email__in={r.manager_email for r in rows if r.manager_email}
            ).values_list("email", "pk")
        )
        for row, record in zip(rows, touched, strict=True):
            manager_id = managers.get(row.manager_email) if row.manager_email else None
            if record.line_manager_id != manager_id:
                StaffRecord.objects.filter(pk=record.pk).update(line_manager_id=manager_id)
        StaffImport.objects.create(
            uploaded_by=actor,
            filename=filename[:255],
            created=preview.created,
            updated=preview.updated,
            unchanged=preview.unchanged,
        )
        _after_commit_changed([record.pk for record in touched])
    security_log.info(
        "staff import actor_id=%s created=%s updated=%s",
        getattr(actor, "pk", None),
        preview.created,
        preview.updated,
    )
    return preview


def _teams_ensure(rows: list[StaffRow]) -> dict[tuple[str, str], Team]:
    teams = {}
    for area_name, team_name in sorted({_team_key(row) for row in rows if row.team}):
        area, _ = ServiceArea.objects.get_or_create(name=area_name)
        teams[(area_name, team_name)] = Team.objects.get_or_create(service_area=area, name=team_name)[0]
    return teams


def _account_for(email: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(email__iexact=email, staff_record__isnull=True).first()


def _account_update(*, record: StaffRecord, role_changed: bool, actor=None) -> None:
    """Bring the member's account in line with HR's list: job title, service area, and (when HR changed it) the
    job profile their competency gap is measured against."""
    user = record.user
    area = record.team.service_area.name if record.team_id else ""
    changed = []
    for name, value in (("job_title", record.job_title), ("department", area)):
        if value and getattr(user, name) != value:
            setattr(user, name, value)
            changed.append(name)
    if changed:
        user.save(update_fields=changed)
    if role_changed and record.role_profile_id:
        StaffProfile.objects.update_or_create(
            user=user, defaults={"job_profile_id": record.role_profile_id, "updated_by": actor}
        )


def _after_commit_changed(staff_ids: list[int]) -> None:
    if not staff_ids:
        return

    def notify():
        for fn in hooks.get_hooks(STAFF_CHANGED_HOOK):
            fn(staff_ids=staff_ids)

    transaction.on_commit(notify)


def staff_record_link(*, user, extra_data: Mapping | None = None) -> StaffRecord | None:
    """At sign-in: link the invitation with the member's email, then fill gaps from the provider's claims.

    With single sign-on, a member who is not on HR's list yet gets a record from the claims (service area,
    team, line manager) when the provider sends them; HR's own entries are never overwritten.
    """
    with transaction.atomic():
        record = StaffRecord.objects.select_for_update().filter(user=user).first()
        linked = False
        if record is None:
            record = (
                StaffRecord.objects.select_for_update()
                .filter(email=user.email.lower(), user__isnull=True)
                .first()
            )
            if record is not None:
                record.user = user
                record.save(update_fields=["user", "updated_at"])
                linked = True
                _account_update(record=record, role_changed=True)
        filled = _fill_from_claims(user=user, record=record, extra_data=extra_data) if extra_data else None
        record = record or filled
        if linked or filled is not None:
            _after_commit_changed([record.pk])
            security_log.info("staff record linked user_id=%s from_sso=%s", user.pk, filled is not None)
    return record


def _fill_from_claims(*, user, record: StaffRecord | None, extra_data: Mapping) -> StaffRecord | None:
    """Fill an empty team and line manager from the claims (or make the record); None when nothing changed."""
    area_name = first_claim(extra_data, SERVICE_AREA_CLAIMS)
    team_name = first_claim(extra_data, TEAM_CLAIMS)
    manager_email = first_claim(extra_data, MANAGER_CLAIMS).lower()
    if not (area_name or team_name or manager_email):
        return None
    manager = (
        StaffRecord.objects.current().filter(email=manager_email).exclude(user=user).first()
        if manager_email
        else None
    )
    team = None
    if area_name and team_name:
        area, _ = ServiceArea.objects.get_or_create(name=area_name)
        team, _ = Team.objects.get_or_create(service_area=area, name=team_name)
    if record is None:
        if team is None and manager is None:
            return None
        return StaffRecord.objects.create(
            email=user.email.lower(),
            user=user,
            name=user.get_full_name() or user.email.split("@", 1)[0],
            job_title=user.job_title,
            team=team,
            line_manager=manager,
            joined_on=timezone.localdate(),
        )
    changed = []
    if record.team_id is None and team is not None:
        record.team = team
        changed.append("team")
    if record.line_manager_id is None and manager is not None:
        record.line_manager = manager
        changed.append("line_manager")
    if not changed:
        return None
    record.save(update_fields=[*changed, "updated_at"])
    return record


def staff_mark_leaver(*, record: StaffRecord, left_on: datetime.date, actor) -> StaffRecord:
    """Mark a leaver: their account can no longer sign in; their records are kept until the retention ends."""
    with transaction.atomic():
        record.left_on = left_on
        record.save(update_fields=["left_on", "updated_at"])
        if record.user_id:
            type(record.user).objects.filter(pk=record.user_id).update(is_active=False)
        StaffRecord.objects.filter(line_manager=record).update(line_manager=None)
        _after_commit_changed([record.pk])
    security_log.info("staff leaver record_id=%s actor_id=%s", record.pk, getattr(actor, "pk", None))
    return record


def leavers_erase(*, cutoff: datetime.datetime, erase: bool) -> int:
    """Leavers whose leaving date is before the cutoff: each account erased everywhere, then the record."""
    expired = StaffRecord.objects.leavers().filter(left_on__lt=timezone.localtime(cutoff).date())
    count = expired.count()
    if erase:
        for record in expired.select_related("user").iterator():
            if record.user_id:
                personal_data.erase(record.user)  # deletes the record with the account
            StaffRecord.objects.filter(pk=record.pk).delete()
    return count
