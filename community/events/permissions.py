"""Who may do what with community events."""

from home import roles
from home.permissions import rule


@rule
def can_sign_up_event(*, user, obj=None) -> bool:
    """Signed-in members take a place at an event that has not finished."""
    return roles.is_staff_member(user) and obj is not None and not obj.is_past
