"""The dataset edit form: the catalogue facts, and each column's meaning and type, checked against the data."""

from django import forms
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from wagtail.admin.forms import WagtailAdminModelForm

from .models import COLUMN_TYPES
from .services import UploadError, validate_csv

MEANING_MAX = 500


class ColumnsWidget(forms.Widget):
    """One fieldset per column: its name (from the file, fixed), a type and a plain-English meaning."""

    template_name = "jupyterlite/admin/columns_widget.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        columns = value if isinstance(value, list) else []
        context["columns"] = [
            {
                "index": index,
                "name": column.get("name", ""),
                "type": column.get("type", ""),
                "description": column.get("description", ""),
                "prefix": f"{name}-{index}",
            }
            for index, column in enumerate(columns)
        ]
        context["count_name"] = f"{name}-count"
        context["types"] = COLUMN_TYPES
        return context

    def render(self, name, value, attrs=None, renderer=None):
        # The project's templates/ folder, not the form renderer's app-only search path.
        return mark_safe(render_to_string(self.template_name, self.get_context(name, value, attrs)))

    def value_from_datadict(self, data, files, name):
        try:
            count = int(data.get(f"{name}-count", ""))
        except ValueError:
            return None
        return [
            {
                "name": data.get(f"{name}-{index}-name", ""),
                "type": data.get(f"{name}-{index}-type", ""),
                "description": data.get(f"{name}-{index}-description", "").strip(),
            }
            for index in range(max(0, min(count, 1000)))
        ]


class ColumnsField(forms.Field):
    widget = ColumnsWidget

    def prepare_value(self, value):
        return value

    def to_python(self, value):
        if value is None:
            raise forms.ValidationError(
                "The column descriptions were not sent. Reload the page and try again."
            )
        return value


class DatasetAdminForm(WagtailAdminModelForm):
    columns = ColumnsField(
        label="Columns",
        required=False,
        help_text="What each column means and what kind of value it holds. Names come from the file.",
    )

    def clean_columns(self):
        columns = self.cleaned_data["columns"]
        existing = [column["name"] for column in (self.instance.columns or [])]
        if [column["name"] for column in columns] != existing:
            raise forms.ValidationError(
                "The column names must match the file's header row. Reload the page and try again."
            )
        errors = []
        for column in columns:
            if column["type"] not in COLUMN_TYPES:
                errors.append(f"Choose a type for column '{column['name']}' from: {', '.join(COLUMN_TYPES)}.")
            if len(column["description"]) > MEANING_MAX:
                errors.append(f"The meaning of column '{column['name']}' is over {MEANING_MAX} characters.")
        if errors:
            raise forms.ValidationError(errors)
        if self.instance.csv_text:
            try:
                validate_csv(
                    self.instance.csv_text.encode(), declared={c["name"]: c["type"] for c in columns}
                )
            except UploadError as error:
                raise forms.ValidationError(error.errors) from error
        return [
            {**old, "type": new["type"], "description": new["description"]}
            for old, new in zip(self.instance.columns, columns, strict=True)
        ]
