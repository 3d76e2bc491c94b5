"""Community-of-practice meetups: an index page of events, one page per event, and who signed up."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class EventIndexPage(Page):
    """Lists community events: upcoming first, then past events with their notes."""

    introduction = models.TextField(blank=True, help_text="One or two sentences under the page title.")

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    template = "events/event_index_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = "events index page"

    def upcoming(self):
        return EventPage.objects.live().child_of(self).filter(end_at__gte=timezone.now()).order_by("start_at")

    def past(self):
        return EventPage.objects.live().child_of(self).filter(end_at__lt=timezone.now()).order_by("-start_at")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["upcoming"] = self.upcoming()[:50]
        context["past"] = self.past()[:50]
        return context


class EventPage(Page):
    """One meetup: when, where (online or a venue), what about, who runs it and how many can come."""

    start_at = models.DateTimeField(help_text="When the event starts (UK time).")
    end_at = models.DateTimeField(help_text="When it ends.")
    is_online = models.BooleanField(default=True, help_text="Tick if the event is online.")
    online_link = models.URLField(
        blank=True, help_text="The Teams (or other) joining link, shown to people who have signed up."
    )
    venue = models.CharField(
        max_length=300, blank=True, help_text="For in-person events: the room, building and town."
    )
    topic = models.CharField(max_length=300, help_text="What the meetup is about, in one line.")
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organised_events",
        help_text="The member running the event.",
    )
    capacity = models.PositiveIntegerField(default=30, help_text="How many people can sign up.")
    description = RichTextField(blank=True, help_text="What will happen and who it is for.")
    notes = RichTextField(
        blank=True, help_text="After the event: notes, slides and recording links. Shown on past events."
    )

    search_fields = [*Page.search_fields, index.SearchField("topic"), index.SearchField("description")]
    content_panels = [
        *Page.content_panels,
        FieldPanel("topic"),
        FieldRowPanel([FieldPanel("start_at"), FieldPanel("end_at")], heading="When"),
        MultiFieldPanel(
            [FieldPanel("is_online"), FieldPanel("online_link"), FieldPanel("venue")], heading="Where"
        ),
        FieldPanel("organiser"),
        FieldPanel("capacity"),
        FieldPanel("description"),
        FieldPanel("notes"),
    ]
    template = "events/event_page.html"
    parent_page_types = ["events.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "event page"

    def clean(self):
        super().clean()
        errors = {}
        if self.start_at and self.end_at and self.end_at <= self.start_at:
            errors["end_at"] = "The event must end after it starts"
        if not self.is_online and not self.venue:
            errors["venue"] = "Enter the venue, or tick 'online'"
        if self.capacity is not None and self.capacity < 1:
            errors["capacity"] = "Capacity must be at least 1"
        if errors:
            raise ValidationError(errors)

    @property
    def is_past(self) -> bool:
        return self.end_at < timezone.now()

    @property
    def where(self) -> str:
        if self.is_online and self.venue:
            return f"Online and at {self.venue}"
        return "Online" if self.is_online else self.venue

    def get_context(self, request, *args, **kwargs):
        from .selectors import event_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_context(event=self, user=request.user))
        return context

    def ics_url(self) -> str:
        return reverse("events:event_ics", kwargs={"pk": self.pk})


class EventSignup(models.Model):
    """A member has a place at an event (deleted when they cancel)."""

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="signups")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_signups")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="event_signup_once")]

    def __str__(self) -> str:
        return f"{self.user_id} at {self.event_id}"
