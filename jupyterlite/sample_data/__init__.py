"""Sample council datasets, generated deterministically from a seed.

The data is invented: names come from ``names.py`` and figures from seeded distributions shaped like
the returns councils publish. Same seed in, same bytes out (``tests/jupyterlite/test_sample_data.py``).
"""

import csv
import io
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import generators

DEFAULT_SEED = 20240401
LICENCE = "Open Government Licence v3.0 (invented sample data for training)"


@dataclass(frozen=True)
class Column:
    """One column: its name in the CSV header, its type, and what it means."""

    name: str
    type: str  # one of text, integer, decimal, date, month, category
    description: str


@dataclass(frozen=True)
class SampleDataset:
    """A sample dataset: catalogue entry plus the generator that makes its rows."""

    slug: str
    title: str
    description: str
    owner: str
    columns: tuple[Column, ...]
    known_issues: tuple[str, ...]
    generator: Callable[[random.Random], list[list[str]]] = field(repr=False)
    licence: str = LICENCE

    def rows(self, *, seed: int = DEFAULT_SEED) -> list[list[str]]:
        # A string seed is hashed with SHA-512 by random.seed, so it is stable across runs.
        return self.generator(random.Random(f"{seed}:{self.slug}"))  # noqa: S311 - teaching data

    def csv_text(self, *, seed: int = DEFAULT_SEED) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([c.name for c in self.columns])
        writer.writerows(self.rows(seed=seed))
        return buffer.getvalue()


C = Column
DUPLICATES = "Some records appear twice, one straight after the other (the form was submitted twice)."

