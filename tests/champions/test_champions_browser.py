"""Champions and events in a real browser: axe (WCAG 2.2 AA) on every page, filtering without JavaScript."""

import pytest

from community.champions import services
from competencies.levels import Level
from home.models import HomePage
from tests.factories.champions import make_champion
from tests.factories.community import CategoryFactory
from tests.factories.events import EventIndexPageFactory, EventPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def setup(site_with_home, framework, learner, hr_user):
    category = CategoryFactory(name="Data quality", slug="data-quality")
    amara = make_champion(
        "amara@test.gov.uk",
        "Amara",
        "Okafor",
        area="Adult Social Care",
        skills=[(framework["DA1"], Level.REASON), (framework["DQ1"], Level.ANALYSE)],
        job_title="Senior Performance Analyst",
        bio="Ask me about **waiting lists**.",
        bio_html="<p>Ask me about <strong>waiting lists</strong>.</p>",
        office_hours="Tuesdays 2pm to 4pm",
        show_email=True,
    )
    amara.led_categories.add(category)
    make_champion("gareth@test.gov.uk", "Gareth", "Lloyd", area="Highways", skills=[(framework["DQ1"], 2)])
    application = services.application_create(
        user=learner,
        why="I help my team with spreadsheets every week.",
        manager_name="Morag Manager",
        skills=[(framework["DQ1"], Level.ENGAGE)],
    )
    index = EventIndexPageFactory(parent=HomePage.objects.first())
    event = EventPageFactory(parent=index)
    return {"amara": amara, "application": application, "event": event}


def _sign_in_by_cookie(context, user, live_server):
    """Signed in as `user` (HR and admins with their second factor), without the login form."""
    from django.conf import settings
    from django.test import Client

    from home import roles
    from tests.conftest import give_authenticator

    if roles.requires_mfa(user):
        give_authenticator(user)
    client = Client()
    client.force_login(user)
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": value, "url": live_server.url}])


def test_directory_filters_work_without_javascript(page, _playwright_browser, live_server, setup, learner):
    context = _playwright_browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        _sign_in_by_cookie(context, learner, live_server)
        pg = context.new_page()
        pg.goto("/champions/")
        pg.get_by_label("Service area").select_option("Highways")
        pg.get_by_role("button", name="Apply filters").click()
        pg.wait_for_load_state()
        assert pg.locator(".academy-champion-card h3").all_inner_texts() == ["Gareth Lloyd"]
        pg.get_by_label("Search by name or keyword").fill("waiting lists")
        pg.get_by_label("Service area").select_option("")
        pg.get_by_role("button", name="Apply filters").click()
        pg.wait_for_load_state()
        assert pg.locator(".academy-champion-card h3").all_inner_texts() == ["Amara Okafor"]
    finally:
        context.close()


def test_directory_profile_events_pass_axe(page, setup, learner, sign_in, axe_check):
    sign_in(page, learner)
    page.goto("/champions/")
    axe_check(page)
    page.goto("/champions/?competency=DQ1&level=3")
    assert page.locator(".academy-champion-card h3").all_inner_texts() == ["Amara Okafor"]
    axe_check(page)
    page.goto(setup["amara"].get_absolute_url())
    assert page.get_by_text("waiting lists").is_visible()
    axe_check(page)
    page.goto(f"/champions/{setup['amara'].pk}/ask/")
    axe_check(page)
    page.goto(f"/champions/applications/{setup['application'].pk}/")
    axe_check(page)
    page.goto("/events/")
    axe_check(page)
    page.goto("/events/meetup/")
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_load_state()
    assert page.get_by_text("You have a place").first.is_visible()
    axe_check(page)
    assert page.off_host_requests == []


def test_application_form_and_coverage_pass_axe(
    page, live_server, setup, other_learner, hr_user, admin_user, sign_in, axe_check
):
    sign_in(page, other_learner)
    page.goto("/champions/apply/")
    axe_check(page)
    page.get_by_role("button", name="Send application").click()
    page.wait_for_load_state()
    assert page.get_by_text("There is a problem").is_visible()
    axe_check(page)
    page.context.clear_cookies()
    _sign_in_by_cookie(page.context, hr_user, live_server)
    page.goto("/champions/coverage/")
    assert page.get_by_role("heading", name="Champion coverage").is_visible()
    axe_check(page)
    page.goto(f"/champions/applications/{setup['application'].pk}/")
    assert page.get_by_role("button", name="Save decision").is_visible()
    axe_check(page)
    page.goto("/champions/applications/")
    axe_check(page)
    page.context.clear_cookies()
    _sign_in_by_cookie(page.context, admin_user, live_server)
    page.goto(f"/champions/{setup['amara'].pk}/step-down/")
    axe_check(page)
