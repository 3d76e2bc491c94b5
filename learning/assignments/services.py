"""Writes for required learning: who has each assignment (kept in step with the staff list and with passes)
and the reminders (each sent once, however often the command runs)."""

import datetime
import uuid
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from competencies.staff.models import StaffRecord
from learning.models import Certificate, CourseAttempt, CoursePage

from . import schedule
from .models import AssignedLearning, Assignment, PathwayCourse, ReminderOptOut, ReminderSent

BATCH = 2000
REMIND_DAYS_BEFORE = 14


# --- Who has what ------------------------------------------------------------------------------------


def assignment_courses() -> dict[int, list[int]]:
    """Course ids per active assignment: its course, or every course of its pathway."""
    steps = defaultdict(list)
    for pathway_id, course_id in PathwayCourse.objects.order_by("sort_order").values_list(
        "pathway_id", "course_id"
    ):
        steps[pathway_id].append(course_id)
    return {
        pk: [course_id] if course_id else steps.get(pathway_id, [])
        for pk, course_id, pathway_id in Assignment.objects.values_list("pk", "course_id", "pathway_id")
    }


def _audience(assignment: Assignment, staff: list[tuple]) -> set[int]:
    """Staff ids (of `staff` rows: id, team, area, role profile) the assignment reaches."""
    if assignment.everyone:
        return {row[0] for row in staff}
    roles = {r.pk for r in assignment.role_profiles.all()}
    areas = {a.pk for a in assignment.service_areas.all()}
    teams = {t.pk for t in assignment.teams.all()}
    people = {p.pk for p in assignment.people.all()}
    return {
        sid
        for sid, team, area, role in staff
        if sid in people or team in teams or area in areas or role in roles
    }


def _passes(*, course_ids: set[int], user_ids: set[int] | None) -> dict[tuple[int, int], schedule.CoursePass]:
    """(user, course) → their latest pass and their newest certificate's expiry, in two queries."""
    attempts = CourseAttempt.objects.filter(
        passed=True, finished_at__isnull=False, enrolment__course_id__in=course_ids
    )
    certificates = Certificate.objects.filter(enrolment__course_id__in=course_ids, expires_at__isnull=False)
    if user_ids is not None:
        attempts = attempts.filter(enrolment__user_id__in=user_ids)
        certificates = certificates.filter(enrolment__user_id__in=user_ids)
    last_pass = {
        (u, c): timezone.localdate(when)
        for u, c, when in attempts.values_list("enrolment__user_id", "enrolment__course_id")
        .annotate(last=Max("finished_at"))
        .values_list("enrolment__user_id", "enrolment__course_id", "last")
    }
    expiry = {
        (u, c): timezone.localdate(when)
        for u, c, when in certificates.values_list("enrolment__user_id", "enrolment__course_id")
        .annotate(last=Max("expires_at"))
        .values_list("enrolment__user_id", "enrolment__course_id", "last")
    }
    windows = dict(CoursePage.objects.filter(pk__in=course_ids).values_list("pk", "renewal_window_days"))
    return {
        key: schedule.CoursePass(
            passed_on=day, expires_on=expiry.get(key), renewal_days=windows.get(key[1], 0)
        )
        for key, day in last_pass.items()
    }


def _schedule(assignment, *, courses, user_id, assigned_on, joined_on, passes) -> schedule.Schedule:
    course_passes = [
        passes.get((user_id, c), schedule.CoursePass(passed_on=None))
        if user_id
        else schedule.CoursePass(None)
        for c in courses
    ]
    return schedule.schedule_for(
        assignment.rule(), assigned_on=assigned_on, joined_on=joined_on, passes=course_passes
    )


