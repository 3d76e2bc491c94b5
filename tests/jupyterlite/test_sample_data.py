import csv
import datetime as dt
import io
import statistics

import pytest

from jupyterlite.sample_data import DATASETS, write_all


def test_same_seed_gives_identical_bytes(tmp_path):
    first = [p.read_bytes() for p in write_all(tmp_path / "a", seed=7)]
    second = [p.read_bytes() for p in write_all(tmp_path / "b", seed=7)]
    assert first == second
    assert [p.read_bytes() for p in write_all(tmp_path / "c", seed=8)] != first


@pytest.mark.parametrize("dataset", DATASETS, ids=lambda d: d.slug)
def test_shape_and_documentation(dataset):
    rows = list(csv.DictReader(io.StringIO(dataset.csv_text())))
    assert 2000 <= len(rows) <= 5000
    assert list(rows[0]) == [c.name for c in dataset.columns]
    for column in dataset.columns:
        filled = [r[column.name] for r in rows if r[column.name] != ""]
        assert len(filled) > len(rows) * 0.05, f"{column.name} is (nearly) empty"
        assert column.description
    assert dataset.known_issues and dataset.owner and dataset.licence


def _rows(slug):
    return list(csv.DictReader(io.StringIO(next(d for d in DATASETS if d.slug == slug).csv_text())))


def test_highways_plausible_and_messy():
    rows = _rows("highways-defects")
    days = [int(r["days_to_repair"]) for r in rows if r["days_to_repair"].isdigit()]
    assert min(days) >= 1 and max(days) < 400 and 3 <= statistics.median(days) <= 40
    roads = {r["road"] for r in rows}
    assert any(r.startswith("Smith Str") and not r.endswith("Street") for r in roads)  # "Smith Str" variants
    assert sum(r["defect_id"] == "" for r in rows) > 10
    assert len({tuple(r.values()) for r in rows}) < len(rows)  # duplicates present
    assert any("/" in r["reported_date"] for r in rows)  # inconsistent dates
    assert any(r["days_to_repair"] and not r["days_to_repair"].isdigit() for r in rows)  # mistyped numbers
    winter = sum(r["category"] == "Pothole" and r["reported_date"][5:7] in ("01", "02") for r in rows)
    summer = sum(r["category"] == "Pothole" and r["reported_date"][5:7] in ("07", "08") for r in rows)
    assert winter > summer


def test_spending_and_library_plausible():
    amounts = [
        float(r["amount_gbp"]) for r in _rows("spending-over-500") if not r["amount_gbp"].startswith("£")
    ]
    assert sum(a >= 500 for a in amounts) / len(amounts) > 0.95
    assert max(amounts) <= 480_000
    library = _rows("library-usage")
    closed = [r for r in library if r["month"] == "2020-05"]
    assert closed and all(r["visits"] == "0" for r in closed)
    assert {"Kingsbridge Library", "Kingsbridge Library and Hub"} <= {r["branch"] for r in library}
    dates = [r["received_date"] for r in _rows("foi-requests") if r["received_date"][4:5] == "-"]
    assert min(dt.date.fromisoformat(d) for d in dates) >= dt.date(2022, 4, 1)


def test_social_care_is_anonymised():
    rows = _rows("adult-social-care-referrals")
    assert set(rows[0]) == {
        "referral_id",
        "referral_date",
        "age_band",
        "referral_source",
        "primary_support_reason",
        "service",
        "locality",
        "waiting_days",
    }
    assert {r["locality"] for r in rows} == {"North", "South", "East", "West", "Central"}
