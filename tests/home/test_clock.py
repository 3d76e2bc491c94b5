"""Times in GOV.UK style ("8:03pm", "9am", "midday") and <time datetime> values to the second (issue 18.10, 18.14)."""

import datetime
import zoneinfo

import pytest

from home.templatetags.academy import clock, html_datetime

UTC = datetime.UTC


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.time(20, 3), "8:03pm"),
        (datetime.time(9, 0), "9am"),
        (datetime.time(12, 0), "midday"),
        (datetime.time(0, 0), "midnight"),
        (datetime.time(0, 30), "12:30am"),
        (datetime.time(12, 45), "12:45pm"),
        (datetime.datetime(2026, 7, 1, 19, 3, tzinfo=UTC), "8:03pm"),  # shown in UK time (BST)
        (None, ""),
    ],
)
def test_clock(value, expected, settings):
    settings.TIME_ZONE = "Europe/London"
    assert clock(value) == expected


def test_html_datetime_drops_microseconds():
    value = datetime.datetime(2026, 12, 2, 20, 3, 4, 123456, tzinfo=zoneinfo.ZoneInfo("Europe/London"))
    assert html_datetime(value) == "2026-12-02T20:03:04+00:00"
    assert html_datetime(datetime.date(2026, 12, 2)) == "2026-12-02"
    assert html_datetime(None) == ""
