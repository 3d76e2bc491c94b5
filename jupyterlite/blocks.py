"""The exercise block: the lab embedded in a lesson, with a plain form for browsers without JavaScript."""

from django.urls import reverse
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from .notebooks import starter_notebook, warm_imports
from .selectors import question_states


def exercise_context(*, exercise, request, preview: bool = False) -> dict:
    """Everything the exercise template needs, for the signed-in learner in ``request``. In a preview
    the notebook is the draft's own, given inline (the lab loads it rather than the published one)."""
    user = request.user if request is not None else None
    questions = list(exercise.questions.all())
    # A preview shows the exercise as a learner starts it (and may not be saved yet): no attempts.
    states = question_states(user=user, exercise=exercise) if user is not None and not preview else {}
    rows = [{"question": q, **states.get(q.pk, {"attempts": 0, "correct": False})} for q in questions]
    for row in rows:
        row["unlocked"] = row["correct"] or row["attempts"] >= exercise.reveal_solution_after
    revealed = any(r["unlocked"] for r in rows)
    return {
        "exercise": exercise,
        "questions": rows,
        "datasets": [{"dataset": d, "version": exercise.pinned_version(d)} for d in exercise.datasets.all()],
        "preview": preview,
        "preview_notebook": starter_notebook(exercise) if preview else None,
        "preview_notebook_id": f"exercise-{exercise.slug}-preview-notebook",
        "passed": bool(rows) and all(r["correct"] for r in rows),
        "show_solution": revealed and bool(exercise.solution),
        "lab_url": reverse("jupyterlite:lab", args=["notebooks/index.html"])
        + f"?path={'preview-' if preview else ''}{exercise.notebook_path}",
        "notebook_url": reverse("jupyterlite:exercise_notebook", args=[exercise.slug]),
        "answer_url": reverse("jupyterlite:answer_form", args=[exercise.slug]),
        "version": exercise.content_version(),
        "notebook_api_url": reverse("jupyterlite:notebook_api", args=[exercise.slug]),
        "token_url": reverse("jupyterlite:answer_token"),
        "warm": " ".join(warm_imports(exercise)),
        "next_url": request.get_full_path() if request is not None else "",
    }


class ExerciseBlock(blocks.StructBlock):
    """A Python exercise from the exercise library, run in the browser and checked by the server."""

    exercise = SnippetChooserBlock("jupyterlite.Exercise", help_text="The exercise to embed.")
    heading = blocks.CharBlock(required=False, help_text="Optional heading; defaults to the exercise title.")

    class Meta:
        icon = "code"
        template = "jupyterlite/blocks/exercise_block.html"
        label = "Python exercise"
        description = "A notebook on sample data, with answers checked by the server"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        exercise = value.get("exercise")
        if exercise is not None:
            context.update(exercise_context(exercise=exercise, request=(parent_context or {}).get("request")))
        return context