def assignments_sync(
    *, assignment_ids=None, staff_ids=None, recompute: bool = False, today=None
) -> dict[str, int]:
    """Give each current member of staff exactly the assignments whose audience they are in.

    New rows are dated today; rows for people no longer in an audience are removed (leavers' rows stay, for
    their record, until they are erased). With `recompute`, existing rows' dates are worked out again (after an
    assignment's due rule changed). Counts of rows created, removed and updated.
    """
    today = today or timezone.localdate()
    assignments = Assignment.objects.filter(active=True).prefetch_related(
        "role_profiles", "service_areas", "teams", "people"
    )
    if assignment_ids is not None:
        assignments = assignments.filter(pk__in=assignment_ids)
    assignments = list(assignments)
    staff_qs = StaffRecord.objects.current()
    if staff_ids is not None:
        staff_qs = staff_qs.filter(pk__in=staff_ids)
    staff = list(
        staff_qs.values_list(
            "pk", "team_id", "team__service_area_id", "role_profile_id", "joined_on", "user_id"
        )
    )
    facts = {row[0]: row for row in staff}
    audience_rows = [row[:4] for row in staff]
    courses_of = assignment_courses()
    existing_qs = AssignedLearning.objects.filter(assignment__in=[a.pk for a in assignments])
    if staff_ids is not None:
        existing_qs = existing_qs.filter(staff_id__in=staff_ids)
    existing = defaultdict(dict)
    for pk, assignment_id, staff_id in existing_qs.filter(staff__left_on__isnull=True).values_list(
        "pk", "assignment_id", "staff_id"
    ):
        existing[assignment_id][staff_id] = pk
    wanted = {a.pk: _audience(a, audience_rows) for a in assignments}
    stale = [
        pk
        for a_id, rows in existing.items()
        for s_id, pk in rows.items()
        if s_id not in wanted.get(a_id, set())
    ]
    new_pairs = [(a, s) for a in assignments for s in wanted[a.pk] - existing[a.pk].keys()]
    all_courses = {c for a in assignments for c in courses_of.get(a.pk, [])}
    user_ids = None if staff_ids is None else {facts[s][5] for s in facts if facts[s][5]}
    passes = _passes(course_ids=all_courses, user_ids=user_ids) if all_courses else {}
    with transaction.atomic():
        for start in range(0, len(stale), BATCH):
            AssignedLearning.objects.filter(pk__in=stale[start : start + BATCH]).delete()
        new_rows = []
        for assignment, staff_id in new_pairs:
            _, _, _, _, joined_on, user_id = facts[staff_id]
            plan = _schedule(
                assignment,
                courses=courses_of.get(assignment.pk, []),
                user_id=user_id,
                assigned_on=today,
                joined_on=joined_on,
                passes=passes,
            )
            new_rows.append(
                AssignedLearning(assignment=assignment, staff_id=staff_id, assigned_on=today, **plan.__dict__)
            )
        AssignedLearning.objects.bulk_create(new_rows, batch_size=BATCH, ignore_conflicts=True)
        updated = 0
        if recompute:
            kept = [
                pk
                for a_id, rows in existing.items()
                for s_id, pk in rows.items()
                if s_id in wanted.get(a_id, set())
            ]
            updated = _recompute(kept, passes=passes, courses_of=courses_of)
    return {"created": len(new_rows), "removed": len(stale), "updated": updated}


def _recompute(row_ids: list[int], *, passes, courses_of) -> int:
    changed = []
    for start in range(0, len(row_ids), BATCH):
        rows = AssignedLearning.objects.filter(pk__in=row_ids[start : start + BATCH]).select_related(
            "assignment", "staff"
        )
        for row in rows:
            plan = _schedule(
                row.assignment,
                courses=courses_of.get(row.assignment_id, []),
                user_id=row.staff.user_id,
                assigned_on=row.assigned_on,
                joined_on=row.staff.joined_on,
                passes=passes,
            )
            if any(getattr(row, name) != value for name, value in plan.__dict__.items()):
                for name, value in plan.__dict__.items():
                    setattr(row, name, value)
                changed.append(row)
    AssignedLearning.objects.bulk_update(changed, fields=list(schedule.Schedule.FIELDS), batch_size=BATCH)
    return len(changed)


def assigned_learning_refresh(*, user_id: int, course_id: int) -> int:
    """After a pass (or a new certificate) on `course_id`: bring that person's assignments of it up to date."""
    courses_of = assignment_courses()
    assignment_ids = [a for a, courses in courses_of.items() if course_id in courses]
    if not assignment_ids:
        return 0
    row_ids = list(
        AssignedLearning.objects.filter(staff__user_id=user_id, assignment_id__in=assignment_ids).values_list(
            "pk", flat=True
        )
    )
    if not row_ids:
        return 0
    wanted = {c for a in assignment_ids for c in courses_of[a]}
    return _recompute(row_ids, passes=_passes(course_ids=wanted, user_ids={user_id}), courses_of=courses_of)


# --- Reminders ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reminder:
    staff_id: int
    assigned_id: int | None
    key: str


