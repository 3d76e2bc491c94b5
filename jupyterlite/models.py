"""Datasets, exercises, their checked questions and every attempt a learner makes."""

import hashlib
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from . import computations

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

    @property
    def known_issue_list(self) -> list[str]:
        return [line.strip() for line in self.known_issues.splitlines() if line.strip()]

    @property
    def size_bytes(self) -> int:
        return len(self.csv_text.encode())


class Exercise(ClusterableModel):
    """A Python exercise run in the browser lab: instructions, starter notebook, checked questions."""

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
        default=False, help_text="Learners can only open and answer published exercises."
    )
    updated_at = models.DateTimeField(auto_now=True)

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
        FieldPanel("is_published"),
    ]

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

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
        """Short hash of what the learner starts from: it changes when the starter notebook changes."""
        from .notebooks import starter_notebook

        payload = json.dumps(starter_notebook(self, versioned=False), sort_keys=True).encode()
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
        max_length=200, blank=True, help_text="The right answer. Leave blank to use a computation."
    )
    computation = models.CharField(
        max_length=80,
        blank=True,
        choices=computations.choices,
        help_text="Work the right answer out from the dataset on the server instead of entering it.",
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
        if bool(self.expected_value) == bool(self.computation):
            raise ValidationError("Enter an expected value or choose a computation (one, not both).")
        if self.answer_type == self.NUMBER and self.expected_value:
            try:
                float(self.expected_value)
            except ValueError as error:
                raise ValidationError({"expected_value": "Enter a number, e.g. 12 or 3.5."}) from error
        from .answers import known_wrong_errors

        errors = known_wrong_errors(self)
        if errors:
            raise ValidationError({"known_wrong_answers": errors})


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
