import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, SiteBranding, StandardPage, validate_brand_colour


class TestPageTree(WagtailPageTestCase):
    def test_page_tree_rules(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanNotCreateAt(StandardPage, HomePage)


@pytest.mark.django_db
def test_demo_home_content_renders_and_is_idempotent(client, site_with_home):
    from io import StringIO

    from home import demo

    demo.load(stdout=StringIO())  # a second run changes nothing
    assert HomePage.objects.count() == 1
    assert StandardPage.objects.filter(slug="accessibility").count() == 1
    home = Site.objects.get(is_default_site=True).root_page
    assert home.specific_class is HomePage
    for path in ("/", "/accessibility/", "/help/"):
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        assert '<html lang="en-GB"' in body
        assert 'href="#main-content"' in body
        assert "Accessibility statement" in body  # footer link from the branding setting


@pytest.mark.django_db
def test_search_finds_published_pages(client, site_with_home):
    response = client.get("/search/", {"q": "accessible"})
    assert response.status_code == 200
    assert "Accessibility statement" in response.content.decode()
    response = client.get("/search/", {"q": "zzzz-no-such-words"})
    assert "0 results" in response.content.decode()


@pytest.mark.django_db
def test_search_page_query_count_is_bounded(client, site_with_home):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.home.test_search import reads

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": "accessible"})
    assert response.status_code == 200
    assert len(reads(queries)) <= 15  # savepoints (PostgreSQL, in the test's transaction) not counted
    assert "Accessibility statement" in response.content.decode()


@pytest.mark.django_db
def test_dashboard_needs_sign_in(client, client_for, learner, site_with_home):
    response = client.get("/my-learning/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    response = client_for(learner).get("/my-learning/")
    assert response.status_code == 200
    assert "My learning" in response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_error_pages_use_the_site_design(client, site_with_home):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "govuk-template" in response.content.decode()


def test_brand_colour_must_be_readable_with_white_text():
    validate_brand_colour("#1d5b79")
    with pytest.raises(ValidationError, match="contrast ratio"):
        validate_brand_colour("#ffdd00")
    with pytest.raises(ValidationError, match="six hexadecimal digits"):
        validate_brand_colour("blue")


@pytest.mark.django_db
def test_branding_colour_reaches_the_page(client, site_with_home):
    branding = SiteBranding.for_site(Site.objects.get(is_default_site=True))
    branding.primary_colour = "#00703c"
    branding.save()
    assert "--academy-brand-colour: #00703c" in client.get("/").content.decode()


def test_no_template_or_css_references_the_gds_font_or_another_host():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    for path in list((root / "templates").rglob("*.html")) + list(root.glob("*/static/**/*.*")):
        text = path.read_text(encoding="utf-8", errors="ignore")
        assert "GDS Transport" not in text, path
        assert "cdn." not in text and "unpkg" not in text and "jsdelivr" not in text, path


@pytest.mark.django_db
def test_privacy_notice_help_wording_and_titles(client, site_with_home, client_for, learner):
    """Issue 18.10: a real privacy notice behind the footer link; link names that match; plain titles."""
    home_page = client.get("/").content.decode()
    assert '<a class="govuk-footer__link" href="/privacy/">Privacy notice</a>' in home_page
    assert (
        "<title>Data Academy – Example County Council</title>" in home_page
    )  # not "Data Academy – Data Academy"
    privacy = client.get("/privacy/")
    assert privacy.status_code == 200
    body = privacy.content.decode()
    assert "<title>Privacy notice – Data Academy – Example County Council</title>" in body
    assert "Your rights" in body and "download everything we hold about you" in body
    # Help names the sign-in page's link as the sign-in page names it.
    assert "Forgot your password?" in client.get("/help/").content.decode()
    assert ">Forgot your password?</a>" in client.get("/accounts/login/").content.decode()
    # "Your data" in words, not model names run together.
    from allauth.account.models import EmailAddress

    EmailAddress.objects.get_or_create(user=learner, email=learner.email, defaults={"primary": True})
    your_data = client_for(learner).get("/my-learning/your-data/")
    text = your_data.content.decode()
    assert "Email addresses" in text and "Emailaddresses" not in text


@pytest.mark.django_db
def test_home_page_offers_a_way_in_signed_out_and_the_members_own_panels_signed_in(
    client, client_for, learner
):
    """Issue 18.7: no dead ends. Sections come through home's hooks, so home imports no upper layer."""
    from django.core.management import call_command

    call_command("load_demo_content", verbosity=0)
    body = client.get("/").content.decode()
    assert "What the Academy offers" in body and ">Create an account" in body
    assert "Courses you could start with" in body and "See every course" in body
    member = client_for(learner).get("/").content.decode()
    assert "Create an account" not in member and "Courses you could start with" not in member
    assert "My courses" in member and "My role and gap" in member and "Community" in member
    assert "Go to My learning" in member
