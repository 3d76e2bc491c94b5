"""Learning pages are valid HTML (html5lib in strict mode), and every role may take a course."""

import html5lib
import pytest

from learning.models import Certificate, Enrolment

from .conftest import question_ids
from .test_flow import answer, finish_course, wrong_option

pytestmark = pytest.mark.django_db


def assert_valid_html(response):
    assert response.status_code == 200
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    parser.parse(response.content.decode())  # raises ParseError with the line on invalid markup


def test_learning_pages_are_valid_html(client, client_for, learner, course, lessons, enrolled):
    assert_valid_html(client.get("/learn/"))
    assert_valid_html(client.get("/learn/", {"level": 1, "time": "under-30"}))
    assert_valid_html(client.get(course.url))
    assert_valid_html(client.get("/learning/verify/"))
    signed_in = client_for(learner)
    assert_valid_html(signed_in.get(course.url))
    assert_valid_html(signed_in.get(lessons[0].url))
    assert_valid_html(answer(signed_in, lessons[0], question_ids(lessons[0])[0]))  # error state
    answer(signed_in, lessons[0], question_ids(lessons[0])[0], answer=wrong_option(lessons[0]))
    assert_valid_html(signed_in.get(lessons[0].url))  # feedback state
    finish_course(signed_in, lessons)
    signed_in.post(lessons[1].url, {"action": "complete"})
    code = Certificate.objects.get().code
    assert_valid_html(signed_in.get(f"/learning/courses/{course.pk}/result/"))
    assert_valid_html(signed_in.get(f"/learning/certificates/{code}/"))
    assert_valid_html(client.get(f"/learning/verify/{code}/"))
    assert_valid_html(signed_in.get("/my-learning/"))


@pytest.mark.parametrize("who", ["learner", "champion", "hr_user", "admin_user"])
def test_every_signed_in_role_may_take_a_course(request, client_for, course, lessons, who):
    user = request.getfixturevalue(who)
    response = client_for(user).post(course.url, {"action": "start"})
    assert response.status_code == 302 and response["Location"] == lessons[0].url
    assert Enrolment.objects.filter(user=user, course=course).exists()
