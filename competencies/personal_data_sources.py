"""What the competency framework holds about a member: their role, self-assessment and evidence."""

from home.personal_data import DETACH, Source

SOURCES = [
    Source("competencies.CompetencyEvidence", "user", label="competency_evidence"),
    Source("competencies.SelfAssessment", "user", label="self_assessment"),
    Source("competencies.StaffProfile", "user", label="role_profile"),
    Source(
        "competencies.StaffProfile",
        "updated_by",
        erase=DETACH,
        export_fields=("id",),
        label="role_profiles_set_for_others",
    ),
    Source(
        "competencies.FrameworkVersion",
        "published_by",
        erase=DETACH,
        export_fields=("id", "number"),
        label="framework_versions_published",
    ),
    # Team data-maturity self-assessment: a member's own answers go with them; a round's aggregate
    # results are recomputed without them.
    Source("competencies.MaturityResponse", "user", label="maturity_responses"),
    Source(
        "competencies.MaturityAnswer",
        "response__user",
        export_fields=("response_id", "question_code", "level", "comment"),
        label="maturity_answers",
    ),
    Source("competencies.MaturityMembership", "user", label="maturity_team_memberships"),
    Source(
        "competencies.MaturityMembership",
        "invited_by",
        erase=DETACH,
        export_fields=("id",),
        label="maturity_invites",
    ),
    Source(
        "competencies.MaturityTeam",
        "lead",
        erase=DETACH,
        export_fields=("id", "name"),
        label="maturity_teams_led",
    ),
    Source(
        "competencies.MaturityVersion",
        "published_by",
        erase=DETACH,
        export_fields=("id", "number"),
        label="maturity_versions_published",
    ),
    Source(
        "competencies.AssessmentRound",
        "created_by",
        erase=DETACH,
        export_fields=("id", "name"),
        label="maturity_rounds",
    ),
    Source(
        "competencies.TeamPathway",
        "updated_by",
        erase=DETACH,
        export_fields=("id",),
        label="maturity_team_pathways",
    ),
]
