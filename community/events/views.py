"""Event views: sign up, cancel and download the calendar file. The pages themselves are Wagtail pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from community.views import member_required
from home.permissions import require

from . import services as events
from .models import EventPage


def _get_event(pk) -> EventPage:
    return get_object_or_404(EventPage.objects.live().select_related("organiser"), pk=pk)


@member_required
@require_POST
def event_signup(request, pk):
    event = _get_event(pk)
    require(request.user, "sign_up_event", event)
    try:
        events.event_signup(user=request.user, event=event)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, "You have a place. Add it to your calendar with the link below.")
    return redirect(event.url)


@member_required
@require_POST
def event_cancel(request, pk):
    event = _get_event(pk)
    if events.event_cancel(user=request.user, event=event):
        messages.success(request, "Your place has been cancelled.")
    else:
        messages.info(request, "You did not have a place at this event.")
    return redirect(event.url)


@member_required
def event_ics(request, pk):
    event = _get_event(pk)
    body = events.event_ics(
        event=event,
        url=event.get_full_url(request),
        host=request.get_host().split(":")[0],
        has_place=event.signups.filter(user=request.user).exists(),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response
