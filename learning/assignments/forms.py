"""Forms for required learning: the compliance view's filter."""

from django import forms

from .models import Assignment


class ComplianceFilterForm(forms.Form):
    assignment = forms.ModelChoiceField(
        queryset=Assignment.objects.filter(active=True).order_by("title"),
        required=False,
        empty_label="All required learning",
        label="Learning",
        help_text="Counts are of people when one is chosen, and of assignments (person × learning) for all.",
    )
