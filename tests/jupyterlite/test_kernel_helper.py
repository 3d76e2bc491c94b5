"""The kernel helper's pandas and altair parts, in plain CPython (the lab runs the same code in Pyodide):
load_frame() applies the catalogue's column types and says what did not fit, and altair charts come out
as Vega-Lite 5 for the lab's own renderer."""

import sys
from pathlib import Path

import pytest

from jupyterlite.sample_data import BY_SLUG

KERNEL_HELPER = Path(__file__).resolve().parents[2] / "jupyterlite" / "kernel_helper"
pd = pytest.importorskip("pandas")


@pytest.fixture
def academy(monkeypatch):
    monkeypatch.syspath_prepend(str(KERNEL_HELPER))
    for name in [m for m in sys.modules if m == "academy" or m.startswith("academy.")]:
        monkeypatch.delitem(sys.modules, name)
    import academy

    return academy


def columns(slug):
    return [{"name": c.name, "type": c.type} for c in BY_SLUG[slug].columns]


def test_load_frame_applies_the_catalogue_types(academy, monkeypatch):
    text = BY_SLUG["spending-over-500"].csv_text()
    monkeypatch.setitem(academy._cache, "spending-over-500", text)
    monkeypatch.setattr(academy, "_get_json", lambda url: (200, {"columns": columns("spending-over-500")}))
    notes = []
    monkeypatch.setattr("builtins.print", lambda *args: notes.append(" ".join(map(str, args))))
    frame = academy.load_frame("spending-over-500")
    assert str(frame["amount_gbp"].dtype) == "Float64" and str(frame["department"].dtype) == "category"
    assert str(frame["payment_date"].dtype).startswith("datetime64")
    # "£1,234.50" amounts are numbers, as in a spreadsheet; none is lost.
    assert frame["amount_gbp"].notna().all() and len(frame) == text.count("\n") - 1
    # Dates in neither accepted format are missing and reported with an example.
    assert frame["payment_date"].isna().sum() > 0
    assert "payment_date:" in notes[0] and "read as missing" in notes[0]


def test_convert_each_type(academy):
    from academy.frames import convert

    values = pd.Series(["12", "£1,200", "x", None])
    assert convert(pd, values, "integer").tolist()[:2] == [12, 1200]
    assert convert(pd, values, "integer").isna().tolist() == [False, False, True, True]
    dates = convert(pd, pd.Series(["2024-03-31", "31/03/2024", "March"]), "date")
    assert dates.iloc[0] == dates.iloc[1] == pd.Timestamp("2024-03-31") and pd.isna(dates.iloc[2])
    months = convert(pd, pd.Series(["2024-03", "2024-13"]), "month")
    assert str(months.iloc[0]) == "2024-03" and pd.isna(months.iloc[1])


def test_frame_reads_back_from_excel(academy, tmp_path):
    """openpyxl is in the lab so pandas.read_excel works on .xlsx files."""
    pytest.importorskip("openpyxl")
    from academy.frames import frame_from_csv

    frame = frame_from_csv("ward,count\nNorth,3\nSouth,5\n", [{"name": "count", "type": "integer"}])
    path = tmp_path / "wards.xlsx"
    frame.to_excel(path, index=False)
    assert pd.read_excel(path)["count"].sum() == 8


def test_altair_charts_render_as_vegalite_5(academy):
    alt = pytest.importorskip("altair")
    chart = (
        alt.Chart(pd.DataFrame({"department": ["A", "B"], "total": [1, 2]}))
        .mark_bar()
        .encode(x="department", y="total")
    )
    bundle = chart._repr_mimebundle_()
    bundle = bundle[0] if isinstance(bundle, tuple) else bundle
    spec = bundle["application/vnd.vegalite.v5+json"]
    assert spec["mark"]["type"] == "bar" and spec["$schema"].endswith("/v5.json")
    assert not any("v6" in key or key == "text/html" for key in bundle)


def test_pandas_autoload_transform_only_acts_for_load_frame(academy):
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from academy import frames

    lines = ["x = 1\n"]
    # In its own thread: a browser test's Playwright may have left an event loop running in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(asyncio.run, frames._pandas_before_load_frame(lines)).result() is lines
    assert frames._LOAD_FRAME_CALL.search('df = load_frame("spending-over-500")')
    assert not frames._LOAD_FRAME_CALL.search("from academy import load_frame")


def test_load_dataset_asks_for_the_version_the_exercise_uses(academy, monkeypatch):
    asked = []

    def fake_request(method, url, **kwargs):
        asked.append(url)
        return 200, "a\n1\n" if "version=" in url else "a\n2\n"

    monkeypatch.setattr(academy, "_request", fake_request)
    monkeypatch.setattr(academy, "_cache", {})
    assert academy.load_dataset("x", version=1) == [{"a": "1"}]
    assert academy.load_dataset("x") == [{"a": "2"}]
    assert academy.load_dataset("x", version=1) == [{"a": "1"}]  # cached per version
    assert asked == ["/datasets/x.csv?version=1", "/datasets/x.csv"]
