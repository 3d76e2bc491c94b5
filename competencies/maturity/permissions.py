"""Who may do what with the team data-maturity self-assessment.

Individual answers are never shown to anyone but their author; results are aggregates (see scoring.py).
"""

from home import roles
from home.permissions import rule


def _is_hr_or_admin(user) -> bool:
    return roles.has_role(user, roles.HR, roles.ACADEMY_ADMIN)


def _in_team(user, team) -> bool:
    from .selectors import is_member

    return roles.is_staff_member(user) and is_member(user=user, team=team)


@rule
def can_view_maturity(*, user, obj=None) -> bool:
    """Every signed-in member sees the assessment page: their teams, rounds and results."""
    return roles.is_staff_member(user)


@rule
def can_open_maturity_round(*, user, obj=None) -> bool:
    """Only Academy admins and HR open and close assessment rounds and see the council report."""
    return _is_hr_or_admin(user)


@rule
def can_answer_maturity_round(*, user, obj=None) -> bool:
    """`obj` is (round, team): a member of that team answers while the round is open and the team takes part."""
    assessment_round, team = obj
    return (
        assessment_round.is_open
        and assessment_round.teams.filter(pk=team.pk).exists()
        and _in_team(user, team)
    )


@rule
def can_view_maturity_team_result(*, user, obj=None) -> bool:
    """`obj` is (round, team): the team's members and lead, and HR and admins, once the round has closed."""
    assessment_round, team = obj
    if not assessment_round.is_closed or not assessment_round.teams.filter(pk=team.pk).exists():
        return False
    return _is_hr_or_admin(user) or _in_team(user, team)


@rule
def can_manage_maturity_team(*, user, obj=None) -> bool:
    """`obj` is a team: its lead (and HR and admins) invite members and set the team's recommended pathway."""
    if _is_hr_or_admin(user):
        return True
    return roles.is_staff_member(user) and obj is not None and obj.lead_id == user.pk
