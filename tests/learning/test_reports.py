"""Course reports in the admin: who may see them, what they count, and the CSV export."""

import csv
import io

import pytest

from learning.services import enrolment_start

from .conftest import question_ids
from .test_flow import answer, finish_course, right_option, wrong_option

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity(client_for, learner, other_learner, course, lessons):
    """Learner passes at the first try; the other learner starts and gets question 1 wrong first."""
    enrolment_start(user=learner, course=course)
    client = client_for(learner)
    finish_course(client, lessons)
    client.post(lessons[1].url, {"action": "complete"})
    enrolment_start(user=other_learner, course=course)
    other = client_for(other_learner)
    qid = question_ids(lessons[0])[0]
    answer(other, lessons[0], qid, answer=wrong_option(lessons[0]))
    answer(other, lessons[0], qid, answer=right_option(lessons[0]))
    return course


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", "login"),
        ("learner", "forbidden"),
        ("champion", "forbidden"),
        ("hr_user", "denied"),
        ("admin_user", 200),
    ],
)
def test_reports_are_for_academy_admins_only(request, client_for, activity, who, status):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    client = client_for(user)
    for url in (
        "/admin/course-reports/",
        f"/admin/course-reports/{activity.pk}/",
        f"/admin/course-reports/{activity.pk}/csv/",
    ):
        response = client.get(url)
        if status == 200:
            assert response.status_code == 200, url
        elif status == "login":  # not signed in: sent to sign in
            assert response.status_code == 302 and "login" in response["Location"], (who, url)
        elif status == "forbidden":  # signed in with no admin access at all: refused, no sign-in loop
            assert response.status_code == 403, (who, url)
        else:  # HR may use the admin, not these reports: Wagtail's permission-denied redirect
            assert response.status_code == 302 and response["Location"] == "/admin/", (who, url)
            assert "Enrolments" not in client.get(url, follow=True).content.decode()


def test_report_numbers(client_for, admin_user, activity):
    client = client_for(admin_user)
    body = client.get(f"/admin/course-reports/{activity.pk}/").content.decode()
    assert "<td>2</td><td>1</td>" in body  # 2 enrolments, 1 completion
    assert "50.0%" in body  # completion rate
    assert "100.0%" in body  # average best score (only the finished take is scored)
    assert "1 (50.0%)" in body  # question 1: right first time for one of two learners
    index = client.get("/admin/course-reports/").content.decode()
    assert activity.title in index and "50.0%" in index


def test_report_csv(client_for, admin_user, activity, learner):
    response = client_for(admin_user).get(f"/admin/course-reports/{activity.pk}/csv/")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Course", "Enrolments", "Completions"]
    assert rows[1][1:4] == ["2", "1", "50.0"]
    questions = rows[4:]
    assert len(questions) == 3
    assert questions[0][1] == "Which is a characteristic of good quality data?"
    assert questions[0][2:] == ["2", "1", "50.0"]
    assert learner.email not in response.content.decode()


def test_report_menu_item_only_for_admins(client_for, admin_user, hr_user, activity):
    assert "Course reports" in client_for(admin_user).get("/admin/").content.decode()
    assert "Course reports" not in client_for(hr_user).get("/admin/").content.decode()
