"""Import: the DDaT long CSV and the project's own format; all-or-nothing, idempotent, versioned."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from competencies.importers import ImportRejected, ddat_code
from competencies.levels import Level
from competencies.models import (
    Competency,
    CompetencyArea,
    FrameworkVersion,
    LevelDescriptor,
    RoleProfile,
    RoleRequirement,
)
from competencies.transfer import export_competencies_csv, export_roles_csv, framework_import, parse_files

from .conftest import DATA

DDAT = DATA / "ddat_long.csv"
MODELS = [
    CompetencyArea,
    Competency,
    LevelDescriptor,
    RoleProfile,
    RoleRequirement,
    FrameworkVersion,
    Revision,
]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def import_ddat(data: bytes, name="ddat.csv", user=None):
    return framework_import(parsed=parse_files(fmt="ddat", data=data, filename=name), user=user, source=name)


@pytest.mark.django_db
def test_ddat_import_creates_roles_skills_descriptors_and_a_version(hr_user):
    result = import_ddat(DDAT.read_bytes(), user=hr_user)
    assert result.created == {"areas": 1, "competencies": 12, "role_profiles": 6}
    assert Competency.objects.published().count() == 12
    viz = Competency.objects.get(code=ddat_code("Data visualisation"))
    assert viz.name == "Data visualisation"
    assert sorted(viz.descriptors.values_list("level", flat=True)) == [1, 2, 3, 4]
    working = viz.descriptors.get(level=Level.ENGAGE)
    assert working.indicator_list == [
        "You can build clear, accessible charts with standard tools.",
        "You can choose a chart that fits the question.",
    ]
    principal = RoleProfile.objects.get(job_title="Principal data scientist")
    assert principal.job_family == "Data: Data scientist"
    levels = {r.competency.name: r.level for r in principal.requirements.select_related("competency")}
    assert levels["Applied maths, statistics and scientific practices"] == Level.REASON  # expert
    assert levels["Programming and build (data science)"] == Level.ANALYSE  # practitioner
    assert levels["Data visualisation"] == Level.REASON
    version = FrameworkVersion.objects.get()
    assert version.number == 1 and version.published_by == hr_user
    assert len(version.snapshot["competencies"]) == 12
    # Each object was published as a Wagtail revision by the importing user: history says who changed what.
    assert Revision.objects.filter(user=hr_user).count() == 18


@pytest.mark.django_db
def test_reimporting_the_same_ddat_file_changes_nothing():
    import_ddat(DDAT.read_bytes())
    before = counts()
    result = import_ddat(DDAT.read_bytes())
    assert not result.changed and result.version is None
    assert result.summary() == "No changes: the framework already matches this file."
    assert counts() == before


@pytest.mark.django_db
def test_a_changed_file_updates_in_place_and_records_a_new_version():
    import_ddat(DDAT.read_bytes())
    viz = Competency.objects.get(code=ddat_code("Data visualisation"))
    text = DDAT.read_text().replace(
        "You can build clear, accessible charts with standard tools.",
        "You can build clear, accessible charts and tables with standard tools.",
    )
    text = text.replace(
        "Principal data scientist,Sets the direction", "Principal data scientist,Leads the direction"
    )
    result = import_ddat(text.encode())
    assert result.updated == {"competencies": 1, "role_profiles": 1}
    assert result.created["competencies"] == 0
    viz.refresh_from_db()
    assert "charts and tables" in viz.descriptors.get(level=Level.ENGAGE).indicators
    assert Competency.objects.count() == 12
    assert list(FrameworkVersion.objects.values_list("number", flat=True)) == [2, 1]
    assert viz.revisions.count() == 2


def ddat_rows(**replace_line_3):
    rows = list(csv.reader(io.StringIO(DDAT.read_text())))
    header = rows[0]
    for column, value in replace_line_3.items():
        rows[2][header.index(column)] = value
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode()


BAD_DDAT = {
    "unknown level": (
        ddat_rows(**{"Skill Level": "Guru"}),
        "ddat.csv, line 3, column H (Skill Level): unknown skill level 'Guru'",
    ),
    "missing column": (
        DDAT.read_text().replace(",Skill Level,", ",Skill Grade,", 1).encode(),
        "ddat.csv, line 1: missing column 'Skill Level'",
    ),
    "empty required cell": (
        ddat_rows(**{"Skill Name": ""}),
        "ddat.csv, line 3, column F (Skill Name): this cell is empty",
    ),
    "conflicting duplicate": (
        DDAT.read_bytes() + DDAT.read_bytes().splitlines(keepends=True)[1].replace(b",Working,", b",Expert,"),
        "'Data analysis and synthesis' for role level 'Associate data analyst' is given again at Expert "
        "(line 2 has Working)",
    ),
    "duplicated header": (
        DDAT.read_bytes().replace(b",Role Type", b",Skill Name", 1),
        "ddat.csv, line 1: the column 'Skill Name' appears more than once (columns F, J); keep one.",
    ),
    "NUL bytes": (
        DDAT.read_bytes().replace(b"Data analysts help", b"Data\x00analysts help", 1),
        "ddat.csv, line 2: the file contains NUL bytes",
    ),
    "wrong encoding": (
        DDAT.read_text().replace("Data analysts help", "Data analysts’ help").encode("cp1252"),
        "ddat.csv, line 2: the file is not UTF-8 text",
    ),
    "empty file": (b"", "ddat.csv: the file is empty."),
    "header only": (
        DDAT.read_bytes().splitlines(keepends=True)[0],
        "the file has a header row but no data rows",
    ),
    "50 MB file": (
        b"x" * (50 * 1024 * 1024),
        "ddat.csv: the file is 50.0 MB; the largest file accepted is 5 MB.",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(BAD_DDAT))
def test_every_kind_of_bad_ddat_file_is_rejected_with_nothing_written(kind):
    data, message = BAD_DDAT[kind]
    before = counts()
    with pytest.raises(ImportRejected) as rejected:
        import_ddat(data)
    assert any(message in error for error in rejected.value.errors), rejected.value.errors
    assert counts() == before


OWN_COMPETENCIES = """Area,Area description,Code,Name,Description,Tags,Level,Level summary,Indicators
Quality,About quality,DQ1,Judging data quality,Checks data.,"quality, checks",Understand,Knows bad data exists.,Names good data | Questions odd figures
Quality,About quality,DQ1,Judging data quality,Checks data.,"quality, checks",Engage,Checks their data.,Spots duplicates | Checks dates | Reports problems
"""
OWN_ROLES = """Role code,Kind,Job title,Job family,Service area,Grade,Role description,Competency code,Level,Priority
analyst,job,Analyst,Data,Data and Intelligence,Band 7,Analyses data.,DQ1,Engage,essential
steward,governance,Data steward,Governance,All services,,Stewards data.,,,
"""


def own(competencies=OWN_COMPETENCIES, roles=OWN_ROLES):
    parsed = parse_files(
        fmt="csv",
        data=competencies.encode(),
        filename="competencies.csv",
        roles_data=roles.encode() if roles is not None else None,
        roles_name="roles.csv",
    )
    return framework_import(parsed=parsed, user=None, source="competencies.csv")


@pytest.mark.django_db
def test_own_format_imports_and_round_trips_through_the_export():
    result = own()
    assert result.created == {"areas": 1, "competencies": 1, "role_profiles": 2}
    dq1 = Competency.objects.get(code="DQ1")
    assert sorted(t.name for t in dq1.tags.all()) == ["checks", "quality"]
    assert dq1.descriptors.get(level=Level.ENGAGE).indicator_list == [
        "Spots duplicates",
        "Checks dates",
        "Reports problems",
    ]
    assert RoleProfile.objects.get(code="steward").requirements.count() == 0
    before = counts()
    again = own(export_competencies_csv(), export_roles_csv())
    assert not again.changed, again.summary()
    assert counts() == before


BAD_OWN = {
    "duplicate code": (
        OWN_COMPETENCIES + OWN_COMPETENCIES.splitlines()[2] + "\n",
        "competencies.csv, line 4, column C (Code): duplicate code DQ1 at level Engage (first given on line 3)",
    ),
    "unknown level": (
        OWN_COMPETENCIES.replace(",Engage,", ",Expert,"),
        "competencies.csv, line 3, column G (Level): Unknown level 'Expert'",
    ),
    "too few indicators": (
        OWN_COMPETENCIES.replace("Names good data | Questions odd figures", "Names good data"),
        "competencies.csv, line 2, column I (Indicators): give 2 to 5 indicators",
    ),
    "conflicting name": (
        OWN_COMPETENCIES.replace(
            'DQ1,Judging data quality,Checks data.,"quality, checks",Engage',
            'DQ1,Judging quality,Checks data.,"quality, checks",Engage',
        ),
        "competencies.csv, line 3, column D (Name): competency DQ1 has a different name from line 2",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(BAD_OWN))
def test_bad_own_format_files_are_rejected_with_nothing_written(kind):
    data, message = BAD_OWN[kind]
    with pytest.raises(ImportRejected) as rejected:
        own(data)
    assert any(message in e for e in rejected.value.errors), rejected.value.errors
    assert all(count == 0 for count in counts().values())


@pytest.mark.django_db
def test_a_bad_role_row_rejects_the_competencies_too():
    with pytest.raises(ImportRejected) as rejected:
        own(roles=OWN_ROLES.replace("DQ1,Engage,essential", "XX9,Engage,essential"))
    assert (
        "roles.csv, line 2, column H (Competency code): no competency has the code 'XX9'."
        in rejected.value.errors
    )
    assert Competency.objects.count() == 0


@pytest.mark.django_db
def test_command_imports_reports_and_is_idempotent(tmp_path, hr_user):
    out = io.StringIO()
    call_command("import_framework", str(DDAT), "--format", "ddat", "--user", hr_user.email, stdout=out)
    assert "12 competencies added" in out.getvalue()
    assert "Recorded as framework version 1." in out.getvalue()
    out = io.StringIO()
    call_command("import_framework", str(DDAT), "--format", "ddat", stdout=out)
    assert "No changes" in out.getvalue()
    assert FrameworkVersion.objects.count() == 1


@pytest.mark.django_db
def test_command_rejects_a_bad_file_naming_line_and_column(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(ddat_rows(**{"Skill Level": "Guru"}))
    with pytest.raises(CommandError, match=r"bad.csv, line 3, column H \(Skill Level\)"):
        call_command("import_framework", str(bad), "--format", "ddat")
    assert Competency.objects.count() == 0


@pytest.mark.django_db
def test_command_dry_run_writes_nothing():
    out = io.StringIO()
    call_command("import_framework", str(DDAT), "--format", "ddat", "--dry-run", stdout=out)
    assert "Dry run, nothing written: 12 competencies added" in out.getvalue()
    assert Competency.objects.count() == 0 and FrameworkVersion.objects.count() == 0


# --- The published DDaT file (a stand-in with its shape: data/make_ddat_framework.py) ----------------------

FRAMEWORK = DATA / "ddat_framework.csv"


def test_the_stand_in_for_the_published_file_is_what_its_script_writes_and_has_its_characteristics():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_ddat_framework", DATA / "make_ddat_framework.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    rows = script.shape(script.build(), __import__("random").Random(7))
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(script.COLUMNS)
    writer.writerows(rows)
    assert FRAMEWORK.read_bytes() == buffer.getvalue().encode()
    assert 3200 <= len(rows) <= 3500
    assert sum(1 for r in rows if not r[6]) == 106
    assert len({r[5] for r in rows} - {r[5] for r in rows if r[6]}) == 5
    assert {r[0] for r in rows if r[7] == "NOT IN USE"} == {"Chief digital and data"}
    assert sum(1 for r in rows if r[7] == "NOT IN USE") == 28
    keys = [(r[1], r[3], r[5]) for r in rows]
    assert len(keys) - len(set(keys)) == 13
    assert any("\n" in cell for r in rows for cell in r)
    assert sum(1 for r in rows if not r[9]) > 0.8 * len(rows)


@pytest.mark.django_db
def test_the_published_ddat_file_imports_with_a_report_of_what_was_skipped_merged_and_missing(hr_user):
    out = io.StringIO()
    call_command("import_framework", str(FRAMEWORK), "--format", "ddat", "--user", hr_user.email, stdout=out)
    text = out.getvalue()
    assert "197 competencies added" in text and "244 role profiles added" in text
    assert "28 rows at level NOT IN USE skipped" in text
    assert "13 rows repeated an earlier row exactly and were merged with it" in text
    assert "106 rows have no Skill Description" in text
    assert "5 skills have none on any row and were imported without one: Agile working," in text
    assert Competency.objects.filter(description="").count() == 5
    assert not RoleProfile.objects.filter(job_family__startswith="Chief digital and data").exists()
    # One published revision per object per import, written in bulk, and the whole import is one version.
    comp = Competency.objects.get(code=ddat_code("Agile working"))
    assert comp.live and comp.live_revision_id == comp.latest_revision_id
    assert comp.revisions.count() == 1
    assert Revision.objects.count() == Competency.objects.count() + RoleProfile.objects.count()
    assert FrameworkVersion.objects.count() == 1
    assert comp.revisions.get().as_object().descriptors.count() == comp.descriptors.count() > 0
    again = io.StringIO()
    call_command("import_framework", str(FRAMEWORK), "--format", "ddat", stdout=again)
    assert "No changes" in again.getvalue() and FrameworkVersion.objects.count() == 1


@pytest.mark.django_db
def test_every_problem_in_a_ddat_file_is_reported_in_one_pass():
    rows = list(csv.reader(io.StringIO(DDAT.read_text())))
    header = rows[0]
    rows[2][header.index("Skill Level")] = "Guru"
    rows[3][header.index("Skill Name")] = ""
    rows[4][header.index("Role")] = ""
    conflicting = list(rows[1])
    conflicting[header.index("Skill Level")] = "Expert"
    rows.append(conflicting)
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    before = counts()
    with pytest.raises(ImportRejected) as rejected:
        import_ddat(buffer.getvalue().encode())
    text = "\n".join(rejected.value.errors)
    assert "line 3, column H (Skill Level): unknown skill level 'Guru'" in text
    assert "line 4, column F (Skill Name): this cell is empty" in text
    assert "line 5, column B (Role): this cell is empty" in text
    assert "is given again at Expert (line 2 has Working)" in text
    assert counts() == before


@pytest.mark.django_db
def test_a_big_file_is_refused_with_its_real_size(tmp_path):
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * (50 * 1024 * 1024))
    with pytest.raises(
        CommandError, match=r"big.csv: the file is 50.0 MB; the largest file accepted is 5 MB"
    ):
        call_command("import_framework", str(big), "--format", "ddat")
