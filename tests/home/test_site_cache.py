"""Pages served from less: URLs routed in two queries to the same page Wagtail's walk finds, the site's chrome
(branding, footer, menu) from one cache entry that a change drops, view restrictions still enforced, and the
Wagtail user bar only for people who can use the admin."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction, Site

from home.models import FooterLink, SiteBranding, StandardPage
from home.routing import route_by_url_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(site_with_home):
    home = Site.objects.get(is_default_site=True).root_page.specific
    guides = home.add_child(instance=StandardPage(title="Guides", slug="guides"))
    child = guides.add_child(instance=StandardPage(title="Joining data", slug="joining"))
    deep = child.add_child(instance=StandardPage(title="On UPRN", slug="uprn"))
    draft = child.add_child(instance=StandardPage(title="Not yet", slug="draft", live=False))
    return {"home": home, "guides": guides, "child": child, "deep": deep, "draft": draft}


def wagtail_walk(root, path):
    try:
        return Page.route(root, None, [c for c in path.split("/") if c])[0].pk
    except Exception as exc:  # noqa: BLE001 - Http404 either way
        return type(exc).__name__


def fast(root, path):
    try:
        return route_by_url_path(root, RequestFactory().get(path), [c for c in path.split("/") if c])[0].pk
    except Exception as exc:  # noqa: BLE001
        return type(exc).__name__


def test_routing_finds_what_wagtails_walk_finds(tree):
    root = tree["home"]
    paths = [
        "/guides/",
        "/guides/joining/",
        "/guides/joining/uprn/",
        "/guides/joining/draft/",
        "/nope/",
        "/guides/nope/",
        "/guides/joining/uprn/deeper/",
        "/joining/",
    ]
    for path in paths:
        assert fast(root, path) == wagtail_walk(root, path), path
    assert fast(root, "/guides/joining/uprn/") == tree["deep"].pk
    assert fast(root, "/guides/joining/draft/") == "Http404"


def test_a_draft_page_on_the_way_still_passes_requests_on_as_in_wagtail(tree, client):
    tree["guides"].unpublish()
    assert client.get("/guides/").status_code == 404
    assert client.get("/guides/joining/uprn/").status_code == 200
    assert wagtail_walk(tree["home"], "/guides/joining/uprn/") == tree["deep"].pk


def test_a_deep_page_is_served_in_few_queries_with_its_breadcrumbs(tree, client):
    client.get("/guides/joining/uprn/")  # builds the site's cached chrome
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/guides/joining/uprn/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/guides/">Guides</a>' in html and 'href="/guides/joining/">Joining data</a>' in html
    # The cache entry, the pages on the way, the page itself: nothing per level, no view-restriction lookup.
    assert len(captured) <= 4, [q["sql"] for q in captured]


def test_branding_and_footer_changes_show_on_the_next_request(tree, client):
    assert "Accessibility statement" in client.get("/").content.decode()
    branding = SiteBranding.objects.get()
    branding.council_name = "Borsetshire County Council"
    branding.save()
    FooterLink.objects.create(setting=branding, text="Privacy notice", url="/privacy/", sort_order=9)
    html = client.get("/").content.decode()
    assert "Borsetshire County Council" in html and 'href="/privacy/">Privacy notice' in html


def test_unpublishing_and_moving_are_seen_at_once(tree, client):
    assert client.get("/guides/joining/").status_code == 200
    tree["child"].unpublish()
    assert client.get("/guides/joining/").status_code == 404
    tree["deep"].move(tree["guides"], pos="last-child")
    assert client.get("/guides/uprn/").status_code == 200
    old = client.get("/guides/joining/uprn/")  # gone, or Wagtail's automatic redirect to where it moved
    assert old.status_code == 404 or (old.status_code == 301 and old["Location"].endswith("/guides/uprn/"))


def test_a_view_restriction_added_later_is_enforced(tree, client, client_for, learner):
    assert client.get("/guides/joining/uprn/").status_code == 200
    PageViewRestriction.objects.create(page=tree["guides"], restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/guides/joining/uprn/")
    assert response.status_code == 302 and "login" in response["Location"]
    assert client_for(learner).get("/guides/joining/uprn/").status_code == 200


def test_the_user_bar_is_only_for_people_who_can_use_the_admin(tree, client_for, learner, admin_user):
    assert "wagtail-userbar" not in client_for(learner).get("/guides/").content.decode()
    assert "wagtail-userbar" in client_for(admin_user).get("/guides/").content.decode()


def test_the_menu_is_the_same_for_everyone_and_hides_members_items_from_visitors(
    tree, client, client_for, learner
):
    visitor = client.get("/").content.decode()
    member = client_for(learner).get("/").content.decode()
    my_learning = f'href="{reverse("home:dashboard")}"'
    assert my_learning in member and my_learning not in visitor
