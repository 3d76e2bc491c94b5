"""Template tags every template can use (registered as a builtin): navigation, permissions, form fields."""

import datetime

from django import forms, template
from django.utils import timezone

from home import hooks
from home.permissions import can as can_do
from home.routing import routed_ancestors

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The service navigation, with the current section marked."""
    request = context["request"]
    items = []
    for item in hooks.main_menu_items(request):
        active = request.path == item.url or (item.url != "/" and request.path.startswith(item.url))
        items.append({"label": item.label, "url": item.url, "active": active})
    return {"items": items, "request": request, "query": context.get("query", "")}


@register.simple_tag(takes_context=True)
def can(context, action, obj=None):
    """`{% can "verb_object" obj as allowed %}` — the same predicates the views use."""
    return can_do(context["request"].user, action, obj)


@register.simple_tag(takes_context=True)
def header_links(context):
    """`{% header_links as links %}`: the account area's links (e.g. notifications with the unread badge)."""
    return hooks.header_links(context["request"])


@register.simple_tag(takes_context=True)
def help_links(context, competency):
    """`{% help_links competency as links %}`: where to find help with a competency (e.g. its champions)."""
    return hooks.help_links(context["request"], competency=competency)


@register.simple_tag(takes_context=True)
def page_asides(context, page):
    """`{% page_asides page %}`: what other apps show under a page, such as the link to discuss it."""
    return hooks.page_asides(context["request"], page=page)


@register.simple_tag(takes_context=True)
def breadcrumb_pages(context, page):
    """`{% breadcrumb_pages page as ancestors %}`: the pages above `page` below the tree root (home first),
    from the route this request took when it led to `page` (no query), else from the tree."""
    chain = routed_ancestors(context.get("request"), page)
    if chain is not None and chain[0].depth == 2:
        return chain
    return list(page.get_ancestors()[1:])


@register.filter
def elided_range(paginator, number):
    return paginator.get_elided_page_range(number, on_each_side=2, on_ends=1)


@register.filter
def widget_kind(bound_field) -> str:
    """What GOV.UK component renders this field."""
    widget = bound_field.field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return "file"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    return "input"


@register.inclusion_tag("includes/form_field.html")
def govuk_field(bound_field, label_class="govuk-label", input_class=""):
    """Render one form field as a GOV.UK form group with its hint and error."""
    return {
        "field": bound_field,
        "kind": widget_kind(bound_field),
        "label_class": label_class,
        "input_class": input_class,
    }


@register.filter
def clock(value) -> str:
    """A time in GOV.UK style, in UK time: "8:03pm", "9am", "midday", "midnight" (Django's "a" gives "p.m.")."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    hour, minute = value.hour, value.minute
    if minute == 0 and hour in (0, 12):
        return "midnight" if hour == 0 else "midday"
    twelve = hour % 12 or 12
    return f"{twelve}{f':{minute:02d}' if minute else ''}{'am' if hour < 12 else 'pm'}"


@register.filter
def html_datetime(value) -> str:
    """A `<time datetime>` value the HTML standard accepts: ISO 8601 to the second (Django's "c" adds
    six-digit microseconds, which validators reject)."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()
