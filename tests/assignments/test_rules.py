"""Who gets an assignment (role profile, team, service area, named people, everyone) and when it is due
(fixed, N days after joining or assignment, each year by a date)."""

import datetime

import pytest

from competencies.models import RoleProfile
from learning.assignments import schedule, services
from learning.assignments.models import AssignedLearning, DueRule
from tests.factories.assignments import AssignmentFactory

TODAY = datetime.date(2026, 3, 10)


def _who(assignment) -> set[str]:
    return set(AssignedLearning.objects.filter(assignment=assignment).values_list("staff__email", flat=True))


@pytest.mark.django_db
def test_each_audience_rule_reaches_exactly_its_people(org, refresher):
    role = RoleProfile.objects.create(
        code="analyst", job_title="Analyst", description="x", kind="job", live=True
    )
    org["olu"].role_profile = role
    org["olu"].save()
    by_role = AssignmentFactory(course=refresher, audience={"role_profiles": [role]})
    by_team = AssignmentFactory(course=refresher, audience={"teams": [org["reablement"]]})
    by_area = AssignmentFactory(course=refresher, audience={"service_areas": [org["asc"]]})
    by_person = AssignmentFactory(course=refresher, audience={"people": [org["ivy"]]})
    for_all = AssignmentFactory(course=refresher, everyone=True)
    services.assignments_sync(today=TODAY)
    assert _who(by_role) == {"other@test.gov.uk"}
    assert _who(by_team) == {"champion@test.gov.uk", "learner@test.gov.uk"}
    assert _who(by_area) == {"champion@test.gov.uk", "learner@test.gov.uk", "other@test.gov.uk"}
    assert _who(by_person) == {"ivy@test.gov.uk"}
    assert len(_who(for_all)) == 4
    # Moving team moves the assignment; a second sync changes nothing.
    org["lee"].team = org["discharge"]
    org["lee"].save()
    counts = services.assignments_sync(today=TODAY)
    assert counts["removed"] == 1 and "learner@test.gov.uk" not in _who(by_team)
    assert services.assignments_sync(today=TODAY) == {"created": 0, "removed": 0, "updated": 0}


@pytest.mark.django_db
def test_relative_fixed_and_yearly_due_dates(org, refresher):
    after_joining = AssignmentFactory(
        course=refresher, audience={"people": [org["lee"]]}, due_rule=DueRule.AFTER_JOINING, due_days=90
    )
    after_assigned = AssignmentFactory(
        course=refresher, audience={"people": [org["lee"]]}, due_rule=DueRule.AFTER_ASSIGNMENT, due_days=28
    )
    fixed = AssignmentFactory(
        course=refresher,
        audience={"people": [org["lee"]]},
        due_rule=DueRule.FIXED,
        due_date=datetime.date(2026, 6, 30),
    )
    yearly = AssignmentFactory(
        course=refresher, everyone=True, due_rule=DueRule.ANNUAL, due_month=4, due_day=30, due_days=30
    )
    services.assignments_sync(today=TODAY)

    def due(assignment, staff):
        return AssignedLearning.objects.get(assignment=assignment, staff=staff).due_on

    assert due(after_joining, org["lee"]) == datetime.date(2026, 4, 5)  # joined 5 January + 90 days
    assert due(after_assigned, org["lee"]) == datetime.date(2026, 4, 7)  # assigned 10 March + 28 days
    assert due(fixed, org["lee"]) == datetime.date(2026, 6, 30)
    # Each April: at least 30 days' notice, so 30 April this year (assigned 10 March).
    assert due(yearly, org["lee"]) == datetime.date(2026, 4, 30)
    # A newcomer assigned on 15 April gets next year's date, not two weeks' notice.
    services.assignments_sync(today=datetime.date(2026, 4, 15))
    assert schedule.first_due(
        yearly.rule(), assigned_on=datetime.date(2026, 4, 15), joined_on=datetime.date(2026, 4, 15)
    ) == datetime.date(2027, 4, 30)


