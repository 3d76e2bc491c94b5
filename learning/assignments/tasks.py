"""Reminder emails, sent through the task queue (django-tasks): a plain-text and an HTML part each.

Arguments are JSON (ids and the ISO date the reminders were for), as a database-backed queue needs."""

import datetime

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from competencies.staff.models import StaffRecord
from home.unsubscribe import absolute_url, unsubscribe_headers, unsubscribe_token

from . import schedule
from .models import AssignedLearning, ReminderSent

UNSUBSCRIBE_PURPOSE = "assignments.unsubscribe"


def _item(row: AssignedLearning, today) -> dict:
    course = row.assignment.course or (
        row.assignment.pathway.steps.first().course if row.assignment.pathway_id else None
    )
    due = schedule.current_due(row)
    return {
        "title": row.assignment.title,
        "status": schedule.STATUS_LABELS[schedule.status_on(row, today)],
        "due": due,
        "days": (due - today).days if due else None,
        "url": absolute_url(course.url)
        if course is not None and course.url
        else absolute_url("/my-learning/"),
    }


def _send(*, to: str, subject: str, template: str, context: dict, headers: dict | None = None) -> None:
    text = render_to_string(f"assignments/email/{template}.txt", context)
    html = render_to_string(f"assignments/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=f"[Data Academy] {subject}", body=text, to=[to], headers=headers or {}
    )
    message.attach_alternative(html, "text/html")
    message.send()


@task()
def send_reminder_email(*, staff_id: int, reminder_ids: list[int], mandatory: bool, on: str) -> int:
    """One email to one person listing what is due, due today or overdue; recommended-only mail can be stopped."""
    staff = StaffRecord.objects.filter(pk=staff_id, left_on__isnull=True).select_related("user").first()
    if staff is None or (staff.user_id and not staff.user.is_active):
        return 0
    rows = [
        r.assigned
        for r in ReminderSent.objects.filter(pk__in=reminder_ids, staff=staff).select_related(
            "assigned__assignment__course", "assigned__assignment__pathway"
        )
    ]
    if not rows:
        return 0
    today = datetime.date.fromisoformat(on)
    items = sorted((_item(row, today) for row in rows), key=lambda i: i["due"])
    context = {
        "staff": staff,
        "items": items,
        "mandatory": mandatory,
        "my_learning": absolute_url("/my-learning/"),
    }
    headers = None
    if not mandatory:
        url = absolute_url(
            reverse(
                "assignments:unsubscribe",
                kwargs={"token": unsubscribe_token(purpose=UNSUBSCRIBE_PURPOSE, pk=staff.pk)},
            )
        )
        context["unsubscribe_url"] = url
        headers = unsubscribe_headers(url)
    overdue = any(i["days"] is not None and i["days"] < 0 for i in items)
    subject = ("Overdue: " if overdue else "Due: ") + (
        items[0]["title"] if len(items) == 1 else f"{len(items)} courses"
    )
    _send(to=staff.email, subject=subject, template="reminder", context=context, headers=headers)
    return len(items)


@task()
def send_manager_digest(*, manager_id: int, reminder_id: int, on: str) -> int:
    """The weekly email to a line manager: each of their reports' overdue or expired required learning."""
    from .selectors import team_overdue

    manager = StaffRecord.objects.filter(pk=manager_id, left_on__isnull=True).select_related("user").first()
    if manager is None or not ReminderSent.objects.filter(pk=reminder_id, staff=manager).exists():
        return 0
    if manager.user_id and not manager.user.is_active:
        return 0
    rows = team_overdue(manager=manager, today=datetime.date.fromisoformat(on))
    if not rows:
        return 0
    context = {"manager": manager, "rows": rows, "team_url": absolute_url(reverse("assignments:my_team"))}
    _send(to=manager.email, subject=f"Your team: {len(rows)} overdue", template="digest", context=context)
    return len(rows)
