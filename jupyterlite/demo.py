"""Demo content for the lab: the six generated sample datasets and the exercises the curriculum uses.

Each exercise's model solution, run after its starter code in plain CPython, sends the answers the server's
named computations expect (tests/curriculum/test_exercises.py checks it)."""

from .exercise_specs import CURRICULUM_EXERCISES
from .models import Exercise, Question
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


EXERCISES += CURRICULUM_EXERCISES


def load(*, stdout) -> None:
    """Create or refresh the sample datasets and demo exercises (looked up by slug)."""
    datasets = {d.slug: d for d in dataset_sync_samples()}
    stdout.write(f"  lab: {len(datasets)} sample datasets")
    for spec in EXERCISES:
        exercise = Exercise.objects.filter(slug=spec["slug"]).first() or Exercise(slug=spec["slug"])
        for field in ("title", "instructions", "starter_code", "hints", "solution"):
            setattr(exercise, field, spec[field])
        exercise.is_published = True
        exercise.save()
        exercise.datasets.set([datasets[slug] for slug in spec["datasets"]])
        for order, (key, prompt, computation, tolerance, *kind) in enumerate(spec["questions"]):
            Question.objects.update_or_create(
                key=key,
                defaults={
                    "exercise": exercise,
                    "prompt": prompt,
                    "computation": computation,
                    "tolerance": tolerance,
                    "sort_order": order,
                    "answer_type": kind[0] if kind else Question.NUMBER,
                },
            )
        exercise.save()
        stdout.write(f"  lab: exercise '{exercise.title}'")
