"""Who may do what with data champions: browse the directory, apply, decide, edit a profile, step down."""

from home import roles
from home.permissions import rule


@rule
def can_view_champions(*, user, obj=None) -> bool:
    """Every signed-in member of staff browses the champions directory and profiles."""
    return roles.is_staff_member(user)


@rule
def can_apply_champion(*, user, obj=None) -> bool:
    """Members who are not already champions apply to become one."""
    return roles.is_staff_member(user) and not roles.is_champion(user)


@rule
def can_decide_champion_application(*, user, obj=None) -> bool:
    """Academy admins and HR approve or decline applications (never their own)."""
    if not roles.has_role(user, roles.ACADEMY_ADMIN, roles.HR):
        return False
    return obj is None or obj.applicant_id != user.pk


@rule
def can_view_champion_application(*, user, obj=None) -> bool:
    """The applicant, Academy admins and HR read an application."""
    if obj is None or not roles.is_staff_member(user):
        return False
    return obj.applicant_id == user.pk or roles.has_role(user, roles.ACADEMY_ADMIN, roles.HR)


@rule
def can_edit_champion_profile(*, user, obj=None) -> bool:
    """A champion edits their own profile; Academy admins edit any."""
    if roles.is_academy_admin(user):
        return True
    if obj is None:
        return roles.is_champion(user)
    return roles.is_champion(user) and obj.user_id == user.pk and obj.is_active


@rule
def can_step_down_champion(*, user, obj=None) -> bool:
    """A champion steps down; Academy admins and HR can also end someone's role."""
    if obj is None or not obj.is_active or not roles.is_staff_member(user):
        return False
    return obj.user_id == user.pk or roles.has_role(user, roles.ACADEMY_ADMIN, roles.HR)


@rule
def can_view_champion_coverage(*, user, obj=None) -> bool:
    """Academy admins and HR see which competencies and service areas lack a champion."""
    return roles.has_role(user, roles.ACADEMY_ADMIN, roles.HR)
