"""The staff list import: good file, bad file (every problem with its line and column, nothing written), the
preview writes nothing, a second import changes nothing; invitations linked at sign-in; SSO claims; leavers."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from competencies.models import RoleProfile, StaffProfile
from competencies.staff import services
from competencies.staff.importer import StaffImportRejected
from competencies.staff.models import ServiceArea, StaffImport, StaffRecord, Team
from tests.conftest import make_user

HEADER = "Email,Name,Job title,Service area,Team,Line manager email,Role profile code,Start date\n"
GOOD = (
    HEADER
    + "mo.manager@test.gov.uk,Mo Manager,Team manager,Adult Social Care,Reablement,,team-manager,2020-01-06\n"
    + "learner@test.gov.uk,Lee Learner,Adviser,Adult Social Care,Reablement,mo.manager@test.gov.uk,all-staff,\n"
    + "ivy.invite@test.gov.uk,Ivy Invite,Adviser,Highways,Network,mo.manager@test.gov.uk,,15/03/2025\n"
)


@pytest.fixture
def roles(db):
    for code, title in (("team-manager", "Team manager"), ("all-staff", "All staff")):
        RoleProfile.objects.create(code=code, job_title=title, description="x", kind="job", live=True)


def _apply(text: str, actor=None):
    return services.staff_import_apply(data=text.encode(), actor=actor, filename="staff.csv")


@pytest.mark.django_db
def test_a_good_file_creates_records_teams_and_invitations_and_links_existing_accounts(
    roles, learner, hr_user
):
    result = _apply(GOOD, actor=hr_user)
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    assert set(ServiceArea.objects.values_list("name", flat=True)) == {"Adult Social Care", "Highways"}
    assert Team.objects.count() == 2
    lee = StaffRecord.objects.get(email="learner@test.gov.uk")
    assert lee.user == learner and lee.line_manager.email == "mo.manager@test.gov.uk"
    assert lee.team.name == "Reablement" and lee.role_profile.code == "all-staff"
    assert lee.joined_on == timezone.localdate()
    ivy = StaffRecord.objects.get(email="ivy.invite@test.gov.uk")
    assert ivy.is_invitation and ivy.joined_on == datetime.date(2025, 3, 15)
    # The account follows HR's list: job title, service area and the job profile the gap is measured on.
    learner.refresh_from_db()
    assert (learner.job_title, learner.department) == ("Adviser", "Adult Social Care")
    assert StaffProfile.objects.get(user=learner).job_profile.code == "all-staff"
    assert StaffImport.objects.get().uploaded_by == hr_user


@pytest.mark.django_db
def test_a_bad_file_lists_every_problem_by_line_and_column_and_writes_nothing(roles):
    bad = (
        HEADER
        + "not-an-email,Nobody,,,,,,\n"
        + "a@test.gov.uk,,,,Team without area,,,\n"
        + "b@test.gov.uk,Bea,,Finance,Payroll,nobody@test.gov.uk,no-such-role,31-12-2025\n"
        + "a@test.gov.uk,Again,,,,,,\n"
        + "c@test.gov.uk,Cat,,,,c@test.gov.uk,,\n"
    )
    with pytest.raises(StaffImportRejected) as caught:
        _apply(bad)
    errors = caught.value.errors
    assert 'Line 2, column "Email": not-an-email is not an email address.' in errors
    assert 'Line 3, column "Name": Enter the person\'s name.' in errors
    assert 'Line 3, column "Service area": A team needs its service area.' in errors
    assert any(e.startswith("Line 4, column \"Start date\": '31-12-2025'") for e in errors)
    assert 'Line 5, column "Email": a@test.gov.uk is already on line 3.' in errors
    assert 'Line 6, column "Line manager email": A person cannot be their own line manager.' in errors
    assert any(
        e.startswith('Line 4, column "Line manager email": nobody@test.gov.uk is neither') for e in errors
    )
    assert "Line 4, column \"Role profile code\": no job profile has the code 'no-such-role'." in errors
    assert not StaffRecord.objects.exists() and not Team.objects.exists() and not StaffImport.objects.exists()


@pytest.mark.django_db
def test_a_header_without_required_columns_and_non_utf8_are_refused_clearly(roles):
    with pytest.raises(StaffImportRejected) as caught:
        _apply("Mail,Full name\nx@test.gov.uk,X\n")
    assert caught.value.errors[0].startswith("Line 1: the header has no 'Email' or 'Name' column.")
    with pytest.raises(StaffImportRejected) as caught:
        services.staff_import_apply(
            data=(HEADER + "é@test.gov.uk,Zoë\n").encode("latin-1"), actor=None, filename="x.csv"
        )
    assert "not UTF-8" in caught.value.errors[0]
    assert not StaffRecord.objects.exists()


@pytest.mark.django_db
def test_a_management_loop_is_refused(roles):
    loop = HEADER + "a@test.gov.uk,A,,,,b@test.gov.uk,,\nb@test.gov.uk,B,,,,a@test.gov.uk,,\n"
    with pytest.raises(StaffImportRejected) as caught:
        _apply(loop)
    assert any("form a loop" in e for e in caught.value.errors)


@pytest.mark.django_db
def test_the_preview_describes_the_changes_and_writes_nothing(roles, django_assert_max_num_queries):
    _apply(GOOD)
    changed = (
        GOOD.replace("Lee Learner,Adviser", "Lee Learner,Senior adviser").replace(
            "Highways,Network", "Highways,Network South"
        )
        + "new.person@test.gov.uk,New Person,,,,,,\n"
    )
    before = list(StaffRecord.objects.order_by("pk").values())
    with django_assert_max_num_queries(6):
        preview = services.staff_import_preview(data=changed.encode())
    assert (preview.created, preview.updated, preview.unchanged) == (1, 2, 1)
    by_email = {c.row.email: c for c in preview.changes}
    assert by_email["learner@test.gov.uk"].changed_labels == ["job title"]
    assert by_email["ivy.invite@test.gov.uk"].changed_labels == ["team"]
    assert list(StaffRecord.objects.order_by("pk").values()) == before
    assert Team.objects.count() == 2 and StaffImport.objects.count() == 1


@pytest.mark.django_db
def test_importing_the_same_file_again_changes_nothing(roles):
    _apply(GOOD)
    stamps = dict(StaffRecord.objects.values_list("email", "updated_at"))
    again = _apply(GOOD)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert dict(StaffRecord.objects.values_list("email", "updated_at")) == stamps
    assert StaffImport.objects.count() == 1


@pytest.mark.django_db
def test_an_invitation_is_linked_at_first_sign_in_by_email(roles, client):
    _apply(GOOD)
    user = make_user("ivy.invite@test.gov.uk", first_name="Ivy")
    assert StaffRecord.objects.get(email="ivy.invite@test.gov.uk").user is None
    response = client.post(
        "/accounts/login/", {"login": "IVY.INVITE@test.gov.uk", "password": "correct-horse-battery-staple"}
    )
    assert response.status_code == 302
    record = StaffRecord.objects.get(email="ivy.invite@test.gov.uk")
    assert record.user == user
    user.refresh_from_db()
    assert user.department == "Highways"


@pytest.mark.django_db
def test_single_sign_on_claims_fill_team_and_manager_or_make_the_record(roles):
    _apply(GOOD)
    claims = {
        "id_token": {"department": "Highways", "team": "Gritting", "manager_email": "MO.MANAGER@test.gov.uk"}
    }
    # Someone not on HR's list yet: a record from the claims.
    newcomer = make_user("new.starter@test.gov.uk", first_name="Nia", last_name="Starter")
    record = services.staff_record_link(user=newcomer, extra_data=claims)
    assert record.team.name == "Gritting" and record.team.service_area.name == "Highways"
    assert record.line_manager.email == "mo.manager@test.gov.uk" and record.name == "Nia Starter"
    # HR's own entries are not overwritten by the directory.
    ivy = make_user("ivy.invite@test.gov.uk")
    record = services.staff_record_link(user=ivy, extra_data=claims)
    assert record.team.name == "Network" and record.line_manager.email == "mo.manager@test.gov.uk"
    # No claims and no record: nothing is made.
    stranger = make_user("stranger@test.gov.uk")
    assert services.staff_record_link(user=stranger, extra_data={"id_token": {}}) is None


@pytest.mark.django_db
def test_a_leaver_cannot_sign_in_and_is_erased_when_the_retention_period_ends(roles, learner, settings):
    _apply(GOOD)
    lee = StaffRecord.objects.get(email="learner@test.gov.uk")
    ivy = StaffRecord.objects.get(email="ivy.invite@test.gov.uk")
    long_ago = timezone.localdate() - datetime.timedelta(days=settings.ACCOUNT_RETENTION_DAYS + 5)
    services.staff_mark_leaver(record=lee, left_on=long_ago, actor=None)
    services.staff_mark_leaver(record=ivy, left_on=timezone.localdate(), actor=None)
    learner.refresh_from_db()
    assert not learner.is_active
    learner.last_login = timezone.now()  # signed in recently: the account rule alone would keep it
    learner.save(update_fields=["last_login"])
    call_command("erase_inactive_accounts")  # a dry run first: nothing goes
    assert StaffRecord.objects.filter(pk=lee.pk).exists()
    call_command("erase_inactive_accounts", "--yes")
    assert not get_user_model().objects.filter(pk=learner.pk).exists()
    assert not StaffRecord.objects.filter(pk=lee.pk).exists()
    assert StaffRecord.objects.filter(pk=ivy.pk).exists()  # left today: kept for the retention period


@pytest.mark.django_db
def test_hr_uploads_sees_the_preview_then_confirms(roles, hr_user, client_for, learner):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(hr_user)
    upload = SimpleUploadedFile("staff.csv", GOOD.encode(), content_type="text/csv")
    preview = client.post("/admin/staff/import/", {"file": upload})
    body = preview.content.decode()
    assert preview.status_code == 200 and "Nothing has been saved yet." in body and "3 new, 0 changed" in body
    assert not StaffRecord.objects.exists()
    digest = preview.context["digest"]
    done = client.post("/admin/staff/import/", {"confirm": "1", "digest": digest}, follow=True)
    assert "Staff list imported from staff.csv: 3 new" in done.content.decode()
    assert StaffRecord.objects.count() == 3
    stale = client.post("/admin/staff/import/", {"confirm": "1", "digest": digest}, follow=True)
    assert "That preview has expired" in stale.content.decode()


@pytest.mark.django_db
def test_a_bad_upload_shows_its_problems_in_the_admin(roles, hr_user, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("staff.csv", (HEADER + "nope,X\n").encode(), content_type="text/csv")
    response = client_for(hr_user).post("/admin/staff/import/", {"file": upload})
    body = response.content.decode()
    assert (
        "Nothing was imported" in body
        and "Line 2, column &quot;Email&quot;: nope is not an email address." in body
    )
    assert not StaffRecord.objects.exists()


@pytest.mark.django_db
def test_the_command_dry_run_writes_nothing_then_imports(roles, tmp_path):
    from io import StringIO

    path = tmp_path / "staff.csv"
    path.write_text(GOOD, encoding="utf-8")
    out = StringIO()
    call_command("import_staff", str(path), "--dry-run", stdout=out)
    assert "Dry run, nothing written: 3 new" in out.getvalue() and not StaffRecord.objects.exists()
    call_command("import_staff", str(path), stdout=out)
    assert StaffRecord.objects.count() == 3
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "nope,X\n", encoding="utf-8")
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Nothing was imported: 1 problem"):
        call_command("import_staff", str(bad), stdout=out, stderr=StringIO())


@pytest.mark.django_db
def test_hr_lists_staff_and_marks_a_leaver_in_the_admin(roles, hr_user, client_for, learner):
    _apply(GOOD)
    client = client_for(hr_user)
    listing = client.get("/admin/snippets/staff/staffrecord/")
    assert listing.status_code == 200 and "Lee Learner" in listing.content.decode()
    assert "Mark as leaver" in listing.content.decode()
    lee = StaffRecord.objects.get(email="learner@test.gov.uk")
    refused = client.post(f"/admin/staff/{lee.pk}/leaver/", {"left_on": ""})
    assert refused.status_code == 200 and "This field is required." in refused.content.decode()
    lee.refresh_from_db()
    assert lee.left_on is None
    done = client.post(f"/admin/staff/{lee.pk}/leaver/", {"left_on": "2026-03-31"}, follow=True)
    assert "Lee Learner is marked as leaving on 31 March 2026." in done.content.decode()
    lee.refresh_from_db()
    learner.refresh_from_db()
    assert lee.left_on == datetime.date(2026, 3, 31) and not learner.is_active
    assert client.get(f"/admin/staff/{lee.pk}/leaver/").status_code == 404  # already a leaver


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            (HEADER.replace(",Start date", ",Email")).encode(),
            "Line 1: the column 'email' appears more than once",
        ),
        (GOOD.replace("Mo Manager", "Mo\x00Manager").encode(), "Line 2: the file contains NUL bytes"),
        (b"x" * (7 * 1024 * 1024), "The file is 7.0 MB; the largest file accepted is 5 MB."),
    ],
)
def test_duplicated_headers_nul_bytes_and_big_files_are_refused_saying_why(data, message):
    from competencies.staff.importer import parse_staff_csv

    with pytest.raises(StaffImportRejected) as rejected:
        parse_staff_csv(data)
    assert any(message in error for error in rejected.value.errors), rejected.value.errors


@pytest.mark.django_db
def test_a_double_encoded_byte_order_mark_is_not_part_of_the_first_column(roles):
    from competencies.staff.importer import parse_staff_csv

    data = ("\ufeff" + GOOD).encode().decode("cp1252").encode()
    assert len(parse_staff_csv(data)) == 3
