import json

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from jupyterlite.blocks import ExerciseBlock
from jupyterlite.models import Attempt, Dataset
from jupyterlite.selectors import exercise_ids_passed
from jupyterlite.services import expected_answer


def test_catalogue_lists_datasets_with_bounded_queries(
    client_for, learner, lab_demo, django_assert_max_num_queries
):
    client = client_for(learner)
    client.get("/")  # builds the site's cached chrome (branding, footer, menu), as any earlier request would
    with django_assert_max_num_queries(10):
        response = client.get(reverse("jupyterlite:dataset_index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Highways defects reported" in html and "Spending over £500" in html


def test_dataset_page_shows_columns_issues_and_download(
    client_for, learner, lab_demo, django_assert_max_num_queries
):
    client = client_for(learner)
    client.get("/")  # builds the site's cached chrome (branding, footer, menu), as any earlier request would
    with django_assert_max_num_queries(10):
        response = client.get(reverse("jupyterlite:dataset_detail", args=["highways-defects"]))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Highways Asset Management",
        "Open Government Licence",
        "days_to_repair",
        "Smith Str",
        "3,250",
        "highways-defects.csv?download=1",
        "How long do pothole repairs take?",
    ):
        assert text in html
    download = client.get("/datasets/highways-defects.csv?download=1")
    assert download["Content-Disposition"] == 'attachment; filename="highways-defects.csv"'
    assert download.content.decode() == Dataset.objects.get(slug="highways-defects").csv_text


def test_catalogue_needs_sign_in(client, lab_demo):
    assert client.get(reverse("jupyterlite:dataset_index")).status_code == 302
    assert client.get("/datasets/fly-tipping.csv").status_code == 403


def _render_block(exercise, user):
    request = RequestFactory().get("/lessons/one/")
    request.user = user
    block = ExerciseBlock()
    value = block.to_python({"exercise": exercise.pk, "heading": ""})
    return block.render(value, context={"request": request, "csrf_token": "x"})


def test_block_renders_no_js_form_and_lab_template(lab_demo, learner):
    exercise = lab_demo["pothole-repair-times"]
    html = _render_block(exercise, learner)
    assert 'action="/exercises/pothole-repair-times/answer/"' in html
    assert "/lab/notebooks/index.html?path=pothole-repair-times.ipynb" in html
    assert 'data-version="' + exercise.content_version() + '"' in html
    assert "/datasets/highways-defects.csv?download=1" in html
    assert "Model solution" not in html  # not revealed before trying
    assert "not answered yet" in html


def test_block_reveals_solution_after_correct_answer(lab_demo, learner):
    exercise = lab_demo["pothole-repair-times"]
    question = exercise.questions.get(key="potholes-count")
    Attempt.objects.create(user=learner, question=question, value="1", correct=True)
    html = _render_block(exercise, learner)
    assert "Model solution" in html and "answered correctly" in html


def test_exercise_ids_passed_needs_every_question(lab_demo, learner, other_learner):
    potholes, foi = lab_demo["pothole-repair-times"], lab_demo["foi-on-time"]
    ids = [potholes.pk, foi.pk]
    Attempt.objects.create(user=learner, question=foi.questions.get(), value="1", correct=True)
    Attempt.objects.create(user=learner, question=potholes.questions.first(), value="1", correct=True)
    Attempt.objects.create(user=learner, question=potholes.questions.last(), value="1", correct=False)
    assert exercise_ids_passed(user=learner, exercise_ids=ids) == {foi.pk}
    assert exercise_ids_passed(user=other_learner, exercise_ids=ids) == set()


def test_starter_notebook_endpoint_and_version_change(client_for, learner, lab_demo):
    exercise = lab_demo["foi-on-time"]
    url = reverse("jupyterlite:exercise_notebook", args=[exercise.slug])
    notebook = client_for(learner).get(url).json()
    assert notebook["nbformat"] == 4 and notebook["metadata"]["academy"]["exercise"] == "foi-on-time"
    before = notebook["metadata"]["academy"]["version"]
    exercise.starter_code += "\n# %%\nprint('new cell')\n"
    exercise.save()
    assert client_for(learner).get(url).json()["metadata"]["academy"]["version"] != before


def test_computed_answers_are_sensible(lab_demo):
    values = {q.key: expected_answer(question=q) for e in lab_demo.values() for q in e.questions.all()}
    assert 500 < values["potholes-count"] < 2500
    assert 0 < values["foi-within-deadline"] < 100


def test_lab_files_served_with_types_gzip_and_cache(client, db, lab_built):
    wasm = client.get("/lab/static/pyodide/pyodide.asm.wasm", HTTP_ACCEPT_ENCODING="gzip")
    assert wasm["Content-Type"] == "application/wasm" and wasm["Content-Encoding"] == "gzip"
    assert "immutable" in wasm["Cache-Control"]
    mjs = client.get("/lab/static/pyodide/pyodide.mjs")
    assert mjs["Content-Type"] == "text/javascript" and "Content-Encoding" not in mjs
    config = client.get("/lab/jupyter-lite.json")
    assert config["Cache-Control"] == "public, no-cache" and config["X-Frame-Options"] == "SAMEORIGIN"
    assert "wasm-unsafe-eval" in config["Content-Security-Policy"]
    settings = json.loads(b"".join(config.streaming_content))["jupyter-config-data"]["litePluginSettings"]
    assert next(iter(settings.values()))["disablePyPIFallback"] is True
    assert client.get("/lab/../config/settings/base.py").status_code == 404
    assert client.get("/lab/notebooks").status_code == 302
    assert (
        client.get("/lab/notebooks/", HTTP_IF_NONE_MATCH=client.get("/lab/notebooks/")["ETag"]).status_code
        == 304
    )


def test_lab_files_prefer_brotli_and_stay_cacheable_for_signed_in_learners(client_for, learner, lab_built):
    """Signed-in pages are no-store, but the lab's files are the same for everyone: the browser keeps them."""
    client = client_for(learner)
    wasm = client.get("/lab/static/pyodide/pyodide.asm.wasm", HTTP_ACCEPT_ENCODING="gzip, deflate, br, zstd")
    assert wasm["Content-Encoding"] == "br" and wasm["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "no-store" not in wasm["Cache-Control"] and "Cookie" not in wasm.get("Vary", "")
    body = b"".join(wasm.streaming_content)
    assert body == (lab_built / "static/pyodide/pyodide.asm.wasm.br").read_bytes()
    gzipped = client.get("/lab/static/pyodide/pyodide.asm.wasm", HTTP_ACCEPT_ENCODING="gzip;q=1, br;q=0")
    assert gzipped["Content-Encoding"] == "gzip" and gzipped["ETag"] != wasm["ETag"]
    plain = client.get("/lab/static/pyodide/pyodide.asm.wasm", HTTP_ACCEPT_ENCODING="identity")
    assert "Content-Encoding" not in plain and int(plain["Content-Length"]) > 5_000_000
    page = client.get("/lab/notebooks/index.html")
    assert page["Cache-Control"] == "public, no-cache"
    assert client.get("/lab/notebooks/index.html", HTTP_IF_NONE_MATCH=page["ETag"]).status_code == 304
    assert "no-store" in client.get("/my-learning/")["Cache-Control"]


def test_other_pages_keep_strict_csp(client_for, learner, lab_demo):
    response = client_for(learner).get(reverse("jupyterlite:dataset_index"))
    assert "wasm-unsafe-eval" not in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    "bad", [b"not json", b'{"nbformat": 3, "cells": []}', b'{"nbformat": 4, "cells": [{}]}']
)
def test_bad_notebook_upload_rejected(bad):
    from jupyterlite.notebooks import parse_notebook

    with pytest.raises(ValueError):
        parse_notebook(bad)


def test_cells_from_admin_text():
    from jupyterlite.notebooks import cells_from_text

    cells = cells_from_text("# %% [markdown]\n# # Title\n# %%\nx = 1\n# %%\nprint(x)")
    assert [c["cell_type"] for c in cells] == ["markdown", "code", "code"]
    assert cells[0]["source"] == "# Title" and cells[2]["source"] == "print(x)"
    assert Template("{{ a }}").render(Context({"a": 1})) == "1"


@pytest.mark.parametrize(
    "path", ["/lab/index.html%00.txt", "/lab/%00", "/lab/notebooks%00/index.html", "/lab/static/%00pyodide/"]
)
def test_a_nul_byte_in_a_lab_path_is_not_found_not_a_server_error(client, db, path):
    assert client.get(path).status_code == 404
