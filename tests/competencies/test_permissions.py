"""Who edits the framework: the model permissions the Wagtail admin checks are the one source of truth."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied

from competencies.services import framework_version_publish, staff_profile_set
from home import roles
from home.permissions import can


@pytest.mark.django_db  # marked, so it runs before the transactional tests that flush the roles' permissions
@pytest.mark.parametrize(
    ("fixture", "allowed"),
    [("learner", False), ("champion", False), ("hr_user", True), ("admin_user", True)],
)
def test_framework_rights_by_role(request, fixture, allowed):
    user = request.getfixturevalue(fixture)
    assert can(user, "edit_framework") is allowed
    assert can(user, "assign_role_profiles") is allowed
    assert can(user, "view_framework_reports") is allowed
    assert can(user, "view_framework") is True


@pytest.mark.django_db
def test_anonymous_and_inactive_accounts_edit_nothing(hr_user):
    from django.contrib.auth.models import AnonymousUser

    assert not can(AnonymousUser(), "edit_framework")
    hr_user.is_active = False
    assert not can(hr_user, "edit_framework")


@pytest.mark.django_db
def test_taking_the_model_permission_from_the_role_takes_the_right(hr_user):
    """One source of truth: HR's right to edit is the group's model permission, nothing else."""
    Group.objects.get(name=roles.HR).permissions.remove(Permission.objects.get(codename="change_competency"))
    fresh = get_user_model().objects.get(pk=hr_user.pk)
    assert not can(fresh, "edit_framework")
    assert not fresh.has_perm("competencies.change_competency")
    with pytest.raises(PermissionDenied):
        framework_version_publish(user=fresh, notes="Should not publish")


@pytest.mark.django_db
def test_services_refuse_what_the_predicates_refuse(learner, other_learner):
    with pytest.raises(PermissionDenied):
        framework_version_publish(user=learner, notes="A learner publishing")
    with pytest.raises(PermissionDenied):
        staff_profile_set(user=other_learner, job_profile=None, governance_profiles=[], actor=learner)
    # A member sets their own profiles.
    assert (
        staff_profile_set(user=learner, job_profile=None, governance_profiles=[], actor=learner).user
        == learner
    )
