"""Forum fixtures: a category the `champion` fixture moderates, one they do not, and a topic by `learner`."""

import pytest
from django.test import override_settings

from community import services
from community.models import Category
from home import roles
from tests.conftest import make_user


@pytest.fixture(autouse=True)
def _generous_limits():
    """Most tests post more than a brand-new account may; the limits have their own tests."""
    with override_settings(COMMUNITY_NEW_ACCOUNT_POSTS_PER_HOUR=1000, COMMUNITY_POSTS_PER_HOUR=1000):
        yield


@pytest.fixture
def other_champion(db):
    return make_user("champion2@test.gov.uk", roles.CHAMPION, first_name="Cara", last_name="Elsewhere")


@pytest.fixture
def category(db, champion):
    cat = Category.objects.create(
        name="Data quality", slug="data-quality", description="Duplicates and more."
    )
    cat.moderators.add(champion)
    return cat


@pytest.fixture
def second_category(db, champion):
    cat = Category.objects.create(name="Tools", slug="tools", position=20)
    cat.moderators.add(champion)
    return cat


@pytest.fixture
def other_category(db, other_champion):
    cat = Category.objects.create(name="Highways", slug="highways", position=30)
    cat.moderators.add(other_champion)
    return cat


@pytest.fixture
def topic(db, learner, category, other_category):
    return services.topic_create(
        user=learner,
        category=category,
        title="How do I remove duplicate addresses?",
        source="We have **Smith Street** and Smith Str in the same list.",
    )


@pytest.fixture
def reply(db, topic, other_learner):
    return services.post_create(user=other_learner, topic=topic, source="Try a lookup table of variants.")
