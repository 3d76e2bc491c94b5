"""The calendar rules of required learning, as pure functions of dates (no database, no clock).

Dates are council calendar dates (Europe/London): a pass at 00:30 on 1 April in summer time is a pass on
1 April, although it is still 31 March in UTC. Callers convert with `timezone.localdate`.
"""

import datetime
from dataclasses import dataclass

from learning.dates import add_months, days_in_month

__all__ = ["add_months", "days_in_month"]

DONE, DUE_SOON, NOT_DUE, OVERDUE, EXPIRED = "done", "due_soon", "not_due", "overdue", "expired"
STATUS_LABELS = {
    DONE: "Done",
    DUE_SOON: "Due soon",
    NOT_DUE: "Not yet due",
    OVERDUE: "Overdue",
    EXPIRED: "Expired",
}
DUE_SOON_DAYS = 30
FIXED, AFTER_JOINING, AFTER_ASSIGNMENT, ANNUAL = "fixed", "after_joining", "after_assignment", "annual"


def annual_date(year: int, month: int, day: int) -> datetime.date:
    return datetime.date(year, month, min(day, days_in_month(year, month)))


def annual_on_or_after(day: datetime.date, month: int, due_day: int) -> datetime.date:
    """The first yearly due date on or after `day`."""
    candidate = annual_date(day.year, month, due_day)
    return candidate if candidate >= day else annual_date(day.year + 1, month, due_day)


@dataclass(frozen=True)
class Rule:
    kind: str
    date: datetime.date | None = None
    days: int = 0
    month: int | None = None
    day: int | None = None


def first_due(rule: Rule, *, assigned_on: datetime.date, joined_on: datetime.date) -> datetime.date:
    """When a person's first go is due."""
    if rule.kind == FIXED:
        return rule.date
    if rule.kind == AFTER_JOINING:
        return joined_on + datetime.timedelta(days=rule.days)
    if rule.kind == ANNUAL:
        return annual_on_or_after(assigned_on + datetime.timedelta(days=rule.days), rule.month, rule.day)
    return assigned_on + datetime.timedelta(days=rule.days)


@dataclass(frozen=True)
class CoursePass:
    """A person's latest pass of one course: its date, and the expiry of their newest certificate."""

    passed_on: datetime.date | None
    expires_on: datetime.date | None = None
    renewal_days: int = 0


@dataclass(frozen=True)
class Schedule:
    due_on: datetime.date
    completed_on: datetime.date | None = None
    valid_until: datetime.date | None = None
    next_due_on: datetime.date | None = None
    renew_from: datetime.date | None = None
    expiry_driven: bool = False

    FIELDS = ("due_on", "completed_on", "valid_until", "next_due_on", "renew_from", "expiry_driven")


def schedule_for(
    rule: Rule, *, assigned_on: datetime.date, joined_on: datetime.date, passes: list[CoursePass]
) -> Schedule:
    """The stored dates for one person: a pathway counts once every course on it is passed."""
    due_on = first_due(rule, assigned_on=assigned_on, joined_on=joined_on)
    if not passes or any(p.passed_on is None for p in passes):
        return Schedule(due_on=due_on)
    completed_on = min(p.passed_on for p in passes)
    if rule.kind == ANNUAL:
        # A pass counts for the year whose due date is the first on or after it; the next is a year later.
        valid_until = annual_on_or_after(completed_on, rule.month, rule.day)
        next_due = annual_date(valid_until.year + 1, rule.month, rule.day)
        return Schedule(
            due_on=due_on, completed_on=completed_on, valid_until=valid_until, next_due_on=next_due
        )
    expiring = [p for p in passes if p.expires_on is not None]
    if not expiring:
        return Schedule(due_on=due_on, completed_on=completed_on)
    first = min(expiring, key=lambda p: p.expires_on)
    return Schedule(
        due_on=due_on,
        completed_on=completed_on,
        valid_until=first.expires_on - datetime.timedelta(days=1),
        next_due_on=first.expires_on,
        renew_from=first.expires_on - datetime.timedelta(days=first.renewal_days),
        expiry_driven=True,
    )


def current_due(row) -> datetime.date | None:
    """The date the person's next pass is due by: the first due date, or after a pass the next one."""
    return row.due_on if row.completed_on is None else row.next_due_on


def status_on(row, today: datetime.date, *, soon_days: int = DUE_SOON_DAYS) -> str:
    """done, due soon (incl. a certificate in its renewal window), not yet due, overdue or expired."""
    soon = today + datetime.timedelta(days=soon_days)
    if row.completed_on is not None and (row.valid_until is None or row.valid_until >= today):
        if row.renew_from is not None and row.renew_from <= today:
            return DUE_SOON
        return DONE
    if row.completed_on is not None and row.expiry_driven:
        return EXPIRED
    due = current_due(row)
    if due < today:
        return OVERDUE
    return DUE_SOON if due <= soon else NOT_DUE
