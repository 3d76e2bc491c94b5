"""What only a browser shows for required learning: My learning with due items, HR's compliance view and a
line manager's team, each axe-clean, reflowing at 320 px with nothing fetched off-host."""

import os

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from home.demo import DEMO_PASSWORD
from home.middleware import SESSION_PROVIDER_MFA

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
SHOTS = os.environ.get("SCREENSHOT_DIR")


def _look(page, axe_check, name: str):
    axe_check(page)
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth") <= width, (
            f"{name} scrolls sideways at {width}px"
        )
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _user(email):
    return get_user_model().objects.get(email=email)


def test_my_learning_shows_the_refresher_due_and_the_overdue_course(page, axe_check, demo_content, sign_in):
    sign_in(page, _user("learner@example.gov.uk"), password=DEMO_PASSWORD)
    page.goto("/my-learning/")
    panel = page.locator("section", has=page.get_by_role("heading", name="Required learning"))
    assert panel.get_by_role("heading", name="Overdue").is_visible()
    assert panel.get_by_role("link", name="Good quality data in Adult Social Care").is_visible()
    assert panel.get_by_role("link", name="Annual data protection refresher").is_visible()
    assert "by 30 April" in panel.inner_text()
    _look(page, axe_check, "my-learning")
    assert page.off_host_requests == []


def test_hr_compliance_view_and_drill_down(page, axe_check, demo_content, live_server):
    client = Client()
    client.force_login(_user("hr@example.gov.uk"))
    session = client.session
    session[SESSION_PROVIDER_MFA] = True
    session.save()
    page.context.add_cookies([{"name": "sessionid", "value": session.session_key, "url": live_server.url}])
    page.goto("/reports/required-learning/")
    assert page.get_by_role("heading", name="Required learning").is_visible()
    # By default the first mandatory assignment (the refresher, alphabetically first), counted in people.
    assert page.locator("#id_assignment option:checked").inner_text() == "Annual data protection refresher"
    _look(page, axe_check, "compliance")
    page.locator(".academy-table-wrapper").first.focus()  # the table scrolls by keyboard
    page.get_by_role("link", name="Adult Social Care").click()
    assert page.get_by_role("heading", name="Required learning: Adult Social Care").is_visible()
    page.get_by_label("Learning").select_option(label="Annual data protection refresher")
    page.get_by_role("button", name="Show").click()
    assert "fewer than 3" in page.content()  # the Directorate team is one person
    _look(page, axe_check, "compliance-area")
    page.get_by_role("link", name="Reablement North").click()
    assert page.get_by_role("heading", name="Required learning: Reablement North").is_visible()
    _look(page, axe_check, "compliance-team")
    assert page.off_host_requests == []


def test_a_line_manager_sees_their_team(page, axe_check, demo_content, sign_in):
    sign_in(page, _user("manager@example.gov.uk"), password=DEMO_PASSWORD)
    page.goto("/my-learning/")
    page.get_by_role("link", name="Your team's required learning").click()
    assert page.get_by_role("heading", name="Your team's required learning").is_visible()
    body = page.content()
    assert "Lee Learner" in body and "Priya Shah" in body and "Ravi Patel" not in body
    _look(page, axe_check, "my-team")
    assert page.off_host_requests == []
