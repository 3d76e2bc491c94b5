"""What only a browser shows for the framework: axe on every page type, keyboard use, nothing fetched off-host."""

import pytest

from competencies.levels import Level
from competencies.models import Competency, RoleProfile
from competencies.services import evidence_record, staff_profile_set

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_framework_pages_pass_axe(page, axe_check, demo_content, learner, sign_in):
    sign_in(page, learner)
    for path in (
        "/framework/",
        "/framework/?area=analysis-and-statistics&q=variation",
        "/framework/competencies/DQ1/",
        "/framework/roles/",
        "/framework/roles/data-analyst/",
        "/framework/roles/data-analyst/print/",
        "/framework/versions/",
    ):
        page.goto(path)
        axe_check(page)
    assert page.off_host_requests == []


def test_learner_chooses_a_role_by_keyboard_rates_themselves_and_sees_gap_and_pathway(
    page, axe_check, demo_content, learner, sign_in
):
    sign_in(page, learner)
    page.goto("/my-role/")
    axe_check(page)
    page.get_by_label("Job profile").focus()
    page.keyboard.press("End")  # not chosen → the last job profile; then pick by label to be exact
    page.get_by_label("Job profile").select_option(label="Data analyst")
    page.get_by_label("Data steward").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Save my role profiles").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")  # posts, then redirects back to My role
    page.wait_for_load_state()
    assert "Your role profiles are saved" in page.content()
    axe_check(page)

    page.goto("/my-role/self-assessment/")
    axe_check(page)
    page.get_by_text("What the levels look like").first.click()  # open descriptors
    axe_check(page)
    page.locator("input[type=radio][value='2']").first.check()
    page.get_by_role("button", name="Save my self-assessment").click()
    page.wait_for_url("**/my-role/gap/")
    axe_check(page)
    body = page.content()
    assert "Your gap, competency by competency" in body
    # A demo course developing DA1 is on the pathway.
    assert "Your pathway" in body and "Analysing council data with Python" in body
    assert page.off_host_requests == []


def test_hr_reports_pass_axe(page, axe_check, demo_content, hr_user, sign_in_with_second_factor):
    analyst = RoleProfile.objects.get(code="data-analyst")
    dq1 = Competency.objects.get(code="DQ1")
    for user in (hr_user,):
        staff_profile_set(user=user, job_profile=analyst, governance_profiles=[], actor=None)
        evidence_record(
            user=user, competency=dq1, level=Level.ANALYSE, source="Course", source_key="course:x"
        )
    sign_in_with_second_factor(page, hr_user)
    page.goto("/framework/reports/")
    axe_check(page)
    assert "Organisation heatmap" in page.content()
    # The heatmap scrolls sideways by keyboard: its region takes focus.
    page.locator(".academy-heatmap").focus()
    assert page.evaluate("document.activeElement.className").startswith("academy-heatmap")
    page.get_by_role("link", name="Not recorded").click()
    axe_check(page)
    page.goto("/framework/reports/coverage/")
    axe_check(page)
    assert page.off_host_requests == []
