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
