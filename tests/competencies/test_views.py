"""Pages and permissions per role: reading the framework, My role, self-assessment, admin authoring."""

import pytest
from django.urls import reverse

from competencies.levels import Level
from competencies.models import FrameworkVersion, RoleProfile, SelfAssessment, StaffProfile
from competencies.services import evidence_record, staff_profile_set

READ_URLS = [
    "/framework/",
    "/framework/roles/",
    "/framework/roles/analyst/",
    "/framework/roles/analyst/print/",
    "/framework/competencies/DQ1/",
    "/framework/versions/",
    "/my-role/",
    "/my-role/gap/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", READ_URLS)
def test_anonymous_visitors_are_sent_to_sign_in(client, small_framework, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
@pytest.mark.parametrize("url", READ_URLS)
@pytest.mark.parametrize("who", ["learner", "champion", "hr_user", "admin_user"])
def test_everyone_signed_in_reads_the_published_framework(request, client_for, small_framework, url, who):
    response = client_for(request.getfixturevalue(who)).get(url)
    assert response.status_code == 200


@pytest.mark.django_db
def test_drafts_are_not_shown_to_readers(client_for, learner, small_framework):
    RoleProfile.objects.filter(code="analyst").update(live=False)
    assert client_for(learner).get("/framework/roles/analyst/").status_code == 404
    assert "Analyst" not in client_for(learner).get("/framework/roles/").content.decode()


@pytest.mark.django_db
def test_framework_page_filters_by_words(client_for, learner, small_framework):
    page = client_for(learner).get("/framework/", {"q": "charts"}).content.decode()
    assert "VC1 Reading charts" in page and "DQ1 Judging" not in page


@pytest.mark.django_db
def test_role_exports_are_csv(client_for, learner, small_framework):
    response = client_for(learner).get("/framework/roles/analyst/requirements.csv")
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode()
    assert "analyst,job,Analyst" in body and "AN1,Analyse,essential" in body
    assert client_for(learner).get("/framework/export/competencies.csv").status_code == 200


@pytest.mark.django_db
def test_learner_chooses_profiles_on_my_role(client_for, learner, small_framework):
    c = client_for(learner)
    response = c.post(
        "/my-role/",
        {
            "job_profile": small_framework["analyst"].pk,
            "governance_profiles": [small_framework["steward"].pk],
        },
    )
    assert response.status_code == 302
    profile = StaffProfile.objects.get(user=learner)
    assert profile.job_profile.code == "analyst"
    assert list(profile.governance_profiles.values_list("code", flat=True)) == ["steward"]
    page = c.get("/my-role/").content.decode()
    assert "Your profiles require 3 competencies" in page


@pytest.mark.django_db
def test_my_role_refuses_a_job_profile_as_governance(client_for, learner, small_framework):
    response = client_for(learner).post(
        "/my-role/",
        {
            "job_profile": small_framework["steward"].pk,
            "governance_profiles": [small_framework["analyst"].pk],
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not StaffProfile.objects.filter(user=learner).exists()


@pytest.mark.django_db
def test_self_assessment_saves_only_for_the_member(client_for, learner, other_learner, small_framework):
    staff_profile_set(
        user=learner, job_profile=small_framework["analyst"], governance_profiles=[], actor=learner
    )
    c = client_for(learner)
    form = c.get("/my-role/self-assessment/").content.decode()
    assert "Judging data quality at Engage." in form  # descriptors shown beside the choice
    dq1, an1 = small_framework["dq1"], small_framework["an1"]
    response = c.post("/my-role/self-assessment/", {f"c{dq1.pk}": "3", f"c{an1.pk}": ""})
    assert response.status_code == 302
    assert dict(SelfAssessment.objects.values_list("competency__code", "level")) == {"DQ1": Level.ANALYSE}
    # Another learner has no gap rows, so sees the prompt to choose a profile, never this learner's ratings.
    other = client_for(other_learner).get("/my-role/self-assessment/")
    assert other.status_code == 302 and other["Location"] == "/my-role/"


@pytest.mark.django_db
def test_self_assessment_rejects_an_unknown_level(client_for, learner, small_framework):
    staff_profile_set(
        user=learner, job_profile=small_framework["analyst"], governance_profiles=[], actor=learner
    )
    response = client_for(learner).post("/my-role/self-assessment/", {f"c{small_framework['dq1'].pk}": "9"})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not SelfAssessment.objects.exists()


@pytest.mark.django_db
def test_gap_page_shows_required_self_assessed_and_evidenced(client_for, learner, small_framework):
    staff_profile_set(
        user=learner, job_profile=small_framework["analyst"], governance_profiles=[], actor=learner
    )
    evidence_record(
        user=learner, competency=small_framework["dq1"], level=Level.ENGAGE, source="A", source_key="course:1"
    )
    page = client_for(learner).get("/my-role/gap/").content.decode()
    assert "Completed courses do not yet show you at the required level in 2 of 3 competencies." in page
    assert "3 levels to go" in page  # AN1: Analyse required, nothing evidenced
    assert "1 level to go" in page  # VC1: Understand required, nothing evidenced
    assert page.count(">Met<") == 1  # DQ1: Engage required and evidenced


@pytest.mark.django_db
def test_dashboard_has_the_my_role_panel(client_for, learner, small_framework):
    page = client_for(learner).get("/my-learning/").content.decode()
    assert "My role and gap" in page and "Choose your role profile" in page
    staff_profile_set(
        user=learner, job_profile=small_framework["analyst"], governance_profiles=[], actor=learner
    )
    page = client_for(learner).get("/my-learning/").content.decode()
    assert "As Analyst, your role needs 3 competencies" in page


@pytest.mark.django_db
def test_header_has_the_framework_menu_item(client_for, learner):
    assert 'href="/framework/"' in client_for(learner).get("/my-learning/").content.decode()


# --- Admin authoring --------------------------------------------------------------------------------

ADMIN_GETS = [
    "/admin/snippets/competencies/competency/",
    "/admin/snippets/competencies/competency/add/",
    "/admin/snippets/competencies/roleprofile/",
    "/admin/framework/import/",
    "/admin/framework/publish/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ADMIN_GETS)
@pytest.mark.parametrize(
    ("who", "allowed"), [("learner", False), ("champion", False), ("hr_user", True), ("admin_user", True)]
)
def test_only_hr_and_admins_reach_the_authoring_screens(
    request, client_for, small_framework, url, who, allowed
):
    response = client_for(request.getfixturevalue(who)).get(url)
    if allowed:
        assert response.status_code == 200
    else:
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert "/admin/" not in response["Location"] or "login" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["learner", "champion"])
def test_learners_cannot_write_through_the_admin(request, client_for, small_framework, who):
    c = client_for(request.getfixturevalue(who))
    role = small_framework["analyst"]
    c.post(
        f"/admin/framework/roles/{role.pk}/matrix/",
        {f"level-{small_framework['dq1'].pk}": "4", "publish": "1"},
    )
    c.post(f"/admin/framework/roles/{role.pk}/copy/")
    c.post("/admin/framework/publish/", {"notes": "sneaky"})
    c.post("/admin/snippets/competencies/competencyarea/add/", {"name": "X", "slug": "x", "sort_order": 0})
    assert role.requirements.get(competency=small_framework["dq1"]).level == Level.ENGAGE
    assert RoleProfile.objects.count() == 2
    assert FrameworkVersion.objects.count() == 0
    assert not small_framework["area"].__class__.objects.filter(slug="x").exists()


@pytest.mark.django_db
def test_hr_creates_a_competency_area_through_the_snippet_admin(client_for, hr_user):
    response = client_for(hr_user).post(
        "/admin/snippets/competencies/competencyarea/add/",
        {"name": "Ethics", "slug": "ethics", "sort_order": 3},
    )
    assert response.status_code == 302
    from competencies.models import CompetencyArea

    assert CompetencyArea.objects.filter(slug="ethics").exists()


@pytest.mark.django_db
def test_hr_sets_required_levels_in_the_matrix_as_a_draft_then_publishes_a_version(
    client_for, hr_user, learner, small_framework
):
    c = client_for(hr_user)
    role, dq1, vc1 = small_framework["analyst"], small_framework["dq1"], small_framework["vc1"]
    page = c.get(f"/admin/framework/roles/{role.pk}/matrix/")
    assert page.status_code == 200 and "Required level for DQ1" in page.content.decode()
    data = {f"level-{dq1.pk}": "4", f"priority-{dq1.pk}": "essential", f"level-{vc1.pk}": "", "draft": "1"}
    assert c.post(f"/admin/framework/roles/{role.pk}/matrix/", data).status_code == 302
    role.refresh_from_db()
    # A draft: the live requirements staff see are unchanged until the version is published.
    assert role.has_unpublished_changes
    assert dict(role.requirements.values_list("competency__code", "level")) == {"DQ1": 2, "AN1": 3, "VC1": 1}
    response = c.post("/admin/framework/publish/", {"notes": "Analysts need DQ1 at Reason."})
    assert response.status_code == 302
    role.refresh_from_db()
    assert not role.has_unpublished_changes
    assert dict(role.requirements.values_list("competency__code", "level")) == {"DQ1": 4}
    version = FrameworkVersion.objects.get()
    assert version.changes["role_profiles"] == ["analyst"] and version.published_by == hr_user
    assert "Analysts need DQ1 at Reason." in client_for(learner).get("/framework/versions/").content.decode()


@pytest.mark.django_db
def test_matrix_rejects_a_bad_level_and_changes_nothing(client_for, hr_user, small_framework):
    role, dq1 = small_framework["analyst"], small_framework["dq1"]
    response = client_for(hr_user).post(
        f"/admin/framework/roles/{role.pk}/matrix/", {f"level-{dq1.pk}": "7", "publish": "1"}
    )
    assert response.status_code == 200 and "DQ1: choose a level from the list." in response.content.decode()
    assert role.requirements.get(competency=dq1).level == Level.ENGAGE


@pytest.mark.django_db
def test_publishing_with_no_drafts_is_refused_after_the_first_version(client_for, hr_user, small_framework):
    c = client_for(hr_user)
    c.post("/admin/framework/publish/", {"notes": "First."})
    response = c.post("/admin/framework/publish/", {"notes": "Again."})
    assert "Nothing has changed since the last version" in response.content.decode()
    assert FrameworkVersion.objects.count() == 1


@pytest.mark.django_db
def test_hr_copies_a_role_profile_as_a_draft(client_for, hr_user, small_framework):
    role = small_framework["analyst"]
    c = client_for(hr_user)
    assert c.get(f"/admin/framework/roles/{role.pk}/copy/").status_code == 200
    response = c.post(f"/admin/framework/roles/{role.pk}/copy/")
    copy = RoleProfile.objects.get(code="analyst-copy")
    assert response["Location"] == reverse("wagtailsnippets_competencies_roleprofile:edit", args=[copy.pk])
    assert copy.job_title == "Copy of Analyst" and not copy.live
    assert copy.requirements.count() == 3
    c.post(f"/admin/framework/roles/{role.pk}/copy/")
    assert RoleProfile.objects.filter(code="analyst-copy-2").exists()


@pytest.mark.django_db
def test_hr_imports_a_file_through_the_admin_upload(client_for, hr_user, django_capture_on_commit_callbacks):
    """The upload is stored and imported by a task; the admin is sent to its progress page, then the result."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from competencies.models import FrameworkImport

    from .conftest import DATA

    c = client_for(hr_user)
    upload = SimpleUploadedFile(
        "ddat_framework.csv", (DATA / "ddat_framework.csv").read_bytes(), content_type="text/csv"
    )
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = c.post("/admin/framework/import/", {"format": "ddat", "file": upload})
    job = FrameworkImport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/framework/import/{job.pk}/"
    waiting = c.get(response["Location"]).content.decode()
    assert "Waiting to start" in waiting and 'http-equiv="refresh"' in waiting
    assert FrameworkVersion.objects.count() == 0
    for callback in queued:  # the task queue runs the import (the immediate backend: after the commit)
        callback()
    body = c.get(response["Location"]).content.decode()
    assert "197 competencies added" in body and "Recorded as framework version 1." in body
    assert "28 rows at level NOT IN USE skipped" in body and 'http-equiv="refresh"' not in body
    job.refresh_from_db()
    assert job.status == "done" and job.user == hr_user and bytes(job.data) == b""

    bad = SimpleUploadedFile("bad.csv", b"Role Family,Role\nData,Analyst\n", content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post("/admin/framework/import/", {"format": "ddat", "file": bad})
    body = c.get(response["Location"]).content.decode()
    assert "Nothing was imported" in body and "bad.csv, line 1: missing columns" in body
    assert FrameworkVersion.objects.count() == 1


@pytest.mark.django_db
def test_the_import_page_refuses_a_big_upload_with_its_real_size(client_for, hr_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    big = SimpleUploadedFile("big.csv", b"x" * (6 * 1024 * 1024), content_type="text/csv")
    body = (
        client_for(hr_user).post("/admin/framework/import/", {"format": "ddat", "file": big}).content.decode()
    )
    assert "big.csv: the file is 6.0 MB; the largest file accepted is 5 MB." in body


@pytest.mark.django_db
def test_hr_assigns_a_members_profiles_in_the_admin(client_for, hr_user, learner, small_framework):
    response = client_for(hr_user).post(
        "/admin/snippets/competencies/staffprofile/add/",
        {
            "user": learner.pk,
            "job_profile": small_framework["analyst"].pk,
            "governance_profiles": [small_framework["steward"].pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert StaffProfile.objects.get(user=learner).job_profile.code == "analyst"


def descriptor_forms(*descriptors):
    data = {
        "descriptors-TOTAL_FORMS": str(len(descriptors)),
        "descriptors-INITIAL_FORMS": "0",
        "descriptors-MIN_NUM_FORMS": "0",
        "descriptors-MAX_NUM_FORMS": "4",
    }
    for i, (level, summary, indicators) in enumerate(descriptors):
        data |= {
            f"descriptors-{i}-level": str(level),
            f"descriptors-{i}-summary": summary,
            f"descriptors-{i}-indicators": indicators,
            f"descriptors-{i}-ORDER": str(i),
            f"descriptors-{i}-DELETE": "",
            f"descriptors-{i}-id": "",
        }
    return data


@pytest.mark.django_db
def test_hr_creates_and_publishes_a_competency_with_descriptors_in_the_admin(
    client_for, hr_user, small_framework
):
    from competencies.models import Competency

    data = {
        "code": "GL9",
        "name": "Using data ethically",
        "description": "Fairness as well as law.",
        "area": small_framework["area"].pk,
        "tags": "ethics",
        "action-publish": "action-publish",
    } | descriptor_forms(
        (1, "Knows lawful is not always right.", "Asks how residents would feel\nKnows the framework")
    )
    response = client_for(hr_user).post("/admin/snippets/competencies/competency/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    comp = Competency.objects.get(code="GL9")
    assert comp.live and comp.descriptors.get().indicator_list == [
        "Asks how residents would feel",
        "Knows the framework",
    ]
    assert comp.revisions.count() == 1


@pytest.mark.django_db
def test_admin_refuses_a_descriptor_with_one_indicator(client_for, hr_user, small_framework):
    from competencies.models import Competency

    data = {
        "code": "GL9",
        "name": "Using data ethically",
        "description": "Fairness as well as law.",
        "area": small_framework["area"].pk,
        "action-publish": "action-publish",
    } | descriptor_forms((1, "Knows lawful is not always right.", "Only one indicator"))
    response = client_for(hr_user).post("/admin/snippets/competencies/competency/add/", data)
    assert response.status_code == 200
    assert "Give 2 to 5 observable indicators, one per line (you gave 1)." in response.content.decode()
    assert not Competency.objects.filter(code="GL9").exists()
