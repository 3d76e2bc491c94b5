"""Small fixtures for the champions tests: a framework of three competencies and helpers to make champions."""

import pytest

from community.models import ChampionCompetency, ChampionProfile
from competencies.levels import Level
from competencies.models import Competency, CompetencyArea
from home import roles
from tests.conftest import make_user


@pytest.fixture
def framework(db):
    area = CompetencyArea.objects.create(name="Working with data", slug="working-with-data")
    return {
        code: Competency.objects.create(code=code, name=name, description=name, area=area)
        for code, name in [
            ("DQ1", "Judging data quality"),
            ("DA1", "Analysing data"),
            ("DG1", "Data protection and governance"),
        ]
    }


def make_champion(email, first, last, *, area="", skills=(), **fields):
    """A user with the Champion role and an active profile helping with `skills` [(competency, level)]."""
    user = make_user(email, roles.CHAMPION, first_name=first, last_name=last, department=area)
    profile = ChampionProfile.objects.create(user=user, service_area=area, **fields)
    for competency, level in skills:
        ChampionCompetency.objects.create(profile=profile, competency=competency, level=Level(level))
    return profile
