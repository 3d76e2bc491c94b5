"""What community events hold about a member: their places, and the events they organised."""

from home.personal_data import DETACH, Source

SOURCES = [
    Source("events.EventSignup", "user", label="event_signups"),
    Source(
        "events.EventPage",
        "organiser",
        erase=DETACH,
        export_fields=("id", "title"),
        label="events_organised",
    ),
]
