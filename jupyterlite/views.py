"""Views: the lab files, the dataset catalogue, the exercise page, and the answer endpoints."""

import json

from csp.constants import SELF
from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from home.permissions import can

from . import selectors, services
from .blocks import ExerciseBlock
from .forms import AnswerForm
from .hooks import exercise_passed
from .lab import serve
from .models import Dataset, Exercise, Question
from .notebooks import starter_notebook
from .selectors import exercise_ids_passed

# JupyterLab injects styles at run time; Pyodide compiles WebAssembly; Vega compiles chart expressions.
LAB_CSP = {
    "script-src": [SELF, "'wasm-unsafe-eval'", "'unsafe-eval'"],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "worker-src": [SELF, "blob:"],
    "connect-src": [SELF],
}


@require_GET
@xframe_options_sameorigin
@csp_replace(LAB_CSP)
def lab_file(request, path: str = ""):
    """Any file of the built lab (same-origin iframe allowed)."""
    return serve.serve(request, path)


@require_GET
@login_required
def dataset_index(request):
    datasets = Dataset.objects.defer("csv_text").order_by("title")
    page = Paginator(datasets, 20).get_page(request.GET.get("page"))
    return render(request, "jupyterlite/dataset_index.html", {"page_obj": page, "datasets": page.object_list})


@require_GET
@login_required
def dataset_detail(request, slug: str):
    dataset = get_object_or_404(Dataset.objects.defer("csv_text"), slug=slug)
    exercises = [
        {"exercise": exercise, "version": exercise.pinned_version(dataset)}
        for exercise in dataset.exercises.filter(live=True).only("title", "slug", "dataset_versions")
    ]
    versions = dataset.versions.only("number", "created_at", "row_count", "note")
    context = {"dataset": dataset, "exercises": exercises, "versions": versions}
    return render(request, "jupyterlite/dataset_detail.html", context)


def _dataset_file(slug: str, request, *fields):
    """The dataset, and the version ``?version=N`` asks for (the current one without it), or 404."""
    dataset = get_object_or_404(Dataset.objects.only("pk", "slug", "version", *fields), slug=slug)
    number = request.GET.get("version", "")
    if not number:
        return dataset, None
    if not number.isdigit():
        raise Http404("No such version")
    return dataset, get_object_or_404(
        dataset.versions.only("number", "csv_text", "columns"), number=int(number)
    )


@require_GET
def dataset_csv(request, slug: str):
    """The CSV itself. Signed-in staff only; also what load_dataset() fetches inside the lab."""
    if not can(request.user, "view_dataset"):
        return JsonResponse({"error": "Sign in to download datasets."}, status=403)
    dataset, version = _dataset_file(slug, request, "csv_text")
    text = (version or dataset).csv_text
    response = HttpResponse(text.encode(), content_type="text/csv; charset=utf-8")
    if "download" in request.GET:
        suffix = f"-v{version.number}" if version else ""
        response["Content-Disposition"] = f'attachment; filename="{dataset.slug}{suffix}.csv"'
    response["Cache-Control"] = "private, no-cache"
    return response


@require_GET
def dataset_columns(request, slug: str):
    """The catalogue's column names and types, which load_frame() applies inside the lab."""
    if not can(request.user, "view_dataset"):
        return JsonResponse({"error": "Sign in to download datasets."}, status=403)
    dataset, version = _dataset_file(slug, request, "columns")
    columns = [{"name": c["name"], "type": c.get("type", "text")} for c in (version or dataset).columns]
    response = JsonResponse({"dataset": dataset.slug, "columns": columns})
    response["Cache-Control"] = "private, no-cache"
    return response


def _visible_exercise(request, slug: str) -> Exercise:
    exercise = get_object_or_404(Exercise, slug=slug)
    if not can(request.user, "view_exercise", exercise):
        raise Http404("No such exercise")
    return exercise


@require_GET
@login_required
def exercise_page(request, slug: str):
    """The exercise on its own page (preview for authors; lessons embed the same block)."""
    exercise = _visible_exercise(request, slug)
    block = ExerciseBlock()
    bound = block.bind(block.to_python({"exercise": exercise.pk, "heading": "Your task"}))
    return render(request, "jupyterlite/exercise_page.html", {"exercise": exercise, "exercise_block": bound})


@require_GET
@login_required
def exercise_notebook(request, slug: str):
    """The starter notebook, as JSON (the lab seeds from it) or as a download."""
    exercise = _visible_exercise(request, slug)
    response = JsonResponse(starter_notebook(exercise), json_dumps_params={"indent": 1})
    if "download" in request.GET:
        response["Content-Disposition"] = f'attachment; filename="{exercise.slug}.ipynb"'
    return response


