"""Datasets, exercises, their checked questions and every attempt a learner makes."""

import csv
import hashlib
import io
import json

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)

from . import computations, recipes

COLUMN_TYPES = ("text", "integer", "decimal", "date", "month", "category")


class Dataset(models.Model):
    """A CSV dataset in the catalogue, used by exercises and downloadable by learners."""

    SAMPLE, UPLOAD = "sample", "upload"

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=80, unique=True, help_text="Name used in code: load_dataset('this-name')."
    )
    description = models.TextField(help_text="What the data is and where it comes from, in plain English.")
    owner = models.CharField(max_length=200, help_text="Team responsible for the data.")
    licence = models.CharField(max_length=200, help_text="Licence the data may be reused under.")
    columns = models.JSONField(default=list, help_text="Each column's name, type and meaning.")
    known_issues = models.TextField(blank=True, help_text="Known quality problems, one per line.")
    csv_text = models.TextField(editable=False)
    row_count = models.PositiveIntegerField(default=0, editable=False)
    source = models.CharField(
        max_length=10, choices=[(SAMPLE, "Generated sample"), (UPLOAD, "Uploaded")], default=UPLOAD
    )
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="The current version: the file the catalogue offers. Each replacement adds one.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("owner"),
        FieldPanel("licence"),
        FieldPanel("known_issues"),
    ]

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        """Saved with its current file kept as a version (made the first time; versions never change)."""
        super().save(*args, **kwargs)
        if self.csv_text and not self.versions.filter(number=self.version).exists():
            self.versions.create(
                number=self.version,
                csv_text=self.csv_text,
                columns=self.columns,
                row_count=self.row_count,
                note=getattr(self, "version_note", ""),
            )

    @property
    def known_issue_list(self) -> list[str]:
        return [line.strip() for line in self.known_issues.splitlines() if line.strip()]

    @property
    def size_bytes(self) -> int:
        return len(self.csv_text.encode())


class DatasetVersion(models.Model):
    """One file a dataset has had. Never changed once made: exercises pin a version, so their right
    answers stay the same when the dataset is replaced, until the exercise is republished on a newer one."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    csv_text = models.TextField(editable=False)
    columns = models.JSONField(default=list, help_text="The columns' names and types in this file.")
    row_count = models.PositiveIntegerField(default=0)
    note = models.CharField(max_length=300, blank=True, help_text="What changed in this version.")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["dataset", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "number"], name="one_dataset_version_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.dataset.slug} version {self.number}"

    def rows(self) -> list[dict]:
        """The file's rows as dicts of strings, exactly as in the CSV."""
        return list(csv.DictReader(io.StringIO(self.csv_text)))


