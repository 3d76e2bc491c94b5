"""Writes for accounts and roles."""

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from . import roles

security_log = logging.getLogger("academy.security")


def user_join_learners(*, user) -> None:
    """Every account is a learner."""
    group, _ = Group.objects.get_or_create(name=roles.LEARNER)
    user.groups.add(group)
    roles.forget_roles(user)


def user_set_roles(*, user, role_names: list[str], actor=None) -> None:
    """Give `user` exactly `role_names` (Learner is always kept) and log the change."""
    unknown = set(role_names) - set(roles.ALL_ROLES)
    if unknown:
        raise ValueError(f"Unknown roles: {', '.join(sorted(unknown))}")
    wanted = set(role_names) | {roles.LEARNER}
    with transaction.atomic():
        groups = [Group.objects.get_or_create(name=name)[0] for name in sorted(wanted)]
        other_role_groups = Group.objects.filter(name__in=roles.ALL_ROLES).exclude(name__in=wanted)
        user.groups.remove(*other_role_groups)
        user.groups.add(*groups)
    roles.forget_roles(user)
    security_log.info(
        "role change user_id=%s roles=%s actor_id=%s", user.pk, sorted(wanted), getattr(actor, "pk", None)
    )


def user_create(
    *,
    email: str,
    password: str | None,
    first_name: str = "",
    last_name: str = "",
    job_title: str = "",
    department: str = "",
    role_names: tuple[str, ...] = (),
) -> "get_user_model()":
    """Create an account with a verified primary email and the given roles."""
    from allauth.account.models import EmailAddress

    User = get_user_model()
    with transaction.atomic():
        user = User.objects.create_user(
            email=email,
            password=password,
            first_name=first_name,
            last_name=last_name,
            job_title=job_title,
            department=department,
        )
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        user_set_roles(user=user, role_names=list(role_names))
    return user


FORMER_MEMBER_EMAIL = "former.member@data-academy.invalid"


def former_member_user():
    """The one inactive account that erased members' shared contributions (forum posts) are attributed to."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        email=FORMER_MEMBER_EMAIL,
        defaults={"first_name": "Former", "last_name": "member", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
