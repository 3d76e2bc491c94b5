"""What the community app holds about a member. Champions and events section (the forums add theirs here)."""

from home.personal_data import DETACH, Source

SOURCES = [
    # Data champions: their profile, applications and the record of their role are theirs.
    Source("community.ChampionProfile", "user", exclude_fields=("bio_html",), label="champion_profile"),
    Source("community.ChampionApplication", "applicant", label="champion_applications"),
    Source("community.ChampionLogEntry", "member", label="champion_record"),
    # Decisions and steps they took about others stay, without their name.
    Source(
        "community.ChampionApplication",
        "decided_by",
        erase=DETACH,
        export_fields=("id", "status", "decided_at"),
        label="champion_applications_decided",
    ),
    Source(
        "community.ChampionLogEntry",
        "actor",
        erase=DETACH,
        export_fields=("id", "action", "created_at"),
        label="champion_steps_taken",
    ),
    # Community events.
    Source("community.EventSignup", "user", label="event_signups"),
    Source(
        "community.EventPage",
        "organiser",
        erase=DETACH,
        export_fields=("id", "title"),
        label="events_organised",
    ),
]
