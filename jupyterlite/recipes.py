"""Answer recipes: a question's right answer worked out from a dataset, described as data, not code.

A recipe is a small JSON object an Academy admin builds in a form (``admin_forms.RecipeWidget``)::

    {"dataset": "highways-defects", "version": 1,
     "filters": [{"column": "category", "op": "equals", "value": "Pothole"}],
     "dedupe": "", "measure": "median", "column": "days_to_repair",
     "match": null, "group_by": "", "pick": "", "group": "", "decimals": null}

Order of work: repeated rows are removed from the whole file first (``dedupe``), then the filters keep
the rows that pass every one, then the measure is taken (for each group, if ``group_by`` is set, and
``pick`` chooses the answer from the groups). Values stay the strings of the CSV; numeric measures read
a cell as a number after removing a pound sign and thousands separators, and leave out cells that are
not numbers ("14 days", blank). Pure functions: no database.
"""

# The SQL-like summary is text for an author to read back; it is never run against a database.
# ruff: noqa: S608

import statistics
from collections.abc import Callable
from dataclasses import dataclass, field

OPS = {
    "equals": "equals",
    "in": "is one of",
    "between": "is between",
    "blank": "is blank",
    "not_blank": "is not blank",
}
MEASURES = {
    "count": "Number of rows",
    "count_distinct": "Number of different values in a column",
    "sum": "Total of a column",
    "mean": "Mean of a column",
    "median": "Median of a column",
    "max": "Largest value of a column",
    "min": "Smallest value of a column",
    "percent": "Percentage of rows matching a condition",
    "repeats": "Number of rows that repeat an earlier row",
}
COLUMN_MEASURES = {"count_distinct", "sum", "mean", "median", "max", "min"}
NUMERIC_MEASURES = {"sum", "mean", "median", "max", "min"}
DEDUPE = {
    "": "Keep every row",
    "exact": "Remove rows that repeat any earlier row",
    "consecutive": "Remove rows that repeat the row straight before",
}
PICKS = {
    "highest": "The group with the highest value",
    "lowest": "The group with the lowest value",
    "group": "The value for one group",
    "gap": "The gap between the highest and lowest group values",
}
NUMERIC_TYPES = ("integer", "decimal")
MAX_FILTERS = 6
MAX_IN_VALUES = 50
MAX_DECIMALS = 6


class RecipeError(ValueError):
    """The recipe cannot be worked out; ``errors`` says why, in plain English, one problem a line."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class Condition:
    column: str
    op: str
    value: str = ""
    values: tuple[str, ...] = ()
    low: str = ""
    high: str = ""

    def as_dict(self) -> dict:
        data = {"column": self.column, "op": self.op}
        if self.op == "equals":
            data["value"] = self.value
        elif self.op == "in":
            data["values"] = list(self.values)
        elif self.op == "between":
            data |= {"low": self.low, "high": self.high}
        return data


@dataclass(frozen=True)
class Recipe:
    dataset: str
    version: int | None
    measure: str
    filters: tuple[Condition, ...] = ()
    dedupe: str = ""
    column: str = ""
    match: Condition | None = None
    group_by: str = ""
    pick: str = ""
    group: str = ""
    decimals: int | None = None
    columns: dict = field(default_factory=dict, compare=False)

    def as_dict(self) -> dict:
        return {
            "dataset": self.dataset,
            "version": self.version,
            "filters": [f.as_dict() for f in self.filters],
            "dedupe": self.dedupe,
            "measure": self.measure,
            "column": self.column,
            "match": self.match.as_dict() if self.match else None,
            "group_by": self.group_by,
            "pick": self.pick,
            "group": self.group,
            "decimals": self.decimals,
        }

    @property
    def gives_text(self) -> bool:
        """Whether the answer is a group's name (a text question) rather than a number."""
        return bool(self.group_by) and self.pick in ("highest", "lowest")


def _text(value, limit: int = 200) -> str:
    return str(value if value is not None else "").strip()[:limit]


def _condition(data, where: str, errors: list[str]) -> Condition | None:
    if not isinstance(data, dict):
        errors.append(f"{where} is not understood.")
        return None
    column, op = _text(data.get("column")), _text(data.get("op"))
    if not column:
        errors.append(f"{where}: choose a column.")
        return None
    if op not in OPS:
        errors.append(f"{where}: choose how to compare column '{column}' ({', '.join(OPS.values())}).")
        return None
    if op == "equals":
        return Condition(column, op, value=_text(data.get("value")))
    if op == "in":
        raw = data.get("values") or []
        values = tuple(v for v in (_text(v) for v in (raw if isinstance(raw, list) else [])) if v)
        if not values:
            errors.append(f"{where}: list at least one value for column '{column}', one a line.")
        elif len(values) > MAX_IN_VALUES:
            errors.append(f"{where}: list at most {MAX_IN_VALUES} values.")
        return Condition(column, op, values=values)
    if op == "between":
        low, high = _text(data.get("low")), _text(data.get("high"))
        if not low and not high:
            errors.append(f"{where}: give a lowest value, a highest value or both for column '{column}'.")
        return Condition(column, op, low=low, high=high)
    return Condition(column, op)


