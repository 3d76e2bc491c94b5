"""Event reads: what an event page shows a member."""

from community.champions.selectors import profile_url_for
from home.permissions import can

from .models import EventPage


def event_context(*, event: EventPage, user) -> dict:
    """What the event page shows: places taken and left, whether this member has one, and a link to the
    organiser's champion profile if they are an active champion."""
    taken = event.signups.count()
    signed_up = user.is_authenticated and event.signups.filter(user=user).exists()
    return {
        "places_taken": taken,
        "places_left": max(event.capacity - taken, 0),
        "signed_up": signed_up,
        "may_sign_up": can(user, "sign_up_event", event),
        "organiser_url": profile_url_for(user=event.organiser) if event.organiser_id else "",
    }


def events_index_url(request=None) -> str:
    """Where the events listing lives ("" when the site has none), for links from the community pages."""
    from .models import EventIndexPage

    index = EventIndexPage.objects.live().first()
    return (index.get_url(request) or "") if index is not None else ""
