"""Answer recipes: every measure under every kind of filter, against values worked out by hand."""

import pytest

from jupyterlite import recipes
from jupyterlite.recipes import RecipeError

COLUMNS = [
    {"name": "id", "type": "text"},
    {"name": "ward", "type": "category"},
    {"name": "kind", "type": "category"},
    {"name": "amount", "type": "decimal"},
    {"name": "month", "type": "month"},
    {"name": "note", "type": "text"},
]


def _row(id, ward, kind, amount, month, note):
    return {"id": id, "ward": ward, "kind": kind, "amount": amount, "month": month, "note": note}


ROWS = [
    _row("1", "North", "A", "10", "2024-01", "x"),  # r1
    _row("2", "North", "B", "£1,000.00", "2024-02", ""),  # r2: pounds and a thousands separator
    _row("3", "South", "A", "5", "2024-03", "y"),  # r3
    _row("4", "South", "A", "oops", "2024-12", ""),  # r4: not a number
    _row("5", "East", "C", "20", "2025-01", "z"),  # r5
    _row("5", "East", "C", "20", "2025-01", "z"),  # r5b: repeats the row before
    _row("3", "South", "A", "5", "2024-03", "y"),  # r3b: repeats r3, not straight after it
]

FILTERS = {
    "none": [],
    "equals": [{"column": "ward", "op": "equals", "value": "North"}],  # r1 r2
    "in": [{"column": "ward", "op": "in", "values": ["South", "East"]}],  # r3 r4 r5 r5b r3b
    "between numbers": [{"column": "amount", "op": "between", "low": "5", "high": "20"}],  # r1 r3 r5 r5b r3b
    "between months": [
        {"column": "month", "op": "between", "low": "2024-02", "high": "2024-12"}
    ],  # r2 r3 r4 r3b
    "is blank": [{"column": "note", "op": "blank"}],  # r2 r4
    "is not blank": [{"column": "note", "op": "not_blank"}],  # r1 r3 r5 r5b r3b
}

# measure -> filter -> the value worked out by hand from the rows above (amounts: r1 10, r2 1000, r3 5,
# r4 not a number, r5 20, r5b 20, r3b 5; "percent" is the share of rows whose kind is A).
EXPECTED = {
    "count": {
        "none": 7,
        "equals": 2,
        "in": 5,
        "between numbers": 5,
        "between months": 4,
        "is blank": 2,
        "is not blank": 5,
    },
    "count_distinct": {
        "none": 3,
        "equals": 1,
        "in": 2,
        "between numbers": 3,
        "between months": 2,
        "is blank": 2,
        "is not blank": 3,
    },
    "sum": {
        "none": 1060,
        "equals": 1010,
        "in": 50,
        "between numbers": 60,
        "between months": 1010,
        "is blank": 1000,
        "is not blank": 60,
    },
    "mean": {
        "none": 1060 / 6,
        "equals": 505,
        "in": 12.5,
        "between numbers": 12,
        "between months": 1010 / 3,
        "is blank": 1000,
        "is not blank": 12,
    },
    "median": {
        "none": 15,
        "equals": 505,
        "in": 12.5,
        "between numbers": 10,
        "between months": 5,
        "is blank": 1000,
        "is not blank": 10,
    },
    "max": {
        "none": 1000,
        "equals": 1000,
        "in": 20,
        "between numbers": 20,
        "between months": 1000,
        "is blank": 1000,
        "is not blank": 20,
    },
    "min": {
        "none": 5,
        "equals": 10,
        "in": 5,
        "between numbers": 5,
        "between months": 5,
        "is blank": 1000,
        "is not blank": 5,
    },
    "percent": {
        "none": 400 / 7,
        "equals": 50,
        "in": 60,
        "between numbers": 60,
        "between months": 75,
        "is blank": 50,
        "is not blank": 60,
    },
    "repeats": {
        "none": 2,
        "equals": 0,
        "in": 2,
        "between numbers": 2,
        "between months": 1,
        "is blank": 0,
        "is not blank": 2,
    },
}


def recipe(measure, filters=(), **parts):
    column = "ward" if measure == "count_distinct" else "amount"
    data = {
        "dataset": "tiny",
        "version": 1,
        "filters": list(filters),
        "measure": measure,
        "column": column if measure in recipes.COLUMN_MEASURES else "",
        "match": {"column": "kind", "op": "equals", "value": "A"} if measure == "percent" else None,
        **parts,
    }
    return recipes.parse(data, columns=COLUMNS)


@pytest.mark.parametrize("measure", list(EXPECTED))
@pytest.mark.parametrize("kind", list(FILTERS))
def test_each_measure_under_each_filter(measure, kind):
    answer = recipes.evaluate(recipe(measure, FILTERS[kind]), ROWS)
    assert answer == pytest.approx(EXPECTED[measure][kind])