@require_GET
def answer_token(request):
    """A CSRF token for the kernel, which runs in a worker and cannot read cookies."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": "Sign in to Data Academy to have your answers checked."}, status=403)
    return JsonResponse({"token": get_token(request)})


def _verdict_json(verdict: services.Verdict, question: Question) -> dict:
    return {
        "question": question.key,
        "exercise": question.exercise.slug,
        "correct": verdict.correct,
        "counted": verdict.attempt is not None,
        "known_mistake": verdict.mistake,
        "message": verdict.message,
        "attempts": verdict.attempts,
        "solution_available": verdict.solution_available,
    }


def _after_verdict(user, verdict: services.Verdict, question: Question) -> None:
    """A correct answer that completes the exercise is announced, so learning can finish the lesson."""
    if verdict.correct and exercise_ids_passed(user=user, exercise_ids=[question.exercise_id]):
        exercise_passed(user=user, exercise_id=question.exercise_id)


@require_POST
def answer_api(request):
    """Mark an answer sent from the kernel: JSON {question, value} → verdict (never the expected value)."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": "Sign in to Data Academy to have your answers checked."}, status=403)
    try:
        payload = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError):
        return JsonResponse(
            {"error": 'The request body must be JSON: {"question": ..., "value": ...}.'}, status=400
        )
    if (
        not isinstance(payload, dict)
        or not isinstance(payload.get("question"), str)
        or "value" not in payload
    ):
        return JsonResponse({"error": "Send a question key (text) and a value."}, status=400)
    question = Question.objects.select_related("exercise").filter(key=payload["question"]).first()
    if question is None or not can(request.user, "answer_exercise", question.exercise):
        return JsonResponse(
            {"error": f"No question called '{payload['question'][:80]}' that you can answer."}, status=404
        )
    try:
        verdict = services.attempt_grade(user=request.user, question=question, value=payload["value"])
    except services.RateLimited:
        return JsonResponse(
            {"error": "Too many answers in the last minute. Wait a moment and try again."}, status=429
        )
    _after_verdict(request.user, verdict, question)
    return JsonResponse(_verdict_json(verdict, question), status=201 if verdict.attempt else 200)


@require_POST
@login_required
def answer_form(request, slug: str):
    """The same check from a plain HTML form, for browsers without JavaScript."""
    exercise = _visible_exercise(request, slug)
    if not can(request.user, "answer_exercise", exercise):
        raise PermissionDenied
    form = AnswerForm(request.POST)
    valid = form.is_valid()
    back = form.cleaned_data.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, require_https=request.is_secure()):
        back = exercise_url(exercise)
    question = exercise.questions.filter(pk=form.cleaned_data["question"]).first() if valid else None
    value = form.cleaned_data.get("value", "")
    if question is None or not value:
        messages.error(request, "Choose a question and enter your answer.")
        return redirect(back + f"#exercise-{exercise.slug}")
    try:
        verdict = services.attempt_grade(user=request.user, question=question, value=value)
    except services.RateLimited:
        messages.error(request, "Too many answers in the last minute. Wait a moment and try again.")
        return redirect(back + f"#exercise-{exercise.slug}")
    _after_verdict(request.user, verdict, question)
    level = messages.success if verdict.correct else messages.error
    level(request, f"{question.prompt} {verdict.message}")
    return redirect(back + f"#exercise-{exercise.slug}")


def exercise_url(exercise: Exercise) -> str:
    from django.urls import reverse

    return reverse("jupyterlite:exercise", args=[exercise.slug])


def _answerable_question(request, key: str) -> Question | None:
    question = Question.objects.select_related("exercise").filter(key=key).first()
    if question is None or not can(request.user, "answer_exercise", question.exercise):
        return None
    return question


def _no_question(key: str) -> JsonResponse:
    return JsonResponse({"error": f"No question called '{key[:80]}' that you can answer."}, status=404)


@require_GET
def question_hint(request, key: str):
    """The hints for one question, for hint("key") in the kernel (never the answer)."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": "Sign in to Data Academy to see hints."}, status=403)
    question = _answerable_question(request, key)
    if question is None:
        return _no_question(key)
    return JsonResponse({"question": question.key, "hints": selectors.hints_for(question=question)})


@require_GET
def question_solution(request, key: str):
    """The model solution for one question, only once this learner has unlocked it (403 until then)."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": "Sign in to Data Academy to see solutions."}, status=403)
    question = _answerable_question(request, key)
    if question is None:
        return _no_question(key)
    unlocked, attempts = services.solution_unlocked(user=request.user, question=question)
    text = question.solution or question.exercise.solution
    if not unlocked:
        needed = question.exercise.reveal_solution_after
        return JsonResponse(
            {
                "question": question.key,
                "error": f"The solution opens once you answer this question correctly or after {needed} "
                f"attempts; you have made {attempts}. Try hint('{question.key}') first.",
                "attempts": attempts,
            },
            status=403,
        )
    if not text:
        return JsonResponse(
            {"question": question.key, "error": "This question has no model solution."}, status=404
        )
    return JsonResponse({"question": question.key, "solution": text})


@require_http_methods(["GET", "POST"])
def notebook_api(request, slug: str):
    """The learner's own saved notebook for an exercise: GET it (null if none yet), POST to replace it."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": "Sign in to Data Academy to save your notebook."}, status=403)
    exercise = Exercise.objects.filter(slug=slug).first()
    if exercise is None or not can(request.user, "save_exercise_notebook", exercise):
        return JsonResponse({"error": f"No exercise called '{slug[:80]}' that you can open."}, status=404)
    if request.method == "GET":
        saved = selectors.saved_notebook(user=request.user, exercise=exercise)
        response = JsonResponse(_saved_json(saved) if saved else {"notebook": None, "revision": 0})
        response["Cache-Control"] = "private, no-store"
        return response
    try:
        saved = services.notebook_save(user=request.user, exercise=exercise, data=request.body)
    except services.NotebookRejected as error:
        status = 413 if len(request.body) > services.MAX_SAVED_NOTEBOOK_BYTES else 400
        return JsonResponse({"error": str(error)}, status=status)
    return JsonResponse({k: v for k, v in _saved_json(saved).items() if k != "notebook"})


def _saved_json(saved) -> dict:
    return {"notebook": saved.content, "revision": saved.revision, "saved_at": saved.saved_at.isoformat()}
