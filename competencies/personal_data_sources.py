"""What the competency framework holds about a member."""

from home.personal_data import Source

SOURCES = [
    Source("competencies.CompetencyEvidence", "user", label="competency_evidence"),
]
