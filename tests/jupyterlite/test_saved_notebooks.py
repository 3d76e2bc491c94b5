"""The learner's notebook kept on the server: saved, replaced (last writer wins), size-limited, private to
its owner, restored from any browser, and part of the personal-data export and erasure."""

import json

import pytest
from django.test import Client

from home import personal_data
from jupyterlite import services
from jupyterlite.models import SavedNotebook

URL = "/exercises/{slug}/api/notebook/"


def notebook(source: str, *, outputs=None) -> dict:
    cell = {
        "cell_type": "code",
        "metadata": {},
        "source": source,
        "outputs": outputs or [],
        "execution_count": None,
    }
    return {
        "cells": [cell],
        "metadata": {"academy": {"exercise": "foi-on-time"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def save(client, body, slug="foi-on-time"):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(URL.format(slug=slug), data, content_type="application/json")


def test_nothing_saved_yet(client_for, learner, lab_demo):
    response = client_for(learner).get(URL.format(slug="foi-on-time"))
    assert response.status_code == 200 and response.json() == {"notebook": None, "revision": 0}
    assert "no-store" in response["Cache-Control"]
    assert not SavedNotebook.objects.exists()  # a GET writes nothing


def test_save_then_restore_in_another_browser(client_for, learner, lab_demo):
    first = save(client_for(learner), notebook("share = 61.5"))
    assert first.status_code == 200 and first.json()["revision"] == 1 and "notebook" not in first.json()
    # A fresh client is a fresh browser: same account, nothing stored locally.
    restored = client_for(learner).get(URL.format(slug="foi-on-time")).json()
    assert restored["notebook"]["cells"][0]["source"] == "share = 61.5" and restored["revision"] == 1
    saved = SavedNotebook.objects.get()
    assert (saved.user, saved.exercise.slug, saved.size_bytes) == (
        learner,
        "foi-on-time",
        len(json.dumps(notebook("share = 61.5"))),
    )


def test_last_writer_wins(client_for, learner, lab_demo):
    laptop, desktop = client_for(learner), client_for(learner)
    save(laptop, notebook("from the laptop"))
    reply = save(desktop, notebook("from the desktop")).json()
    assert reply["revision"] == 2
    assert SavedNotebook.objects.get().content["cells"][0]["source"] == "from the desktop"
    assert SavedNotebook.objects.count() == 1


def test_too_large_is_refused_and_changes_nothing(client_for, learner, lab_demo):
    client = client_for(learner)
    save(client, notebook("small"))
    big = notebook(
        "x",
        outputs=[
            {"output_type": "stream", "name": "stdout", "text": "y" * services.MAX_SAVED_NOTEBOOK_BYTES}
        ],
    )
    response = save(client, big)
    assert response.status_code == 413 and "the limit is 1 MB" in response.json()["error"]
    saved = SavedNotebook.objects.get()
    assert saved.revision == 1 and saved.content["cells"][0]["source"] == "small"


@pytest.mark.parametrize(
    "body",
    [
        "",
        "not json",
        json.dumps({"cells": []}),
        json.dumps({"nbformat": 4, "cells": [{"cell_type": "nope"}]}),
    ],
)
def test_not_a_notebook_is_refused(client_for, learner, lab_demo, body):
    response = save(client_for(learner), body)
    assert response.status_code == 400 and response.json()["error"]
    assert not SavedNotebook.objects.exists()


def test_each_learner_sees_only_their_own(client_for, learner, other_learner, lab_demo):
    save(client_for(learner), notebook("mine"))
    assert client_for(other_learner).get(URL.format(slug="foi-on-time")).json()["notebook"] is None
    save(client_for(other_learner), notebook("theirs"))
    assert (
        client_for(learner).get(URL.format(slug="foi-on-time")).json()["notebook"]["cells"][0]["source"]
        == "mine"
    )
    assert SavedNotebook.objects.count() == 2


def test_anonymous_and_drafts_refused(client_for, learner, draft_exercise):
    assert Client().get(URL.format(slug="foi-on-time")).status_code == 403
    assert save(Client(), notebook("x")).status_code == 403
    assert client_for(learner).get(URL.format(slug="draft-one")).status_code == 404
    assert save(client_for(learner), notebook("x"), slug="draft-one").status_code == 404
    assert not SavedNotebook.objects.exists()


def test_csrf_is_required(learner, lab_demo):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    assert save(client, notebook("x")).status_code == 403
    token = client.get("/exercises/api/token/").json()["token"]
    response = client.post(
        URL.format(slug="foi-on-time"),
        json.dumps(notebook("x")),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 200


def test_in_the_export_and_erased_with_the_account(client_for, learner, other_learner, lab_demo):
    save(client_for(learner), notebook("my analysis"))
    save(client_for(other_learner), notebook("not mine"))
    exported = personal_data.export_for(learner)["exercise_notebooks"]
    assert len(exported) == 1 and exported[0]["content"]["cells"][0]["source"] == "my analysis"
    personal_data.erase(learner)
    assert list(SavedNotebook.objects.values_list("content__cells__0__source", flat=True)) == ["not mine"]


def test_queries_stay_flat(client_for, learner, lab_demo, django_assert_max_num_queries):
    client = client_for(learner)
    save(client, notebook("x"))
    with django_assert_max_num_queries(8):  # 8 on PostgreSQL, 7 on SQLite
        save(client, notebook("y"))
    with django_assert_max_num_queries(5):  # 5 on PostgreSQL, 4 on SQLite
        client.get(URL.format(slug="foi-on-time"))
