"""Fixtures for the curriculum tests: the whole demo site, the demo learner, and helpers to answer."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client


@pytest.fixture
def demo_site(db):
    call_command("load_demo_content", verbosity=0)


@pytest.fixture
def demo_learner(demo_site):
    return get_user_model().objects.get(email="learner@example.gov.uk")


@pytest.fixture
def learner_client(demo_learner):
    client = Client()
    client.force_login(demo_learner)
    return client


def right_answer_data(snapshot: dict) -> dict:
    """The form data that answers a question block correctly, from its snapshot (which holds the key)."""
    kind = snapshot["kind"]
    if kind == "single":
        return {"answer": next(o["id"] for o in snapshot["options"] if o["correct"])}
    if kind == "multiple":
        return {"answer": [o["id"] for o in snapshot["options"] if o["correct"]]}
    if kind == "ordering":
        return {f"position-{o['id']}": str(n) for n, o in enumerate(snapshot["options"], start=1)}
    if kind == "numeric":
        return {"answer": snapshot["answer"]}
    return {"answer": snapshot["accepted"][0]}
