"""Each exercise's model solution, run after its starter code in plain CPython on the generated dataset,
sends exactly the answers the server computes. Also: the solutions pass through the real answer API."""

import json
import sys
from pathlib import Path

import pytest

from jupyterlite import demo as lab_demo
from jupyterlite.answers import mark
from jupyterlite.models import Exercise
from jupyterlite.notebooks import starter_notebook
from jupyterlite.sample_data import BY_SLUG
from jupyterlite.services import expected_answer

KERNEL_HELPER = Path(__file__).resolve().parents[2] / "jupyterlite" / "kernel_helper"


@pytest.fixture
def academy(monkeypatch):
    """The kernel's academy module, with datasets read from the generator and check() recording answers."""
    monkeypatch.syspath_prepend(str(KERNEL_HELPER))
    sys.modules.pop("academy", None)
    import academy

    for slug, dataset in BY_SLUG.items():
        monkeypatch.setitem(academy._cache, slug, dataset.csv_text())
    types = {slug: [{"name": c.name, "type": c.type} for c in d.columns] for slug, d in BY_SLUG.items()}
    # load_frame() asks the server for the catalogue's column types: /datasets/<slug>/columns/
    monkeypatch.setattr(academy, "_get_json", lambda url: (200, {"columns": types[url.split("/")[2]]}))
    answers: dict = {}
    monkeypatch.setattr(academy, "check", lambda question, value: answers.__setitem__(question, value))
    monkeypatch.setattr(academy, "_display", lambda bundle: None)
    yield answers
    sys.modules.pop("academy", None)


def run_notebook(exercise: Exercise) -> None:
    """Run the starter notebook's code cells, then the model solution, in one namespace."""
    notebook = starter_notebook(exercise, versioned=False)
    namespace: dict = {}
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            exec(compile(source, f"{exercise.slug}-starter", "exec"), namespace)  # noqa: S102 - our own content
    exec(compile(exercise.solution, f"{exercise.slug}-solution", "exec"), namespace)  # noqa: S102


@pytest.mark.django_db
@pytest.mark.parametrize("spec", lab_demo.EXERCISES, ids=lambda spec: spec["slug"])
def test_model_solution_gives_the_servers_answer(spec, academy):
    lab_demo.load(stdout=__import__("io").StringIO())
    exercise = Exercise.objects.get(slug=spec["slug"])
    run_notebook(exercise)
    questions = list(exercise.questions.all())
    assert set(academy) == {q.key for q in questions}, "the solution must check every question"
    for question in questions:
        expected = expected_answer(question=question)
        value = json.loads(json.dumps(academy[question.key], default=str))
        correct = mark(question, value, expected).correct
        assert correct, f"{question.key}: solution gave {value!r}, server expects {expected!r}"
