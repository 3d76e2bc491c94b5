"""Forms for learning: the catalogue filters, the course and lesson buttons, certificate verification, and the
course pack upload."""

from django import forms

from competencies.levels import Level

from .coursepacks.files import MAX_PACK_BYTES
from .models.pages import DURATIONS, CatalogueFilters


class CatalogueFilterForm(forms.Form):
    """The catalogue's filters; labels carry result counts. A GET form, so it works without JavaScript."""

    level = forms.TypedMultipleChoiceField(
        choices=Level.choices, coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    competency = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    time = forms.MultipleChoiceField(
        choices=[(d.slug, d.label) for d in DURATIONS], required=False, widget=forms.CheckboxSelectMultiple
    )
    for_my_role = forms.BooleanField(required=False, label="Only courses for my role")

    def __init__(self, *args, competencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competency"].choices = [("", "Any competency")] + [(c.pk, str(c)) for c in competencies]

    def filters(self) -> CatalogueFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return CatalogueFilters(
            levels=data.get("level") or [],
            competency=data.get("competency"),
            durations=data.get("time") or [],
            for_my_role=bool(data.get("for_my_role")),
        )


class CourseActionForm(forms.Form):
    """The course page's buttons: start the course, or start it again."""

    action = forms.ChoiceField(choices=[("start", "Start"), ("retake", "Start again")])


class LessonActionForm(forms.Form):
    """A lesson's buttons: answer one of its questions (the answer itself is read by grading), or complete it."""

    action = forms.ChoiceField(choices=[("answer", "Check answer"), ("complete", "Complete lesson")])
    question = forms.CharField(required=False, strip=False)


class VerifyForm(forms.Form):
    code = forms.CharField(
        label="Verification code",
        max_length=20,
        help_text="The 12-character code on the certificate, for example 7KQ2-M9XD-4TRP.",
    )

    def clean_code(self):
        raw = "".join(ch for ch in self.cleaned_data["code"].upper() if ch.isalnum())
        if len(raw) != 12:
            raise forms.ValidationError(
                "Enter the 12 letters and numbers of the code, for example 7KQ2-M9XD-4TRP"
            )
        return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


class CoursePackImportForm(forms.Form):
    """Upload one course pack (.zip); nothing is written unless all of it can be imported."""

    pack = forms.FileField(
        label="Course pack (.zip)",
        help_text=f"A pack exported from a Data Academy, at most {MAX_PACK_BYTES // 1024 // 1024} MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip"}),
    )

    def clean_pack(self):
        pack = self.cleaned_data["pack"]
        if pack.size > MAX_PACK_BYTES:
            raise forms.ValidationError(f"The file is larger than {MAX_PACK_BYTES // 1024 // 1024} MB.")
        return pack
