"""The curriculum's lab exercises: starter notebooks, hints and model solutions, as data.

Starter code is notebook cells (a line ``# %%`` starts a cell). The model solution runs after the starter
code and calls ``check`` with each answer; the expected answers come from ``computations`` on the server.
"""

TEXT = "text"

FLY_TIPPING = {
    "slug": "fly-tipping-quality-checks",
    "title": "Checking the fly-tipping data for problems",
    "instructions": "<p>Load the fly-tipping incidents and run two quality checks: how many rows repeat the "
    "row straight before them, and how many rows have no incident reference.</p>",
    "starter_code": """# %% [markdown]
# # Checking the fly-tipping data for problems
# Run each cell with Shift and Enter. The first loads the data: a list of rows, each a dictionary.
# %%
from academy import load_dataset, check
rows = load_dataset("fly-tipping")
print(len(rows), "rows")
rows[0]
# %%
# Check 1: count the rows that are exact copies of the row before.
repeats = 0
previous = None
for row in rows:
    if row == previous:
        repeats = repeats + 1
    previous = row
print(repeats, "repeated rows")
# %%
# Check 2: count the rows whose incident_id is blank, then send both answers:
# check("fly-tipping-duplicate-rows", repeats)
# check("fly-tipping-missing-id", ...)
""",
    "hints": "Two dictionaries are equal when every column is equal, so row == previous finds an exact "
    'copy.\n\nA blank reference is an empty string: row["incident_id"].strip() == "".\n\nsum(...) of '
    "True and False values counts the True ones.",
    "solution": """missing = sum(row["incident_id"].strip() == "" for row in rows)
check("fly-tipping-duplicate-rows", repeats)
check("fly-tipping-missing-id", missing)""",
    "datasets": ["fly-tipping"],
    "questions": [
        (
            "fly-tipping-duplicate-rows",
            "How many rows repeat the row before them?",
            "fly-tipping-duplicate-rows",
            0,
        ),
        ("fly-tipping-missing-id", "How many rows have no incident_id?", "fly-tipping-missing-id", 0),
    ],
}

SPENDING = {
    "slug": "spending-by-department",
    "title": "How much did each department spend?",
    "instructions": "<p>Total the payments over £500 for each department. First remove rows that repeat the "
    "row before, and turn amounts such as “£1,234.50” into numbers. Keep credit notes (negative "
    "amounts).</p>",
    "starter_code": '''# %% [markdown]
# # How much did each department spend?
# %%
from academy import load_dataset, check, bar_chart
rows = load_dataset("spending-over-500")
print(len(rows), "payments")
[row["amount_gbp"] for row in rows if not row["amount_gbp"].replace(".", "").replace("-", "").isdigit()][:5]
# %%
def amount(text):
    """Turn '£1,234.50' or '1234.50' into 1234.5."""
    return float(text.replace("£", "").replace(",", ""))

# Remove rows that are exact copies of the row before.
clean = []
previous = None
for row in rows:
    if row != previous:
        clean.append(row)
    previous = row
print(len(rows) - len(clean), "repeats removed")
# %%
# Total by department: add each amount to totals[department].
totals = {}
''',
    "hints": "totals.get(name, 0) gives 0 the first time a department appears.\n\nround(value, 2) gives "
    "pounds and pence.\n\nmax(totals, key=totals.get) finds the department with the largest total.",
    "solution": """for row in clean:
    totals[row["department"]] = totals.get(row["department"], 0) + amount(row["amount_gbp"])
check("spending-highways-total", round(totals["Highways and Transport"], 2))
check("spending-top-department", max(totals, key=totals.get))
bar_chart([{"department": d, "total": t} for d, t in totals.items()], x="department", y="total")""",
    "datasets": ["spending-over-500"],
    "questions": [
        (
            "spending-highways-total",
            "How much did Highways and Transport spend, in pounds?",
            "spending-highways-total",
            1,
        ),
        ("spending-top-department", "Which department spent the most?", "spending-top-department", 0, TEXT),
    ],
}

