"""What the champions directory holds about a member: their profile, applications and the record of their role."""

from home.personal_data import DETACH, Source

SOURCES = [
    Source("champions.ChampionProfile", "user", exclude_fields=("bio_html",), label="champion_profile"),
    Source("champions.ChampionApplication", "applicant", label="champion_applications"),
    Source("champions.ChampionLogEntry", "member", label="champion_record"),
    # Decisions and steps they took about others stay, without their name.
    Source(
        "champions.ChampionApplication",
        "decided_by",
        erase=DETACH,
        export_fields=("id", "status", "decided_at"),
        label="champion_applications_decided",
    ),
    Source(
        "champions.ChampionLogEntry",
        "actor",
        erase=DETACH,
        export_fields=("id", "action", "created_at"),
        label="champion_steps_taken",
    ),
]
