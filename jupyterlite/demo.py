"""Demo content for the lab: the six generated sample datasets and the exercises the curriculum uses.

Each exercise's model solution, run after its starter code in plain CPython, sends the answers the server
works out from each question's recipe or, where a recipe cannot say it, its Python computation
(tests/curriculum/test_exercises.py checks it)."""

import csv
import io

from . import computations, recipes
from .exercise_specs import CURRICULUM_EXERCISES, RECIPES
from .models import Dataset, Exercise, Question
from .services import dataset_sync_samples

POTHOLES_STARTER = """# %% [markdown]
# # How long do pothole repairs take?
# Load the highways defects, count the potholes, then find the median days to repair.
# %%
from academy import load_dataset, check, bar_chart
rows = load_dataset("highways-defects")
print(len(rows), "rows")
rows[0]
# %%
potholes = [row for row in rows if row["category"] == "Pothole"]
print(len(potholes), "potholes")
# %%
# Now the median days to repair for repaired potholes. Careful: a few values are mistyped.
import statistics
"""

POTHOLES_SOLUTION = """import statistics
check("potholes-count", len(potholes))
days = [int(r["days_to_repair"]) for r in potholes
        if r["status"] == "Repaired" and r["days_to_repair"].isdigit()]
check("potholes-median-days", statistics.median(days))"""

FOI_STARTER = """# %% [markdown]
# # Freedom of Information: are we on time?
# The law gives 20 working days. Use SQL to find the share of requests answered in time.
# %%
from academy import load_dataset, check, bar_chart
db = load_dataset("foi-requests", as_sqlite=True)
db.execute("SELECT department, COUNT(*) FROM foi_requests GROUP BY department").fetchall()
# %%
# Your query here: what percentage of rows have within_deadline = 'Yes'? (one decimal place)
"""

FOI_SOLUTION = """(share,) = db.execute(
    "SELECT ROUND(100.0 * SUM(within_deadline = 'Yes') / COUNT(*), 1) FROM foi_requests").fetchone()
check("foi-within-deadline", share)"""

EXERCISES = [
    {
        "slug": "pothole-repair-times",
        "title": "How long do pothole repairs take?",
        "instructions": "<p>Use the highways defects data to count the potholes reported and work out the "
        "median number of days a repaired pothole took to fix. Watch for mistyped values.</p>",
        "starter_code": POTHOLES_STARTER,
        "hints": "Filter the rows where category is Pothole.\n\nOnly repaired rows have a number of days; "
        "str.isdigit() skips the mistyped ones.",
        "solution": POTHOLES_SOLUTION,
        "datasets": ["highways-defects"],
        "questions": [
            ("potholes-count", "How many pothole rows are there?", "potholes-count", 0),
            (
                "potholes-median-days",
                "What is the median days to repair a pothole?",
                "potholes-median-days",
                0.5,
            ),
        ],
    },
    {
        "slug": "foi-on-time",
        "title": "Are FOI requests answered on time?",
        "instructions": "<p>Load the Freedom of Information requests into SQLite and work out the "
        "percentage answered within 20 working days.</p>",
        "starter_code": FOI_STARTER,
        "hints": "SUM(within_deadline = 'Yes') counts the rows where the comparison is true.",
        "solution": FOI_SOLUTION,
        "datasets": ["foi-requests"],
        "questions": [
            (
                "foi-within-deadline",
                "What percentage were answered within 20 working days?",
                "foi-within-deadline-percent",
                0.1,
            ),
        ],
    },
]


PANDAS_STARTER = """# %% [markdown]
# # Spending by department with pandas
# `load_frame` gives a pandas DataFrame with the catalogue's column types: amounts are numbers (even
# the ones written "£1,234.50"), dates are dates. pandas loads the first time it is needed.
# %%
import pandas as pd
from academy import load_frame, check, hint, solution
df = load_frame("spending-over-500")
df.dtypes
# %%
# Some payments were submitted twice. Remove the repeats, then total the amounts by department:
# df.groupby("department")["amount_gbp"].sum()
# Stuck? hint("pandas-highways-total")
# %% [markdown]
# ## A chart
# Draw the totals as a bar chart with altair:
#
#     import altair as alt
#     alt.Chart(totals.reset_index()).mark_bar().encode(x="amount_gbp", y=alt.Y("department", sort="-x"))
"""