ROADS = {
    "slug": "smith-street-road-names",
    "title": "Smith Street and Smith Str: cleaning road names",
    "instructions": "<p>Count the different road names in the highways defects as they were typed, then "
    "standardise the last word (Str, St and St. become Street; Rd and Rd. become Road; Ln becomes Lane; "
    "Ave and Av. become Avenue; Cl becomes Close) and count again. Then count the defects on Smith Street "
    "under every spelling.</p>",
    "starter_code": """# %% [markdown]
# # Smith Street and Smith Str
# %%
from academy import load_dataset, check
rows = load_dataset("highways-defects")
as_typed = {row["road"] for row in rows}
print(len(as_typed), "different road names as typed")
sorted(name for name in as_typed if name.startswith("Smith"))
# %%
# A lookup table from abbreviation to the full word.
ABBREVIATIONS = {"Str": "Street", "St": "Street", "St.": "Street", "Rd": "Road", "Rd.": "Road",
                 "Ln": "Lane", "Ave": "Avenue", "Av.": "Avenue", "Cl": "Close"}

def standard(name):
    stem, _, last = name.strip().rpartition(" ")
    return stem + " " + ABBREVIATIONS.get(last, last)

standard("Smith Str")
# %%
# Count the different roads once standardised, and the defects on Smith Street.
""",
    "hints": 'A set keeps one copy of each value: {standard(row["road"]) for row in rows}.\n\nrpartition '
    'splits at the last space, so "Church Rd." becomes ("Church", " ", "Rd.").\n\nCount Smith Street '
    'with sum(standard(row["road"]) == "Smith Street" for row in rows).',
    "solution": """check("roads-as-typed", len(as_typed))
check("roads-cleaned", len({standard(row["road"]) for row in rows}))
check("smith-street-defects", sum(standard(row["road"]) == "Smith Street" for row in rows))""",
    "datasets": ["highways-defects"],
    "questions": [
        ("roads-as-typed", "How many different road names are there as typed?", "roads-as-typed", 0),
        ("roads-cleaned", "How many different roads are there once standardised?", "roads-cleaned", 0),
        (
            "smith-street-defects",
            "How many defects are on Smith Street, any spelling?",
            "smith-street-defects",
            0,
        ),
    ],
}

ASC_WAITS = {
    "slug": "adult-social-care-waits",
    "title": "How long do people wait for home care?",
    "instructions": "<p>Work out the percentage of adult social care referrals that came from hospital "
    "discharge, and the median number of days people waited for home care. Leave out negative waits: they "
    "are dates entered the wrong way round.</p>",
    "starter_code": """# %% [markdown]
# # How long do people wait for home care?
# %%
import statistics
from academy import load_dataset, check
rows = load_dataset("adult-social-care-referrals")
print(len(rows), "referrals")
# %%
# Share of referrals from hospital discharge, as a percentage to one decimal place.
from_hospital = [row for row in rows if row["referral_source"] == "Hospital discharge"]
# %%
# Waits for home care, leaving out negative values.
home_care = [int(row["waiting_days"]) for row in rows if row["service"] == "Home care"]
print(min(home_care), max(home_care))
""",
    "hints": "round(100 * part / whole, 1) gives a percentage to one decimal place.\n\nKeep only waits of 0 "
    "or more: [d for d in home_care if d >= 0].\n\nstatistics.median(list) gives the middle value.",
    "solution": """check("asc-hospital-discharge-percent", round(100 * len(from_hospital) / len(rows), 1))
check("asc-home-care-median-wait", statistics.median(d for d in home_care if d >= 0))""",
    "datasets": ["adult-social-care-referrals"],
    "questions": [
        (
            "asc-hospital-discharge-percent",
            "What percentage of referrals came from hospital discharge?",
            "asc-hospital-discharge-percent",
            0.1,
        ),
        (
            "asc-home-care-median-wait",
            "What is the median wait for home care, in days?",
            "asc-home-care-median-wait",
            0.5,
        ),
    ],
}