class Exercise(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin, ClusterableModel
):
    """A Python exercise run in the browser lab: instructions, starter notebook, checked questions.

    Drafts, revisions, locking and the Academy review workflow come from Wagtail. The row in the
    database is the published revision (Wagtail saves a live object's drafts as revisions only), so
    learners, grading and the "exercise changed" banner only ever see what was published.
    """

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True, help_text="Used in the notebook's file name.")
    instructions = RichTextField(help_text="What the learner should do. Shown with or without JavaScript.")
    datasets = ParentalManyToManyField(Dataset, blank=True, related_name="exercises")
    starter_code = models.TextField(
        blank=True,
        help_text="Starter notebook cells. Start a new cell with a line '# %%'; a cell starting "
        "'# %% [markdown]' is text. Ignored when a notebook file is uploaded.",
    )
    starter_notebook = models.FileField(
        upload_to="exercises/notebooks/",
        blank=True,
        help_text="Optional .ipynb file to use as the starter notebook instead of the cells above.",
    )
    hints = models.TextField(blank=True, help_text="Hints shown on request, one per paragraph.")
    solution = models.TextField(blank=True, help_text="Model solution (Python), shown once revealed.")
    reveal_solution_after = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(1)],
        help_text="Show the model solution after this many attempts at a question (or a correct answer).",
    )
    is_published = models.BooleanField(
        default=False,
        editable=False,
        help_text="Kept in step with live (published), for older readers. Learners see live exercises.",
    )
    dataset_versions = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="The version of each dataset the exercise uses, as {slug: number}. Fixed by the "
        "question recipes; a new dataset version is used once the exercise is republished on it.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="exercise")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="exercise",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("instructions"),
        FieldPanel("datasets"),
        MultiFieldPanel(
            [FieldPanel("starter_code"), FieldPanel("starter_notebook")], heading="Starter notebook"
        ),
        InlinePanel("questions", label="Checked question", min_num=1),
        FieldPanel("hints"),
        FieldPanel("solution"),
        FieldPanel("reveal_solution_after"),
    ]

    class Meta:
        ordering = ["title"]
        permissions = [
            ("publish_without_review_exercise", "Can publish an exercise without Academy review"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def revisions(self):
        return self._revisions

    def save(self, *args, **kwargs):
        self.is_published = self.live
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "live" in update_fields:
            kwargs["update_fields"] = {*update_fields, "is_published"}
        super().save(*args, **kwargs)

    def pinned_version(self, dataset: Dataset) -> int:
        """The version of ``dataset`` this exercise uses: its pin, else the dataset's current one."""
        return int((self.dataset_versions or {}).get(dataset.slug) or dataset.version)

    def get_preview_template(self, request, mode_name):
        return "jupyterlite/exercise_preview.html"

    def get_preview_context(self, request, mode_name):
        from .blocks import exercise_context

        context = super().get_preview_context(request, mode_name)
        context.update(exercise_context(exercise=self, request=request, preview=True))
        context["value"] = {"heading": ""}
        return context

    def clean(self):
        super().clean()
        if self.starter_notebook:
            from .notebooks import parse_notebook

            try:
                self.starter_notebook.seek(0)
                parse_notebook(self.starter_notebook.read())
            except ValueError as error:
                raise ValidationError({"starter_notebook": str(error)}) from error
            finally:
                self.starter_notebook.seek(0)

    @property
    def notebook_path(self) -> str:
        return f"{self.slug}.ipynb"

    @property
    def hint_list(self) -> list[str]:
        return [p.strip() for p in self.hints.split("\n\n") if p.strip()]

    def content_version(self) -> str:
        """Short hash of what the learner starts from: it changes when a published revision changes the
        starter notebook or the dataset versions (drafts never reach the database row it is read from)."""
        from .notebooks import starter_notebook

        notebook = starter_notebook(self, versioned=False)
        payload = json.dumps([notebook, self.dataset_versions or {}], sort_keys=True).encode()
        return hashlib.sha256(payload).hexdigest()[:12]


class Question(Orderable):
    """One checked question of an exercise; the expected value never leaves the server."""

    NUMBER, TEXT = "number", "text"

    exercise = ParentalKey(Exercise, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(
        max_length=80,
        unique=True,
        help_text="What learners pass to check(), e.g. check('potholes-median-days', answer). Unique.",
    )
    prompt = models.CharField(max_length=300, help_text="The question, as the learner sees it.")
    answer_type = models.CharField(
        max_length=10, choices=[(NUMBER, "Number"), (TEXT, "Text")], default=NUMBER
    )
    expected_value = models.CharField(
        max_length=200,
        blank=True,
        help_text="The right answer, typed in. Leave blank to work it out with a recipe or a computation.",
    )
    recipe = models.JSONField(
        default=dict,
        blank=True,
        help_text="Work the right answer out from a dataset on the server: filters, a measure, groups.",
    )
    computation = models.CharField(
        max_length=80,
        blank=True,
        choices=computations.choices,
        help_text="For what a recipe cannot say: a Python computation written by a developer.",
    )
    tolerance = models.DecimalField(
        max_digits=12,
        decimal_places=4,
        default=0,
        validators=[MinValueValidator(0)],
        help_text="For numbers: answers within this distance of the right one count as correct.",
    )
    hint = models.TextField(
        blank=True, help_text="A hint for this question, shown by hint('question-key') in the notebook."
    )
    solution = models.TextField(
        blank=True,
        help_text="Model solution for this question (Python), shown by solution('question-key') once the "
        "learner has answered it correctly or made enough attempts. Blank: the exercise's model solution.",
    )
    known_wrong_answers = models.JSONField(
        default=list,
        blank=True,
        help_text='Typical mistakes and what to tell the learner, as a JSON list: [{"value": 4233, '
        '"tolerance": 0, "message": "That count still includes the duplicated rows."}]. Never put the '
        "right answer in a message.",
    )

    panels = [
        FieldPanel("key"),
        FieldPanel("prompt"),
        FieldPanel("answer_type"),
        FieldPanel("expected_value"),
        FieldPanel("recipe"),
        FieldPanel("computation"),
        FieldPanel("tolerance"),
        FieldPanel("hint"),
        FieldPanel("solution"),
        FieldPanel("known_wrong_answers"),
    ]

    def __str__(self) -> str:
        return self.key

    def clean(self):
        super().clean()
        self.recipe = self.recipe or {}
        if sum(map(bool, (self.expected_value, self.recipe, self.computation))) != 1:
            raise ValidationError(
                "Give the right answer one way: type it in, build a recipe, or choose a computation."
            )
        answer = self._clean_recipe() if self.recipe else None
        if self.answer_type == self.NUMBER and self.expected_value:
            try:
                float(self.expected_value)
            except ValueError as error:
                raise ValidationError({"expected_value": "Enter a number, e.g. 12 or 3.5."}) from error
        from .answers import known_wrong_errors

        errors = known_wrong_errors(self)
        if not errors and answer is not None:
            from .answers import mark

            errors = [
                f"Mistake {number} is the right answer (within the tolerance); remove it."
                for number, entry in enumerate(self.known_wrong_answers or [], start=1)
                if mark(self, entry["value"], answer).correct
            ]
        if errors:
            raise ValidationError({"known_wrong_answers": errors})

    def _clean_recipe(self):
        """Check the recipe against its dataset version and that it gives an answer of the right kind
        (a blank version becomes the dataset's current one); return the answer it gives."""
        from .services import recipe_answer

        try:
            recipe, answer, version = recipe_answer(self.recipe)
        except recipes.RecipeError as error:
            raise ValidationError({"recipe": error.errors}) from error
        self.recipe = {**recipe.as_dict(), "version": version.number}
        if recipe.gives_text and self.answer_type != self.TEXT:
            raise ValidationError({"answer_type": "This recipe gives a group's name: choose Text."})
        if not isinstance(answer, str) and self.answer_type != self.NUMBER:
            raise ValidationError({"answer_type": "This recipe gives a number: choose Number."})
        return answer


class Attempt(models.Model):
    """One answer a learner submitted to a question, and the server's verdict."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lab_attempts")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="attempts")
    value = models.CharField(max_length=500)
    correct = models.BooleanField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "question", "correct"])]

    def __str__(self) -> str:
        return f"{self.question.key}: {'correct' if self.correct else 'incorrect'}"


class SavedNotebook(models.Model):
    """A learner's own notebook for one exercise, kept on the server so any browser can restore it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lab_notebooks")
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="saved_notebooks")
    content = models.JSONField(help_text="The notebook (nbformat 4) as last saved.")
    size_bytes = models.PositiveIntegerField()
    revision = models.PositiveIntegerField(default=1, help_text="Goes up by one with every save.")
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "exercise"], name="one_saved_notebook_per_exercise")
        ]

    def __str__(self) -> str:
        return f"{self.exercise.slug} (revision {self.revision})"
