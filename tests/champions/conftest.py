"""Champions fixtures: the three competencies champions help with; forum limits out of the way."""

import pytest
from django.test import override_settings

from tests.factories.competencies import three_competencies


@pytest.fixture(autouse=True)
def _generous_limits():
    """Some tests post more than a brand-new account may; the limits have their own tests (in community)."""
    with override_settings(COMMUNITY_NEW_ACCOUNT_POSTS_PER_HOUR=1000, COMMUNITY_POSTS_PER_HOUR=1000):
        yield


@pytest.fixture
def framework(db):
    """DQ1, DA1 and DG1 by code."""
    return three_competencies()
