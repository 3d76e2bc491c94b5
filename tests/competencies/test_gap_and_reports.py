"""The gap per member and the HR reports: right numbers, counts only, flat query counts."""

import pytest
from django.contrib.auth.models import Permission

from competencies import reports
from competencies.levels import Level
from competencies.models import Priority, SelfAssessment
from competencies.selectors import gap_for_user, required_levels_for_user
from competencies.services import evidence_record, staff_profile_set
from home import roles
from tests.conftest import make_user


@pytest.mark.django_db
def test_required_levels_stack_job_and_governance_profiles(learner, small_framework):
    f = small_framework
    staff_profile_set(user=learner, job_profile=f["analyst"], governance_profiles=[f["steward"]], actor=None)
    assert required_levels_for_user(user=learner) == {
        f["dq1"].pk: Level.ANALYSE,  # the steward's Analyse beats the analyst's Engage
        f["an1"].pk: Level.ANALYSE,
        f["vc1"].pk: Level.UNDERSTAND,
    }


@pytest.mark.django_db
def test_unpublished_profiles_and_competencies_require_nothing(learner, small_framework):
    f = small_framework
    staff_profile_set(user=learner, job_profile=f["analyst"], governance_profiles=[], actor=None)
    f["an1"].__class__.objects.filter(pk=f["an1"].pk).update(live=False)
    assert set(required_levels_for_user(user=learner)) == {f["dq1"].pk, f["vc1"].pk}
    f["analyst"].__class__.objects.filter(pk=f["analyst"].pk).update(live=False)
    assert required_levels_for_user(user=learner) == {}


@pytest.mark.django_db
def test_gap_with_a_role_and_two_completed_course_levels(
    learner, small_framework, django_assert_max_num_queries
):
    f = small_framework
    staff_profile_set(user=learner, job_profile=f["analyst"], governance_profiles=[f["steward"]], actor=None)
    # Two completed courses recorded evidence: DQ1 at Engage, AN1 at Analyse.
    evidence_record(
        user=learner, competency=f["dq1"], level=Level.ENGAGE, source="Good data", source_key="course:1"
    )
    evidence_record(
        user=learner, competency=f["an1"], level=Level.ANALYSE, source="Python", source_key="course:2"
    )
    SelfAssessment.objects.create(user=learner, competency=f["dq1"], level=Level.ANALYSE)
    with django_assert_max_num_queries(6):
        gap = gap_for_user(user=learner)
    by_code = {row.competency.code: row for row in gap}
    assert [row.competency.code for row in gap] == ["AN1", "DQ1", "VC1"]  # essential first, then by code
    dq1 = by_code["DQ1"]
    assert (dq1.required, dq1.self_assessed, dq1.evidenced, dq1.met, dq1.levels_to_go) == (
        Level.ANALYSE,
        Level.ANALYSE,
        Level.ENGAGE,
        False,
        1,
    )
    assert dq1.from_profiles == ["Analyst", "Data steward"]
    assert by_code["AN1"].met and by_code["AN1"].levels_to_go == 0
    vc1 = by_code["VC1"]
    assert (vc1.priority, vc1.evidenced, vc1.levels_to_go) == (Priority.DESIRABLE, None, 1)


@pytest.mark.django_db
def test_a_member_never_sees_another_members_evidence(learner, other_learner, small_framework):
    f = small_framework
    for user in (learner, other_learner):
        staff_profile_set(user=user, job_profile=f["analyst"], governance_profiles=[], actor=None)
    evidence_record(
        user=other_learner, competency=f["dq1"], level=Level.REASON, source="x", source_key="course:9"
    )
    assert all(row.evidenced is None for row in gap_for_user(user=learner))


# --- HR reports ------------------------------------------------------------------------------------------

REPORT_URLS = [
    "/framework/reports/",
    "/framework/reports/service-area/?area=Highways",
    "/framework/reports/coverage/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", REPORT_URLS)
@pytest.mark.parametrize("who", ["learner", "champion"])
def test_reports_are_refused_to_learners_and_champions(request, client_for, small_framework, url, who):
    assert client_for(request.getfixturevalue(who)).get(url).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("url", REPORT_URLS)
def test_reports_send_anonymous_visitors_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_reports_need_a_second_factor_for_hr(client_for, hr_user):
    response = client_for(hr_user, with_mfa=False).get("/framework/reports/")
    assert response.status_code == 302 and "/accounts/2fa/" in response["Location"]


