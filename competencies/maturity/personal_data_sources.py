"""What the team data-maturity self-assessment holds about a member: their answers go with them; a round's
aggregate results are recomputed without them."""

from home.personal_data import DETACH, Source

SOURCES = [
    Source("maturity.MaturityResponse", "user", label="maturity_responses"),
    Source(
        "maturity.MaturityAnswer",
        "response__user",
        export_fields=("response_id", "question_code", "level", "comment"),
        label="maturity_answers",
    ),
    Source("maturity.MaturityMembership", "user", label="maturity_team_memberships"),
    Source(
        "maturity.MaturityMembership",
        "invited_by",
        erase=DETACH,
        export_fields=("id",),
        label="maturity_invites",
    ),
    Source(
        "maturity.MaturityTeam",
        "lead",
        erase=DETACH,
        export_fields=("id", "name"),
        label="maturity_teams_led",
    ),
    Source(
        "maturity.MaturityVersion",
        "published_by",
        erase=DETACH,
        export_fields=("id", "number"),
        label="maturity_versions_published",
    ),
    Source(
        "maturity.AssessmentRound",
        "created_by",
        erase=DETACH,
        export_fields=("id", "name"),
        label="maturity_rounds",
    ),
    Source(
        "maturity.TeamPathway",
        "updated_by",
        erase=DETACH,
        export_fields=("id",),
        label="maturity_team_pathways",
    ),
]