DATASETS: tuple[SampleDataset, ...] = (
    SampleDataset(
        slug="highways-defects",
        title="Highways defects reported",
        description="Defects in roads and footways reported by the public and found by inspectors, "
        "with how long each took to repair. Potholes rise after winter freeze and thaw.",
        owner="Highways Asset Management",
        columns=(
            C(
                "defect_id",
                "text",
                "Reference given when the defect was logged, HD- and six digits.",
            ),
            C("reported_date", "date", "Date the defect was reported."),
            C("ward", "category", "Electoral ward the road is in."),
            C("road", "text", "Road name as typed when the defect was logged."),
            C("category", "category", "Kind of defect, for example Pothole."),
            C(
                "priority",
                "category",
                "Category 1 (urgent, made safe within 24 hours) or Category 2.",
            ),
            C("reported_via", "category", "How the report reached the council."),
            C(
                "status",
                "category",
                "Repaired, or Open if not repaired by the end of the extract.",
            ),
            C(
                "days_to_repair",
                "integer",
                "Calendar days from report to repair; blank while open.",
            ),
        ),
        known_issues=(
            'Road names are spelt inconsistently: "Smith Street", "Smith Str", "Smith St" and "Smith St." are one road.',
            "About 2% of rows have no defect_id.",
            "A few dates are in UK format (31/01/2023) or long form (31 Jan 2023) instead of ISO 2023-01-31.",
            'About 1% of days_to_repair values are mistyped: a letter O for zero, or "12 days" with the unit.',
            DUPLICATES,
        ),
        generator=generators.highways_defects,
    ),
    SampleDataset(
        slug="fly-tipping",
        title="Fly-tipping incidents",
        description="Fly-tipping incidents recorded by the waste enforcement team, with the type and size "
        "of the waste, the land it was on, the action taken and the cost of clearing it.",
        owner="Waste Enforcement",
        columns=(
            C(
                "incident_id",
                "text",
                "Incident reference, FT, the year and five digits.",
            ),
            C("incident_date", "date", "Date the incident was recorded."),
            C("ward", "category", "Electoral ward."),
            C("land_type", "category", "Kind of land the waste was dumped on."),
            C("waste_type", "category", "Main type of waste."),
            C("size", "category", "Size band used in the national fly-tipping return."),
            C("action_taken", "category", "Enforcement action taken."),
            C(
                "clearance_cost_gbp",
                "decimal",
                "Cost of clearing the waste, in pounds.",
            ),
        ),
        known_issues=(
            "About 3% of rows have no incident_id.",
            'Some ward names differ only in case or a trailing space ("KINGSBRIDGE", "Kingsbridge ").',
            "A few dates are not in ISO format.",
            DUPLICATES,
        ),
        generator=generators.fly_tipping,
    ),
    SampleDataset(
        slug="library-usage",
        title="Library visits and loans by branch and month",
        description="Monthly counts for each library branch and mobile library from April 2017 to March 2025. "
        "Branches closed from April to June 2020; only e-loans continued.",
        owner="Libraries and Heritage",
        columns=(
            C("branch", "category", "Library branch or mobile library."),
            C("month", "month", "Month, as YYYY-MM."),
            C("visits", "integer", "Visits counted by the door counter."),
            C("loans", "integer", "Physical items issued."),
            C(
                "e_loans",
                "integer",
                "E-books and e-audiobooks issued to members of the branch.",
            ),
            C(
                "events",
                "integer",
                "Events and groups held (rhyme time, reading groups, IT help).",
            ),
            C("event_attendees", "integer", "People attending those events."),
        ),
        known_issues=(
            'Kingsbridge Library was renamed "Kingsbridge Library and Hub" in September 2022: one branch, two names.',
            "About 1% of branch months are missing (the return was not submitted).",
            'Some visits are written with a thousands separator ("1,234"), so the column reads as text.',
        ),
        generator=generators.library_usage,
    ),
    SampleDataset(
        slug="foi-requests",
        title="Freedom of Information requests",
        description="Requests made under the Freedom of Information Act 2000, with the department that "
        "answered, the outcome, any exemption applied and the working days taken (the limit is 20).",
        owner="Information Governance",
        columns=(
            C("request_ref", "text", "Request reference."),
            C("received_date", "date", "Date the request was received."),
            C("department", "category", "Department that answered."),
            C("channel", "category", "How the request arrived."),
            C("outcome", "category", "Outcome of the request."),
            C("exemption", "category", "Main exemption applied, if any."),
            C("responded_date", "date", "Date the response was sent."),
            C("working_days", "integer", "Working days from receipt to response."),
            C("within_deadline", "category", "Yes if answered within 20 working days."),
        ),
        known_issues=(
            "About 8% of refused or part-answered requests have no exemption recorded.",
            "A few received dates are not in ISO format.",
            DUPLICATES,
        ),
        generator=generators.foi_requests,
    ),
    SampleDataset(
        slug="adult-social-care-referrals",
        title="Adult social care referrals (anonymised)",
        description="Referrals to adult social care. Anonymised: no names, dates of birth or addresses; "
        "age in bands and area as a locality, so no person can be picked out.",
        owner="Adult Social Care Performance",
        columns=(
            C(
                "referral_id",
                "text",
                "Pseudonymous referral reference (not a case number).",
            ),
            C("referral_date", "date", "Date the referral was received."),
            C("age_band", "category", "Age band of the person referred."),
            C("referral_source", "category", "Who made the referral."),
            C(
                "primary_support_reason",
                "category",
                "Main reason support may be needed.",
            ),
            C("service", "category", "First service provided after the referral."),
            C(
                "locality",
                "category",
                "Locality team (North, South, East, West, Central).",
            ),
            C(
                "waiting_days",
                "integer",
                "Days from referral to the first service starting.",
            ),
        ),
        known_issues=(
            "About 2.5% of rows have no referral_id.",
            'A few age bands are typed differently ("85 +", "75 - 84", a trailing space).',
            "About 1% of waiting_days are negative: the dates were entered the wrong way round.",
            "A few dates are not in ISO format.",
            DUPLICATES,
        ),
        generator=generators.adult_social_care_referrals,
    ),
    SampleDataset(
        slug="spending-over-500",
        title="Spending over £500",
        description="Payments to suppliers of £500 or more, as published under the Local Government "
        "Transparency Code. Negative amounts are credit notes.",
        owner="Finance and Procurement",
        columns=(
            C("transaction_id", "text", "Payment reference."),
            C("payment_date", "date", "Date of payment."),
            C("supplier", "text", "Supplier name as held in the finance system."),
            C("department", "category", "Department that made the payment."),
            C("expense_type", "category", "What the money was spent on."),
            C("amount_gbp", "decimal", "Amount in pounds; negative for a credit note."),
        ),
        known_issues=(
            'One supplier can appear under several names ("Hallam and Price Solicitors LLP", "Hallam & Price Solicitors LLP").',
            'About 1.5% of amounts carry a pound sign and thousands separator ("£1,234.50").',
            "About 0.5% of amounts are under £500 and should not be in the extract.",
            "A few dates are not in ISO format.",
            DUPLICATES,
        ),
        generator=generators.spending_over_500,
    ),
)

BY_SLUG = {d.slug: d for d in DATASETS}


def write_all(directory: Path, *, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write every sample dataset as ``<slug>.csv`` (UTF-8, LF line ends) into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for dataset in DATASETS:
        path = directory / f"{dataset.slug}.csv"
        path.write_bytes(dataset.csv_text(seed=seed).encode())
        paths.append(path)
    return paths
