import io

import pytest

from jupyterlite import demo
from jupyterlite.models import Exercise, Question


@pytest.fixture
def lab_demo(db):
    """The sample datasets and the two demo exercises."""
    demo.load(stdout=io.StringIO())
    return {e.slug: e for e in Exercise.objects.all()}


@pytest.fixture
def draft_exercise(lab_demo):
    exercise = Exercise.objects.create(
        slug="draft-one",
        title="Draft",
        instructions="<p>Not ready</p>",
        starter_code="x = 1",
        live=False,
    )
    Question.objects.create(exercise=exercise, key="draft-q", prompt="What is x?", expected_value="1")
    return exercise


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """The answer rate limit lives in the cache; each test starts with a clean count."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def lab_built():
    """The built lab (built once if var/lab is missing; `make test` builds it first)."""
    from django.core.management import call_command

    from jupyterlite.lab.serve import lab_root

    if not (lab_root() / "jupyter-lite.json").is_file():
        call_command("build_jupyterlite")
    return lab_root()