def parse(data, *, columns: list[dict] | None = None) -> Recipe:
    """A ``Recipe`` from its JSON form, checked against the dataset's ``columns`` (name and type) when
    given; RecipeError listing every problem otherwise."""
    if not isinstance(data, dict):
        raise RecipeError(["The recipe is not understood. Build it again in the form."])
    errors: list[str] = []
    dataset = _text(data.get("dataset"), 80)
    if not dataset:
        errors.append("Choose the dataset the answer is worked out from.")
    version = data.get("version")
    if version in ("", None):
        version = None
    else:
        try:
            version = int(version)
        except (TypeError, ValueError):
            errors.append("The dataset version must be a whole number.")
            version = None
    raw_filters = data.get("filters") or []
    if not isinstance(raw_filters, list):
        raw_filters = []
    if len(raw_filters) > MAX_FILTERS:
        errors.append(f"Use at most {MAX_FILTERS} filters.")
    filters = tuple(
        c
        for n, f in enumerate(raw_filters[:MAX_FILTERS], start=1)
        if (c := _condition(f, f"Filter {n}", errors)) is not None
    )
    dedupe = _text(data.get("dedupe"))
    if dedupe not in DEDUPE:
        errors.append("Choose how repeated rows are treated.")
    measure = _text(data.get("measure"))
    column = _text(data.get("column"))
    if measure not in MEASURES:
        errors.append(f"Choose what to measure ({', '.join(MEASURES.values()).lower()}).")
    elif measure in COLUMN_MEASURES and not column:
        errors.append(f"Choose the column for “{MEASURES[measure]}”.")
    match = None
    if measure == "percent":
        match = _condition(data.get("match"), "The condition rows must match", errors)
    group_by, pick, group = _text(data.get("group_by")), _text(data.get("pick")), _text(data.get("group"))
    if group_by:
        if pick not in PICKS:
            errors.append(
                f"Choose which answer the groups of '{group_by}' give ({', '.join(PICKS.values())})."
            )
        elif pick == "group" and not group:
            errors.append(f"Name the group of '{group_by}' whose value is the answer.")
    elif pick:
        errors.append("Choose the column to group by, or no choice of group.")
    decimals = data.get("decimals")
    if decimals in ("", None):
        decimals = None
    else:
        try:
            decimals = int(decimals)
        except (TypeError, ValueError):
            decimals = -1
        if not 0 <= decimals <= MAX_DECIMALS:
            errors.append(f"Decimal places must be a whole number from 0 to {MAX_DECIMALS}, or blank.")
            decimals = None
    types = {c["name"]: c.get("type", "text") for c in columns or []}
    if columns is not None:
        named = [f.column for f in filters] + [column if measure in COLUMN_MEASURES else ""]
        named += [match.column if match else "", group_by]
        for name in dict.fromkeys(n for n in named if n):
            if name not in types:
                errors.append(f"Dataset '{dataset}' has no column '{name}'. Its columns: {', '.join(types)}.")
    if errors:
        raise RecipeError(errors)
    return Recipe(
        dataset=dataset,
        version=version,
        measure=measure,
        filters=filters,
        dedupe=dedupe,
        column=column if measure in COLUMN_MEASURES else "",
        match=match,
        group_by=group_by,
        pick=pick if group_by else "",
        group=group if pick == "group" else "",
        decimals=decimals,
        columns=types,
    )


# --- Working it out ---------------------------------------------------------------------------


def number(text: str) -> float | None:
    """A cell as a number ("£1,234.50" → 1234.5), or None if it is not one ("14 days", blank)."""
    cleaned = text.strip().replace("£", "").replace(",", "")
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def _passes(condition: Condition, row: dict, kind: str) -> bool:
    cell = (row.get(condition.column) or "").strip()
    if condition.op == "equals":
        return cell == condition.value
    if condition.op == "in":
        return cell in condition.values
    if condition.op == "blank":
        return cell == ""
    if condition.op == "not_blank":
        return cell != ""
    if kind in NUMERIC_TYPES:
        value, low, high = number(cell), number(condition.low), number(condition.high)
        if value is None:
            return False
        return (low is None or value >= low) and (high is None or value <= high)
    if cell == "":
        return False
    # Dates (YYYY-MM-DD), months (YYYY-MM) and text compare as text; "2019-12" takes all of December.
    return (not condition.low or cell >= condition.low) and (
        not condition.high or cell <= condition.high or cell.startswith(condition.high)
    )


def _dedupe(rows: list[dict], how: str) -> list[dict]:
    if how == "consecutive":
        kept, previous = [], None
        for row in rows:
            key = tuple(row.values())
            if key != previous:
                kept.append(row)
            previous = key
        return kept
    if how == "exact":
        seen, kept = set(), []
        for row in rows:
            key = tuple(row.values())
            if key not in seen:
                kept.append(row)
                seen.add(key)
        return kept
    return rows


