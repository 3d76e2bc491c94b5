"""Who may see and answer exercises, and manage datasets."""

from home import roles
from home.permissions import rule


@rule
def can_view_exercise(*, user, obj=None) -> bool:
    """Signed-in staff see published (live) exercises; Academy admins also see drafts."""
    if not roles.is_staff_member(user):
        return False
    return obj is None or obj.live or roles.is_academy_admin(user)


@rule
def can_answer_exercise(*, user, obj=None) -> bool:
    """Anyone who can see an exercise may submit answers to it (stored against their own account)."""
    return can_view_exercise(user=user, obj=obj)


@rule
def can_view_dataset(*, user, obj=None) -> bool:
    """Every signed-in member of staff may browse and download the catalogue."""
    return roles.is_staff_member(user)


@rule
def can_upload_dataset(*, user, obj=None) -> bool:
    """Academy admins add datasets."""
    return roles.is_academy_admin(user)


@rule
def can_author_exercise(*, user, obj=None) -> bool:
    """Academy admins write exercises (and check answer recipes while they do)."""
    return roles.is_academy_admin(user)


@rule
def can_save_exercise_notebook(*, user, obj=None) -> bool:
    """Anyone who can open an exercise keeps their own notebook for it on the server."""
    return can_view_exercise(user=user, obj=obj)
