"""Lesson content: the shared content blocks plus question blocks that the server grades.

Each question block turns its value into a *snapshot* (a plain dict holding the correct answer) used for
grading and stored with every attempt, and a *public view* (no correct answers) used to draw the form.
"""

import random
import re

from django.core.exceptions import ValidationError
from django.utils.crypto import salted_hmac
from django.utils.html import strip_tags
from wagtail import blocks

from home.blocks import ContentStreamBlock
from jupyterlite.blocks import ExerciseBlock

PROMPT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class OptionBlock(blocks.StructBlock):
    """One answer option, whether it is right, and what to tell a learner who picks it."""

    text = blocks.CharBlock(max_length=300, help_text="The option as the learner sees it.")
    correct = blocks.BooleanBlock(required=False, help_text="Tick if choosing this option is right.")
    feedback = blocks.CharBlock(
        required=False,
        max_length=500,
        help_text="Optional: shown after answering to a learner who chose this option, e.g. why it is wrong.",
    )

    class Meta:
        icon = "list-ul"


class OrderingItemBlock(blocks.StructBlock):
    """One item to put in order; the items are listed here in the correct order."""

    text = blocks.CharBlock(max_length=300, help_text="The item as the learner sees it.")

    class Meta:
        icon = "order"


class BaseQuestionBlock(blocks.StructBlock):
    """Fields every question has: the prompt, an optional hint and explanation, and an attempts limit."""

    prompt = blocks.RichTextBlock(features=PROMPT_FEATURES, help_text="The question, in plain English.")
    hint = blocks.CharBlock(
        required=False,
        max_length=500,
        help_text="Optional: a nudge the learner can open before answering. Do not give the answer away.",
    )
    explanation = blocks.RichTextBlock(
        features=PROMPT_FEATURES,
        required=False,
        help_text="Shown once the learner has answered correctly or used all their attempts: why the answer is right.",
    )
    max_attempts = blocks.IntegerBlock(
        default=2, min_value=1, max_value=10, help_text="How many times a learner may answer (1 to 10)."
    )

    kind = ""
    kind_label = ""

    class Meta:
        group = "Questions"
        icon = "help"
        template = "learning/blocks/question_preview.html"
        preview_template = "learning/blocks/question_block_preview.html"

    def snapshot(self, value, *, block_id: str) -> dict:
        """Everything needed to grade and explain this question later, correct answers included."""
        return {
            "id": str(block_id),
            "kind": self.kind,
            "prompt": value["prompt"].source,
            "hint": value.get("hint", ""),
            "explanation": value["explanation"].source if value.get("explanation") else "",
            "max_attempts": int(value.get("max_attempts") or 1),
        }

    def public_view(self, value, *, block_id: str, seed: str = "") -> dict:
        """What the learner's browser may see before answering: no correct flags, no option feedback."""
        return {
            "id": str(block_id),
            "kind": self.kind,
            "kind_label": self.kind_label,
            "prompt": value["prompt"],
            "hint": value.get("hint", ""),
            "max_attempts": int(value.get("max_attempts") or 1),
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["question"] = self.public_view(value, block_id="preview")
        return context


def _options(value) -> list[dict]:
    """The options with their stable ids (ListBlock item ids survive edits and reloads)."""
    return [
        {
            "id": str(bound.id),
            "text": bound.value["text"],
            "correct": bool(bound.value.get("correct")),
            "feedback": bound.value.get("feedback", ""),
        }
        for bound in value["options"].bound_blocks
    ]


class ChoiceQuestionBlock(BaseQuestionBlock):
    """Common ground of single- and multiple-choice questions."""

    options = blocks.ListBlock(
        OptionBlock(), min_num=2, max_num=10, help_text="Between 2 and 10 options, in the order shown."
    )

    def snapshot(self, value, *, block_id):
        return {**super().snapshot(value, block_id=block_id), "options": _options(value)}

    def public_view(self, value, *, block_id, seed=""):
        options = [{"id": o["id"], "text": o["text"]} for o in _options(value)]
        return {**super().public_view(value, block_id=block_id), "options": options}


class SingleChoiceQuestionBlock(ChoiceQuestionBlock):
    """A question with exactly one right option, answered with radio buttons."""

    kind = "single"
    kind_label = "Choose one answer"

    class Meta:
        label = "Single-choice question"
        description = "One right answer from a list"
        preview_value = {
            "prompt": "<p>Which of these is a characteristic of good quality data?</p>",
            "hint": "Think about whether the data arrived when it was needed.",
            "max_attempts": 2,
            "options": [
                {"text": "Timely", "correct": True, "feedback": "Yes: data must be available when needed."},
                {"text": "Expensive", "correct": False, "feedback": "Cost says nothing about quality."},
            ],
        }

    def clean(self, value):
        value = super().clean(value)
        if sum(1 for o in value["options"] if o.get("correct")) != 1:
            raise blocks.StructBlockValidationError(
                block_errors={"options": ValidationError("Tick exactly one option as correct.")}
            )
        return value


class MultipleChoiceQuestionBlock(ChoiceQuestionBlock):
    """A question where several options may be right, answered with checkboxes."""

    scoring = blocks.ChoiceBlock(
        choices=[
            ("all", "All or nothing: full marks only for exactly the right options"),
            ("partial", "Partial credit: a share for each right option, minus one for each wrong one"),
        ],
        default="all",
        help_text="How a partly right answer is scored.",
    )
    kind = "multiple"
    kind_label = "Select all that apply"

    class Meta:
        label = "Multiple-choice question"
        description = "Several right answers from a list"
        preview_value = {
            "prompt": "<p>Which of these laws apply to the personal data the council holds?</p>",
            "max_attempts": 2,
            "scoring": "partial",
            "options": [
                {"text": "UK GDPR", "correct": True},
                {"text": "Data Protection Act 2018", "correct": True},
                {"text": "Highway Code", "correct": False},
            ],
        }

    def clean(self, value):
        value = super().clean(value)
        if not any(o.get("correct") for o in value["options"]):
            raise blocks.StructBlockValidationError(
                block_errors={"options": ValidationError("Tick at least one option as correct.")}
            )
        return value

    def snapshot(self, value, *, block_id):
        return {**super().snapshot(value, block_id=block_id), "scoring": value.get("scoring") or "all"}


class NumericQuestionBlock(BaseQuestionBlock):
    """A question answered with a number, right within a tolerance, optionally with a unit."""

    answer = blocks.DecimalBlock(help_text="The right answer, e.g. 12.5.")
    tolerance = blocks.DecimalBlock(
        default=0, min_value=0, help_text="How far from the answer still counts as right (0 for exact)."
    )
    unit = blocks.CharBlock(
        required=False, max_length=20, help_text="Optional unit shown after the box, e.g. % or days."
    )
    kind = "numeric"
    kind_label = "Enter a number"

    class Meta:
        label = "Numeric question"
        description = "A number, right within a tolerance"
        preview_value = {
            "prompt": "<p>Out of 200 records, 30 have no postcode. What percentage is complete?</p>",
            "answer": "85",
            "tolerance": "0.5",
            "unit": "%",
            "max_attempts": 2,
        }

    def snapshot(self, value, *, block_id):
        return {
            **super().snapshot(value, block_id=block_id),
            "answer": str(value["answer"]),
            "tolerance": str(value.get("tolerance") or 0),
            "unit": value.get("unit", ""),
        }

    def public_view(self, value, *, block_id, seed=""):
        return {**super().public_view(value, block_id=block_id), "unit": value.get("unit", "")}


class ShortTextQuestionBlock(BaseQuestionBlock):
    """A question answered with a word or phrase, matched exactly (after tidying) or by a pattern."""

    accepted_answers = blocks.ListBlock(
        blocks.CharBlock(max_length=200),
        min_num=0,
        help_text=(
            "Every answer that counts as right, one per box: add the alternatives learners may fairly give "
            "(e.g. Consistency, Consistent). Capitals, spaces, punctuation and simple plurals are ignored."
        ),
    )
    pattern = blocks.CharBlock(
        required=False,
        max_length=300,
        help_text="Optional, for experts: a regular expression the whole answer must match, e.g. GDPR|General Data Protection Regulation.",
    )
    case_sensitive = blocks.BooleanBlock(required=False, help_text="Tick if capital letters matter.")
    kind = "text"
    kind_label = "Type your answer"

    class Meta:
        label = "Short-text question"
        description = "A word or phrase"
        preview_value = {
            "prompt": "<p>What does the abbreviation FOI stand for?</p>",
            "accepted_answers": ["Freedom of Information"],
            "max_attempts": 2,
        }

    def clean(self, value):
        value = super().clean(value)
        pattern = value.get("pattern")
        if pattern:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise blocks.StructBlockValidationError(
                    block_errors={"pattern": ValidationError(f"This pattern is not valid: {exc}.")}
                ) from exc
        if not pattern and not [a for a in value["accepted_answers"] if a.strip()]:
            raise blocks.StructBlockValidationError(
                block_errors={"accepted_answers": ValidationError("Add at least one answer, or a pattern.")}
            )
        return value

    def snapshot(self, value, *, block_id):
        return {
            **super().snapshot(value, block_id=block_id),
            "accepted": [a for a in value["accepted_answers"] if a.strip()],
            "pattern": value.get("pattern", ""),
            "case_sensitive": bool(value.get("case_sensitive")),
        }


class OrderingQuestionBlock(BaseQuestionBlock):
    """A question where the learner puts items in order; authors list them in the right order."""

    items = blocks.ListBlock(
        OrderingItemBlock(),
        min_num=2,
        max_num=8,
        help_text="Between 2 and 8 items, listed here in the RIGHT order. Learners see them shuffled.",
    )
    kind = "ordering"
    kind_label = "Put these in order"

    class Meta:
        label = "Ordering question"
        description = "Put items in the right order"
        preview_value = {
            "prompt": "<p>Put these kinds of analytics in order, from simplest to most advanced.</p>",
            "max_attempts": 2,
            "items": [{"text": "Descriptive"}, {"text": "Diagnostic"}, {"text": "Predictive"}],
        }

    @staticmethod
    def item_id(*, block_id, item_id) -> str:
        """The id an item has on the page and in answers: keyed with the secret, so it says nothing about the
        item's position (the items' own ids may be derived from it, as the demo curriculum's are)."""
        return salted_hmac("learning.ordering-item", f"{block_id}:{item_id}").hexdigest()[:20]

    def snapshot(self, value, *, block_id):
        options = [
            {
                "id": self.item_id(block_id=block_id, item_id=b.id),
                "text": b.value["text"],
                "correct": True,
                "feedback": "",
            }
            for b in value["items"].bound_blocks
        ]
        return {**super().snapshot(value, block_id=block_id), "options": options}

    def public_view(self, value, *, block_id, seed=""):
        items = [
            {"id": self.item_id(block_id=block_id, item_id=b.id), "text": b.value["text"]}
            for b in value["items"].bound_blocks
        ]
        shown = shuffled(items, seed=f"{seed}:{block_id}")
        positions = list(range(1, len(items) + 1))
        return {**super().public_view(value, block_id=block_id), "options": shown, "positions": positions}


def shuffled(items: list, *, seed: str) -> list:
    """A stable shuffle per learner and question that never shows the right order (it would give it away)."""
    shown = list(items)
    random.Random(seed).shuffle(shown)  # noqa: S311 - presentation order, not security
    if len(shown) > 1 and shown == items:
        shown = shown[1:] + shown[:1]
    return shown


QUESTION_BLOCK_TYPES = ("single_choice", "multiple_choice", "numeric", "short_text", "ordering")


class LessonStreamBlock(ContentStreamBlock):
    """A lesson's body: the shared content blocks plus graded questions (and exercises, added by the lab)."""

    single_choice = SingleChoiceQuestionBlock()
    multiple_choice = MultipleChoiceQuestionBlock()
    numeric = NumericQuestionBlock()
    short_text = ShortTextQuestionBlock()
    ordering = OrderingQuestionBlock()
    exercise = ExerciseBlock(group="Practice")

    class Meta:
        template = "blocks/stream_block.html"


def is_question(child) -> bool:
    """True for a stream child that is a graded question."""
    return isinstance(child.block, BaseQuestionBlock)


def prompt_text(snapshot: dict) -> str:
    """The prompt as plain text, for reports and CSV."""
    return " ".join(strip_tags(snapshot.get("prompt", "")).split())