def _measure(recipe: Recipe, rows: list[dict]) -> float | int:
    if recipe.measure == "count":
        return len(rows)
    if recipe.measure == "repeats":
        return len(rows) - len(_dedupe(rows, "exact"))
    if recipe.measure == "count_distinct":
        return len({row.get(recipe.column, "") for row in rows})
    if recipe.measure == "percent":
        if not rows:
            raise RecipeError(["No rows are left after the filters, so there is no percentage."])
        kind = recipe.columns.get(recipe.match.column, "text")
        return 100 * sum(_passes(recipe.match, row, kind) for row in rows) / len(rows)
    values = [v for v in (number(row.get(recipe.column, "")) for row in rows) if v is not None]
    if recipe.measure == "sum":
        return sum(values)
    if not values:
        raise RecipeError(
            [f"No rows with a number in '{recipe.column}' are left after the filters, so there is no answer."]
        )
    funcs: dict[str, Callable] = {
        "mean": statistics.mean,
        "median": statistics.median,
        "max": max,
        "min": min,
    }
    return funcs[recipe.measure](values)


def _tidy(value: float | int, decimals: int | None) -> float | int:
    if decimals is not None:
        value = round(value, decimals)
    if isinstance(value, float) and value.is_integer() and (decimals is None or decimals == 0):
        return int(value)
    return value


def evaluate(recipe: Recipe, rows: list[dict]) -> float | int | str:
    """The recipe's answer on ``rows`` (dicts of strings, as in the CSV); RecipeError if it has none."""
    rows = _dedupe(rows, recipe.dedupe)
    for condition in recipe.filters:
        kind = recipe.columns.get(condition.column, "text")
        rows = [row for row in rows if _passes(condition, row, kind)]
    if not recipe.group_by:
        return _tidy(_measure(recipe, rows), recipe.decimals)
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault((row.get(recipe.group_by) or "").strip(), []).append(row)
    if not groups:
        raise RecipeError(["No rows are left after the filters, so there are no groups."])
    if recipe.pick == "group":
        if recipe.group not in groups:
            raise RecipeError([f"No rows have '{recipe.group}' in '{recipe.group_by}' after the filters."])
        return _tidy(_measure(recipe, groups[recipe.group]), recipe.decimals)
    values = {name: _measure(recipe, groups[name]) for name in sorted(groups)}
    if recipe.pick == "gap":
        return _tidy(max(values.values()) - min(values.values()), recipe.decimals)
    # Ties go to the first group in alphabetical order.
    chooser = max if recipe.pick == "highest" else min
    return chooser(values, key=values.__getitem__)


# --- The SQL-like summary ----------------------------------------------------------------------


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _sql_condition(condition: Condition) -> str:
    column = condition.column
    if condition.op == "equals":
        return f"{column} = {_quote(condition.value)}"
    if condition.op == "in":
        return f"{column} IN ({', '.join(_quote(v) for v in condition.values)})"
    if condition.op == "blank":
        return f"{column} IS BLANK"
    if condition.op == "not_blank":
        return f"{column} IS NOT BLANK"
    if condition.low and condition.high:
        return f"{column} BETWEEN {_quote(condition.low)} AND {_quote(condition.high)}"
    if condition.low:
        return f"{column} >= {_quote(condition.low)}"
    return f"{column} <= {_quote(condition.high)}"


def summary(recipe: Recipe) -> str:
    """The recipe as one SQL-like statement, so an author can read back what it does."""
    measure = {
        "count": "COUNT(*)",
        "repeats": "COUNT(*) - COUNT(DISTINCT *)",
        "count_distinct": f"COUNT(DISTINCT {recipe.column})",
        "sum": f"SUM({recipe.column})",
        "mean": f"AVG({recipe.column})",
        "median": f"MEDIAN({recipe.column})",
        "max": f"MAX({recipe.column})",
        "min": f"MIN({recipe.column})",
        "percent": f"100.0 * COUNT(*) FILTER (WHERE {_sql_condition(recipe.match)}) / COUNT(*)"
        if recipe.match
        else "",
    }[recipe.measure]
    if recipe.decimals is not None and not recipe.gives_text:
        measure = f"ROUND({measure}, {recipe.decimals})"
    source = f"{recipe.dataset}" + (f" (version {recipe.version})" if recipe.version else "")
    if recipe.dedupe == "exact":
        source = f"(SELECT DISTINCT * FROM {source})"
    elif recipe.dedupe == "consecutive":
        source = f"(SELECT * FROM {source} WITHOUT REPEATS OF THE ROW BEFORE)"
    conditions = [_sql_condition(c) for c in recipe.filters]
    if recipe.pick == "group":
        conditions.append(f"{recipe.group_by} = {_quote(recipe.group)}")
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    if not recipe.group_by or recipe.pick == "group":
        return f"SELECT {measure} FROM {source}{where}"
    grouped = f"FROM {source}{where} GROUP BY {recipe.group_by}"
    if recipe.pick == "gap":
        return f"SELECT MAX(value) - MIN(value) FROM (SELECT {measure} AS value {grouped})"
    order = "DESC" if recipe.pick == "highest" else "ASC"
    return f"SELECT {recipe.group_by} {grouped} ORDER BY {measure} {order}, {recipe.group_by} LIMIT 1"
