import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission

from home import roles
from home.permissions import can, registered_actions


@pytest.mark.django_db
def test_migration_creates_the_four_roles_with_their_permissions():
    names = set(Group.objects.values_list("name", flat=True))
    assert set(roles.ALL_ROLES) <= names
    admin_group = Group.objects.get(name=roles.ACADEMY_ADMIN)
    assert admin_group.permissions.filter(codename="access_admin").exists()
    assert GroupPagePermission.objects.filter(group=admin_group, permission__codename="publish_page").exists()
    assert Group.objects.get(name=roles.HR).permissions.filter(codename="access_admin").exists()
    assert not Group.objects.get(name=roles.LEARNER).permissions.exists()
    assert not Group.objects.get(name=roles.CHAMPION).permissions.filter(codename="access_admin").exists()


@pytest.mark.django_db
def test_every_account_is_a_learner(learner, champion, hr_user, admin_user):
    for user in (learner, champion, hr_user, admin_user):
        assert roles.has_role(user, roles.LEARNER)
    assert roles.is_champion(champion) and not roles.is_champion(learner)
    assert roles.is_hr(hr_user) and not roles.is_hr(champion)
    assert roles.is_academy_admin(admin_user) and not roles.is_academy_admin(hr_user)


@pytest.mark.django_db
def test_inactive_accounts_hold_no_role(champion):
    champion.is_active = False
    assert not roles.has_role(champion, roles.CHAMPION)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fixture", "access_admin", "edit_settings", "dashboard"),
    [
        (None, False, False, False),
        ("learner", False, False, True),
        ("champion", False, False, True),
        ("hr_user", True, False, True),
        ("admin_user", True, True, True),
    ],
)
def test_can_helper_per_role(request, fixture, access_admin, edit_settings, dashboard):
    from django.contrib.auth.models import AnonymousUser

    user = request.getfixturevalue(fixture) if fixture else AnonymousUser()
    assert can(user, "access_admin") is access_admin
    assert can(user, "edit_site_settings") is edit_settings
    assert can(user, "view_dashboard") is dashboard


def test_unknown_action_is_an_error():
    assert "access_admin" in registered_actions()
    with pytest.raises(LookupError):
        can(None, "launch_rockets")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fixture", "status"),
    [("learner", 403), ("champion", 403), ("hr_user", 200), ("admin_user", 200)],
)
def test_wagtail_admin_by_role(request, client_for, fixture, status):
    user = request.getfixturevalue(fixture)
    # Members without admin access are refused outright (not sent round the sign-in page, which loops).
    response = client_for(user).get("/admin/")
    assert response.status_code == status
