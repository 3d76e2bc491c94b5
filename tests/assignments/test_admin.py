"""HR assigns learning in the Wagtail admin: saving an assignment gives it to its audience at once."""

import pytest

from learning.assignments.models import AssignedLearning, Assignment


@pytest.mark.django_db
def test_hr_creates_an_assignment_in_the_admin_and_its_audience_gets_it(org, refresher, hr_user, client_for):
    client = client_for(hr_user)
    assert client.get("/admin/snippets/assignments/assignment/").status_code == 200
    data = {
        "title": "Annual data protection refresher",
        "course": refresher.pk,
        "requirement": "mandatory",
        "teams": [org["reablement"].pk],
        "due_rule": "annual",
        "due_month": "4",
        "due_day": "30",
        "due_days": "30",
        "active": "on",
    }
    response = client.post("/admin/snippets/assignments/assignment/add/", data, follow=True)
    assert response.status_code == 200
    assignment = Assignment.objects.get()
    assert set(
        AssignedLearning.objects.filter(assignment=assignment).values_list("staff__email", flat=True)
    ) == {
        "champion@test.gov.uk",
        "learner@test.gov.uk",
    }
    assert "2 people added" in response.content.decode()


@pytest.mark.django_db
def test_an_assignment_without_its_due_date_or_with_both_course_and_pathway_is_refused(
    org, refresher, hr_user, client_for
):
    client = client_for(hr_user)
    response = client.post(
        "/admin/snippets/assignments/assignment/add/",
        {
            "title": "No date",
            "course": refresher.pk,
            "requirement": "mandatory",
            "due_rule": "fixed",
            "due_days": "30",
        },
    )
    assert response.status_code == 200 and "Enter the date it is due by." in response.content.decode()
    response = client.post(
        "/admin/snippets/assignments/assignment/add/",
        {"title": "Nothing", "requirement": "mandatory", "due_rule": "after_assignment", "due_days": "30"},
    )
    assert "Choose one course or one pathway." in response.content.decode()
    assert not Assignment.objects.exists() and not AssignedLearning.objects.exists()


@pytest.mark.django_db
def test_learners_cannot_reach_the_assignment_admin(learner, client_for):
    response = client_for(learner).get("/admin/snippets/assignments/assignment/")
    assert response.status_code == 403
