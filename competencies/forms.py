"""Forms for the staff side (my profiles, self-assessment) and the admin screens (import, publish, matrix)."""

from django import forms

from .importers import MAX_IMPORT_BYTES
from .levels import Level
from .models import Priority, RoleProfile
from .transfer import FORMATS


class StaffProfileForm(forms.Form):
    """Choose the job profile closest to your job and any governance responsibilities you hold."""

    job_profile = forms.ModelChoiceField(
        queryset=RoleProfile.objects.published().jobs(),
        required=False,
        empty_label="Not chosen yet",
        label="Job profile",
        help_text="Choose the profile closest to your job. Ask HR if none fits.",
    )
    governance_profiles = forms.ModelMultipleChoiceField(
        queryset=RoleProfile.objects.published().governance(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Governance responsibilities you hold",
        help_text="Select all that apply. Each adds requirements on top of your job profile.",
    )


NOT_RATED = ""


class SelfAssessmentForm(forms.Form):
    """One set of level radios per required competency, built from the member's gap rows."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        choices = [(NOT_RATED, "Not rated yet"), *[(str(level.value), level.label) for level in Level]]
        for row in rows:
            self.fields[f"c{row.competency.pk}"] = forms.ChoiceField(
                label=f"{row.competency.code} {row.competency.name}",
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
                initial=str(row.self_assessed.value) if row.self_assessed else NOT_RATED,
            )

    def levels(self) -> dict[int, int | None]:
        return {
            row.competency.pk: int(value)
            if (value := self.cleaned_data.get(f"c{row.competency.pk}"))
            else None
            for row in self.rows
        }

    def bound_rows(self):
        return [(row, self[f"c{row.competency.pk}"]) for row in self.rows]


class PublishVersionForm(forms.Form):
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        label="What changed in this version",
        help_text="Staff see these notes in the framework's version history.",
    )


class ImportForm(forms.Form):
    """Upload a framework file; nothing is written unless every row is valid."""

    format = forms.ChoiceField(choices=list(FORMATS.items()), widget=forms.RadioSelect, initial="csv")
    file = forms.FileField(
        label="Competencies file (or the DDaT long CSV)",
        help_text=f"A CSV file saved as UTF-8, at most {MAX_IMPORT_BYTES // 1024 // 1024} MB.",
    )
    roles_file = forms.FileField(
        required=False,
        label="Role requirements file",
        help_text="Only for the Data Academy CSV format. Leave empty to import competencies only.",
    )


def matrix_choices():
    return [("", "Not required"), *[(str(level.value), level.label) for level in Level]]


PRIORITY_CHOICES = list(Priority.choices)


class RoleMatrixForm(forms.Form):
    """A required level (or none) and a priority for each competency, on a role profile's matrix screen."""

    def __init__(self, data, *, competencies):
        super().__init__(data)
        self.competencies = list(competencies)
        levels = [(str(level.value), level.label) for level in Level]
        for c in self.competencies:
            self.fields[f"level-{c.pk}"] = forms.TypedChoiceField(
                choices=levels, coerce=int, required=False, empty_value=None
            )
            self.fields[f"priority-{c.pk}"] = forms.ChoiceField(choices=Priority.choices, required=False)

    def requirements(self) -> tuple[dict[int, tuple[int, str]], list[str]]:
        """({competency id: (level, priority)} for the competencies given a level, [error per competency])."""
        self.is_valid()
        wanted, errors = {}, []
        for c in self.competencies:
            level_field, priority_field = f"level-{c.pk}", f"priority-{c.pk}"
            if not self.data.get(level_field, ""):
                continue
            if level_field in self.errors:
                errors.append(f"{c.code}: choose a level from the list.")
            elif priority_field in self.errors:
                errors.append(f"{c.code}: choose essential or desirable.")
            else:
                priority = self.cleaned_data[priority_field] or Priority.ESSENTIAL
                wanted[c.pk] = (self.cleaned_data[level_field], priority)
        return wanted, errors
