"""Reads for the competency framework."""

from django.db.models import Max

from .models import CompetencyEvidence


def evidenced_levels_for_user(*, user) -> dict[int, int]:
    """{competency id: highest evidenced level} for one member."""
    rows = CompetencyEvidence.objects.filter(user=user).values("competency_id").annotate(level=Max("level"))
    return {row["competency_id"]: row["level"] for row in rows}