def populate(n: int, framework) -> None:
    """n members in two service areas, analysts (some stewards), with evidence for every other one."""
    for i in range(n):
        user = make_user(f"staff{i}@test.gov.uk", department="Highways" if i % 2 else "Adult Social Care")
        governance = [framework["steward"]] if i % 5 == 0 else []
        staff_profile_set(
            user=user, job_profile=framework["analyst"], governance_profiles=governance, actor=None
        )
        if i % 2 == 0:
            evidence_record(
                user=user, competency=framework["dq1"], level=Level.ANALYSE, source="c", source_key="c:1"
            )


@pytest.mark.django_db
def test_heatmap_counts_share_meeting_the_stacked_level(small_framework):
    populate(10, small_framework)
    heatmap = reports.organisation_heatmap()
    assert [c.code for c in heatmap.competencies] == ["AN1", "DQ1", "VC1"]
    rows = {label: (staff, cells) for label, staff, cells in heatmap.rows}
    staff, cells = rows["Adult Social Care"]  # members 0,2,4,6,8: all have DQ1 at Analyse
    assert staff == 5
    assert (cells[1].met, cells[1].needed, cells[1].share) == (5, 5, 100)
    staff, cells = rows["Highways"]  # members 1,3,5,7,9: none has evidence
    assert (cells[1].met, cells[1].needed, cells[1].band) == (0, 5, "low")
    self_basis = reports.organisation_heatmap(basis=reports.BASIS_SELF)
    assert self_basis.totals[1].met == 0


@pytest.mark.django_db
def test_drill_down_by_role_profile_uses_each_profiles_level(small_framework):
    populate(10, small_framework)
    heatmap = reports.role_heatmap(department="Adult Social Care")
    rows = {label: (staff, cells) for label, staff, cells in heatmap.rows}
    assert rows["Analyst"][0] == 5 and rows["Data steward"][0] == 1  # members 0-8 even; only 0 is a steward
    dq1 = [c.code for c in heatmap.competencies].index("DQ1")
    assert (rows["Data steward"][1][dq1].met, rows["Data steward"][1][dq1].needed) == (1, 1)


@pytest.mark.django_db
@pytest.mark.parametrize("n", [10, 500])
def test_heatmap_page_query_count_is_flat(
    client_for, hr_user, small_framework, django_assert_max_num_queries, n
):
    populate(n, small_framework)
    c = client_for(hr_user)
    c.get("/framework/reports/")  # warm the session and MFA lookups
    with django_assert_max_num_queries(11):
        response = c.get("/framework/reports/")
    assert response.status_code == 200
    body = response.content.decode()
    assert f"{n // 2} of {n // 2}" in body  # Adult Social Care, DQ1 met by every evidenced member
    with django_assert_max_num_queries(14):
        assert c.get("/framework/reports/service-area/", {"area": "Highways"}).status_code == 200
    with django_assert_max_num_queries(7):  # 6, and HR's second-factor check on every request
        assert c.get("/my-role/gap/").status_code == 200


@pytest.mark.django_db
def test_reports_show_counts_not_names_without_the_permission(client_for, hr_user, small_framework):
    populate(4, small_framework)
    c = client_for(hr_user)
    page = c.get("/framework/reports/service-area/", {"area": "Highways"}).content.decode()
    assert "staff1@" not in page and "Staff in Highways" not in page
    hr_user.user_permissions.add(Permission.objects.get(codename="view_named_staff"))
    roles.forget_roles(hr_user)
    from django.contrib.auth import get_user_model

    fresh = get_user_model().objects.get(pk=hr_user.pk)
    page = (
        client_for(fresh, with_mfa=False)
        .get("/framework/reports/service-area/", {"area": "Highways"})
        .content.decode()
    )
    assert "Staff in Highways" in page and "staff1" in page


@pytest.mark.django_db
def test_heatmap_downloads_as_csv(client_for, hr_user, small_framework):
    populate(4, small_framework)
    response = client_for(hr_user).get("/framework/reports/", {"download": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    # Met and needing it in columns of their own: "0/2" would open in Excel as a date.
    assert lines[0] == (
        "Service area,Staff,"
        "AN1 Describing data: staff at required level,AN1 Describing data: staff needing it,"
        "DQ1 Judging data quality: staff at required level,DQ1 Judging data quality: staff needing it,"
        "VC1 Reading charts: staff at required level,VC1 Reading charts: staff needing it"
    )
    assert lines[1] == "Adult Social Care,2,0,2,2,2,0,2"
    assert lines[-1] == "All,4,0,4,2,4,0,4"


@pytest.mark.django_db
def test_coverage_lists_roles_nobody_holds(client_for, hr_user, learner, small_framework):
    staff_profile_set(
        user=learner, job_profile=small_framework["analyst"], governance_profiles=[], actor=None
    )
    page = client_for(hr_user).get("/framework/reports/coverage/").content.decode()
    unheld = page.split("Role profiles nobody holds")[1]
    assert "Data steward" in unheld and "Analyst" not in unheld