def test_yearly_cycles_a_pass_counts_for_its_year_then_falls_due_again():
    rule = schedule.Rule(kind=schedule.ANNUAL, days=0, month=4, day=30)
    plan = schedule.schedule_for(
        rule,
        assigned_on=datetime.date(2026, 1, 1),
        joined_on=datetime.date(2020, 1, 1),
        passes=[schedule.CoursePass(passed_on=datetime.date(2026, 3, 20))],
    )
    assert (plan.valid_until, plan.next_due_on) == (datetime.date(2026, 4, 30), datetime.date(2027, 4, 30))
    assert schedule.status_on(plan, datetime.date(2026, 4, 30)) == schedule.DONE
    assert schedule.status_on(plan, datetime.date(2026, 5, 1)) == schedule.NOT_DUE
    assert schedule.status_on(plan, datetime.date(2027, 4, 1)) == schedule.DUE_SOON
    assert schedule.status_on(plan, datetime.date(2027, 5, 1)) == schedule.OVERDUE
    never = schedule.schedule_for(
        rule,
        assigned_on=datetime.date(2026, 1, 1),
        joined_on=datetime.date(2020, 1, 1),
        passes=[schedule.CoursePass(None)],
    )
    assert schedule.status_on(never, datetime.date(2026, 5, 1)) == schedule.OVERDUE


def test_a_pathway_counts_once_every_course_is_passed():
    rule = schedule.Rule(kind=schedule.FIXED, date=datetime.date(2026, 6, 1))
    half = schedule.schedule_for(
        rule,
        assigned_on=TODAY,
        joined_on=TODAY,
        passes=[schedule.CoursePass(TODAY), schedule.CoursePass(None)],
    )
    assert half.completed_on is None
    both = schedule.schedule_for(
        rule,
        assigned_on=TODAY,
        joined_on=TODAY,
        passes=[schedule.CoursePass(TODAY), schedule.CoursePass(datetime.date(2026, 2, 1))],
    )
    assert both.completed_on == datetime.date(2026, 2, 1)


@pytest.mark.django_db
def test_the_sql_status_and_the_python_status_agree_on_every_kind_of_row(org, refresher):
    from learning.assignments.selectors import status_q

    assignment = AssignmentFactory(course=refresher, everyone=True)
    d = datetime.date
    cases = [
        {"due_on": d(2026, 5, 1)},
        {"due_on": d(2026, 3, 20)},
        {"due_on": d(2026, 3, 1)},
        {"due_on": d(2026, 3, 1), "completed_on": d(2026, 2, 1)},
        {
            "due_on": d(2026, 3, 1),
            "completed_on": d(2025, 4, 1),
            "valid_until": d(2026, 3, 31),
            "next_due_on": d(2026, 4, 1),
            "renew_from": d(2026, 3, 2),
            "expiry_driven": True,
        },
        {
            "due_on": d(2026, 3, 1),
            "completed_on": d(2025, 1, 1),
            "valid_until": d(2026, 1, 1),
            "next_due_on": d(2026, 1, 2),
            "renew_from": d(2025, 12, 3),
            "expiry_driven": True,
        },
        {
            "due_on": d(2025, 4, 30),
            "completed_on": d(2025, 4, 1),
            "valid_until": d(2025, 4, 30),
            "next_due_on": d(2026, 4, 30),
        },
        {
            "due_on": d(2024, 4, 30),
            "completed_on": d(2024, 4, 1),
            "valid_until": d(2024, 4, 30),
            "next_due_on": d(2025, 4, 30),
        },
    ]
    staff = [org["lee"], org["olu"], org["ivy"], org["manager"]]
    from tests.factories.staff import StaffRecordFactory

    staff += [StaffRecordFactory() for _ in range(len(cases) - len(staff))]
    rows = [
        AssignedLearning.objects.create(assignment=assignment, staff=s, assigned_on=d(2026, 1, 1), **c)
        for s, c in zip(staff, cases, strict=True)
    ]
    seen = set()
    for day in (TODAY, d(2026, 3, 1), d(2026, 4, 2), d(2027, 1, 1)):
        for status, q in status_q(day).items():
            matched = set(AssignedLearning.objects.filter(q).values_list("pk", flat=True))
            expected = {r.pk for r in rows if r.status_on(day) == status}
            assert matched == expected, (day, status)
            seen |= {status} if expected else set()
    assert seen == set(schedule.STATUS_LABELS)