LIBRARIES = {
    "slug": "library-busiest-branch",
    "title": "Which library branch was busiest?",
    "instructions": "<p>Find the branch with the most visits in 2019, and the total visits to Kingsbridge in "
    "2023 under both of its names. Some visit counts have a thousands separator.</p>",
    "starter_code": """# %% [markdown]
# # Which library branch was busiest?
# %%
from academy import load_dataset, check, bar_chart
rows = load_dataset("library-usage")
sorted({row["branch"] for row in rows})
# %%
def visits(text):
    return int(text.replace(",", ""))

totals_2019 = {}
for row in rows:
    if row["month"].startswith("2019-"):
        totals_2019[row["branch"]] = totals_2019.get(row["branch"], 0) + visits(row["visits"])
# %%
# Which branch had the most visits in 2019? Then: Kingsbridge visits in 2023, both names together.
""",
    "hints": "max(totals_2019, key=totals_2019.get) gives the branch with the largest total.\n\nBoth names "
    'start with "Kingsbridge Library": use row["branch"].startswith("Kingsbridge Library").',
    "solution": """check("library-busiest-branch-2019", max(totals_2019, key=totals_2019.get))
check("kingsbridge-visits-2023", sum(visits(r["visits"]) for r in rows
      if r["branch"].startswith("Kingsbridge Library") and r["month"].startswith("2023-")))""",
    "datasets": ["library-usage"],
    "questions": [
        (
            "library-busiest-branch-2019",
            "Which branch had the most visits in 2019?",
            "library-busiest-branch-2019",
            0,
            TEXT,
        ),
        (
            "kingsbridge-visits-2023",
            "How many visits did Kingsbridge have in 2023, under both names?",
            "kingsbridge-visits-2023",
            0,
        ),
    ],
}

CONTROL_CHART = {
    "slug": "library-visits-control-chart",
    "title": "A control chart of library visits",
    "instructions": "<p>Total the county's library visits for each month from April 2022 to March 2025. Work "
    "out the mean, the average moving range and the upper natural process limit (mean + 2.66 × average "
    "moving range), each to one decimal place, and draw the chart.</p>",
    "starter_code": """# %% [markdown]
# # A control chart of library visits
# %%
import statistics
from academy import load_dataset, check, line_chart
rows = load_dataset("library-usage")
totals = {}
for row in rows:
    if "2022-04" <= row["month"] <= "2025-03":
        totals[row["month"]] = totals.get(row["month"], 0) + int(row["visits"].replace(",", ""))
months = sorted(totals)
values = [totals[m] for m in months]
print(len(values), "months")
line_chart([{"month": m, "visits": totals[m]} for m in months], x="month", y="visits")
# %%
# Moving ranges: the absolute difference between each month and the one before.
moving_ranges = [abs(b - a) for a, b in zip(values, values[1:])]
# %%
# Mean, upper limit (mean + 2.66 x average moving range), and any months above it.
""",
    "hints": "statistics.mean(values) gives the mean.\n\nThe upper limit is mean + 2.66 * "
    "statistics.mean(moving_ranges).\n\nround(x, 1) gives one decimal place.",
    "solution": """mean = statistics.mean(values)
upper = mean + 2.66 * statistics.mean(moving_ranges)
check("library-visits-mean", round(mean, 1))
check("library-visits-upper-limit", round(upper, 1))
print([m for m in months if totals[m] > upper], "months above the upper limit")""",
    "datasets": ["library-usage"],
    "questions": [
        ("library-visits-mean", "What is the mean monthly county visits?", "library-visits-mean", 1),
        (
            "library-visits-upper-limit",
            "What is the upper natural process limit?",
            "library-visits-upper-limit",
            1,
        ),
    ],
}

