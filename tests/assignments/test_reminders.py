"""Reminders: before, on and weekly after the due date; each once however often the command runs; none once
done, none to leavers or disabled accounts; a weekly digest to line managers; one-click unsubscribe only
for recommended learning."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from competencies.staff.services import staff_mark_leaver
from learning.assignments import services
from learning.assignments.models import ReminderSent, Requirement
from tests.factories import passes as learning_factories
from tests.factories.assignments import AssignmentFactory
from tests.factories.passes import london

DUE = datetime.date(2026, 6, 30)


@pytest.fixture
def mandatory(org, refresher):
    assignment = AssignmentFactory(
        course=refresher, audience={"people": [org["lee"]]}, due_rule="fixed", due_date=DUE
    )
    services.assignments_sync(today=datetime.date(2026, 6, 1))
    return assignment


def _run(day, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.reminders_send(today=day)


def _to(address):
    return [m for m in mail.outbox if m.to == [address]]


@pytest.mark.django_db
def test_each_reminder_is_sent_once_before_on_and_weekly_after_the_due_date(
    mandatory, django_capture_on_commit_callbacks
):
    assert (
        _run(datetime.date(2026, 6, 15), django_capture_on_commit_callbacks)["reminders"] == 0
    )  # 15 days before
    assert (
        _run(datetime.date(2026, 6, 16), django_capture_on_commit_callbacks)["reminders"] == 1
    )  # 14 days before
    assert _run(datetime.date(2026, 6, 16), django_capture_on_commit_callbacks)["reminders"] == 0  # run twice
    assert _run(datetime.date(2026, 6, 20), django_capture_on_commit_callbacks)["reminders"] == 0
    assert _run(DUE, django_capture_on_commit_callbacks)["reminders"] == 1
    assert _run(datetime.date(2026, 7, 3), django_capture_on_commit_callbacks)["reminders"] == 0
    assert (
        _run(datetime.date(2026, 7, 7), django_capture_on_commit_callbacks)["reminders"] == 1
    )  # a week overdue
    assert _run(datetime.date(2026, 7, 9), django_capture_on_commit_callbacks)["reminders"] == 0
    assert _run(datetime.date(2026, 7, 14), django_capture_on_commit_callbacks)["reminders"] == 1
    emails = _to("learner@test.gov.uk")
    assert len(emails) == 4
    first, overdue = emails[0], emails[2]
    assert first.subject.startswith("[Data Academy] Due: ") and "due by 30 June 2026" in first.body
    assert (
        overdue.subject.startswith("[Data Academy] Overdue: ")
        and "overdue since 30 June 2026" in overdue.body
    )
    html = {mime: body for body, mime in overdue.alternatives}["text/html"]
    assert "<strong>overdue</strong>" in html and "http://testserver/learn/data-protection-refresher/" in html
    assert "List-Unsubscribe" not in first.extra_headers  # mandatory: no unsubscribe
    # The manager (champion) had a weekly digest naming the overdue report, once per week: the runs on
    # 3 July (week 27), 7 and 9 July (week 28) and 14 July (week 29) sent three.
    digests = [m for m in _to("champion@test.gov.uk") if "Your team" in m.subject]
    assert (
        len(digests) == 3
        and f"Lee Learner: {mandatory.title} (overdue since 30 June 2026)" in digests[0].body
    )


@pytest.mark.django_db
def test_no_reminder_once_done_and_none_to_leavers(
    mandatory, org, learner, refresher, django_capture_on_commit_callbacks
):
    learning_factories.pass_course(user=learner, course=refresher, at=london(2026, 6, 10, 12))
    staff_mark_leaver(record=org["manager"], left_on=datetime.date(2026, 6, 12), actor=None)
    result = _run(datetime.date(2026, 6, 16), django_capture_on_commit_callbacks)
    assert result == {"reminders": 0, "emails": 0, "digests": 0} and not mail.outbox
    assert _run(datetime.date(2026, 7, 7), django_capture_on_commit_callbacks)["reminders"] == 0
    assert not ReminderSent.objects.exists()


@pytest.mark.django_db
def test_two_runs_at_once_cannot_both_send(mandatory, django_capture_on_commit_callbacks):
    """The unique (person, key) row is the lock: a second run's insert is ignored, so it owns nothing."""
    day = datetime.date(2026, 6, 16)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.reminders_send(today=day)
        second = services.reminders_send(today=day)
    assert (first["reminders"], second["reminders"]) == (1, 0)
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_recommended_learning_reminders_can_be_stopped_with_one_click(
    org, refresher, client, django_capture_on_commit_callbacks
):
    AssignmentFactory(
        course=refresher,
        requirement=Requirement.RECOMMENDED,
        audience={"people": [org["ivy"]]},
        due_rule="fixed",
        due_date=DUE,
    )
    services.assignments_sync(today=datetime.date(2026, 6, 1))
    _run(datetime.date(2026, 6, 16), django_capture_on_commit_callbacks)
    (email,) = _to("ivy@test.gov.uk")  # an invitation: reminded at the address HR gave
    url = email.extra_headers["List-Unsubscribe"].strip("<>")
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click" and url in email.body
    path = url.removeprefix("http://testserver")
    assert client.post(path).status_code == 200
    assert _run(DUE, django_capture_on_commit_callbacks)["reminders"] == 0
    assert client.get(path[:-3] + "xx/").status_code == 400  # a tampered token


@pytest.mark.django_db
def test_the_command_is_safe_to_run_twice(mandatory, django_capture_on_commit_callbacks):
    from io import StringIO

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_learning_reminders", "--date", "2026-06-30", stdout=out)
        call_command("send_learning_reminders", "--date", "2026-06-30", stdout=out)
    lines = out.getvalue().splitlines()
    assert "Reminders: 1 in 1 email(s)" in lines[0] and "Reminders: 0 in 0 email(s)" in lines[1]
    assert len(mail.outbox) == 1
