"""Who may do what with the competency framework. Views, templates and the admin all use these predicates."""

from home import roles
from home.permissions import rule


@rule
def can_view_framework(*, user, obj=None) -> bool:
    """Everyone signed in reads the published framework and role profiles."""
    return roles.is_staff_member(user)


@rule
def can_edit_framework(*, user, obj=None) -> bool:
    """HR and Academy admins author competencies and role profiles, import files and publish versions."""
    return roles.has_role(user, roles.HR, roles.ACADEMY_ADMIN)


@rule
def can_edit_own_role(*, user, obj=None) -> bool:
    """Every member chooses their own job and governance profiles and rates themselves."""
    return roles.is_staff_member(user)


@rule
def can_assign_role_profiles(*, user, obj=None) -> bool:
    """HR (and Academy admins) can set the profiles another member holds."""
    return roles.has_role(user, roles.HR, roles.ACADEMY_ADMIN)


@rule
def can_view_framework_reports(*, user, obj=None) -> bool:
    """Organisation-wide counts are for HR and Academy admins; learners and champions are refused."""
    return roles.has_role(user, roles.HR, roles.ACADEMY_ADMIN)


@rule
def can_view_named_staff(*, user, obj=None) -> bool:
    """Naming individuals in reports needs a separate, explicitly granted permission on top of report access."""
    return can_view_framework_reports(user=user) and user.has_perm("competencies.view_named_staff")
