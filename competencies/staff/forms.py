"""Admin forms for the staff list: the CSV upload and marking a leaver."""

from django import forms
from django.utils import timezone

from .importer import MAX_IMPORT_BYTES


class StaffImportForm(forms.Form):
    file = forms.FileField(
        label="Staff list (CSV)",
        help_text="Columns: Email, Name, Job title, Service area, Team, Line manager email, Role profile code, "
        "Start date. You will see what changes before anything is saved.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("Upload a .csv file (in Excel: Save as → CSV UTF-8).")
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                f"The file must be smaller than {MAX_IMPORT_BYTES // (1024 * 1024)} MB."
            )
        return upload


class LeaverForm(forms.Form):
    left_on = forms.DateField(
        label="Leaving date",
        help_text="Their account stops working now; their records are kept for the retention period from this "
        "date, then erased. For example 2026-03-31.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_left_on(self):
        value = self.cleaned_data["left_on"]
        if value > timezone.localdate() + timezone.timedelta(days=366):
            raise forms.ValidationError("Enter a leaving date within the next year.")
        return value
