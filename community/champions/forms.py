"""Forms for champions and events. They check shape; the services enforce the rules."""

from django import forms

from competencies.levels import Level
from competencies.models import Competency

from ..models import Category
from .selectors import SORT_LABELS

LEVEL_CHOICES = [("", "Not one I help with"), *[(str(v), label) for v, label in Level.choices]]


class SkillsMixin:
    """One level select per competency: 'competency_<pk>'. Gives [(competency, level)] chosen."""

    def add_skill_fields(self, initial: dict[int, int] | None = None):
        self.competencies = list(
            Competency.objects.select_related("area").order_by("area__sort_order", "code")
        )
        initial = initial or {}
        for competency in self.competencies:
            self.fields[f"competency_{competency.pk}"] = forms.TypedChoiceField(
                label=f"{competency.code} {competency.name}",
                choices=LEVEL_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                initial=str(initial.get(competency.pk, "")),
            )

    def skill_fields(self):
        return [self[f"competency_{c.pk}"] for c in self.competencies]

    def chosen_skills(self) -> list[tuple]:
        return [
            (c, self.cleaned_data[f"competency_{c.pk}"])
            for c in self.competencies
            if self.cleaned_data.get(f"competency_{c.pk}")
        ]


class ApplicationForm(SkillsMixin, forms.Form):
    why = forms.CharField(
        label="Why do you want to be a data champion?",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What you would like to help colleagues with, and any experience you have.",
        min_length=20,
        max_length=5000,
        error_messages={
            "required": "Tell us why you want to be a data champion",
            "min_length": "Tell us why you want to be a champion in at least 20 characters",
            "max_length": "Your answer must be 5,000 characters or fewer",
        },
    )
    manager_name = forms.CharField(
        label="Your line manager's name",
        max_length=150,
        help_text="We may check with them that you have time for the role.",
        error_messages={"required": "Enter your line manager's name"},
    )
    service_area = forms.CharField(
        label="Your service area or directorate",
        max_length=150,
        required=False,
        help_text="Shown on your profile if you are approved, e.g. 'Adult Social Care'.",
    )
    categories = forms.ModelMultipleChoiceField(
        label="Forum categories you would like to lead",
        queryset=Category.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Champions moderate the categories they lead.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_skill_fields()

    def clean(self):
        data = super().clean()
        if not self.chosen_skills():
            raise forms.ValidationError("Choose at least one competency you can help with, and the level")
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("approve", "Approve"), ("decline", "Decline")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select approve or decline"},
    )
    reason = forms.CharField(
        label="Reason",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The applicant is told this, and it is kept in the record.",
        error_messages={"required": "Enter a reason: the applicant is told it"},
    )


class StepDownForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the record. Required when you end someone else's role; they are told it.",
    )


class ProfileForm(SkillsMixin, forms.Form):
    job_title = forms.CharField(label="Job title", max_length=150, required=False)
    service_area = forms.CharField(label="Service area or directorate", max_length=150, required=False)
    bio = forms.CharField(
        label="About you",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="How you can help. Markdown works: **bold**, lists and links.",
    )
    office_hours = forms.CharField(
        label="Availability or office hours",
        max_length=300,
        required=False,
        help_text="For example 'Tuesdays 2pm to 4pm on Teams'.",
    )
    networks = forms.CharField(
        label="Networks or groups you lead", max_length=300, required=False, help_text="Outside the forums."
    )
    contact_forum = forms.BooleanField(label="Show a link to message me in the forum", required=False)
    show_email = forms.BooleanField(label="Show my work email address", required=False)
    teams_url = forms.URLField(
        label="Teams link",
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text="Only shown if you tick the box below.",
        error_messages={"invalid": "Enter a full web address, starting https://"},
    )
    show_teams = forms.BooleanField(label="Show my Teams link", required=False)

    def __init__(self, *args, skills: dict[int, int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_skill_fields(initial=skills)

    def clean(self):
        data = super().clean()
        if not self.chosen_skills():
            raise forms.ValidationError("Choose at least one competency you help with, and the level")
        return data


class DirectoryForm(forms.Form):
    q = forms.CharField(label="Search by name or keyword", max_length=100, required=False)
    service_area = forms.ChoiceField(label="Service area", required=False)
    competency = forms.ModelChoiceField(
        label="Competency",
        queryset=Competency.objects.order_by("code"),
        required=False,
        to_field_name="code",
        empty_label="Any competency",
    )
    level = forms.TypedChoiceField(
        label="At least at level",
        choices=[("", "Any level"), *[(str(v), label) for v, label in Level.choices]],
        coerce=int,
        empty_value=None,
        required=False,
    )
    sort = forms.ChoiceField(label="Sort by", choices=list(SORT_LABELS.items()), required=False)

    def __init__(self, *args, areas: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_area"].choices = [("", "Any service area"), *[(a, a) for a in areas]]


class CoverageForm(forms.Form):
    level = forms.TypedChoiceField(
        label="Level needed",
        choices=[(str(v), label) for v, label in Level.choices],
        coerce=int,
        initial=str(Level.ANALYSE),
        required=False,
        empty_value=Level.ANALYSE,
    )