PANDAS_SOLUTION = """clean = df.drop_duplicates()
totals = clean.groupby("department", observed=True)["amount_gbp"].sum()
check("pandas-highways-total", round(float(totals["Highways and Transport"]), 2))
check("pandas-top-department", str(totals.idxmax()))"""

EXERCISES.append(
    {
        "slug": "spending-with-pandas",
        "title": "Spending by department with pandas",
        "instructions": "<p>Load the payments over £500 as a pandas DataFrame, remove the payments that were "
        "submitted twice, total the amounts by department and draw them as a bar chart.</p>",
        "starter_code": PANDAS_STARTER,
        "hints": "drop_duplicates() removes rows that are exact copies of another row.\n\n"
        'groupby("department")["amount_gbp"].sum() totals each department; idxmax() names the largest.',
        "solution": PANDAS_SOLUTION,
        "datasets": ["spending-over-500"],
        "questions": [
            (
                "pandas-highways-total",
                "How much did Highways and Transport spend, in pounds?",
                "spending-highways-total",
                1,
            ),
            (
                "pandas-top-department",
                "Which department spent the most?",
                "spending-top-department",
                0,
                "text",
            ),
        ],
        "question_hints": {
            "pandas-highways-total": 'totals["Highways and Transport"] picks one department from the totals.'
        },
    }
)

EXERCISES += CURRICULUM_EXERCISES


def _rows(slug: str, cache: dict) -> list[dict]:
    if slug not in cache:
        cache[slug] = list(csv.DictReader(io.StringIO(Dataset.objects.get(slug=slug).csv_text)))
    return cache[slug]


def answer_source(name: str, datasets: dict[str, Dataset], rows: dict) -> tuple[dict, str, object, list]:
    """For an answer source name: (recipe, computation, right answer, the dataset's rows)."""
    if name in RECIPES:
        dataset = datasets[RECIPES[name]["dataset"]]
        recipe = {**RECIPES[name], "version": dataset.version}
        source = _rows(dataset.slug, rows)
        parsed = recipes.parse(recipe, columns=dataset.columns)
        return recipe, "", recipes.evaluate(parsed, source), source
    spec = computations.REGISTRY[name]
    source = _rows(spec.dataset, rows)
    return {}, name, spec.func(source), source


def load(*, stdout) -> None:
    """Create or refresh the sample datasets and demo exercises (looked up by slug). Answers are
    recipes where a recipe can say them; each exercise pins its datasets' current versions and has a
    published revision."""
    datasets = {d.slug: d for d in dataset_sync_samples()}
    rows: dict[str, list[dict]] = {}
    stdout.write(f"  lab: {len(datasets)} sample datasets")
    for spec in EXERCISES:
        exercise = Exercise.objects.filter(slug=spec["slug"]).first() or Exercise(slug=spec["slug"])
        for field in ("title", "instructions", "starter_code", "hints", "solution"):
            setattr(exercise, field, spec[field])
        exercise.live = True
        exercise.dataset_versions = {slug: datasets[slug].version for slug in spec["datasets"]}
        exercise.save()
        exercise.datasets.set([datasets[slug] for slug in spec["datasets"]])
        for order, (key, prompt, name, tolerance, *kind) in enumerate(spec["questions"]):
            recipe, computation, right, source = answer_source(name, datasets, rows)
            Question.objects.update_or_create(
                key=key,
                defaults={
                    "exercise": exercise,
                    "prompt": prompt,
                    "recipe": recipe,
                    "computation": computation,
                    "tolerance": tolerance,
                    "sort_order": order,
                    "answer_type": kind[0] if kind else Question.NUMBER,
                    "hint": spec.get("question_hints", {}).get(key, ""),
                    "known_wrong_answers": computations.known_wrong_answers(
                        name, source, right, tolerance=tolerance
                    ),
                },
            )
        exercise.save()
        if exercise.live_revision_id is None:
            exercise.save_revision().publish()
        stdout.write(f"  lab: exercise '{exercise.title}'")
