from django import template

register = template.Library()


@register.simple_tag
def count_cell(row, column: str, suppress: bool):
    """A compliance count, or "fewer than 3" where 1 or 2 people are behind it and names are not to be shown."""
    return row.shown(column, suppress=suppress)
