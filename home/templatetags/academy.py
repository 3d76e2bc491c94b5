"""Template tags every template can use (registered as a builtin): navigation, permissions, form fields."""

from django import forms, template

from home import hooks
from home.permissions import can as can_do

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


@register.simple_tag
def unread_notification_count(user):
    """The header badge; None until the community app provides notifications."""
    from wagtail import hooks as wagtail_hooks

    for fn in wagtail_hooks.get_hooks("academy_unread_notification_count"):
        return fn(user)
    return None


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
