"""Python computations: the right answers a declarative recipe (``jupyterlite.recipes``) cannot say.

Most answers are recipes an Academy admin builds in the admin. What is left here needs code: standardising
road-name suffixes before counting, a mean of monthly totals, a control chart's process limit and a
confidence interval. Register one with ``@computation("name", dataset="slug", label="...")``; it receives
the dataset's rows (dicts of strings, exactly as in the CSV) and returns the answer. Admins pick it by
label. Also here: the registry of typical mistakes the demo turns into each question's known wrong answers.
"""

import statistics
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Computation:
    name: str
    dataset: str
    label: str
    func: Callable[[list[dict]], float | str]


REGISTRY: dict[str, Computation] = {}


def computation(name: str, *, dataset: str, label: str):
    def register(func):
        REGISTRY[name] = Computation(name=name, dataset=dataset, label=label, func=func)
        return func

    return register


def choices() -> list[tuple[str, str]]:
    return [(c.name, f"{c.label} ({c.dataset})") for c in sorted(REGISTRY.values(), key=lambda c: c.label)]


def _int(value: str) -> int | None:
    value = value.strip()
    return int(value) if value.lstrip("-").isdigit() else None


# --- What a recipe cannot say. Each mirrors the model solution in jupyterlite/exercise_specs.py. ---


def _distinct_rows(rows: list[dict]) -> list[dict]:
    """Rows without the exact repeats that directly follow an earlier row (double submissions)."""
    kept, previous = [], None
    for row in rows:
        key = tuple(row.values())
        if key != previous:
            kept.append(row)
        previous = key
    return kept


def _money(value: str) -> float:
    return float(value.replace("£", "").replace(",", ""))


def _visits(value: str) -> int | None:
    return _int(value.replace(",", ""))


ROAD_ABBREVIATIONS = {"Str": "Street", "St": "Street", "St.": "Street", "Rd": "Road", "Rd.": "Road"}
ROAD_ABBREVIATIONS |= {"Ln": "Lane", "Ave": "Avenue", "Av.": "Avenue", "Cl": "Close"}


def _road(name: str) -> str:
    stem, _, last = name.strip().rpartition(" ")
    return f"{stem} {ROAD_ABBREVIATIONS.get(last, last)}"


@computation(
    "roads-cleaned",
    dataset="highways-defects",
    label="Number of different roads once suffixes are standardised",
)
def roads_cleaned(rows: list[dict]) -> int:
    return len({_road(row["road"]) for row in rows})


def _county_visits(rows: list[dict]) -> list[int]:
    """Total visits per month, April 2022 to March 2025, in month order."""
    totals: dict[str, int] = {}
    for row in rows:
        if "2022-04" <= row["month"] <= "2025-03":
            totals[row["month"]] = totals.get(row["month"], 0) + (_visits(row["visits"]) or 0)
    return [totals[month] for month in sorted(totals)]


@computation(
    "library-visits-mean",
    dataset="library-usage",
    label="Mean monthly county visits, April 2022 to March 2025",
)
def library_visits_mean(rows: list[dict]) -> float:
    return round(statistics.mean(_county_visits(rows)), 1)


@computation(
    "library-visits-upper-limit",
    dataset="library-usage",
    label="Upper natural process limit (XmR) of monthly county visits, April 2022 to March 2025",
)
def library_visits_upper_limit(rows: list[dict]) -> float:
    values = _county_visits(rows)
    moving_ranges = [abs(b - a) for a, b in zip(values, values[1:], strict=False)]
    return round(statistics.mean(values) + 2.66 * statistics.mean(moving_ranges), 1)


@computation(
    "foi-ci-half-width",
    dataset="foi-requests",
    label="Half-width of the 95% confidence interval for the mean working days (2 dp)",
)
def foi_ci_half_width(rows: list[dict]) -> float:
    days = [int(r["working_days"]) for r in rows]
    return round(1.96 * statistics.stdev(days) / len(days) ** 0.5, 2)


# --- Known mistakes: a wrong answer a learner typically reaches, worked out from the same rows -------
# Registered against the answer source (recipe or computation name) whose right answer they get wrong.
# The demo fills each question's known_wrong_answers from these. The message says what went wrong,
# never what the right answer is.


@dataclass(frozen=True)
class Mistake:
    computation: str
    message: str
    func: Callable[[list[dict]], float | str]


MISTAKES: dict[str, list[Mistake]] = {}


def mistake(computation: str, *, message: str):
    def register(func):
        MISTAKES.setdefault(computation, []).append(Mistake(computation, message, func))
        return func

    return register


@mistake(
    "potholes-count",
    message="That counts every defect, not only potholes: keep the rows whose category is Pothole.",
)
def every_defect(rows: list[dict]) -> int:
    return len(rows)


@mistake(
    "potholes-median-days",
    message="That looks like the mean. The question asks for the median, the middle value "
    "(statistics.median), which long waits do not drag upwards.",
)
def potholes_mean_days(rows: list[dict]) -> float:
    days = [
        _int(r["days_to_repair"]) for r in rows if r["category"] == "Pothole" and r["status"] == "Repaired"
    ]
    return round(statistics.mean(d for d in days if d is not None), 2)


@mistake(
    "spending-highways-total",
    message="That total still includes the payments that appear twice in a row (the same payment "
    "submitted twice): remove the repeated rows first.",
)
def spending_highways_with_repeats(rows: list[dict]) -> float:
    return round(sum(_money(r["amount_gbp"]) for r in rows if r["department"] == "Highways and Transport"), 2)


@mistake(
    "spending-highways-total",
    message="That total leaves out the amounts written like “£1,234.50”: turn them into numbers rather "
    "than skipping them.",
)
def spending_highways_skipping_pounds(rows: list[dict]) -> float:
    rows = _distinct_rows(rows)
    return round(
        sum(
            float(r["amount_gbp"])
            for r in rows
            if r["department"] == "Highways and Transport"
            and "£" not in r["amount_gbp"]
            and "," not in r["amount_gbp"]
        ),
        2,
    )


def known_wrong_answers(source: str, rows: list[dict], right, *, tolerance: float = 0) -> list[dict]:
    """The ``known_wrong_answers`` list for a question answered by ``source`` (a recipe or computation
    name) whose right answer on ``rows`` is ``right``: each registered mistake's value on ``rows``
    (leaving out any that happen to equal the right answer)."""
    found = []
    for entry in MISTAKES.get(source, []):
        value = entry.func(rows)
        if isinstance(value, str) or abs(value - right) > tolerance:
            found.append({"value": value, "tolerance": tolerance, "message": entry.message})
    return found
