"""Event writes: sign up (capacity enforced under a row lock) and cancel; and the calendar (.ics) file."""

from datetime import UTC

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from home.permissions import can

from .models import EventPage, EventSignup


def event_signup(*, user, event: EventPage) -> EventSignup:
    """Take a place if there is one left; the event row is locked so two people cannot take the last."""
    if not can(user, "sign_up_event", event):
        raise PermissionDenied
    with transaction.atomic():
        locked = EventPage.objects.select_for_update().get(pk=event.pk)
        existing = EventSignup.objects.filter(event=locked, user=user).first()
        if existing is not None:
            return existing
        if EventSignup.objects.filter(event=locked).count() >= locked.capacity:
            raise ValidationError("Sorry, this event is full")
        try:
            with transaction.atomic():
                return EventSignup.objects.create(event=locked, user=user)
        except IntegrityError:
            return EventSignup.objects.get(event=locked, user=user)


def event_cancel(*, user, event: EventPage) -> bool:
    """Give up a place. Returns whether there was one."""
    if not user.is_authenticated:
        raise PermissionDenied
    deleted, _ = EventSignup.objects.filter(event=event, user=user).delete()
    return bool(deleted)


# --- iCalendar (RFC 5545) --------------------------------------------------------------------------


def _escape(text: str) -> str:
    """TEXT values escape backslash, semicolon, comma and newlines (RFC 5545 3.3.11)."""
    return (
        (text or "")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded with CRLF and a space (RFC 5545 3.1)."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        limit = 75 if not parts else 74
        if len(current) + len(encoded) > limit:
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _utc(value) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def event_ics(*, event: EventPage, url: str, host: str, has_place: bool = False) -> str:
    """A one-event VCALENDAR. Times are in UTC so every calendar reads them the same way. The joining link
    is only for members with a place (`has_place`), as on the event page."""
    location = event.where
    description = event.topic
    if has_place and event.is_online and event.online_link:
        description += f"\nJoin online: {event.online_link}"
    if event.organiser_id:
        description += f"\nOrganised by {event.organiser.display_name}"
    description += f"\nDetails: {url}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Data Academy//Community events//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:event-{event.pk}@{host}",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(event.start_at)}",
        f"DTEND:{_utc(event.end_at)}",
        f"SUMMARY:{_escape(event.title)}",
        f"DESCRIPTION:{_escape(description)}",
        f"LOCATION:{_escape(location)}",
        f"URL:{url}",
    ]
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(_fold(line) + "\r\n" for line in lines)
