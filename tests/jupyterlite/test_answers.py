import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from jupyterlite import answers, services
from jupyterlite.models import Attempt, Question

URL = "/exercises/api/answer/"
HINT = "/exercises/api/questions/{key}/hint/"
SOLUTION = "/exercises/api/questions/{key}/solution/"


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


@pytest.mark.parametrize("value", ["lots", "", None, [1, 2]])
def test_malformed_answer_is_explained_and_not_counted(client_for, learner, lab_demo, value):
    """Text for a number question (or nothing) is not an attempt: nothing stored, the count unchanged."""
    response = post(client_for(learner), {"question": "potholes-count", "value": value})
    data = response.json()
    assert response.status_code == 200 and data["counted"] is False and data["correct"] is False
    assert "number" in data["message"] or "Enter an answer" in data["message"]
    assert data["attempts"] == 0 and not Attempt.objects.exists()


def test_malformed_answers_do_not_open_the_solution(client_for, learner, expected):
    client = client_for(learner)
    for _ in range(5):
        post(client, {"question": "potholes-count", "value": "not a number"})
    assert client.get(SOLUTION.format(key="potholes-count")).status_code == 403
    results = [post(client, {"question": "potholes-count", "value": -1}).json() for _ in range(3)]
    assert [r["solution_available"] for r in results] == [False, False, True]


def test_known_mistake_gets_its_message_and_never_the_answer(client_for, learner, expected):
    question = Question.objects.get(key="spending-highways-total")
    assert len(question.known_wrong_answers) == 2  # the demo fills them from the registered mistakes
    mistake = question.known_wrong_answers[0]
    response = post(client_for(learner), {"question": question.key, "value": mistake["value"] + 0.5})
    data = response.json()
    assert response.status_code == 201 and data["correct"] is False and data["known_mistake"] is True
    assert data["message"] == mistake["message"] and "appear twice" in data["message"]
    assert str(expected[question.key]) not in response.content.decode()
    assert Attempt.objects.get(user=learner).correct is False
    other = post(client_for(learner), {"question": question.key, "value": 12}).json()
    assert other["known_mistake"] is False and other["message"] == answers.WRONG_NUMBER


def test_known_mistakes_are_validated(lab_demo):
    question = Question(
        exercise=lab_demo["foi-on-time"], key="x", prompt="How many?", expected_value="12", tolerance=1
    )
    question.known_wrong_answers = [
        {"value": 12.5, "message": "Close."},  # within the tolerance of the right answer
        {"value": 30, "message": "You want 12, not 30."},  # gives the answer away
        {"value": "many", "message": "Numbers only."},
        {"value": 5, "message": ""},
        {"value": 7, "message": "Fine", "colour": "red"},
        {"value": 8, "tolerance": -1, "message": "Bad tolerance"},
    ]
    with pytest.raises(ValidationError) as error:
        question.full_clean()
    messages = error.value.message_dict["known_wrong_answers"]
    assert any("must be a number" in m for m in messages)
    assert any("needs a message" in m for m in messages)
    assert any("only value, tolerance and message" in m for m in messages)
    assert any("tolerance must be" in m for m in messages)
    question.known_wrong_answers = [{"value": 12.5, "message": "Close."}, {"value": 30, "message": "Use 12."}]
    with pytest.raises(ValidationError) as error:
        question.full_clean()
    messages = error.value.message_dict["known_wrong_answers"]
    assert any("is the right answer" in m for m in messages) and any("gives away" in m for m in messages)
    question.known_wrong_answers = [{"value": 30, "tolerance": 0, "message": "That counts every row."}]
    question.full_clean(exclude=["exercise"])


def test_hint_for_a_question(client_for, learner, lab_demo):
    response = client_for(learner).get(HINT.format(key="pandas-highways-total"))
    hints = response.json()["hints"]
    assert response.status_code == 200 and hints[0].startswith('totals["Highways and Transport"]')
    assert hints[1:] == lab_demo["spending-with-pandas"].hint_list
    assert Client().get(HINT.format(key="pandas-highways-total")).status_code == 403
    assert client_for(learner).get(HINT.format(key="nope")).status_code == 404


def test_solution_opens_per_question(client_for, learner, other_learner, expected, lab_demo):
    client = client_for(learner)
    locked = client.get(SOLUTION.format(key="potholes-count"))
    assert locked.status_code == 403 and "you have made 0" in locked.json()["error"]
    assert "solution" not in locked.json()
    post(client, {"question": "potholes-count", "value": expected["potholes-count"]})
    opened = client.get(SOLUTION.format(key="potholes-count"))
    assert (
        opened.status_code == 200 and opened.json()["solution"] == lab_demo["pothole-repair-times"].solution
    )
    # The other question of the same exercise, and the same question for another learner, stay closed.
    assert client.get(SOLUTION.format(key="potholes-median-days")).status_code == 403
    assert client_for(other_learner).get(SOLUTION.format(key="potholes-count")).status_code == 403


def test_question_solution_of_its_own_is_preferred(client_for, learner, expected):
    Question.objects.filter(key="potholes-count").update(solution="len(potholes)")
    client = client_for(learner)
    post(client, {"question": "potholes-count", "value": expected["potholes-count"]})
    assert client.get(SOLUTION.format(key="potholes-count")).json()["solution"] == "len(potholes)"


def test_hints_and_solutions_of_drafts_are_hidden(client_for, learner, draft_exercise):
    assert client_for(learner).get(HINT.format(key="draft-q")).status_code == 404
    assert client_for(learner).get(SOLUTION.format(key="draft-q")).status_code == 404


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


def test_rate_limit_holds_when_parallel_answers_all_read_the_count_before_any_is_counted(
    client_for, learner, lab_demo, monkeypatch
):
    """40 answers at once all read the count before any of them is counted (what parallel requests do): the
    limit must still let exactly RATE_LIMIT through, so reading a count decides nothing."""
    monkeypatch.setattr(services.cache, "get", lambda *args, **kwargs: None)
    monkeypatch.setattr(services.cache, "get_or_set", lambda *args, **kwargs: 0)
    client = client_for(learner)
    codes = [post(client, {"question": "potholes-count", "value": 1}).status_code for _ in range(40)]
    assert codes.count(201) == services.RATE_LIMIT and codes.count(429) == 40 - services.RATE_LIMIT
    assert Attempt.objects.count() == services.RATE_LIMIT
