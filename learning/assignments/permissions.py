"""Who may assign learning and see compliance: HR and admins for everyone; a line manager for their reports."""

from competencies.staff.permissions import staff_managed_by
from home import roles
from home.permissions import rule


@rule
def can_manage_assignments(*, user, obj=None) -> bool:
    """HR and Academy admins assign courses and pathways and set their due dates."""
    return roles.has_role(user, roles.HR, roles.ACADEMY_ADMIN)


@rule
def can_view_compliance(*, user, obj=None) -> bool:
    """The organisation-wide compliance view (counts; small numbers suppressed) is for HR and Academy admins."""
    return roles.has_role(user, roles.HR, roles.ACADEMY_ADMIN)


@rule
def can_view_named_compliance(*, user, obj=None) -> bool:
    """Naming individuals in the compliance view needs the framework's separate named-staff permission."""
    return can_view_compliance(user=user) and user.has_perm("competencies.view_named_staff")


@rule
def can_view_team_compliance(*, user, obj=None) -> bool:
    """A line manager sees their own reports' required learning, by name; nobody else's."""
    return staff_managed_by(user).exists()


def compliance_staff_for(user):
    """The staff records whose learning `user` may see by name on the team view: their own reports only."""
    return staff_managed_by(user)
