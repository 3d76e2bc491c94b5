"""Data champions: a member with the Champion role and an active directory profile with their skills."""

import factory

from community.champions.models import ChampionCompetency, ChampionProfile
from competencies.levels import Level
from home import roles

from .home import UserFactory


class ChampionProfileFactory(factory.django.DjangoModelFactory):
    """An active champion's profile; its user holds the Champion role. `skills=[(competency, level)]`."""

    user = factory.SubFactory(UserFactory, champion=True)

    class Meta:
        model = ChampionProfile
        skip_postgeneration_save = True

    @factory.post_generation
    def skills(profile, create, extracted, **kwargs):
        for competency, level in extracted or ():
            ChampionCompetency.objects.create(profile=profile, competency=competency, level=Level(level))


def make_champion(email, first, last, *, area="", skills=(), **fields):
    """A user with the Champion role and an active profile helping with `skills` [(competency, level)]."""
    user = UserFactory(
        email=email, first_name=first, last_name=last, department=area, role_names=(roles.CHAMPION,)
    )
    return ChampionProfileFactory(user=user, service_area=area, skills=skills, **fields)
