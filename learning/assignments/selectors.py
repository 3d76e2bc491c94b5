"""Reads for required learning: a learner's list, a line manager's team, and HR's compliance counts.

Compliance counts come from one grouped query whatever the number of staff; the status of a row on a day is
`status_q(today)` in SQL and `schedule.status_on` in Python — the same rule, tested against each other.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Q

from competencies.staff.models import ServiceArea, StaffRecord, Team

from . import schedule
from .models import AssignedLearning, Assignment

SUPPRESS_BELOW = 3
SUPPRESSED = "fewer than 3"
COLUMNS = [
    ("assigned", "Assigned"),
    (schedule.DONE, "Done"),
    (schedule.NOT_DUE, "Not yet due"),
    (schedule.DUE_SOON, "Due soon"),
    (schedule.OVERDUE, "Overdue"),
    (schedule.EXPIRED, "Expired"),
]


def status_q(today: datetime.date, *, soon_days: int = schedule.DUE_SOON_DAYS) -> dict[str, Q]:
    """One Q per status for rows on `today`; exactly one matches each row (mirrors schedule.status_on)."""
    soon = today + datetime.timedelta(days=soon_days)
    done_at_all = Q(completed_on__isnull=False)
    valid = done_at_all & (Q(valid_until__isnull=True) | Q(valid_until__gte=today))
    renewing = valid & Q(renew_from__lte=today)
    lapsed = done_at_all & Q(valid_until__lt=today)
    open_first = Q(completed_on__isnull=True)
    open_again = lapsed & Q(expiry_driven=False)

    def due(**lookup):
        return (open_first & Q(**{f"due_on__{k}": v for k, v in lookup.items()})) | (
            open_again & Q(**{f"next_due_on__{k}": v for k, v in lookup.items()})
        )

    return {
        schedule.DONE: valid & ~Q(renew_from__lte=today),
        schedule.DUE_SOON: renewing | due(gte=today, lte=soon),
        schedule.NOT_DUE: due(gt=soon),
        schedule.OVERDUE: due(lt=today),
        schedule.EXPIRED: lapsed & Q(expiry_driven=True),
    }


# --- A learner's own list -------------------------------------------------------------------------------

URGENCY = {
    schedule.EXPIRED: 0,
    schedule.OVERDUE: 0,
    schedule.DUE_SOON: 1,
    schedule.NOT_DUE: 2,
    schedule.DONE: 3,
}


@dataclass
class LearnerItem:
    row: AssignedLearning
    status: str
    due: datetime.date | None
    course_url: str | None

    @property
    def label(self) -> str:
        return schedule.STATUS_LABELS[self.status]

    @property
    def group(self) -> str:
        if self.status in (schedule.OVERDUE, schedule.EXPIRED):
            return "overdue"
        return "done" if self.status == schedule.DONE else "due"


def learner_items(*, user, today: datetime.date, request=None) -> list[LearnerItem]:
    """The member's own assigned learning, most urgent first (overdue, due soonest, then done). Two queries."""
    rows = list(
        AssignedLearning.objects.current()
        .filter(staff__user=user)
        .select_related("assignment__course", "assignment__pathway")
    )
    items = []
    for row in rows:
        status = schedule.status_on(row, today)
        course = row.assignment.course
        items.append(
            LearnerItem(row, status, schedule.current_due(row), course.get_url(request) if course else None)
        )
    far = datetime.date.max
    return sorted(items, key=lambda i: (URGENCY[i.status], i.due or far, i.row.assignment.title))


# --- Counts for HR ------------------------------------------------------------------------------------


@dataclass
class CountRow:
    label: str
    key: int | None
    counts: dict[str, int] = field(default_factory=dict)
    people: dict[str, int] = field(default_factory=dict)

    def shown(self, column: str, *, suppress: bool) -> int | str:
        """The count, or "fewer than 3" when 1 or 2 people are behind it and individuals are not to be named."""
        if suppress and 0 < self.people.get(column, 0) < SUPPRESS_BELOW:
            return SUPPRESSED
        return self.counts.get(column, 0)


def _aggregates(today: datetime.date, *, people: bool) -> dict:
    result = {"assigned": Count("pk"), **{name: Count("pk", filter=q) for name, q in status_q(today).items()}}
    if people:
        result["assigned_people"] = Count("staff_id", distinct=True)
        result |= {
            f"{name}_people": Count("staff_id", filter=q, distinct=True)
            for name, q in status_q(today).items()
        }
    return result


