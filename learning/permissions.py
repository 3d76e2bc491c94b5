"""Who may do what in learning. Learners reach only their own records; Academy admins see course reports."""

from home import roles
from home.permissions import rule


@rule
def can_take_course(*, user, obj=None) -> bool:
    """Every signed-in member of staff may start a course and answer its questions."""
    return roles.is_staff_member(user)


@rule
def can_view_learning_record(*, user, obj=None) -> bool:
    """An enrolment, attempt or certificate is visible to the learner it belongs to — nobody else on the site."""
    if obj is None or not roles.is_staff_member(user):
        return False
    return getattr(obj, "user_id", None) == user.pk


@rule
def can_view_course_reports(*, user, obj=None) -> bool:
    """Course reports (counts, averages, question statistics) are for Academy admins."""
    return roles.is_academy_admin(user)


@rule
def can_export_course_pack(*, user, obj=None) -> bool:
    """Academy admins export a course as a pack, to share it with another Data Academy."""
    return roles.is_academy_admin(user)


@rule
def can_import_course_pack(*, user, obj=None) -> bool:
    """Academy admins import packs: an import creates and publishes courses, exercises and datasets."""
    return roles.is_academy_admin(user)
