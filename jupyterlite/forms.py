from django import forms
from django.core.validators import validate_slug

from .services import MAX_UPLOAD_BYTES


class DatasetUploadForm(forms.Form):
    """An admin's own CSV, with the catalogue details learners see."""

    title = forms.CharField(max_length=200)
    slug = forms.CharField(
        max_length=80,
        validators=[validate_slug],
        label="Short name",
        help_text="Used in code: load_dataset('short-name'). Letters, numbers and dashes.",
    )
    description = forms.CharField(
        widget=forms.Textarea, help_text="What the data is and where it comes from."
    )
    owner = forms.CharField(max_length=200, help_text="Team responsible for the data.")
    licence = forms.CharField(max_length=200, initial="Open Government Licence v3.0")
    file = forms.FileField(
        label="CSV file",
        help_text=f"UTF-8 CSV with a header row, up to {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.",
    )
    column_types = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="Optional, one per line: 'column: type' (text, integer, decimal, date, month, category). Other columns' types are worked out.",
    )
    known_issues = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="Known quality problems, one per line.",
    )


class AnswerForm(forms.Form):
    """An exercise answer sent from the plain HTML form (for browsers without JavaScript)."""

    question = forms.IntegerField(min_value=1)
    value = forms.CharField()
    next = forms.CharField(required=False)
