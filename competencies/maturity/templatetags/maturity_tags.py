"""Template helpers for the team data-maturity pages."""

from django import template

register = template.Library()


@register.filter
def scale_label(scale, value):
    """A median or level as words on the round's scale: 'Intermediate', 'Between Basic and Intermediate'."""
    return scale.label(value)