def test_repeated_rows_are_removed_before_the_filters():
    assert recipes.evaluate(recipe("count", dedupe="exact"), ROWS) == 5
    assert recipes.evaluate(recipe("count", dedupe="consecutive"), ROWS) == 6  # r3b is not straight after r3
    only_south = [{"column": "ward", "op": "equals", "value": "South"}]
    assert recipes.evaluate(recipe("sum", only_south, dedupe="exact"), ROWS) == 5


def test_group_by_with_each_choice_of_answer():
    by_ward = {"group_by": "ward"}
    assert recipes.evaluate(recipe("sum", pick="highest", **by_ward), ROWS) == "North"  # 1010
    assert recipes.evaluate(recipe("sum", pick="lowest", **by_ward), ROWS) == "South"  # 10
    assert recipes.evaluate(recipe("sum", pick="group", group="East", **by_ward), ROWS) == 40
    assert recipes.evaluate(recipe("sum", pick="gap", **by_ward), ROWS) == 1000
    # A tie (North and East both have 2 rows) goes to the first group alphabetically.
    assert recipes.evaluate(recipe("count", pick="lowest", **by_ward), ROWS) == "East"
    assert recipe("sum", pick="highest", **by_ward).gives_text
    assert not recipe("sum", pick="group", group="East", **by_ward).gives_text


def test_rounding():
    assert recipes.evaluate(recipe("mean", decimals=1), ROWS) == 176.7
    assert recipes.evaluate(recipe("percent", decimals=0), ROWS) == 57


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"measure": "count"}, "Choose the dataset"),
        ({"dataset": "tiny", "measure": "sum"}, "Choose the column"),
        ({"dataset": "tiny", "measure": "average"}, "Choose what to measure"),
        (
            {"dataset": "tiny", "measure": "count", "filters": [{"column": "nope", "op": "blank"}]},
            "no column 'nope'",
        ),
        (
            {"dataset": "tiny", "measure": "count", "filters": [{"column": "ward", "op": "like"}]},
            "how to compare",
        ),
        (
            {
                "dataset": "tiny",
                "measure": "count",
                "filters": [{"column": "ward", "op": "in", "values": []}],
            },
            "at least one",
        ),
        ({"dataset": "tiny", "measure": "count", "group_by": "ward"}, "Choose which answer"),
        ({"dataset": "tiny", "measure": "count", "group_by": "ward", "pick": "group"}, "Name the group"),
        ({"dataset": "tiny", "measure": "count", "decimals": "9"}, "Decimal places"),
        ({"dataset": "tiny", "measure": "percent"}, "The condition rows must match"),
    ],
)
def test_a_recipe_that_cannot_work_says_why(data, message):
    with pytest.raises(RecipeError) as caught:
        recipes.parse(data, columns=COLUMNS)
    assert any(message in error for error in caught.value.errors), caught.value.errors


def test_no_rows_left_is_a_clear_error_not_a_crash():
    nowhere = [{"column": "ward", "op": "equals", "value": "Nowhere"}]
    with pytest.raises(RecipeError, match="no answer"):
        recipes.evaluate(recipe("median", nowhere), ROWS)
    with pytest.raises(RecipeError, match="No rows have 'West'"):
        recipes.evaluate(recipe("count", group_by="ward", pick="group", group="West"), ROWS)
    assert recipes.evaluate(recipe("count", nowhere), ROWS) == 0


def test_summary_reads_like_sql():
    assert recipes.summary(recipe("median", FILTERS["equals"])) == (
        "SELECT MEDIAN(amount) FROM tiny (version 1) WHERE ward = 'North'"
    )
    assert recipes.summary(recipe("sum", FILTERS["between months"], group_by="ward", pick="highest")) == (
        "SELECT ward FROM tiny (version 1) WHERE month BETWEEN '2024-02' AND '2024-12' "
        "GROUP BY ward ORDER BY SUM(amount) DESC, ward LIMIT 1"
    )
    assert recipes.summary(recipe("count", dedupe="exact", filters=FILTERS["is blank"])) == (
        "SELECT COUNT(*) FROM (SELECT DISTINCT * FROM tiny (version 1)) WHERE note IS BLANK"
    )
    quoted = recipe("count", [{"column": "ward", "op": "equals", "value": "O'Brien"}])
    assert "ward = 'O''Brien'" in recipes.summary(quoted)


def test_round_trip_through_json():
    original = recipe("sum", FILTERS["in"], group_by="ward", pick="group", group="East", decimals=2)
    assert recipes.parse(original.as_dict(), columns=COLUMNS) == original
