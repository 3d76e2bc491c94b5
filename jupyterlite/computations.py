"""Named computations that work out a question's expected answer from a dataset, on the server.

Register one with ``@computation("name", dataset="slug", label="...")``; it receives the dataset's rows
(dicts of strings, exactly as in the CSV) and returns the answer. Admins pick it by label.
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


@computation("potholes-count", dataset="highways-defects", label="Number of pothole rows")
def potholes_count(rows: list[dict]) -> int:
    return sum(row["category"] == "Pothole" for row in rows)


@computation(
    "potholes-median-days",
    dataset="highways-defects",
    label="Median days to repair a pothole (repaired rows with a clean number)",
)
def potholes_median_days(rows: list[dict]) -> float:
    days = [
        _int(r["days_to_repair"]) for r in rows if r["category"] == "Pothole" and r["status"] == "Repaired"
    ]
    return statistics.median(d for d in days if d is not None)


@computation(
    "fly-tipping-duplicate-rows", dataset="fly-tipping", label="Number of rows that repeat an earlier row"
)
def fly_tipping_duplicates(rows: list[dict]) -> int:
    seen, repeats = set(), 0
    for row in rows:
        key = tuple(row.values())
        repeats += key in seen
        seen.add(key)
    return repeats


@computation(
    "foi-within-deadline-percent",
    dataset="foi-requests",
    label="Percentage of FOI rows answered within 20 working days",
)
def foi_within_deadline(rows: list[dict]) -> float:
    return round(100 * sum(r["within_deadline"] == "Yes" for r in rows) / len(rows), 1)


@computation(
    "library-busiest-branch-2019",
    dataset="library-usage",
    label="Branch with the most visits in calendar year 2019",
)
def library_busiest_2019(rows: list[dict]) -> str:
    totals: dict[str, int] = {}
    for row in rows:
        visits = _int(row["visits"].replace(",", ""))
        if row["month"].startswith("2019-") and visits is not None:
            totals[row["branch"]] = totals.get(row["branch"], 0) + visits
    return max(sorted(totals), key=totals.__getitem__)


# --- Curriculum exercises (learning/curriculum). Each mirrors the model solution in jupyterlite/demo.py. ---


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


@computation("fly-tipping-missing-id", dataset="fly-tipping", label="Number of rows with no incident_id")
def fly_tipping_missing_id(rows: list[dict]) -> int:
    return sum(row["incident_id"].strip() == "" for row in rows)


@computation(
    "spending-highways-total",
    dataset="spending-over-500",
    label="Total spent by Highways and Transport, repeats removed, amounts cleaned (pounds, 2 dp)",
)
def spending_highways_total(rows: list[dict]) -> float:
    rows = _distinct_rows(rows)
    return round(sum(_money(r["amount_gbp"]) for r in rows if r["department"] == "Highways and Transport"), 2)


@computation(
    "spending-top-department",
    dataset="spending-over-500",
    label="Department with the largest total spend, repeats removed, amounts cleaned",
)
def spending_top_department(rows: list[dict]) -> str:
    totals: dict[str, float] = {}
    for row in _distinct_rows(rows):
        totals[row["department"]] = totals.get(row["department"], 0) + _money(row["amount_gbp"])
    return max(sorted(totals), key=totals.__getitem__)


ROAD_ABBREVIATIONS = {"Str": "Street", "St": "Street", "St.": "Street", "Rd": "Road", "Rd.": "Road"}
ROAD_ABBREVIATIONS |= {"Ln": "Lane", "Ave": "Avenue", "Av.": "Avenue", "Cl": "Close"}


def _road(name: str) -> str:
    stem, _, last = name.strip().rpartition(" ")
    return f"{stem} {ROAD_ABBREVIATIONS.get(last, last)}"


@computation("roads-as-typed", dataset="highways-defects", label="Number of different road names as typed")
def roads_as_typed(rows: list[dict]) -> int:
    return len({row["road"] for row in rows})


@computation(
    "roads-cleaned",
    dataset="highways-defects",
    label="Number of different roads once suffixes are standardised",
)
def roads_cleaned(rows: list[dict]) -> int:
    return len({_road(row["road"]) for row in rows})


@computation(
    "smith-street-defects",
    dataset="highways-defects",
    label="Defects on Smith Street, counting every spelling of the road",
)
def smith_street_defects(rows: list[dict]) -> int:
    return sum(_road(row["road"]) == "Smith Street" for row in rows)


def _home_care_waits(rows: list[dict]) -> list[dict]:
    return [r for r in rows if r["service"] == "Home care" and (_int(r["waiting_days"]) or 0) >= 0]


@computation(
    "asc-home-care-median-wait",
    dataset="adult-social-care-referrals",
    label="Median days waiting for home care (negative waits left out)",
)
def asc_home_care_median_wait(rows: list[dict]) -> float:
    return statistics.median(_int(r["waiting_days"]) for r in _home_care_waits(rows))


@computation(
    "asc-hospital-discharge-percent",
    dataset="adult-social-care-referrals",
    label="Percentage of referrals from hospital discharge (1 dp)",
)
def asc_hospital_discharge_percent(rows: list[dict]) -> float:
    return round(100 * sum(r["referral_source"] == "Hospital discharge" for r in rows) / len(rows), 1)


def _locality_medians(rows: list[dict]) -> dict[str, float]:
    waits: dict[str, list[int]] = {}
    for row in _home_care_waits(rows):
        waits.setdefault(row["locality"], []).append(_int(row["waiting_days"]))
    return {locality: statistics.median(values) for locality, values in sorted(waits.items())}


@computation(
    "home-care-slowest-locality",
    dataset="adult-social-care-referrals",
    label="Locality with the longest median wait for home care",
)
def home_care_slowest_locality(rows: list[dict]) -> str:
    medians = _locality_medians(rows)
    return max(medians, key=medians.__getitem__)


@computation(
    "home-care-median-gap",
    dataset="adult-social-care-referrals",
    label="Days between the longest and shortest locality median waits for home care",
)
def home_care_median_gap(rows: list[dict]) -> float:
    medians = _locality_medians(rows).values()
    return max(medians) - min(medians)


@computation(
    "kingsbridge-visits-2023",
    dataset="library-usage",
    label="Visits to Kingsbridge (under both names) in calendar year 2023",
)
def kingsbridge_visits_2023(rows: list[dict]) -> int:
    return sum(
        _visits(r["visits"]) or 0
        for r in rows
        if r["branch"].startswith("Kingsbridge Library") and r["month"].startswith("2023-")
    )


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


@computation("foi-mean-working-days", dataset="foi-requests", label="Mean working days to respond (2 dp)")
def foi_mean_working_days(rows: list[dict]) -> float:
    return round(statistics.mean(int(r["working_days"]) for r in rows), 2)


@computation(
    "foi-ci-half-width",
    dataset="foi-requests",
    label="Half-width of the 95% confidence interval for the mean working days (2 dp)",
)
def foi_ci_half_width(rows: list[dict]) -> float:
    days = [int(r["working_days"]) for r in rows]
    return round(1.96 * statistics.stdev(days) / len(days) ** 0.5, 2)


# --- Known mistakes: a wrong answer a learner typically reaches, worked out from the same rows -------
# Registered against the computation whose right answer they get wrong. The demo fills each question's
# known_wrong_answers from these (a later answer "recipe" can do the same). The message says what went
# wrong, never what the right answer is.


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


def known_wrong_answers(computation: str, rows: list[dict], *, tolerance: float = 0) -> list[dict]:
    """The ``known_wrong_answers`` list for a question answered by ``computation``: each registered
    mistake's value on ``rows`` (leaving out any that happen to equal the right answer)."""
    right = REGISTRY[computation].func(rows)
    found = []
    for entry in MISTAKES.get(computation, []):
        value = entry.func(rows)
        if isinstance(value, str) or abs(value - right) > tolerance:
            found.append({"value": value, "tolerance": tolerance, "message": entry.message})
    return found
