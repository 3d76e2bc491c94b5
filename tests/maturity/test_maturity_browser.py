"""Team data maturity in a browser: axe on the questionnaire, the team result and the council report,
answering by keyboard, and nothing fetched off-host."""

import pytest
from django.contrib.auth import get_user_model

from competencies.maturity import demo
from competencies.maturity.models import AssessmentRound
from home.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TEAM = "adult-social-care-performance"


def demo_user(email):
    return get_user_model().objects.get(email=email)


def test_questionnaire_passes_axe_and_saves_by_keyboard(page, axe_check, demo_content, sign_in):
    learner = demo_user("learner@example.gov.uk")  # a member of the Adult Social Care team
    sign_in(page, learner, DEMO_PASSWORD)
    open_round = AssessmentRound.objects.get(name=demo.OPEN_ROUND)
    page.goto("/framework/maturity/")
    axe_check(page)
    page.goto(f"/framework/maturity/rounds/{open_round.pk}/teams/{TEAM}/answer/")
    axe_check(page)
    page.locator("#q-Q1-2").focus()
    page.keyboard.press("Space")
    page.get_by_label("Comment on Q1 (optional)").fill("Our figures are a month behind.")
    page.get_by_role("button", name="Save and come back later").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Your answers are saved" in page.content()
    assert page.locator("#q-Q1-2").is_checked()
    axe_check(page)
    # Submitting with questions unanswered shows an error summary, which is accessible too.
    page.get_by_role("button", name="Submit my answers").click()
    assert "Answer every question before you submit" in page.content()
    axe_check(page)
    assert page.off_host_requests == []


def test_team_result_and_council_report_pass_axe(
    page, axe_check, demo_content, sign_in, sign_in_with_second_factor
):
    closed = AssessmentRound.objects.get(name=demo.CLOSED_ROUND)
    sign_in(page, demo_user("learner@example.gov.uk"), DEMO_PASSWORD)
    page.goto(f"/framework/maturity/rounds/{closed.pk}/teams/{TEAM}/")
    assert "Adult Social Care performance: data maturity" in page.content()
    axe_check(page)
    page.goto("/my-learning/")
    assert "Recommended for Adult Social Care performance" in page.content()
    axe_check(page)

    page.context.clear_cookies()
    sign_in_with_second_factor(page, demo_user("hr@example.gov.uk"))
    page.goto(f"/framework/maturity/rounds/{closed.pk}/report/")
    assert "the highest variance between teams is in Data Use" in page.content()
    axe_check(page)
    page.goto(f"/framework/maturity/rounds/{closed.pk}/")
    axe_check(page)
    page.goto("/framework/maturity/rounds/new/")
    axe_check(page)
    page.goto(f"/framework/maturity/teams/{TEAM}/members/")
    axe_check(page)
    assert page.off_host_requests == []
