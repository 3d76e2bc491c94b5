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


class RemoveMemberForm(forms.Form):
    """The "Remove" button beside a team member."""

    remove = forms.IntegerField(min_value=1)


class PublishVersionForm(forms.Form):
    """Notes for a new version of the maturity model (the service says if they are missing)."""

    notes = forms.CharField(required=False)


class QuestionnaireForm(forms.Form):
    """A level (0 is "Don't know") and an optional comment for each question of the round's version."""

    COMMENT_MAX = 2000

    def __init__(self, data, *, snapshot):
        super().__init__(data)
        self.codes = [q["code"] for theme in snapshot["themes"] for q in theme["questions"]]
        levels = [(str(n), str(n)) for n in range(len(snapshot["levels"]) + 1)]
        for code in self.codes:
            self.fields[f"q-{code}"] = forms.TypedChoiceField(
                choices=levels, coerce=int, required=False, empty_value=None
            )
            self.fields[f"c-{code}"] = forms.CharField(
                required=False, strip=False, max_length=self.COMMENT_MAX
            )

    def answers(self) -> tuple[dict[str, tuple[int | None, str]], list[str]]:
        """({code: (level or None, comment)}, [errors]); a refused level is dropped, a long comment cut."""
        self.is_valid()
        answers, errors = {}, []
        for code in self.codes:
            if f"q-{code}" in self.errors:
                errors.append(f"{code}: choose one of the levels or 'Don't know'.")
            if f"c-{code}" in self.errors:
                errors.append(f"{code}: keep the comment under 2,000 characters.")
            level = self.cleaned_data.get(f"q-{code}")
            comment = self.cleaned_data.get(f"c-{code}", self.data.get(f"c-{code}", "")[: self.COMMENT_MAX])
            answers[code] = (level, comment)
        return answers, errors
