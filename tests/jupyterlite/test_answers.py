import json

import pytest
from django.test import Client
from django.urls import reverse

from jupyterlite import services
from jupyterlite.models import Attempt, Question

URL = "/exercises/api/answer/"


def post(client, payload, **extra):
    body = payload if isinstance(payload, str | bytes) else json.dumps(payload)
    return client.post(URL, body, content_type="application/json", **extra)


@pytest.fixture
def expected(lab_demo):
    return {q.key: services.expected_answer(question=q) for q in Question.objects.all()}


def test_correct_answer_is_stored_and_never_reveals_expected(client_for, learner, expected):
    response = post(client_for(learner), {"question": "potholes-count", "value": expected["potholes-count"]})
    assert response.status_code == 201
    data = response.json()
    assert data["correct"] is True and data["attempts"] == 1 and data["solution_available"] is True
    assert str(expected["potholes-count"]) not in json.dumps(
        {k: v for k, v in data.items() if k != "attempts"}
    )
    attempt = Attempt.objects.get()
    assert (attempt.user, attempt.question.key, attempt.correct) == (learner, "potholes-count", True)


def test_within_tolerance_counts(client_for, learner, expected):
    value = float(expected["potholes-median-days"]) + 0.4  # tolerance 0.5
    assert post(client_for(learner), {"question": "potholes-median-days", "value": value}).json()["correct"]
    value = float(expected["potholes-median-days"]) + 0.6
    assert not post(client_for(learner), {"question": "potholes-median-days", "value": value}).json()[
        "correct"
    ]


def test_wrong_answer_recorded_and_solution_after_n_attempts(client_for, learner, expected):
    client = client_for(learner)
    results = [post(client, {"question": "potholes-count", "value": -1}).json() for _ in range(3)]
    assert [r["correct"] for r in results] == [False, False, False]
    assert [r["solution_available"] for r in results] == [False, False, True]
    assert Attempt.objects.filter(user=learner, correct=False).count() == 3


def test_text_for_number_question_is_wrong_not_an_error(client_for, learner, lab_demo):
    response = post(client_for(learner), {"question": "potholes-count", "value": "lots"})
    assert response.status_code == 201 and "number" in response.json()["message"]


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        b"\xff\xfe",
        json.dumps([1, 2]),
        json.dumps({"value": 3}),
        json.dumps({"question": "potholes-count"}),
    ],
)
def test_malformed_json_gets_400_and_nothing_stored(client_for, learner, lab_demo, body):
    response = post(client_for(learner), body)
    assert response.status_code == 400 and "error" in response.json()
    assert not Attempt.objects.exists()


def test_unknown_question_404(client_for, learner, lab_demo):
    assert post(client_for(learner), {"question": "nope", "value": 1}).status_code == 404


def test_anonymous_refused(lab_demo):
    response = post(Client(), {"question": "potholes-count", "value": 1})
    assert response.status_code == 403 and not Attempt.objects.exists()
    assert Client().get("/exercises/api/token/").status_code == 403


def test_csrf_enforced_and_token_endpoint_works(learner, lab_demo):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    assert post(client, {"question": "potholes-count", "value": 1}).status_code == 403
    token = client.get("/exercises/api/token/").json()["token"]
    assert post(client, {"question": "potholes-count", "value": 1}, HTTP_X_CSRFTOKEN=token).status_code == 201


def test_exercise_not_visible_to_learner(client_for, learner, admin_user, draft_exercise):
    assert post(client_for(learner), {"question": "draft-q", "value": 1}).status_code == 404
    assert client_for(learner).get(reverse("jupyterlite:exercise", args=["draft-one"])).status_code == 404
    assert post(client_for(admin_user), {"question": "draft-q", "value": 1}).json()["correct"] is True


def test_rate_limited(client_for, learner, lab_demo, settings):
    client = client_for(learner)
    codes = [
        post(client, {"question": "potholes-count", "value": 1}).status_code
        for _ in range(services.RATE_LIMIT + 1)
    ]
    assert codes[-1] == 429 and codes.count(201) == services.RATE_LIMIT
    assert Attempt.objects.count() == services.RATE_LIMIT


def test_plain_form_answer_without_javascript(client_for, learner, expected, lab_demo):
    exercise = lab_demo["pothole-repair-times"]
    question = exercise.questions.get(key="potholes-count")
    page = reverse("jupyterlite:exercise", args=[exercise.slug])
    response = client_for(learner).post(
        reverse("jupyterlite:answer_form", args=[exercise.slug]),
        {"question": question.pk, "value": str(expected["potholes-count"]), "next": page},
        follow=True,
    )
    assert response.status_code == 200
    assert "Well done" in response.content.decode()
    assert Attempt.objects.get().correct


def test_plain_form_rejects_offsite_next(client_for, learner, lab_demo):
    exercise = lab_demo["foi-on-time"]
    response = client_for(learner).post(
        reverse("jupyterlite:answer_form", args=[exercise.slug]),
        {"question": exercise.questions.first().pk, "value": "1", "next": "https://evil.example/"},
    )
    assert response.status_code == 302 and response["Location"].startswith("/exercises/foi-on-time/")