def _rows(queryset, group: str, labels_of, today: datetime.date, *, one_assignment: bool) -> list[CountRow]:
    """Counts per group in one grouped query, whatever the number of staff.

    For one assignment each row is one person, so the counts are people. Across all assignments a count is of
    (person, learning) items: a cell is suppressed when it has 1 or 2 items or its row fewer than 3 people (a
    COUNT(DISTINCT) per column would be exact but costs seconds at 200,000 items).
    """
    names = [c for c, _ in COLUMNS]
    rows = []
    grouped = queryset.order_by().values(group).annotate(**_aggregates(today, people=not one_assignment))
    labels = dict(labels_of.filter(pk__in=[g[group] for g in grouped if g[group]]).values_list("pk", "name"))
    for values in grouped:
        counts = {name: values[name] for name in names}
        if one_assignment:
            people = counts
        else:  # never more people than items, nor than the row's people
            people = {name: min(counts[name], values["assigned_people"]) for name in names}
        rows.append(
            CountRow(
                label=labels.get(values[group]) or "No team recorded",
                key=values[group],
                counts=counts,
                people=people,
            )
        )
    return sorted(rows, key=lambda r: (r.key is None, r.label.lower()))


def _total(rows: list[CountRow], label="All") -> CountRow:
    total = CountRow(label=label, key=None)
    for column, _ in COLUMNS:
        total.counts[column] = sum(r.counts.get(column, 0) for r in rows)
        # People in the total: never fewer than the largest row, so a total is suppressed only when it is small.
        total.people[column] = sum(r.people.get(column, 0) for r in rows)
    return total


def compliance_scope(*, assignment: Assignment | None = None, staff=None):
    """Current assigned learning, optionally for one assignment and within a set of staff records."""
    rows = AssignedLearning.objects.current()
    if assignment is not None:
        rows = rows.filter(assignment=assignment)
    if staff is not None:
        rows = rows.filter(staff__in=staff)
    return rows


def compliance_by_area(*, today: datetime.date, assignment=None) -> list[CountRow]:
    scope = compliance_scope(assignment=assignment)
    areas = ServiceArea.objects
    return _rows(scope, "staff__team__service_area_id", areas, today, one_assignment=assignment is not None)


def compliance_by_team(*, today: datetime.date, area_id: int, assignment=None) -> list[CountRow]:
    scope = compliance_scope(assignment=assignment).filter(staff__team__service_area_id=area_id)
    return _rows(scope, "staff__team_id", Team.objects, today, one_assignment=assignment is not None)


def compliance_by_assignment(*, today: datetime.date, team_id: int, assignment=None) -> list[CountRow]:
    scope = compliance_scope(assignment=assignment).filter(staff__team_id=team_id)
    titles = Assignment.objects.annotate(name=F("title"))
    # Grouped by learning, each row of a group is one person.
    return _rows(scope, "assignment_id", titles, today, one_assignment=True)


def totals(rows: list[CountRow]) -> CountRow:
    return _total(rows)


# --- Named lists (line managers for their own reports; HR with the named-staff permission) -------------


@dataclass
class PersonRow:
    staff: StaffRecord
    assignment: Assignment
    status: str
    due: datetime.date | None
    completed_on: datetime.date | None

    @property
    def label(self) -> str:
        return schedule.STATUS_LABELS[self.status]


def named_rows(*, scope, today: datetime.date) -> list[PersonRow]:
    """Every (person, assignment) in `scope` with its status, most urgent first, in one query."""
    rows = scope.select_related("staff__team", "assignment").order_by("staff__name", "assignment__title")
    people = [
        PersonRow(
            r.staff, r.assignment, schedule.status_on(r, today), schedule.current_due(r), r.completed_on
        )
        for r in rows
    ]
    return sorted(people, key=lambda p: (URGENCY[p.status], p.staff.name, p.due or datetime.date.max))


def team_overdue(*, manager: StaffRecord, today: datetime.date) -> list[PersonRow]:
    """A manager's reports' overdue or expired items (the weekly digest)."""
    reports = StaffRecord.objects.current().filter(line_manager=manager)
    q = status_q(today)
    scope = compliance_scope(staff=reports).filter(q[schedule.OVERDUE] | q[schedule.EXPIRED])
    return named_rows(scope=scope, today=today)
