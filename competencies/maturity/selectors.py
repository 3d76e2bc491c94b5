"""Reads for the team data-maturity self-assessment: rounds for a member, scored profiles, comparisons,
and what a weak theme suggests (competencies, courses, champions, forum category). Fixed query counts."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Q

from home import roles

from .models import (
    AssessmentRound,
    MaturityAnswer,
    MaturityMembership,
    MaturityResponse,
    MaturityTeam,
    MaturityTheme,
    MaturityVersion,
    TeamPathway,
)
from .scoring import Profile, profile, variance_between_teams, weak_themes
from .services import DONT_KNOW


def latest_version() -> MaturityVersion | None:
    return MaturityVersion.objects.select_related("model").order_by("-published_at", "-number").first()


def is_member(*, user, team: MaturityTeam) -> bool:
    return user.is_authenticated and (
        team.lead_id == user.pk or MaturityMembership.objects.filter(team=team, user=user).exists()
    )


def teams_for_user(*, user) -> list[MaturityTeam]:
    if not user.is_authenticated:
        return []
    return list(MaturityTeam.objects.filter(Q(memberships__user=user) | Q(lead=user)).distinct())


@dataclass
class TeamRound:
    """A round a member's team takes part in, and how far the member has got."""

    round: AssessmentRound
    team: MaturityTeam
    response: MaturityResponse | None = None


def team_rounds_for_user(*, user, teams: list[MaturityTeam] | None = None) -> list[TeamRound]:
    """Every round the member's teams take part in, newest first, with the member's response if any.
    `teams`: the member's teams when already loaded (teams_for_user)."""
    teams = teams_for_user(user=user) if teams is None else teams
    if not teams:
        return []
    through = AssessmentRound.teams.through
    pairs = through.objects.filter(maturityteam__in=teams).select_related("assessmentround", "maturityteam")
    responses = {
        (r.round_id, r.team_id): r for r in MaturityResponse.objects.filter(user=user, team__in=teams)
    }
    rows = [
        TeamRound(
            round=p.assessmentround,
            team=p.maturityteam,
            response=responses.get((p.assessmentround_id, p.maturityteam_id)),
        )
        for p in pairs
    ]
    return sorted(rows, key=lambda r: (-r.round.closes_on.toordinal(), -r.round.pk, r.team.name))


def answers_for(*, response: MaturityResponse | None) -> dict[str, tuple[int | None, str]]:
    if response is None:
        return {}
    return {a.question_code: (a.level, a.comment) for a in response.answers.all()}


def _submitted(assessment_round: AssessmentRound, team_ids=None) -> dict[int, list[dict]]:
    """{team id: [{code: (level or None for Don't know, comment)}]} for submitted responses, in two queries."""
    responses = MaturityResponse.objects.filter(round=assessment_round, submitted_at__isnull=False)
    if team_ids is not None:
        responses = responses.filter(team_id__in=team_ids)
    by_response: dict[int, dict] = {}
    team_of = dict(responses.values_list("pk", "team_id"))
    for response_id, code, level, comment in MaturityAnswer.objects.filter(
        response_id__in=list(team_of), level__isnull=False
    ).values_list("response_id", "question_code", "level", "comment"):
        by_response.setdefault(response_id, {})[code] = (None if level == DONT_KNOW else level, comment)
    by_team: dict[int, list[dict]] = defaultdict(list)
    for response_id, team_id in team_of.items():
        by_team[team_id].append(by_response.get(response_id, {}))
    return by_team


def team_profile(*, assessment_round: AssessmentRound, team: MaturityTeam) -> Profile:
    responses = _submitted(assessment_round, [team.pk]).get(team.pk, [])
    return profile(snapshot=assessment_round.version.snapshot, responses=responses)


@dataclass
class CouncilReport:
    council: Profile
    teams: list[tuple[MaturityTeam, Profile]]
    variance: list = field(default_factory=list)

    @property
    def highest_variance(self):
        return self.variance[0] if self.variance and self.variance[0].variance > 0 else None

    @property
    def highest_variance_low(self) -> float | None:
        top = self.highest_variance
        return min(m for _, m in top.team_medians) if top else None

    @property
    def highest_variance_high(self) -> float | None:
        top = self.highest_variance
        return max(m for _, m in top.team_medians) if top else None


