"""The platform's roles (Django groups) and the helpers every permission predicate builds on."""

from django.contrib.auth.models import AnonymousUser

LEARNER = "Learner"
CHAMPION = "Champion"
HR = "HR"
ACADEMY_ADMIN = "Academy admin"
ALL_ROLES = (LEARNER, CHAMPION, HR, ACADEMY_ADMIN)

_CACHE_ATTR = "_academy_role_names"


def role_names(user) -> frozenset[str]:
    """The names of the roles `user` holds, read once per user object."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_roles(user) -> None:
    """Drop the cached role names after the user's groups change."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def has_role(user, *roles: str) -> bool:
    """True when the active user holds any of `roles`; superusers (operators) hold every role."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return bool(role_names(user).intersection(roles))


def is_champion(user) -> bool:
    return has_role(user, CHAMPION)


def is_hr(user) -> bool:
    return has_role(user, HR)


def is_academy_admin(user) -> bool:
    return has_role(user, ACADEMY_ADMIN)


def is_staff_member(user) -> bool:
    """Any signed-in, active account: every member of staff may read the shared pages."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def requires_mfa(user) -> bool:
    """HR and Academy admin accounts, operators and staff users, and anyone an app says holds a power that
    needs it (forum moderators: home.hooks.MFA_REQUIRED_HOOK) must use a second factor on every request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff or has_role(user, HR, ACADEMY_ADMIN):
        return True
    from .hooks import mfa_required_by_apps

    return mfa_required_by_apps(user)
