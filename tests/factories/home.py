"""Members of staff, made the way the site makes them (a verified primary email and their role groups)."""

import factory
from django.contrib.auth import get_user_model

from home import roles
from home.services import user_create

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    """A member (Learner only unless a trait or `role_names` says otherwise), created by `user_create`."""

    class Meta:
        model = get_user_model()

    email = factory.Sequence(lambda n: f"member{n}@test.gov.uk")
    # No name unless a test gives one: the site then shows the email address, as for a real new account.
    first_name = ""
    last_name = ""
    job_title = ""
    department = ""
    role_names: tuple[str, ...] = ()

    class Params:
        champion = factory.Trait(role_names=(roles.CHAMPION,))
        hr = factory.Trait(role_names=(roles.HR,))
        academy_admin = factory.Trait(role_names=(roles.ACADEMY_ADMIN,))

    @classmethod
    def _create(cls, model_class, *args, role_names=(), **kwargs):
        return user_create(password=PASSWORD, role_names=tuple(role_names), **kwargs)


def make_user(email: str, *role_names: str, **fields):
    """A member with `email` and `role_names`: the short form most tests read best in."""
    return UserFactory(email=email, role_names=role_names, **fields)
