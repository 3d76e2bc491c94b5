"""Row generators for the sample council datasets.

Each generator takes a seeded ``random.Random`` and returns a list of rows (lists of strings), in the
column order of its ``SampleDataset``. Data-quality problems are injected on purpose and documented
in ``catalogue.py``; keep the two in step.
"""

import datetime as dt
import random

from .names import (
    LIBRARY_BRANCHES,
    ROAD_STEMS,
    ROAD_SUFFIXES,
    SUPPLIERS,
    WARD_WEIGHTS,
    WARDS,
)

START = dt.date(2022, 4, 1)  # financial year 2022/23 onwards
DAYS = 3 * 365


def _date(rng: random.Random, *, days: int = DAYS, start: dt.date = START) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(days))


def _messy_date(rng: random.Random, day: dt.date, *, rate: float) -> str:
    """ISO date, except for a share typed by hand in UK or long form."""
    if rng.random() >= rate:
        return day.isoformat()
    return day.strftime(rng.choice(("%d/%m/%Y", "%d-%m-%y", "%d %b %Y")))


def _ward(rng: random.Random) -> str:
    return rng.choices(WARDS, weights=WARD_WEIGHTS)[0]


def _roads(rng: random.Random) -> list[tuple[str, str]]:
    """Fixed road list for this dataset: (stem + suffix, ward)."""
    roads = []
    for stem in ROAD_STEMS:
        for suffix in rng.sample(sorted(ROAD_SUFFIXES), k=2):
            roads.append((f"{stem} {suffix}", _ward(rng)))
    return roads


def _abbreviate(rng: random.Random, road: str, *, rate: float) -> str:
    """Spell the suffix the way a hurried person would ("Smith Street" -> "Smith Str")."""
    stem, suffix = road.rsplit(" ", 1)
    if ROAD_SUFFIXES[suffix] and rng.random() < rate:
        return f"{stem} {rng.choice(ROAD_SUFFIXES[suffix])}"
    return road


def _duplicate_some(rng: random.Random, rows: list[list[str]], *, rate: float) -> list[list[str]]:
    """Insert exact copies of some rows right after the original (double submissions)."""
    out = []
    for row in rows:
        out.append(row)
        if rng.random() < rate:
            out.append(list(row))
    return out


def _working_days(start: dt.date, end: dt.date) -> int:
    days, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        days += day.weekday() < 5
    return days


def highways_defects(rng: random.Random) -> list[list[str]]:
    roads = _roads(rng)
    categories = (
        ("Pothole", 46, 9),
        ("Carriageway crack", 14, 30),
        ("Footway trip hazard", 12, 14),
        ("Blocked gully or drain", 11, 10),
        ("Worn road marking", 9, 45),
        ("Damaged sign", 8, 21),
    )
    rows = []
    for number in range(1, 3201):
        day = _date(rng)
        # Winter freeze-thaw: more potholes from December to March.
        category, _, median_days = rng.choices(
            categories,
            weights=[
                w * (1.8 if i == 0 and day.month in (12, 1, 2, 3) else 1)
                for i, (_, w, _) in enumerate(categories)
            ],
        )[0]
        road, ward = rng.choice(roads)
        urgent = category != "Worn road marking" and rng.random() < 0.12
        days = 1 if urgent else max(1, round(rng.lognormvariate(0, 0.6) * median_days))
        repaired = day + dt.timedelta(days=days)
        open_case = repaired > START + dt.timedelta(days=DAYS)
        days_text = "" if open_case else str(days)
        if days_text and rng.random() < 0.01:
            days_text = days_text.replace("0", "O") if "0" in days_text else f"{days_text} days"
        defect_id = "" if rng.random() < 0.02 else f"HD-{number:06d}"
        rows.append(
            [
                defect_id,
                _messy_date(rng, day, rate=0.04),
                ward,
                _abbreviate(rng, road, rate=0.18),
                category,
                "Category 1 (urgent)" if urgent else "Category 2",
                rng.choices(
                    ("Online form", "Phone", "App", "Inspector"),
                    weights=(45, 20, 20, 15),
                )[0],
                "Open" if open_case else "Repaired",
                days_text,
            ]
        )
    return _duplicate_some(rng, rows, rate=0.015)


