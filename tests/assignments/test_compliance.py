"""The compliance views: HR's counts by service area and team with small numbers suppressed, names only with
the named-staff permission, CSV; a line manager sees only their own reports; My learning; personal data;
query counts that stay flat from 100 to 10,000 staff."""

import datetime
import io
import json
import zipfile

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from competencies.staff.models import StaffRecord
from home import personal_data
from learning.assignments import services
from learning.assignments.models import AssignedLearning
from tests.factories import passes as learning_factories
from tests.factories.assignments import AssignmentFactory
from tests.factories.staff import StaffRecordFactory, TeamFactory


@pytest.fixture
def assigned(org, refresher):
    """Everyone has the refresher, due in 10 days; four more people in Discharge (five there in all)."""
    for n in range(4):
        StaffRecordFactory(email=f"discharge{n}@test.gov.uk", name=f"Discharge {n}", team=org["discharge"])
    assignment = AssignmentFactory(
        course=refresher,
        everyone=True,
        due_rule="fixed",
        due_date=timezone.localdate() + datetime.timedelta(days=10),
    )
    services.assignments_sync()
    return assignment


def _csv(response) -> list[list[str]]:
    import csv

    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.mark.django_db
def test_hr_sees_counts_by_area_with_small_numbers_suppressed(
    assigned, hr_user, client_for, learner, refresher
):
    learning_factories.pass_course(user=learner, course=refresher, at=timezone.now())
    client = client_for(hr_user)
    response = client.get("/reports/required-learning/")
    assert response.status_code == 200
    rows = {r.label: r for r in response.context["rows"]}
    asc = rows["Adult Social Care"]
    assert asc.counts["assigned"] == 7 and asc.counts["done"] == 1 and asc.counts["due_soon"] == 6
    assert asc.shown("done", suppress=True) == "fewer than 3" and asc.shown("due_soon", suppress=True) == 6
    body = response.content.decode()
    assert "fewer than 3" in body and "Lee Learner" not in body
    table = _csv(client.get("/reports/required-learning/", {"download": "csv"}))
    assert table[0] == ["Service area", "Assigned", "Done", "Not yet due", "Due soon", "Overdue", "Expired"]
    assert ["Adult Social Care", "7", "fewer than 3", "0", "6", "0", "0"] in table
    assert ["Highways", "fewer than 3", "0", "0", "fewer than 3", "0", "0"] in table
    # Drill-down: the teams of a service area, then the learning in a team; no names without the permission.
    by_team = client.get("/reports/required-learning/", {"area": org_area_id(assigned)})
    assert {r.label for r in by_team.context["rows"]} == {"Discharge", "Reablement"}
    team = StaffRecord.objects.get(email="other@test.gov.uk").team
    in_team = client.get("/reports/required-learning/", {"team": team.pk})
    assert in_team.context["people"] is None and "Olu Other" not in in_team.content.decode()
    assert client.get("/reports/required-learning/", {"download": "people"}).status_code == 403


def org_area_id(assignment):
    return AssignedLearning.objects.filter(
        assignment=assignment, staff__email="learner@test.gov.uk"
    ).values_list("staff__team__service_area_id", flat=True)[0]


@pytest.mark.django_db
def test_naming_individuals_needs_the_separate_permission(assigned, hr_user, client_for):
    hr_user.user_permissions.add(Permission.objects.get(codename="view_named_staff"))
    client = client_for(hr_user)
    team = StaffRecord.objects.get(email="other@test.gov.uk").team
    response = client.get("/reports/required-learning/", {"team": team.pk})
    assert "Olu Other" in response.content.decode() and len(response.context["people"]) == 5
    people = _csv(client.get("/reports/required-learning/", {"download": "people"}))
    assert people[0] == ["Name", "Email", "Team", "Learning", "Status", "Due", "Last passed"]
    assert len(people) == 1 + 8
    summary = _csv(client.get("/reports/required-learning/", {"download": "csv"}))
    assert ["Highways", "1", "0", "0", "1", "0", "0"] in summary  # exact numbers for a viewer allowed names


@pytest.mark.django_db
def test_a_line_manager_sees_only_their_own_reports(assigned, champion, learner, other_learner, client_for):
    client = client_for(champion)
    response = client.get("/my-team/required-learning/")
    assert response.status_code == 200
    names = {p.staff.name for p in response.context["people"]}
    assert names == {"Lee Learner"}
    assert "Olu Other" not in response.content.decode()
    table = _csv(client.get("/my-team/required-learning/", {"download": "csv"}))
    assert [row[0] for row in table[1:]] == ["Lee Learner"]
    assert client_for(learner).get("/my-team/required-learning/").status_code == 403
    assert client_for(other_learner).get("/reports/required-learning/").status_code == 403
    # A manager who leaves sees nothing any more.
    StaffRecord.objects.filter(user=champion).update(left_on=timezone.localdate())
    assert client.get("/my-team/required-learning/").status_code == 403