def _reminder_key(row, *, today: datetime.date) -> str | None:
    """Which reminder (if any) is owed today for one row: before, on, or each week after the due date."""
    status = schedule.status_on(row, today)
    due = schedule.current_due(row)
    if status == schedule.DONE or due is None:
        return None
    days = (due - today).days
    if days > REMIND_DAYS_BEFORE:
        return None
    if days > 0:
        return f"{row.pk}:before:{due:%Y-%m-%d}"
    if days == 0:
        return f"{row.pk}:due:{due:%Y-%m-%d}"
    weeks = -days // 7
    kind = "expired" if status == schedule.EXPIRED else "overdue"
    return f"{row.pk}:{kind}:{due:%Y-%m-%d}:{weeks}" if weeks >= 1 else None


def _open_rows(today: datetime.date):
    """Rows that may owe a reminder: not done (or renewing), for current staff with a working account or none."""
    horizon = today + datetime.timedelta(days=REMIND_DAYS_BEFORE)
    not_valid = Q(completed_on__isnull=True) | Q(valid_until__lt=today)
    renewing = Q(renew_from__lte=today)
    due_window = Q(completed_on__isnull=True, due_on__lte=horizon) | Q(
        completed_on__isnull=False, next_due_on__lte=horizon
    )
    opted_out = ReminderOptOut.objects.values("staff_id")
    return (
        AssignedLearning.objects.current()
        .filter((not_valid | renewing) & due_window)
        .exclude(Q(staff__user__isnull=False) & Q(staff__user__is_active=False))
        .exclude(Q(assignment__requirement="recommended") & Q(staff_id__in=opted_out))
        .only(
            "pk",
            "staff_id",
            "due_on",
            "completed_on",
            "valid_until",
            "next_due_on",
            "renew_from",
            "expiry_driven",
        )
    )


def reminders_send(*, today: datetime.date | None = None) -> dict[str, int]:
    """Send today's reminders and this week's manager digests; a second run (even at once) sends nothing new.

    Each reminder is a row under a unique (person, key) constraint, inserted before any email is queued; only
    the run whose insert made the row queues the email, after the transaction commits.
    """
    from . import tasks

    today = today or timezone.localdate()
    run = uuid.uuid4()
    reminders = []
    for row in _open_rows(today).iterator(chunk_size=BATCH):
        key = _reminder_key(row, today=today)
        if key:
            reminders.append(ReminderSent(staff_id=row.staff_id, assigned_id=row.pk, key=key, run=run))
    week = today.isocalendar()
    digest_key = f"digest:{week.year}-W{week.week:02d}"
    overdue_managers = (
        _open_rows(today)
        .filter(
            Q(completed_on__isnull=True, due_on__lt=today)
            | Q(completed_on__isnull=False, valid_until__lt=today, next_due_on__lt=today)
            | Q(expiry_driven=True, valid_until__lt=today)
        )
        .filter(
            staff__line_manager__isnull=False,
            staff__line_manager__left_on__isnull=True,
            staff__line_manager__user__is_active=True,
        )
        .values_list("staff__line_manager_id", flat=True)
        .distinct()
    )
    reminders += [ReminderSent(staff_id=m, key=digest_key, run=run) for m in overdue_managers]
    with transaction.atomic():
        ReminderSent.objects.bulk_create(reminders, batch_size=BATCH, ignore_conflicts=True)
        mine = list(
            ReminderSent.objects.filter(run=run).values_list(
                "pk", "staff_id", "assigned_id", "assigned__assignment__requirement"
            )
        )
        by_email: dict[tuple[int, bool], list[int]] = defaultdict(list)
        digests = []
        for pk, staff_id, assigned_id, requirement in mine:
            if assigned_id is None:
                digests.append((staff_id, pk))
            else:
                by_email[(staff_id, requirement == "mandatory")].append(pk)

        def queue():
            for (staff_id, mandatory), ids in by_email.items():
                tasks.send_reminder_email.enqueue(
                    staff_id=staff_id, reminder_ids=ids, mandatory=mandatory, on=today.isoformat()
                )
            for staff_id, pk in digests:
                tasks.send_manager_digest.enqueue(manager_id=staff_id, reminder_id=pk, on=today.isoformat())

        transaction.on_commit(queue)
    return {
        "reminders": sum(len(v) for v in by_email.values()),
        "emails": len(by_email),
        "digests": len(digests),
    }


def reminders_opt_out(*, staff: StaffRecord) -> ReminderOptOut:
    """No more reminders about recommended learning for this person (mandatory ones still come)."""
    return ReminderOptOut.objects.get_or_create(staff=staff)[0]
