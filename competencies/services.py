"""Writes for the competency framework."""

from django.db import transaction

from .levels import Level
from .models import Competency, CompetencyEvidence


def evidence_record(
    *, user, competency: Competency, level: Level | int, source: str, source_key: str
) -> CompetencyEvidence:
    """Record that `user` has shown `competency` at `level` through `source`; keeps the highest level per source."""
    level = Level(int(level))
    with transaction.atomic():
        evidence, created = CompetencyEvidence.objects.select_for_update().get_or_create(
            user=user,
            competency=competency,
            source_key=source_key,
            defaults={"level": level, "source": source},
        )
        if not created and evidence.level < level:
            evidence.level = level
            evidence.source = source
            evidence.save(update_fields=["level", "source"])
    return evidence