def fly_tipping(rng: random.Random) -> list[list[str]]:
    wastes = (
        ("Black bags - household", 30),
        ("Other household waste", 24),
        ("White goods", 6),
        ("Construction, demolition and excavation", 12),
        ("Green waste", 9),
        ("Tyres", 5),
        ("Vehicle parts", 3),
        ("Asbestos", 1),
        ("Other commercial waste", 10),
    )
    sizes = (
        ("Single black bag", 8, 35),
        ("Single item", 14, 45),
        ("Car boot or less", 30, 70),
        ("Small van load", 28, 140),
        ("Transit van load", 14, 260),
        ("Tipper lorry load", 5, 820),
        ("Significant/multi loads", 1, 3100),
    )
    lands = (
        "Highway",
        "Footpath/bridleway",
        "Back alleyway",
        "Council land",
        "Private-residential",
        "Agricultural",
    )
    actions = (
        ("Investigated", 40),
        ("Warning letter", 16),
        ("Statutory notice", 6),
        ("Fixed penalty notice", 8),
        ("Prosecution", 1),
        ("No action", 29),
    )
    rows = []
    for number in range(1, 2901):
        day = _date(rng)
        size, _, cost = rng.choices(sizes, weights=[s[1] for s in sizes])[0]
        ward = _ward(rng)
        if rng.random() < 0.03:
            ward = rng.choice((ward.upper(), f"{ward} ", ward.lower()))
        rows.append(
            [
                "" if rng.random() < 0.03 else f"FT{day.year}-{number:05d}",
                _messy_date(rng, day, rate=0.03),
                ward,
                rng.choices(lands, weights=(46, 9, 12, 15, 10, 8))[0],
                rng.choices([w for w, _ in wastes], weights=[w for _, w in wastes])[0],
                size,
                rng.choices([a for a, _ in actions], weights=[w for _, w in actions])[0],
                f"{cost * rng.uniform(0.7, 1.4):.2f}",
            ]
        )
    return _duplicate_some(rng, rows, rate=0.01)


def library_usage(rng: random.Random) -> list[list[str]]:
    rows = []
    first = dt.date(2017, 4, 1)
    for name, size in LIBRARY_BRANCHES:
        trend = rng.uniform(-0.04, 0.01)  # visits drift down a little each year
        for index in range(96):
            month = dt.date(
                first.year + (first.month - 1 + index) // 12,
                (first.month - 1 + index) % 12 + 1,
                1,
            )
            if dt.date(2020, 4, 1) <= month <= dt.date(2020, 6, 1):
                rows.append(
                    [
                        name,
                        month.strftime("%Y-%m"),
                        "0",
                        "0",
                        str(round(900 * size * rng.uniform(1.6, 2.2))),
                        "0",
                        "0",
                    ]
                )
                continue
            if rng.random() < 0.01:
                continue  # month missing: return not submitted
            covid = 0.45 if dt.date(2020, 7, 1) <= month <= dt.date(2021, 6, 1) else 1.0
            seasonal = 1.12 if month.month in (7, 8) else 0.88 if month.month == 12 else 1.0
            base = 6000 * size * (1 + trend) ** (index / 12) * covid * seasonal
            visits = round(base * rng.uniform(0.9, 1.1))
            loans = round(visits * rng.uniform(0.55, 0.8))
            e_loans = round(700 * size * (1.05 + index / 60) * rng.uniform(0.9, 1.1))
            events = 0 if covid < 1 else rng.randint(2, 6 + round(10 * size))
            attendees = sum(rng.randint(4, 30) for _ in range(events))
            visits_text = f"{visits:,}" if rng.random() < 0.015 else str(visits)
            branch = (
                "Kingsbridge Library and Hub"
                if name == "Kingsbridge Library" and month >= dt.date(2022, 9, 1)
                else name
            )
            rows.append(
                [
                    branch,
                    month.strftime("%Y-%m"),
                    visits_text,
                    str(loans),
                    str(e_loans),
                    str(events),
                    str(attendees),
                ]
            )
    return rows


def foi_requests(rng: random.Random) -> list[list[str]]:
    departments = (
        ("Adult Social Care", 14, 0.25),
        ("Children's Services", 16, 0.3),
        ("Highways and Transport", 18, 0.1),
        ("Environment and Waste", 10, 0.1),
        ("Finance and Procurement", 15, 0.15),
        ("HR and Organisational Development", 8, 0.2),
        ("Education", 11, 0.15),
        ("Chief Executive's Office", 8, 0.1),
    )
    outcomes = (
        ("Information provided in full", 55),
        ("Information provided in part", 17),
        ("Refused", 11),
        ("Information not held", 13),
        ("Withdrawn", 4),
    )
    exemptions = (
        "s40 Personal information",
        "s43 Commercial interests",
        "s21 Reasonably accessible",
        "s12 Cost limit",
        "s31 Law enforcement",
        "s14 Vexatious",
    )
    rows = []
    for number in range(1, 2801):
        received = _date(rng)
        department, _, sensitivity = rng.choices(departments, weights=[d[1] for d in departments])[0]
        outcome = rng.choices([o for o, _ in outcomes], weights=[w for _, w in outcomes])[0]
        days = max(1, round(rng.gauss(14 + 12 * sensitivity, 6)))
        responded = received
        for _ in range(days):
            responded += dt.timedelta(days=1)
            while responded.weekday() >= 5:
                responded += dt.timedelta(days=1)
        exemption = ""
        if outcome in ("Refused", "Information provided in part"):
            exemption = "" if rng.random() < 0.08 else rng.choice(exemptions)
        working = _working_days(received, responded)
        rows.append(
            [
                f"FOI-{received.year}-{number:05d}",
                _messy_date(rng, received, rate=0.02),
                department,
                rng.choices(
                    ("Email", "Web form", "Post", "WhatDoTheyKnow"),
                    weights=(40, 30, 5, 25),
                )[0],
                outcome,
                exemption,
                responded.isoformat(),
                str(working),
                "Yes" if working <= 20 else "No",
            ]
        )
    return _duplicate_some(rng, rows, rate=0.01)