CONFIDENCE = {
    "slug": "foi-confidence-interval",
    "title": "How sure are we about FOI response times?",
    "instructions": "<p>Work out the mean working days taken to answer Freedom of Information requests, and "
    "the half-width of its 95% confidence interval (1.96 × standard deviation ÷ √n), both to two decimal "
    "places.</p>",
    "starter_code": """# %% [markdown]
# # How sure are we about FOI response times?
# %%
import math
import statistics
from academy import load_dataset, check
rows = load_dataset("foi-requests")
days = [int(row["working_days"]) for row in rows]
print(len(days), "requests")
# %%
# Mean, standard deviation (statistics.stdev) and the 95% half-width.
""",
    "hints": "statistics.stdev(days) is the sample standard deviation.\n\nThe standard error is the "
    "standard deviation divided by math.sqrt(len(days)).\n\nThe half-width is 1.96 times the standard "
    "error; the interval is the mean plus or minus it.",
    "solution": """mean = statistics.mean(days)
half_width = 1.96 * statistics.stdev(days) / math.sqrt(len(days))
check("foi-mean-working-days", round(mean, 2))
check("foi-ci-half-width", round(half_width, 2))
print(f"95% CI: {mean - half_width:.2f} to {mean + half_width:.2f} working days")""",
    "datasets": ["foi-requests"],
    "questions": [
        ("foi-mean-working-days", "What is the mean number of working days?", "foi-mean-working-days", 0.01),
        ("foi-ci-half-width", "What is the half-width of the 95% interval?", "foi-ci-half-width", 0.01),
    ],
}

LOCALITIES = {
    "slug": "home-care-waits-by-locality",
    "title": "Comparing home care waits by locality",
    "instructions": "<p>For home care referrals, find the median wait in each locality (leaving out negative "
    "waits), the locality with the longest median wait, and the gap in days between the longest and "
    "shortest medians.</p>",
    "starter_code": """# %% [markdown]
# # Comparing home care waits by locality
# %%
import statistics
from academy import load_dataset, check, bar_chart
rows = load_dataset("adult-social-care-referrals")
waits = {}
for row in rows:
    days = int(row["waiting_days"])
    if row["service"] == "Home care" and days >= 0:
        waits.setdefault(row["locality"], []).append(days)
{locality: len(values) for locality, values in waits.items()}
# %%
# Median wait per locality, the slowest locality, and the gap between longest and shortest.
""",
    "hints": "medians = {loc: statistics.median(v) for loc, v in waits.items()}.\n\nmax(medians, "
    "key=medians.get) gives the slowest locality.\n\nThe gap is max(medians.values()) - "
    "min(medians.values()).",
    "solution": """medians = {loc: statistics.median(values) for loc, values in waits.items()}
check("home-care-slowest-locality", max(medians, key=medians.get))
check("home-care-median-gap", max(medians.values()) - min(medians.values()))
bar_chart([{"locality": k, "median_days": v} for k, v in medians.items()], x="locality", y="median_days")""",
    "datasets": ["adult-social-care-referrals"],
    "questions": [
        (
            "home-care-slowest-locality",
            "Which locality has the longest median wait for home care?",
            "home-care-slowest-locality",
            0,
            TEXT,
        ),
        (
            "home-care-median-gap",
            "How many days separate the longest and shortest locality medians?",
            "home-care-median-gap",
            0.5,
        ),
    ],
}

CURRICULUM_EXERCISES = [
    FLY_TIPPING,
    SPENDING,
    ROADS,
    ASC_WAITS,
    LIBRARIES,
    CONTROL_CHART,
    CONFIDENCE,
    LOCALITIES,
]


# --- Answer recipes (jupyterlite.recipes): each question's right answer as data --------------------
# Keyed by the name the questions above (and the demo's) give as their answer source. A name not here
# is a Python computation in jupyterlite.computations (what a recipe cannot say). "version": None means
# the dataset's current version when the demo loads.


