"""Community events: the events index under the home page and event pages under it."""

from datetime import timedelta

import factory
import wagtail_factories
from django.utils import timezone

from community.events.models import EventIndexPage, EventPage


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Community events"
    slug = "events"
    introduction = "Meetups."

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    """An online event a week from now, an hour long, with ten places."""

    title = "Data champions meetup"
    slug = "meetup"
    start_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    end_at = factory.LazyAttribute(lambda event: event.start_at + timedelta(hours=1))
    topic = "Show and tell"
    capacity = 10

    class Meta:
        model = EventPage