def adult_social_care_referrals(rng: random.Random) -> list[list[str]]:
    ages = (
        ("18-24", 4),
        ("25-44", 10),
        ("45-64", 17),
        ("65-74", 17),
        ("75-84", 26),
        ("85+", 26),
    )
    sources = (
        ("GP", 18),
        ("Hospital discharge", 27),
        ("Self-referral", 15),
        ("Family, friend or carer", 19),
        ("Police", 4),
        ("Housing", 6),
        ("Community health", 11),
    )
    reasons = (
        ("Physical support", 52),
        ("Memory and cognition", 16),
        ("Learning disability", 7),
        ("Mental health", 11),
        ("Sensory support", 4),
        ("Social support", 10),
    )
    services = (
        ("Information and advice", 28, 3),
        ("Reablement", 22, 6),
        ("Home care", 20, 18),
        ("Day services", 7, 24),
        ("Residential care", 8, 21),
        ("Assessment only", 15, 12),
    )
    localities = ("North", "South", "East", "West", "Central")
    rows = []
    for number in range(1, 3801):
        day = _date(rng)
        age = rng.choices([a for a, _ in ages], weights=[w for _, w in ages])[0]
        service, _, median_wait = rng.choices(services, weights=[s[1] for s in services])[0]
        wait = round(rng.lognormvariate(0, 0.7) * median_wait)
        if rng.random() < 0.01:
            age = rng.choice(("85 +", "75 - 84", "65-74 "))
        rows.append(
            [
                "" if rng.random() < 0.025 else f"ASC{number + 40000:06d}",
                _messy_date(rng, day, rate=0.03),
                age,
                rng.choices([s for s, _ in sources], weights=[w for _, w in sources])[0],
                rng.choices([r for r, _ in reasons], weights=[w for _, w in reasons])[0],
                service,
                rng.choice(localities),
                str(wait) if rng.random() > 0.01 else str(-wait - 1),
            ]
        )
    return _duplicate_some(rng, rows, rate=0.012)


def spending_over_500(rng: random.Random) -> list[list[str]]:
    departments = (
        (
            "Adult Social Care",
            ("Residential care placements", "Home care", "Supported living"),
            28,
        ),
        ("Children's Services", ("Foster care", "Agency staff", "Legal fees"), 20),
        (
            "Highways and Transport",
            ("Highway maintenance", "Street lighting", "Vehicle hire"),
            18,
        ),
        ("Environment and Waste", ("Waste disposal", "Grounds maintenance"), 12),
        (
            "Corporate Services",
            (
                "IT software and licences",
                "Office supplies",
                "Printing",
                "Energy",
                "Catering",
            ),
            12,
        ),
        ("Education", ("Training and courses", "School transport"), 10),
    )
    by_expense = {
        "Residential care placements": (1, 21),
        "Home care": (4, 14),
        "Supported living": (14,),
        "Foster care": (17,),
        "Agency staff": (20,),
        "Legal fees": (7,),
        "Highway maintenance": (0, 8),
        "Street lighting": (23,),
        "Vehicle hire": (5, 11),
        "Waste disposal": (6,),
        "Grounds maintenance": (18,),
        "IT software and licences": (3, 22),
        "Office supplies": (12,),
        "Printing": (16,),
        "Energy": (10,),
        "Catering": (19,),
        "Training and courses": (9, 15),
        "School transport": (11,),
    }
    rows = []
    for number in range(1, 4201):
        day = _date(rng)
        department, expenses, _ = rng.choices(departments, weights=[d[2] for d in departments])[0]
        expense = rng.choice(expenses)
        canonical, variants = SUPPLIERS[rng.choice(by_expense[expense])]
        supplier = rng.choice(variants) if variants and rng.random() < 0.2 else canonical
        amount = min(500 + rng.paretovariate(1.3) * 400, 480_000)
        if rng.random() < 0.02:
            amount = -amount  # credit note
        amount_text = f"{amount:.2f}"
        roll = rng.random()
        if roll < 0.015:
            amount_text = f"£{amount:,.2f}"
        elif roll < 0.02:
            amount_text = f"{rng.uniform(50, 499):.2f}"  # below the threshold: should not be here
        rows.append(
            [
                f"TX{number + 700000:07d}",
                _messy_date(rng, day, rate=0.03),
                supplier,
                department,
                expense,
                amount_text,
            ]
        )
    return _duplicate_some(rng, rows, rate=0.012)
