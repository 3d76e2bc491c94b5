"""`{% discussion_link page %}`: the "Discuss this lesson" link with the reply count, for any Wagtail page."""

from django import template
from django.urls import reverse

from ..models import Topic

register = template.Library()


@register.inclusion_tag("community/includes/discussion_link.html", takes_context=True)
def discussion_link(context, page):
    """One query: the page's topic (if it exists yet) for its reply count. Signed-in members only."""
    return discussion_link_context(context.get("request"), page)


def discussion_link_context(request, page) -> dict:
    """The link to discuss `page` and its reply count (also the page aside community/wagtail_hooks.py adds)."""
    if page is None or request is None or not request.user.is_authenticated:
        return {"url": None}
    topic = Topic.objects.filter(page_id=page.pk).first()
    if topic is None:
        # Following the link shows a button that starts the discussion (POST): a GET never creates one.
        return {"url": reverse("community:discuss", kwargs={"page_id": page.pk}), "reply_count": 0}
    return {"url": topic.get_absolute_url(), "reply_count": topic.reply_count}
