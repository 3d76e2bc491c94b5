"""The four data-literacy levels (Essex CC Data Strategy, Appendix 4), ordered. Used everywhere a level appears."""

from django.db import models


class Level(models.IntegerChoices):
    """Understand < Engage < Analyse < Reason. Stored as integers so levels compare and sort correctly."""

    UNDERSTAND = 1, "Understand"
    ENGAGE = 2, "Engage"
    ANALYSE = 3, "Analyse"
    REASON = 4, "Reason"

    @classmethod
    def from_label(cls, label: str) -> "Level":
        """Parse a level name, case- and space-insensitively; raises ValueError naming the allowed values."""
        wanted = (label or "").strip().lower()
        for level in cls:
            if level.label.lower() == wanted:
                return level
        allowed = ", ".join(level.label for level in cls)
        raise ValueError(f"Unknown level {label!r}: use one of {allowed}")


LEVEL_SUMMARIES = {
    # Paraphrased from Essex CC Data Strategy 2021-2025, Appendix 4.
    Level.UNDERSTAND: "Reads a chart or table, says what the data tells us and thinks critically about it.",
    Level.ENGAGE: "Uses data in their work and knows where it comes from, how it is made up and who uses it.",
    Level.ANALYSE: "Combines technical skill with knowledge of the service to turn a dataset into insight.",
    Level.REASON: "Reasons and tells the story with data, guiding others through an analysis to a decision.",
}
