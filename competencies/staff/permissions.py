"""Who may see and change the staff list, and whose records a line manager may see."""

from home import roles
from home.permissions import rule

from .models import StaffRecord


@rule
def can_manage_staff_records(*, user, obj=None) -> bool:
    """HR (and Academy admins) import the staff list, edit records and mark leavers."""
    return roles.has_role(user, roles.HR, roles.ACADEMY_ADMIN)


def staff_managed_by(user):
    """The current staff whose line manager is `user`: the only records a manager sees. Empty for others."""
    if not roles.is_staff_member(user):
        return StaffRecord.objects.none()
    return StaffRecord.objects.current().filter(line_manager__user=user, line_manager__left_on__isnull=True)


def teams_managed_by(user):
    """Teams in which `user` line-manages somebody."""
    from .models import Team

    return Team.objects.filter(members__in=staff_managed_by(user)).distinct()


@rule
def can_view_own_team(*, user, obj=None) -> bool:
    """A line manager sees their own reports (`obj`, a staff record, must be one of them when given)."""
    reports = staff_managed_by(user)
    if obj is not None:
        return reports.filter(pk=obj.pk).exists()
    return reports.exists()
