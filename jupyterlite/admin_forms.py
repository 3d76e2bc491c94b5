"""Admin forms: a dataset's facts and columns, a new dataset version, and exercises with answer recipes."""

import json

from django import forms
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from wagtail.admin.forms import WagtailAdminModelForm

from . import recipes
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


# --- Answer recipes -----------------------------------------------------------------------------

RECIPE_FILTER_ROWS = 4


def _condition_from(data, prefix: str) -> dict | None:
    column = data.get(f"{prefix}-column", "").strip()
    op = data.get(f"{prefix}-op", "").strip()
    if not column and not op:
        return None
    value = data.get(f"{prefix}-value", "")
    return {
        "column": column,
        "op": op,
        "value": value.strip(),
        "values": [line.strip() for line in value.splitlines() if line.strip()],
        "low": data.get(f"{prefix}-low", "").strip(),
        "high": data.get(f"{prefix}-high", "").strip(),
    }


def recipe_from_data(data, name: str) -> dict:
    """The recipe the widget called ``name`` posted, as its JSON form (``{}`` when nothing was chosen)."""
    dataset = data.get(f"{name}-dataset", "").strip()
    measure = data.get(f"{name}-measure", "").strip()
    if not dataset and not measure:
        return {}
    filters = [
        condition
        for index in range(RECIPE_FILTER_ROWS)
        if (condition := _condition_from(data, f"{name}-filter-{index}")) is not None
    ]
    return {
        "dataset": dataset,
        "version": data.get(f"{name}-version", "").strip() or None,
        "filters": filters,
        "dedupe": data.get(f"{name}-dedupe", "").strip(),
        "measure": measure,
        "column": data.get(f"{name}-column", "").strip(),
        "match": _condition_from(data, f"{name}-match") if measure == "percent" else None,
        "group_by": data.get(f"{name}-group_by", "").strip(),
        "pick": data.get(f"{name}-pick", "").strip(),
        "group": data.get(f"{name}-group", "").strip(),
        "decimals": data.get(f"{name}-decimals", "").strip() or None,
    }


def recipe_check(data: dict) -> dict:
    """What the form shows before saving: the answer and the SQL-like summary, or what is wrong."""
    from .services import recipe_answer

    if not data:
        return {"ok": False, "errors": ["Choose a dataset and a measure to build a recipe."]}
    try:
        recipe, answer, version = recipe_answer(data)
    except recipes.RecipeError as error:
        return {"ok": False, "errors": error.errors}
    return {
        "ok": True,
        "answer": answer,
        "summary": recipes.summary(recipe),
        "version": version.number,
        "rows": version.row_count,
        "kind": "text" if recipe.gives_text else "number",
    }


def _condition_context(condition: dict | None, prefix: str) -> dict:
    condition = condition or {}
    value = condition.get("value", "")
    if condition.get("op") == "in":
        value = "\n".join(condition.get("values") or [])
    return {
        "prefix": prefix,
        "column": condition.get("column", ""),
        "op": condition.get("op", ""),
        "value": value,
        "low": condition.get("low", ""),
        "high": condition.get("high", ""),
    }


class RecipeWidget(forms.Widget):
    """The recipe builder: dataset and version, filters, repeats, measure, groups, rounding; and a
    "Work out the answer" button that shows the answer and the SQL-like summary before saving."""

    template_name = "jupyterlite/admin/recipe_widget.html"

    class Media:
        js = ["jupyterlite/recipe_widget.js"]

    def format_value(self, value):
        if isinstance(value, str):
            try:
                value = json.loads(value) if value else {}
            except ValueError:
                value = {}
        return value if isinstance(value, dict) else {}

    def get_context(self, name, value, attrs):
        from .models import Dataset

        context = super().get_context(name, value, attrs)
        recipe = self.format_value(value)
        filters = list(recipe.get("filters") or [])
        datasets = list(Dataset.objects.only("slug", "title", "version", "columns"))
        chosen = next((d for d in datasets if d.slug == recipe.get("dataset")), None)
        context.update(
            name=name,
            recipe=recipe,
            datasets=datasets,
            chosen=chosen,
            filters=[
                _condition_context(filters[i] if i < len(filters) else None, f"{name}-filter-{i}")
                for i in range(max(RECIPE_FILTER_ROWS, len(filters)))
            ][:RECIPE_FILTER_ROWS],
            match=_condition_context(recipe.get("match"), f"{name}-match"),
            ops=recipes.OPS,
            measures=recipes.MEASURES,
            dedupes=recipes.DEDUPE,
            picks=recipes.PICKS,
            check=recipe_check(recipe) if recipe else None,
            check_url=reverse("jupyterlite_recipe_check"),
        )
        return context

    def render(self, name, value, attrs=None, renderer=None):
        return mark_safe(render_to_string(self.template_name, self.get_context(name, value, attrs)))

    def value_from_datadict(self, data, files, name):
        return json.dumps(recipe_from_data(data, name))

    def value_omitted_from_data(self, data, files, name):
        return f"{name}-dataset" not in data


class ExerciseAdminForm(WagtailAdminModelForm):
    """The exercise form: fixes which version of each dataset the exercise uses when it is saved.

    A question's recipe names its dataset version; a dataset with no recipe keeps the version it was
    pinned to (or gets the current one). Two recipes may not use different versions of one dataset.
    """

    def _recipes(self) -> list[dict]:
        formset = self.formsets.get("questions")
        found = []
        for form in getattr(formset, "forms", []):
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE") or not data.get("recipe"):
                continue
            found.append(getattr(form.instance, "recipe", None) or data["recipe"])
        return found

    def is_valid(self):
        valid = super().is_valid()
        if not valid:
            return False
        versions: dict[str, set] = {}
        for recipe in self._recipes():
            versions.setdefault(recipe.get("dataset"), set()).add(recipe.get("version"))
        clashes = sorted(slug for slug, numbers in versions.items() if len(numbers) > 1)
        if clashes:
            self.add_error(
                None,
                "Every question must use the same version of a dataset; these are used at more than one "
                f"version: {', '.join(clashes)}. Choose one version in each recipe.",
            )
            return False
        return True

    def save(self, commit=True):
        from .models import Dataset

        pins = {r["dataset"]: int(r["version"]) for r in self._recipes() if r.get("version")}
        chosen = list(self.cleaned_data.get("datasets") or [])
        missing = set(pins) - {d.slug for d in chosen}
        if missing:
            chosen += list(Dataset.objects.filter(slug__in=missing))
            self.cleaned_data["datasets"] = chosen
        old = self.instance.dataset_versions or {}
        for dataset in chosen:
            pins.setdefault(dataset.slug, int(old.get(dataset.slug) or dataset.version))
        self.instance.dataset_versions = pins
        return super().save(commit=commit)


class DatasetVersionForm(forms.Form):
    """A new file for a dataset: it becomes the current version; the old ones are kept."""

    file = forms.FileField(
        label="New CSV file",
        help_text="UTF-8 CSV, at most 5 MB, with a header row. Columns keep their meanings.",
    )
    note = forms.CharField(
        label="What changed",
        max_length=300,
        required=False,
        help_text="For the version list, e.g. 'March 2026 figures added'.",
    )