@pytest.mark.django_db
def test_all_learning_suppresses_a_cell_of_many_items_held_by_one_person(assigned, org, hr_user, client_for):
    """Across all learning a cell counts items, but is suppressed by the people behind it: three overdue
    items that are all one person's are "fewer than 3", while the row's six people keep their counts."""
    today = timezone.localdate()
    for n in range(3):
        course = learning_factories.course(slug=f"overdue-{n}", title=f"Overdue {n}")
        AssignmentFactory(
            title=f"Overdue {n}",
            course=course,
            audience={"people": [org["lee"]]},
            due_rule="fixed",
            due_date=today - datetime.timedelta(days=2),
        )
    services.assignments_sync()
    client = client_for(hr_user)
    response = client.get("/reports/required-learning/", {"assignment": ""})
    assert response.status_code == 200
    asc = {r.label: r for r in response.context["rows"]}["Adult Social Care"]
    assert asc.counts["overdue"] == 3 and asc.people["overdue"] == 1
    assert asc.shown("overdue", suppress=True) == "fewer than 3"
    assert asc.counts["assigned"] == 10 and asc.people["assigned"] == 7
    assert asc.shown("due_soon", suppress=True) == 7
    table = _csv(client.get("/reports/required-learning/", {"assignment": "", "download": "csv"}))
    row = next(r for r in table if r[0] == "Adult Social Care")
    assert row[1] == "10" and row[5] == "fewer than 3"


@pytest.mark.django_db
def test_my_learning_lists_due_overdue_and_done_most_urgent_first(
    org, learner, refresher, client_for, site_with_home
):
    other = learning_factories.course(slug="spreadsheets", title="Spreadsheets")
    third = learning_factories.course(slug="charts", title="Charts")
    today = timezone.localdate()
    for course, due in (
        (refresher, today + datetime.timedelta(days=60)),
        (other, today - datetime.timedelta(days=3)),
        (third, today + datetime.timedelta(days=5)),
    ):
        AssignmentFactory(
            title=f"Assigned {course.title}",
            course=course,
            audience={"people": [org["lee"]]},
            due_rule="fixed",
            due_date=due,
        )
    AssignmentFactory(
        title="Someone else's",
        course=third,
        audience={"people": [org["olu"]]},
        due_rule="fixed",
        due_date=today,
    )
    services.assignments_sync()
    learning_factories.pass_course(user=learner, course=third, at=timezone.now())
    body = client_for(learner).get("/my-learning/").content.decode()
    panel = body[body.index("Required learning") :]
    assert panel.index("Overdue") < panel.index("Assigned Spreadsheets") < panel.index("Due</h3>")
    assert (
        panel.index("Assigned Data protection refresher")
        < panel.index("Done</h3>")
        < panel.index("Assigned Charts")
    )
    assert "Someone else" not in body


@pytest.mark.django_db
def test_required_learning_is_in_the_personal_data_export_and_erasure(assigned, learner):
    data = personal_data.export_for(learner)
    assert data["staff_record"][0]["team__name"] == "Reablement"
    assert data["required_learning"][0]["assignment__title"] == assigned.title
    archive = zipfile.ZipFile(io.BytesIO(personal_data.export_zip(learner)))
    assert "required_learning.csv" in archive.namelist()
    assert json.loads(archive.read("data.json"))["staff_record"][0]["email"] == "learner@test.gov.uk"
    personal_data.erase(learner)
    assert not StaffRecord.objects.filter(email="learner@test.gov.uk").exists()
    assert not AssignedLearning.objects.filter(staff__email="learner@test.gov.uk").exists()


def _bulk_org(n: int, assignments: int, course):
    """n staff in 20 teams of 5 service areas, each with `assignments` assignments, in bulk."""
    teams = [TeamFactory(service_area__name=f"Area {i % 5}", name=f"Team {i}") for i in range(20)]
    StaffRecord.objects.bulk_create(
        StaffRecord(
            email=f"bulk{i}@test.gov.uk",
            name=f"Bulk {i}",
            team=teams[i % 20],
            joined_on=datetime.date(2024, 1, 1),
        )
        for i in range(n)
    )
    staff_ids = list(StaffRecord.objects.values_list("pk", flat=True))
    today = timezone.localdate()
    rows = []
    for a in range(assignments):
        assignment = AssignmentFactory(course=course, everyone=True)
        rows += [
            AssignedLearning(
                assignment=assignment,
                staff_id=pk,
                assigned_on=today,
                due_on=today + datetime.timedelta(days=(pk + a) % 90 - 30),
                completed_on=today if (pk + a) % 3 == 0 else None,
            )
            for pk in staff_ids
        ]
    AssignedLearning.objects.bulk_create(rows, batch_size=5000)
    return teams


@pytest.mark.django_db
@pytest.mark.parametrize("staff", [100, 10_000])
def test_compliance_queries_stay_flat_from_100_to_10000_staff(
    staff, refresher, hr_user, champion, client_for, django_assert_max_num_queries
):
    teams = _bulk_org(staff, 2, refresher)
    manager = StaffRecordFactory.for_user(champion, team=teams[0])
    StaffRecord.objects.filter(team=teams[0]).exclude(pk=manager.pk).update(line_manager=manager)
    hr = client_for(hr_user)
    manager_client = client_for(champion)
    urls = [
        # The same ceilings at both sizes: one grouped query per table, whatever the number of staff.
        (hr, "/reports/required-learning/", 18),
        (hr, "/reports/required-learning/?assignment=", 10),
        (hr, f"/reports/required-learning/?area={teams[0].service_area_id}", 13),
        (hr, f"/reports/required-learning/?team={teams[0].pk}&assignment=", 11),
        (hr, "/reports/required-learning/?download=csv&assignment=", 8),
        # +1 since every request of a champion asks whether they moderate a category (then MFA is required).
        (manager_client, "/my-team/required-learning/", 7),
    ]
    for client, url, ceiling in urls:
        with django_assert_max_num_queries(ceiling):
            response = client.get(url)
        assert response.status_code == 200, url
    assert (
        hr.get("/reports/required-learning/").context["total"].counts["assigned"] == staff
    )  # one assignment
    assert hr.get("/reports/required-learning/?assignment=").context["total"].counts["assigned"] == 2 * staff
