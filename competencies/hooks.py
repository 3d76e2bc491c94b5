"""Extension points competencies offers to the apps above it: sections of the gap page (learning adds the
pathway) and which competencies some course develops (for the HR coverage report)."""

from django.utils.safestring import SafeString
from wagtail import hooks

from home.hooks import PageAside, render_asides

GAP_SECTIONS_HOOK = "competencies_gap_sections"
DEVELOPED_COMPETENCIES_HOOK = "competencies_developed_competencies"


def gap_sections(request, *, gap) -> SafeString:
    """What other apps show under a member's gap table: `fn(request, gap=rows) -> PageAside | None`."""
    asides: list[PageAside] = [
        aside for fn in hooks.get_hooks(GAP_SECTIONS_HOOK) if (aside := fn(request, gap=gap)) is not None
    ]
    return render_asides(request, asides)


def developed_competency_ids():
    """Ids of competencies some published course develops (a queryset of `competency_id` values, used as a
    subquery), or None when no app links courses to competencies."""
    for fn in hooks.get_hooks(DEVELOPED_COMPETENCIES_HOOK):
        return fn()
    return None