def _eq(column: str, value: str) -> dict:
    return {"column": column, "op": "equals", "value": value}


def _recipe(dataset: str, measure: str, **parts) -> dict:
    return {
        "dataset": dataset,
        "version": None,
        "filters": parts.get("filters", []),
        "dedupe": parts.get("dedupe", ""),
        "measure": measure,
        "column": parts.get("column", ""),
        "match": parts.get("match"),
        "group_by": parts.get("group_by", ""),
        "pick": parts.get("pick", ""),
        "group": parts.get("group", ""),
        "decimals": parts.get("decimals"),
    }


_POTHOLES = [_eq("category", "Pothole")]
_HOME_CARE = [
    _eq("service", "Home care"),
    {"column": "waiting_days", "op": "between", "low": "0", "high": ""},
]
_HIGHWAYS_DEPT = [_eq("department", "Highways and Transport")]

RECIPES = {
    "potholes-count": _recipe("highways-defects", "count", filters=_POTHOLES),
    "potholes-median-days": _recipe(
        "highways-defects",
        "median",
        column="days_to_repair",
        filters=[*_POTHOLES, _eq("status", "Repaired")],
    ),
    "fly-tipping-duplicate-rows": _recipe("fly-tipping", "repeats"),
    "fly-tipping-missing-id": _recipe(
        "fly-tipping", "count", filters=[{"column": "incident_id", "op": "blank"}]
    ),
    "foi-within-deadline-percent": _recipe(
        "foi-requests", "percent", match=_eq("within_deadline", "Yes"), decimals=1
    ),
    "foi-mean-working-days": _recipe("foi-requests", "mean", column="working_days", decimals=2),
    "library-busiest-branch-2019": _recipe(
        "library-usage",
        "sum",
        column="visits",
        filters=[{"column": "month", "op": "between", "low": "2019-01", "high": "2019-12"}],
        group_by="branch",
        pick="highest",
    ),
    "kingsbridge-visits-2023": _recipe(
        "library-usage",
        "sum",
        column="visits",
        filters=[
            {
                "column": "branch",
                "op": "in",
                "values": ["Kingsbridge Library", "Kingsbridge Library and Hub"],
            },
            {"column": "month", "op": "between", "low": "2023-01", "high": "2023-12"},
        ],
    ),
    "spending-highways-total": _recipe(
        "spending-over-500",
        "sum",
        column="amount_gbp",
        dedupe="consecutive",
        filters=_HIGHWAYS_DEPT,
        decimals=2,
    ),
    "spending-top-department": _recipe(
        "spending-over-500",
        "sum",
        column="amount_gbp",
        dedupe="consecutive",
        group_by="department",
        pick="highest",
    ),
    "roads-as-typed": _recipe("highways-defects", "count_distinct", column="road"),
    "smith-street-defects": _recipe(
        "highways-defects",
        "count",
        filters=[
            {"column": "road", "op": "in", "values": ["Smith Street", "Smith Str", "Smith St", "Smith St."]}
        ],
    ),
    "asc-home-care-median-wait": _recipe(
        "adult-social-care-referrals", "median", column="waiting_days", filters=_HOME_CARE
    ),
    "asc-hospital-discharge-percent": _recipe(
        "adult-social-care-referrals",
        "percent",
        match=_eq("referral_source", "Hospital discharge"),
        decimals=1,
    ),
    "home-care-slowest-locality": _recipe(
        "adult-social-care-referrals",
        "median",
        column="waiting_days",
        filters=_HOME_CARE,
        group_by="locality",
        pick="highest",
    ),
    "home-care-median-gap": _recipe(
        "adult-social-care-referrals",
        "median",
        column="waiting_days",
        filters=_HOME_CARE,
        group_by="locality",
        pick="gap",
    ),
}