def council_report(*, assessment_round: AssessmentRound) -> CouncilReport:
    """The council's profile (every submitted response pooled), each team's, and variance between teams."""
    by_team = _submitted(assessment_round)
    snapshot = assessment_round.version.snapshot
    teams = list(assessment_round.teams.all())
    team_profiles = [(t, profile(snapshot=snapshot, responses=by_team.get(t.pk, []))) for t in teams]
    pooled = [r for rows in by_team.values() for r in rows]
    return CouncilReport(
        council=profile(snapshot=snapshot, responses=pooled),
        teams=team_profiles,
        variance=variance_between_teams(team_profiles={t.name: p for t, p in team_profiles}),
    )


def previous_round(
    *, assessment_round: AssessmentRound, team: MaturityTeam | None = None
) -> AssessmentRound | None:
    """The latest closed round before this one (that `team` took part in, if given)."""
    earlier = AssessmentRound.objects.filter(closes_on__lt=assessment_round.opens_on).select_related(
        "version"
    )
    if team is not None:
        earlier = earlier.filter(teams=team)
    candidate = earlier.order_by("-closes_on", "-pk").first()
    return candidate if candidate is not None and candidate.is_closed else None


@dataclass
class Change:
    name: str
    before: str
    now: str
    direction: str  # "up", "down", "same" or "" when not comparable


def compare(*, now: Profile, before: Profile | None) -> list[Change] | None:
    """Theme by theme, the previous round's median next to this one's. None when there is nothing to compare
    (no previous round, either withheld, or the scale changed between versions)."""
    if before is None or now.withheld or before.withheld or now.scale.names != before.scale.names:
        return None
    changes = []
    for theme in now.themes:
        old = before.theme(theme.slug)
        a = old.score.median if old else None
        b = theme.score.median
        direction = "" if a is None or b is None else "up" if b > a else "down" if b < a else "same"
        changes.append(
            Change(
                theme.name, now.scale.label(a) or "No result", now.scale.label(b) or "No result", direction
            )
        )
    return changes


@dataclass
class ThemeAction:
    """What a weak theme suggests: competencies to build, courses that build them, where to ask."""

    theme: object  # ThemeResult
    competencies: list
    courses: list
    forum_category: object | None


def theme_actions(*, assessment_round: AssessmentRound, prof: Profile) -> list[ThemeAction]:
    """For each weak theme, the mapped published competencies and the live courses developing them."""
    weak = weak_themes(prof)
    if not weak:
        return []
    themes = {
        t.slug: t
        for t in MaturityTheme.objects.filter(
            model=assessment_round.version.model_id, slug__in=[w.slug for w in weak]
        )
        .select_related("forum_category")
        .prefetch_related("competencies")
    }
    courses_by_competency = _courses_by_competency(
        {c.pk for t in themes.values() for c in t.competencies.all() if c.live}
    )
    actions = []
    for result in weak:
        theme = themes.get(result.slug)
        competencies = [c for c in theme.competencies.all() if c.live] if theme else []
        courses = {}
        for competency in competencies:
            for course in courses_by_competency.get(competency.pk, []):
                courses.setdefault(course.pk, course)
        actions.append(
            ThemeAction(
                theme=result,
                competencies=sorted(competencies, key=lambda c: c.code),
                courses=sorted(courses.values(), key=lambda c: (c.level, c.title)),
                forum_category=theme.forum_category if theme else None,
            )
        )
    return actions


def _courses_by_competency(competency_ids: set[int]) -> dict[int, list]:
    try:
        CourseCompetency = apps.get_model("learning", "CourseCompetency")
    except LookupError:
        return {}
    found = defaultdict(list)
    links = CourseCompetency.objects.filter(
        competency_id__in=competency_ids, course__live=True
    ).select_related("course")
    for link in links:
        found[link.competency_id].append(link.course)
    return found


def champions(*, limit: int = 12) -> list:
    """Data champions, by name: the members of the Champion group."""
    return list(
        get_user_model()
        .objects.filter(groups__name=roles.CHAMPION, is_active=True)
        .order_by("first_name", "last_name")
        .only("first_name", "last_name", "email", "job_title", "department")[:limit]
    )


def pathway_for_team(*, team: MaturityTeam) -> TeamPathway | None:
    return TeamPathway.objects.filter(team=team).prefetch_related("courses__course").first()


def pathways_for_user(*, user, teams: list[MaturityTeam] | None = None) -> list[TeamPathway]:
    """The recommended pathways of every team the member belongs to (for My learning)."""
    teams = teams_for_user(user=user) if teams is None else teams
    if not teams:
        return []
    return list(
        TeamPathway.objects.filter(team__in=teams).select_related("team").prefetch_related("courses__course")
    )
