"""Forms for the team data-maturity self-assessment."""

from django import forms

from .models import MaturityTeam


class DateInput(forms.DateInput):
    input_type = "date"


class RoundForm(forms.Form):
    name = forms.CharField(
        max_length=160, help_text="For example, 'Spring 2026 data maturity assessment'.", label="Round name"
    )
    opens_on = forms.DateField(
        widget=DateInput, label="Opens on", help_text="The first day members can answer."
    )
    closes_on = forms.DateField(
        widget=DateInput, label="Closes on", help_text="The last day; teams see their results after it."
    )
    teams = forms.ModelMultipleChoiceField(
        queryset=MaturityTeam.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        label="Teams taking part",
        error_messages={"required": "Choose at least one team to take part."},
    )

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", "The closing date must be on or after the opening date.")
        return cleaned


class InviteForm(forms.Form):
    email = forms.EmailField(
        label="Work email address of the member to add",
        help_text="They must have signed in to the Data Academy at least once.",
        error_messages={
            "required": "Enter the member's work email address.",
            "invalid": "Enter a valid email address.",
        },
    )


class PathwayForm(forms.Form):
    courses = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        label="Courses to recommend",
        error_messages={"required": "Choose at least one course for the pathway."},
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=1000,
        label="Note to the team (optional)",
        help_text="Why these courses, in a sentence or two.",
    )

    def __init__(self, *args, courses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.course_objects = {str(c.pk): c for c in courses}
        self.fields["courses"].choices = [(str(c.pk), c.title) for c in courses]

    def chosen_courses(self) -> list:
        return [self.course_objects[pk] for pk in self.cleaned_data["courses"]]
