"""Demo events: the events index under the home page and two meetups, one online and one at County Hall."""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from .models import EventIndexPage, EventPage

# The first demo champion (made by community.champions.demo, which runs first) organises the events.
ORGANISER_EMAIL = "amara.okafor@example.gov.uk"

EVENTS = [
    # slug, title, days from today, start hour, hours long, online, venue, topic, description
    (
        "data-champions-meetup",
        "Data champions meetup",
        14,
        14,
        1,
        True,
        "",
        "Show and tell: three champions share a report they are proud of and what they learned.",
        "<p>An informal hour for anyone who works with data. Bring a question.</p>",
    ),
    (
        "cleaning-address-data-workshop",
        "Cleaning address data: a hands-on workshop",
        35,
        10,
        2,
        False,
        "Committee Room 2, County Hall",
        "Matching messy addresses to the gazetteer (UPRNs) in Excel and Python.",
        "<p>Bring a laptop. We will use the sample datasets from the lab, never real residents' data.</p>",
    ),
]


def load(*, stdout) -> None:
    """The events index and the demo events, looked up by slug so a second run adds nothing."""
    from home.models import HomePage

    home = HomePage.objects.first()
    if home is None:
        stdout.write("  no home page: skipped the events")
        return
    index_page = EventIndexPage.objects.first()
    if index_page is None:
        index_page = EventIndexPage(
            title="Community events",
            slug="events",
            introduction="Meetups and workshops run by our data champions. Everyone is welcome.",
        )
        home.add_child(instance=index_page)
        stdout.write("  events index")
    organiser = get_user_model().objects.filter(email=ORGANISER_EMAIL).first()
    today = timezone.localdate()
    for slug, title, days, hour, hours, online, venue, topic, description in EVENTS:
        if EventPage.objects.filter(slug=slug).exists():
            continue
        start = timezone.make_aware(datetime.combine(today + timedelta(days=days), time(hour)))
        event = EventPage(
            title=title,
            slug=slug,
            start_at=start,
            end_at=start + timedelta(hours=hours),
            is_online=online,
            venue=venue,
            topic=topic,
            organiser=organiser,
            capacity=30 if online else 12,
            description=description,
        )
        index_page.add_child(instance=event)
        stdout.write(f"  event “{title}”")
