"""Team data maturity: teams with their members, and the seeded model published as a version."""

import io

import factory

from competencies.maturity import demo
from competencies.maturity.models import MaturityMembership, MaturityTeam


class MaturityTeamFactory(factory.django.DjangoModelFactory):
    """A team; pass `members=[user, ...]` to make them members."""

    name = factory.Sequence(lambda n: f"Team {n}")
    slug = factory.LazyAttribute(lambda team: team.name.lower().replace(" ", "-"))

    class Meta:
        model = MaturityTeam
        skip_postgeneration_save = True

    @factory.post_generation
    def members(team, create, extracted, **kwargs):
        for user in extracted or ():
            MaturityMembership.objects.create(team=team, user=user)


def seeded_model():
    """The Essex/LGA model as the demo seeds it (needs the competency framework to link its themes)."""
    return demo._model(io.StringIO())
