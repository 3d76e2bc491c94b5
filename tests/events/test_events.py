"""Community events: pages, sign-up with capacity, cancelling, past events' notes, and a valid .ics file."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from community.events import services as events
from community.events.models import EventPage, EventSignup
from home.models import HomePage
from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.factories.home import make_user


@pytest.fixture
def event_index(site_with_home):
    return EventIndexPageFactory(parent=HomePage.objects.first(), introduction="")


def _event(index, slug, *, days=7, capacity=2, **fields):
    fields.setdefault("topic", "Show and tell, with questions; all welcome")
    return EventPageFactory(
        parent=index, slug=slug, start_at=timezone.now() + timedelta(days=days), capacity=capacity, **fields
    )


@pytest.fixture
def event(event_index, champion):
    return _event(event_index, "meetup", organiser=champion, online_link="https://teams.example.org/meet/abc")


@pytest.mark.django_db
def test_sign_up_is_limited_to_capacity_and_can_be_cancelled(
    client_for, event, learner, other_learner, champion
):
    for user in (learner, other_learner):
        response = client_for(user).post(f"/champions/events/{event.pk}/sign-up/")
        assert response.status_code == 302 and response["Location"] == event.url
    assert EventSignup.objects.filter(event=event).count() == 2
    full = client_for(champion)
    response = full.post(f"/champions/events/{event.pk}/sign-up/", follow=True)
    assert "Sorry, this event is full" in response.content.decode()
    assert not EventSignup.objects.filter(user=champion).exists()
    assert "This event is full." in full.get(event.url).content.decode()
    # Signing up twice keeps one place.
    client_for(learner).post(f"/champions/events/{event.pk}/sign-up/")
    assert EventSignup.objects.filter(event=event, user=learner).count() == 1
    # Cancelling frees the place for someone else.
    client = client_for(learner)
    page = client.get(event.url).content.decode()
    assert "You have a place" in page and "https://teams.example.org/meet/abc" in page
    client.post(f"/champions/events/{event.pk}/cancel/")
    assert not EventSignup.objects.filter(user=learner).exists()
    full.post(f"/champions/events/{event.pk}/sign-up/")
    assert EventSignup.objects.filter(user=champion).exists()


@pytest.mark.django_db
def test_joining_link_is_only_for_people_with_a_place(client_for, event, other_learner):
    page = client_for(other_learner).get(event.url).content.decode()
    assert "teams.example.org/meet" not in page
    assert "2 left" in page and "Sign up" in page


@pytest.mark.django_db
def test_the_organiser_links_to_their_profile_only_while_an_active_champion(client_for, event, learner):
    """The event page reads the link through champions' selector, not the champions models' internals."""
    from tests.factories.champions import ChampionProfileFactory

    organiser_name = event.organiser.display_name
    page = client_for(learner).get(event.url).content.decode()
    assert f'<dd class="govuk-summary-list__value">{organiser_name}</dd>' in page  # no profile: no link
    profile = ChampionProfileFactory(user=event.organiser)
    page = client_for(learner).get(event.url).content.decode()
    assert f'href="/champions/{profile.pk}/">{organiser_name}</a>' in page
    profile.is_active = False
    profile.save()
    page = client_for(learner).get(event.url).content.decode()
    assert f"/champions/{profile.pk}/" not in page


@pytest.mark.django_db
def test_anonymous_visitors_sign_in_to_take_a_place(client, event):
    page = client.get(event.url).content.decode()
    assert "Sign in to take a place" in page
    response = client.post(f"/champions/events/{event.pk}/sign-up/")
    assert "/accounts/login/" in response["Location"]
    assert not EventSignup.objects.exists()


@pytest.mark.django_db
def test_past_events_show_notes_and_take_no_sign_ups(client_for, event_index, learner):
    past = _event(
        event_index, "last-month", days=-30, notes="<p>Slides: <a href='https://example.org/s'>here</a></p>"
    )
    client = client_for(learner)
    page = client.get(past.url).content.decode()
    assert "Notes and links" in page and "https://example.org/s" in page and "Sign up" not in page
    assert client.post(f"/champions/events/{past.pk}/sign-up/").status_code == 403
    index_page = client.get(event_index.url).content.decode()
    assert index_page.index("Past events") < index_page.index("last-month")


@pytest.mark.django_db
def test_event_validation(event_index):
    from django.core.exceptions import ValidationError

    start = timezone.now()
    bad = EventPage(title="Bad", slug="bad", start_at=start, end_at=start, topic="x", is_online=False)
    with pytest.raises(ValidationError) as exc:
        bad.full_clean()
    assert exc.value.message_dict["end_at"] == ["The event must end after it starts"]
    assert exc.value.message_dict["venue"] == ["Enter the venue, or tick 'online'"]


@pytest.mark.django_db
def test_capacity_is_checked_in_the_service(event, learner, other_learner):
    from django.core.exceptions import ValidationError

    third = make_user("third@test.gov.uk")
    events.event_signup(user=learner, event=event)
    events.event_signup(user=other_learner, event=event)
    with pytest.raises(ValidationError, match="full"):
        events.event_signup(user=third, event=event)


def _unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


@pytest.mark.django_db
def test_ics_download_is_valid_rfc_5545(client_for, client, event_index, learner, champion):
    event = _event(
        event_index,
        "workshop",
        title="Cleaning address data; a workshop, with Python \\ Excel",
        topic="Matching messy addresses to the gazetteer (UPRNs) in Excel and Python. " * 3,
        is_online=False,
        venue="Committee Room 2, County Hall",
        organiser=champion,
    )
    assert "/accounts/login/" in client.get(event.ics_url())["Location"]
    response = client_for(learner).get(event.ics_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="workshop.ics"' in response["Content-Disposition"]
    raw = response.content
    text = raw.decode("utf-8")
    # Every line ends CRLF, no line is longer than 75 octets, and folded lines start with a space.
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75, line
    lines = _unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    for required in ("VERSION:2.0", "PRODID:", "BEGIN:VEVENT", "UID:", "DTSTAMP:", "DTSTART:", "END:VEVENT"):
        assert any(line.startswith(required) for line in lines), required
    assert any(re.fullmatch(r"DTSTART:\d{8}T\d{6}Z", line) for line in lines)
    summary = next(line for line in lines if line.startswith("SUMMARY:"))
    assert summary == "SUMMARY:Cleaning address data\\; a workshop\\, with Python \\\\ Excel"
    assert champion.email not in text  # the organiser's email is not published
    # An independent RFC 5545 parser (the `icalendar` test dependency) reads the same event back.
    icalendar = pytest.importorskip("icalendar", reason="pip install the test extras (icalendar)")
    calendar = icalendar.Calendar.from_ical(raw)
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == event.title
    assert str(vevent["LOCATION"]) == "Committee Room 2, County Hall"
    assert vevent.decoded("DTSTART") == event.start_at.replace(microsecond=0)
    assert vevent.decoded("DTEND") == event.end_at.replace(microsecond=0)
    assert "Organised by Chloe Champion" in str(vevent["DESCRIPTION"])
    assert str(vevent["UID"]).startswith(f"event-{event.pk}@")


def test_events_are_linked_from_the_community_and_champions_pages(client_for, event_index, learner):
    """Issue 18.8: events are reachable without typing /events/."""
    client = client_for(learner)
    for url in ("/community/", "/champions/"):
        body = client.get(url).content.decode()
        assert f'href="{event_index.url}"' in body, url


def test_no_events_link_when_the_site_has_no_events_page(client_for, site_with_home, learner):
    body = client_for(learner).get("/community/").content.decode()
    assert "see upcoming events" not in body


@pytest.mark.django_db
def test_the_ics_file_carries_the_joining_link_only_for_members_with_a_place(
    client_for, event, learner, other_learner
):
    assert event.is_online
    client_for(learner).post(f"/champions/events/{event.pk}/sign-up/")
    with_place = client_for(learner).get(event.ics_url()).content.decode().replace("\r\n ", "")
    without = client_for(other_learner).get(event.ics_url()).content.decode().replace("\r\n ", "")
    assert "teams.example.org/meet/abc" in with_place
    assert "teams.example.org" not in without and "Show and tell" in without
