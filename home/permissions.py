"""The "can this user do X" helper: one registry of `can_<verb>_<object>` predicates, used by views and templates.

Each app's `permissions.py` registers its predicates with `@rule`; `can(user, "verb_object", obj)` and the
`{% can %}` template tag look them up by name.
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied

from . import roles

Predicate = Callable[..., bool]
_RULES: dict[str, Predicate] = {}


def rule(func: Predicate) -> Predicate:
    """Register `can_<action>` under `<action>`."""
    name = func.__name__
    if not name.startswith("can_"):
        raise ValueError(f"Permission predicates are named can_<verb>_<object>, not {name!r}")
    _RULES[name.removeprefix("can_")] = func
    return func


def can(user, action: str, obj=None) -> bool:
    """Whether `user` may do `action` (to `obj`). Unknown actions are a programming error."""
    try:
        predicate = _RULES[action]
    except KeyError as exc:
        raise LookupError(f"No permission rule named {action!r}") from exc
    return bool(predicate(user=user, obj=obj))


def require(user, action: str, obj=None) -> None:
    """Raise PermissionDenied unless `user` may do `action`."""
    if not can(user, action, obj):
        raise PermissionDenied


def registered_actions() -> list[str]:
    return sorted(_RULES)


@rule
def can_access_admin(*, user, obj=None) -> bool:
    """Academy admins and HR work in the Wagtail admin (HR for the framework only)."""
    return roles.has_role(user, roles.ACADEMY_ADMIN, roles.HR)


@rule
def can_view_dashboard(*, user, obj=None) -> bool:
    """Every signed-in member has a "My learning" dashboard of their own."""
    return roles.is_staff_member(user)


@rule
def can_edit_site_settings(*, user, obj=None) -> bool:
    """Branding and footer links belong to Academy admins."""
    return roles.is_academy_admin(user)
