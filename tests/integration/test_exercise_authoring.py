"""An Academy admin authors an exercise without code: dataset upload and columns, an exercise with a recipe
answer and a typed answer, Academy review by a second admin, and a learner answering it in a lesson.
Also: dataset versions, drafts learners never see, "publish without review", preview, and the admin URLs
this adds, per role."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from competencies.levels import Level
from home import roles
from jupyterlite import services
from jupyterlite.models import Attempt, Dataset, Exercise, Question
from jupyterlite.notebooks import starter_notebook
from learning.services import enrolment_start
from tests.factories.home import make_user
from tests.factories.learning import add_catalogue, add_course

UPLOAD_URL = "/admin/datasets/upload/"
CSV = b"ward,kind,cost\nNorth,Pothole,10\nNorth,Kerb,30\nSouth,Pothole,20\nSouth,Pothole,\n"
CSV_V2 = CSV + b"North,Pothole,40\n"
ROLES = ["anonymous", "learner", "champion", "hr_user", "admin_user"]


@pytest.fixture
def reviewer(db):
    return make_user("reviewer@test.gov.uk", roles.ACADEMY_ADMIN, first_name="Rita", last_name="Reviewer")


def _upload(client, data=CSV):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        UPLOAD_URL,
        {
            "title": "Defects",
            "slug": "defects",
            "description": "Road defects by ward.",
            "owner": "Highways",
            "licence": "OGL",
            "file": SimpleUploadedFile("defects.csv", data, content_type="text/csv"),
        },
    )


def _recipe_fields(**recipe):
    fields = {"dataset": "", "version": "", "dedupe": "", "measure": "", "column": "", "group_by": ""}
    fields |= {"pick": "", "group": "", "decimals": ""}
    for index in range(4):
        fields |= {f"filter-{index}-{part}": "" for part in ("column", "op", "value", "low", "high")}
    fields |= {f"match-{part}": "" for part in ("column", "op", "value", "low", "high")}
    return fields | recipe


def _question(key, prompt, *, answer_type="number", expected="", recipe=None, order=1):
    return {
        "key": key,
        "prompt": prompt,
        "answer_type": answer_type,
        "tolerance": "0",
        "expected_value": expected,
        "recipe": _recipe_fields(**(recipe or {})),
        "computation": "",
        "hint": "",
        "solution": "",
        "known_wrong_answers": "[]",
        "ORDER": str(order),
    }


def _exercise_form(dataset, **overrides):
    potholes = {
        "dataset": dataset.slug,
        "measure": "sum",
        "column": "cost",
        "filter-0-column": "kind",
        "filter-0-op": "equals",
        "filter-0-value": "Pothole",
    }
    data = {
        "title": "Pothole costs",
        "slug": "pothole-costs",
        "instructions": rich_text("<p>Total the pothole repair costs.</p>"),
        "datasets": [dataset.pk],
        "starter_code": 'from academy import load_dataset, check\nrows = load_dataset("defects")',
        "hints": "",
        "solution": "",
        "reveal_solution_after": "3",
        "questions": inline_formset(
            [
                _question("pothole-cost", "What did pothole repairs cost?", recipe=potholes),
                _question("kerb-count", "How many kerb defects?", expected="1", order=2),
            ]
        ),
    }
    data.update(overrides)
    return nested_form_data(data)


def _answer(client, key, value):
    response = client.post(
        "/exercises/api/answer/",
        json.dumps({"question": key, "value": value}),
        content_type="application/json",
    )
    return response.status_code, response.json()


@pytest.mark.django_db
def test_admin_journey_from_upload_to_a_learner_answering_in_a_lesson(
    client_for, admin_user, reviewer, learner, site_with_home, django_capture_on_commit_callbacks
):
    author = client_for(admin_user)
    # 1. Upload a dataset and describe its columns.
    assert _upload(author).status_code == 302
    dataset = Dataset.objects.get(slug="defects")
    assert dataset.version == 1 and dataset.versions.get().row_count == 4
    columns = {"columns-count": "3"}
    for index, (name, kind) in enumerate([("ward", "category"), ("kind", "category"), ("cost", "integer")]):
        columns |= {f"columns-{index}-name": name, f"columns-{index}-type": kind}
        columns[f"columns-{index}-description"] = f"The {name} of the defect"
    edit = reverse("wagtailsnippets_jupyterlite_dataset:edit", args=[dataset.pk])
    fields = {"title": "Defects", "slug": "defects", "description": "Road defects.", "owner": "Highways"}
    response = author.post(edit, {**fields, "licence": "OGL", "known_issues": "", **columns})
    assert response.status_code == 302, response.content.decode()[:3000]
    dataset.refresh_from_db()
    assert dataset.columns[2] == {"name": "cost", "type": "integer", "description": "The cost of the defect"}

    # 2. The recipe check shows the answer and the summary before anything is saved.
    check = author.post(
        reverse("jupyterlite_recipe_check"),
        {
            "recipe_name": "r",
            **{
                f"r-{k}": v
                for k, v in _recipe_fields(dataset="defects", measure="sum", column="cost").items()
            },
        },
    )
    assert check.status_code == 200 and check.json()["answer"] == 60
    assert check.json()["summary"] == "SELECT SUM(cost) FROM defects (version 1)"

    # 3. Build the exercise (a recipe answer and a typed answer) and submit it to Academy review.
    add = reverse("wagtailsnippets_jupyterlite_exercise:add")
    form_html = author.get(add).content.decode()
    assert "Submit to Academy review" in form_html and 'name="action-publish"' not in form_html
    with django_capture_on_commit_callbacks(execute=True):
        response = author.post(add, {**_exercise_form(dataset), "action-submit": "Submit"})
    assert response.status_code == 302, response.content.decode()[:5000]
    exercise = Exercise.objects.get(slug="pothole-costs")
    assert not exercise.live and exercise.dataset_versions == {"defects": 1}
    recipe_q = Question.objects.get(key="pothole-cost")
    assert recipe_q.recipe["version"] == 1 and recipe_q.recipe["filters"][0]["value"] == "Pothole"
    assert services.expected_answer(question=recipe_q) == 30
    state = WorkflowState.objects.get(object_id=str(exercise.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    assert any(reviewer.email in m.to for m in mail.outbox), "the reviewer is told"
    mail.outbox.clear()

    # A learner cannot open it while it is in review.
    learner_client = client_for(learner)
    assert learner_client.get(reverse("jupyterlite:exercise", args=["pothole-costs"])).status_code == 404

    # 4. A second admin approves; it is published and the author is told.
    approve = reverse(
        "wagtailsnippets_jupyterlite_exercise:workflow_action",
        args=[exercise.pk, "approve", state.current_task_state.pk],
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(reviewer).post(approve, {"comment": "Checked the sum."})
    assert response.status_code in (200, 302)
    exercise.refresh_from_db()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert exercise.live and exercise.live_revision_id
    assert any(admin_user.email in m.to for m in mail.outbox), "the author is told"

    # 5. A learner answers it in a lesson: wrong, then right, for both kinds of answer.
    course = add_course(
        add_catalogue(),
        slug="roads",
        level=Level.ANALYSE,
        lessons=[[("exercise", {"exercise": exercise, "heading": ""})]],
    )
    lesson = course.lessons().specific().get()
    enrolment_start(user=learner, course=course)
    response = learner_client.get(lesson.url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Pothole costs" in page and 'check("pothole-cost", answer)' in page and "version 1" in page
    assert _answer(learner_client, "pothole-cost", 60) == (201, _answer_json(False))
    assert _answer(learner_client, "pothole-cost", "30")[1]["correct"] is True
    response = learner_client.post(
        reverse("jupyterlite:answer_form", args=[exercise.slug]),
        {"question": Question.objects.get(key="kerb-count").pk, "value": "2", "next": lesson.url},
    )
    assert response.status_code == 302
    assert _answer(learner_client, "kerb-count", 1)[1]["correct"] is True
    assert list(
        Attempt.objects.filter(user=learner).order_by("created_at").values_list("correct", flat=True)
    ) == [
        False,
        True,
        False,
        True,
    ]


def _answer_json(correct):
    return {
        "question": "pothole-cost",
        "exercise": "pothole-costs",
        "correct": correct,
        "counted": True,
        "known_mistake": False,
        "message": "That is not the right number. Try again.",
        "attempts": 1,
        "solution_available": False,
    }


@pytest.fixture
def published(admin_user):
    dataset = services.dataset_create_from_upload(
        title="Defects", slug="defects", description="d", owner="o", licence="l", data=CSV
    )
    exercise = Exercise.objects.create(
        slug="pothole-costs",
        title="Pothole costs",
        instructions="<p>Old instructions</p>",
        starter_code='rows = load_dataset("defects")',
        dataset_versions={"defects": 1},
    )
    exercise.datasets.set([dataset])
    recipe = {"dataset": "defects", "version": 1, "measure": "count", "filters": []}
    recipe["filters"] = [{"column": "ward", "op": "equals", "value": "North"}]
    Question.objects.create(exercise=exercise, key="north", prompt="How many in North?", recipe=recipe)
    exercise.save_revision(user=admin_user).publish(user=admin_user)
    return dataset, Exercise.objects.get(pk=exercise.pk)


def test_a_new_dataset_version_leaves_answers_alone_until_the_exercise_is_republished(
    client_for, admin_user, learner, published
):
    dataset, exercise = published
    question = exercise.questions.get()
    version_before = exercise.content_version()
    assert services.expected_answer(question=question) == 2

    url = reverse("jupyterlite_dataset_new_version", args=[dataset.pk])
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_for(admin_user).post(
        url, {"file": SimpleUploadedFile("v2.csv", CSV_V2), "note": "One more North row"}, follow=True
    )
    assert response.status_code == 200 and "1 exercise still use" in response.content.decode()
    dataset.refresh_from_db()
    assert dataset.version == 2 and dataset.row_count == 5
    assert list(dataset.versions.values_list("number", flat=True)) == [2, 1]

    # Same answer, and the lab loads the version the exercise uses.
    exercise = Exercise.objects.get(pk=exercise.pk)
    assert services.expected_answer(question=exercise.questions.get()) == 2
    assert _answer(client_for(learner), "north", 2)[1]["correct"] is True
    cells = starter_notebook(exercise)["cells"]
    assert 'load_dataset("defects", version=1)' in cells[0]["source"]
    assert exercise.content_version() != version_before  # saved notebooks are offered the pinned file
    learner_client = client_for(learner)
    old = learner_client.get(reverse("jupyterlite:dataset_csv", args=["defects"]), {"version": "1"})
    assert old.content == CSV and learner_client.get("/datasets/defects.csv").content == CSV_V2
    catalogue = learner_client.get(reverse("jupyterlite:dataset_detail", args=["defects"])).content.decode()
    assert "Pothole costs</a> – uses version 1" in catalogue

    # Republished on version 2: the new answer, and the notebook loads the current file again.
    exercise.dataset_versions = {"defects": 2}
    question = exercise.questions.get()
    question.recipe = {**question.recipe, "version": 2}
    question.save()
    exercise.save_revision(user=admin_user).publish(user=admin_user)
    exercise = Exercise.objects.get(pk=exercise.pk)
    assert services.expected_answer(question=exercise.questions.get()) == 3
    assert 'load_dataset("defects")' in starter_notebook(exercise)["cells"][0]["source"]


def test_a_bad_new_version_changes_nothing(client_for, admin_user, published):
    from django.core.files.uploadedfile import SimpleUploadedFile

    dataset, _ = published
    url = reverse("jupyterlite_dataset_new_version", args=[dataset.pk])
    client = client_for(admin_user)
    for data, message in [(b"", "empty"), (b"ward\n", "no data rows"), (CSV, "same as the current version")]:
        response = client.post(url, {"file": SimpleUploadedFile("x.csv", data)})
        assert response.status_code == 400 and message in response.content.decode()
    dataset.refresh_from_db()
    assert dataset.version == 1 and dataset.versions.count() == 1


def test_learners_only_see_the_published_revision(client_for, admin_user, learner, published):
    _, exercise = published
    version = exercise.content_version()
    edit = reverse("wagtailsnippets_jupyterlite_exercise:edit", args=[exercise.pk])
    form = client_for(admin_user).get(edit)
    assert form.status_code == 200
    # A draft saved through the model API, as the editor's "Save draft" does for a live exercise.
    exercise.instructions = "<p>New draft instructions</p>"
    exercise.starter_code = 'rows = load_dataset("defects")\nprint(len(rows))'
    exercise.save_revision(user=admin_user)
    learner_page = (
        client_for(learner).get(reverse("jupyterlite:exercise", args=[exercise.slug])).content.decode()
    )
    assert "Old instructions" in learner_page and "New draft" not in learner_page
    assert Exercise.objects.get(pk=exercise.pk).content_version() == version  # no "exercise changed" yet
    exercise.latest_revision.publish(user=admin_user)
    fresh = Exercise.objects.get(pk=exercise.pk)
    assert fresh.content_version() != version
    assert (
        "New draft instructions"
        in client_for(learner).get(reverse("jupyterlite:exercise", args=[fresh.slug])).content.decode()
    )


def test_publishing_without_review_needs_its_own_permission(client_for, admin_user, published):
    _, exercise = published
    edit = reverse("wagtailsnippets_jupyterlite_exercise:edit", args=[exercise.pk])
    client = client_for(admin_user)
    assert 'name="action-publish"' not in client.get(edit).content.decode()
    admin_user.user_permissions.add(Permission.objects.get(codename="publish_without_review_exercise"))
    assert 'name="action-publish"' in client.get(edit).content.decode()


def test_preview_shows_the_draft_as_a_learner_sees_it_with_the_lab(client_for, admin_user, published):
    _, exercise = published
    client = client_for(admin_user)
    url = reverse("wagtailsnippets_jupyterlite_exercise:preview_on_edit", args=[exercise.pk])
    data = nested_form_data(
        {
            "title": "Pothole costs (draft)",
            "slug": exercise.slug,
            "instructions": rich_text("<p>Draft words</p>"),
            "datasets": [exercise.datasets.get().pk],
            "starter_code": "x = 41 + 1",
            "hints": "",
            "solution": "",
            "reveal_solution_after": "3",
            "questions": inline_formset([_question("north-draft", "How many in North?", expected="2")]),
        }
    )
    response = client.post(url, data)
    assert response.json()["is_valid"] is True, response.content.decode()[:2000]
    html = client.get(url).content.decode()
    assert "Draft words" in html and 'data-preview="1"' in html and "academy-lab__frame" in html
    assert "x = 41 + 1" in html  # the draft's own notebook, given to the lab inline
    assert "preview-pothole-costs.ipynb" in html


def _role_user(request, who):
    return None if who == "anonymous" else request.getfixturevalue(who)


@pytest.mark.parametrize("who", ROLES)
def test_new_admin_urls_per_role(request, client_for, published, who):
    dataset, exercise = published
    client = client_for(_role_user(request, who))
    prefix = "wagtailsnippets_jupyterlite_exercise"
    gets = [
        reverse("jupyterlite_dataset_new_version", args=[dataset.pk]),
        reverse(f"{prefix}:preview_on_edit", args=[exercise.pk]),
        reverse(f"{prefix}:workflow_history", args=[exercise.pk]),
        reverse(f"{prefix}:history", args=[exercise.pk]),
    ]
    check = reverse("jupyterlite_recipe_check")
    for url in gets:
        response = client.get(url)
        if who == "admin_user":
            assert response.status_code == 200, url
        elif who == "anonymous":
            assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), url
        else:
            assert response.status_code in (302, 403), url
    response = client.post(check, {"recipe_name": "r", "r-dataset": "defects", "r-measure": "count"})
    if who == "admin_user":
        assert response.status_code == 200 and response.json()["answer"] == 4
    else:
        assert response.status_code in (302, 403)
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post(
        reverse("jupyterlite_dataset_new_version", args=[dataset.pk]),
        {"file": SimpleUploadedFile("v.csv", CSV_V2)},
    )
    assert Dataset.objects.get(pk=dataset.pk).version == (2 if who == "admin_user" else 1)


def test_a_recipe_that_cannot_work_is_refused_with_the_reason_and_nothing_saved(
    client_for, admin_user, published
):
    dataset, _ = published
    client = client_for(admin_user)
    add = reverse("wagtailsnippets_jupyterlite_exercise:add")
    assert "jupyterlite/recipe_widget.js" in client.get(add).content.decode()
    bad = {"dataset": dataset.slug, "measure": "sum", "column": "costs"}
    data = _exercise_form(dataset, slug="bad-one")
    data.update({f"questions-0-recipe-{k}": v for k, v in _recipe_fields(**bad).items()})
    response = client.post(add, data)
    assert response.status_code == 200
    assert "Dataset &#x27;defects&#x27; has no column &#x27;costs&#x27;" in response.content.decode()
    text = {f"questions-0-recipe-{k}": v for k, v in _recipe_fields(**{**bad, "column": "cost"}).items()}
    response = client.post(add, {**data, **text, "questions-0-answer_type": "text"})
    assert "This recipe gives a number: choose Number." in response.content.decode()
    assert not Exercise.objects.filter(slug="bad-one").exists()
