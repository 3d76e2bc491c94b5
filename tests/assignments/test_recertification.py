"""Certificates that expire: validity in council calendar months, the renewal window, expiry on the public
check, each renewal kept as history; across a year boundary and the clock changes (Europe/London)."""

import datetime
from unittest import mock

import pytest
from django.utils import timezone

from learning.assignments import schedule, services
from learning.assignments.models import AssignedLearning, DueRule
from learning.models import Certificate
from learning.services import certificate_expiry
from tests.factories import passes as learning_factories
from tests.factories.assignments import AssignmentFactory
from tests.factories.passes import london

UTC = datetime.UTC


def test_expiry_is_uk_midnight_of_the_same_day_months_later_across_the_year_and_dst():
    # Passed at 23:30 on 31 December (GMT): valid 12 months, expires at midnight starting 31 December.
    expiry = certificate_expiry(issued_at=london(2025, 12, 31, 23, 30), months=12)
    assert expiry == london(2026, 12, 31, 0, 0) and expiry.utcoffset() == datetime.timedelta(0)
    # One month from 30 December crosses into the new year; February clamps.
    assert certificate_expiry(issued_at=london(2025, 12, 30, 9), months=1) == london(2026, 1, 30)
    assert certificate_expiry(issued_at=london(2026, 1, 31, 9), months=1) == london(2026, 2, 28)
    # 00:30 on 29 March 2026 is just before the clocks go forward; 6 months on, the expiry is in summer
    # time: midnight in London is 23:00 UTC the evening before.
    expiry = certificate_expiry(issued_at=london(2026, 3, 29, 0, 30), months=6)
    assert expiry.astimezone(UTC) == datetime.datetime(2026, 9, 28, 23, 0, tzinfo=UTC)
    # A pass at 00:30 BST on 1 April is still 31 March in UTC: it counts as 1 April.
    assert certificate_expiry(
        issued_at=datetime.datetime(2026, 3, 31, 23, 30, tzinfo=UTC), months=1
    ) == london(2026, 5, 1)
    assert certificate_expiry(issued_at=london(2026, 3, 1), months=None) is None


@pytest.mark.django_db
def test_renewal_window_expiry_history_and_the_public_check(learner, site_with_home, client):
    course = learning_factories.course(
        slug="info-gov", title="Information governance", valid_months=12, window=30
    )
    learning_factories.pass_course(user=learner, course=course, at=london(2025, 12, 15, 10))
    first = Certificate.objects.get()
    assert first.expires_on == datetime.date(2026, 12, 15)
    # Retaking before the window opens (16 November) leaves the certificate as it is.
    learning_factories.pass_course(user=learner, course=course, at=london(2026, 11, 1, 10))
    assert Certificate.objects.count() == 1
    # In the window: a new certificate, a year from the renewal; the first is kept as history.
    learning_factories.pass_course(user=learner, course=course, at=london(2026, 11, 20, 10))
    second = Certificate.objects.exclude(pk=first.pk).get()
    assert second.expires_on == datetime.date(2027, 11, 20)
    assert first.enrolment.certificate == second and first.enrolment.certificates.count() == 2
    # The public check shows the old one as expired once its day comes, the new one as valid.
    with mock.patch("django.utils.timezone.now", return_value=london(2026, 12, 15, 0, 1)):
        old = client.get(f"/learning/verify/{first.code}/").content.decode()
        new = client.get(f"/learning/verify/{second.code}/").content.decode()
    assert "This certificate expired on 15 December 2026" in old and "Expired" in old
    assert "Valid" in new and "until 20 November 2027" in new
    with mock.patch("django.utils.timezone.now", return_value=london(2026, 12, 14, 23, 59)):
        assert "expired" not in client.get(f"/learning/verify/{first.code}/").content.decode().lower()


@pytest.mark.django_db
def test_assigned_learning_follows_the_certificate_through_renewal_and_expiry(org, learner, site_with_home):
    course = learning_factories.course(slug="safeguarding-data", valid_months=12, window=30)
    assignment = AssignmentFactory(
        course=course,
        audience={"people": [org["lee"]]},
        due_rule=DueRule.FIXED,
        due_date=datetime.date(2026, 1, 31),
    )
    services.assignments_sync(today=datetime.date(2025, 12, 1))
    row = AssignedLearning.objects.get(assignment=assignment)
    assert row.status_on(datetime.date(2026, 1, 5)) == schedule.DUE_SOON
    learning_factories.pass_course(user=learner, course=course, at=london(2026, 1, 10, 14))
    row.refresh_from_db()  # kept in step by the pass, with no sync
    assert (row.completed_on, row.next_due_on) == (datetime.date(2026, 1, 10), datetime.date(2027, 1, 10))
    assert row.status_on(datetime.date(2026, 12, 10)) == schedule.DONE
    assert row.status_on(datetime.date(2026, 12, 11)) == schedule.DUE_SOON  # the 30-day window, over new year
    assert row.status_on(datetime.date(2027, 1, 9)) == schedule.DUE_SOON
    assert row.status_on(datetime.date(2027, 1, 10)) == schedule.EXPIRED
    learning_factories.pass_course(user=learner, course=course, at=london(2027, 1, 12, 9))
    row.refresh_from_db()
    assert row.status_on(datetime.date(2027, 1, 12)) == schedule.DONE and row.next_due_on == datetime.date(
        2028, 1, 12
    )


@pytest.mark.django_db
def test_an_annual_refresher_counts_for_the_year_of_its_uk_date(org, learner, refresher):
    assignment = AssignmentFactory(
        course=refresher, everyone=True, due_rule=DueRule.ANNUAL, due_month=4, due_day=30, due_days=0
    )
    services.assignments_sync(today=datetime.date(2026, 1, 2))
    # Passed at 00:30 on 1 May in summer time (still 30 April, 23:30, in UTC): it counts for the year to
    # April 2027, not the one that has just ended; one pass in each year ending in April.
    learning_factories.pass_course(
        user=learner, course=refresher, at=datetime.datetime(2026, 4, 30, 23, 30, tzinfo=UTC)
    )
    row = AssignedLearning.objects.get(assignment=assignment, staff=org["lee"])
    assert row.completed_on == datetime.date(2026, 5, 1)
    assert row.status_on(datetime.date(2026, 5, 1)) == schedule.DONE
    assert row.status_on(datetime.date(2027, 4, 30)) == schedule.DONE
    assert row.status_on(datetime.date(2027, 5, 1)) == schedule.NOT_DUE  # the year to April 2028 has begun
    assert row.status_on(datetime.date(2028, 4, 1)) == schedule.DUE_SOON
    assert row.status_on(datetime.date(2028, 5, 1)) == schedule.OVERDUE
    # Nobody else on the list has passed: overdue since 30 April 2026.
    ivy = AssignedLearning.objects.get(assignment=assignment, staff=org["ivy"])
    assert ivy.status_on(datetime.date(2026, 5, 1)) == schedule.OVERDUE
    assert timezone.localdate(datetime.datetime(2026, 4, 30, 23, 30, tzinfo=UTC)) == datetime.date(2026, 5, 1)
