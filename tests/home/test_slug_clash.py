"""Autosave and slugs: an abandoned first edit does not block a slug; other clashes are explained up front."""

from html import unescape

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home import roles
from home.models import HomePage, StandardPage
from tests.factories.home import make_user


def _create_url():
    return reverse("wagtailadmin_pages:add", args=["home", "standardpage", HomePage.objects.get().pk])


def _form(title, slug, **action):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "introduction": "",
            "body": streamfield([]),
            "last_reviewed": "",
            **action,
        }
    )


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


def _start_and_abandon(client, title="Guidance", slug="guidance"):
    """What autosave leaves behind: the first edit of a page, saved as a draft, never published."""
    response = client.post(_create_url(), _form(title, slug))
    assert response.status_code == 302
    return StandardPage.objects.get(slug=slug)


def test_abandoned_first_edit_does_not_block_the_slug(site_with_home, admin_client, admin_user):
    orphan = _start_and_abandon(admin_client)
    assert not orphan.live

    response = admin_client.post(_create_url(), _form("Guidance", "guidance", **{"action-publish": "1"}))

    assert response.status_code == 302
    page = StandardPage.objects.get(slug="guidance")
    assert page.pk != orphan.pk and page.live
    assert not StandardPage.objects.filter(pk=orphan.pk).exists()
    assert PageLogEntry.objects.filter(page_id=orphan.pk, action="wagtail.delete", user=admin_user).exists()


def test_someone_elses_draft_still_blocks_and_the_reason_is_shown_on_top(
    site_with_home, client_for, admin_user
):
    colleague = make_user("colleague@test.gov.uk", roles.ACADEMY_ADMIN)
    orphan = _start_and_abandon(client_for(colleague))
    client = client_for(admin_user)

    response = client.post(
        _create_url(), _form("Guidance", "guidance", **{"action-publish": "1"}), follow=True
    )

    assert response.status_code == 200
    text = unescape(response.content.decode())
    # In the message banner above the tabs, not only on the Promote tab: names the page in the way.
    banner = text[text.index('class="messages"') : text.index("</main>")]
    assert (
        f'The address "guidance" is already used by an unpublished draft, "Guidance" (page ID {orphan.pk}'
        in banner
    )
    assert StandardPage.objects.filter(slug="guidance").count() == 1


def test_published_page_blocks_the_slug(site_with_home, admin_client):
    page = _start_and_abandon(admin_client)
    page.save_revision().publish()

    response = admin_client.post(_create_url(), _form("Guidance", "guidance", **{"action-publish": "1"}))

    assert response.status_code == 200
    assert 'already used by a published page, "Guidance"' in unescape(response.content.decode())
    assert StandardPage.objects.filter(slug="guidance").count() == 1


def test_unpublished_page_with_history_is_not_deleted(site_with_home, admin_client):
    """A draft that was once published (then unpublished) is real work, not an abandoned first edit."""
    page = _start_and_abandon(admin_client)
    page.save_revision().publish()
    page.unpublish()

    response = admin_client.post(_create_url(), _form("Guidance", "guidance", **{"action-publish": "1"}))

    assert response.status_code == 200
    assert StandardPage.objects.filter(pk=page.pk).exists()
