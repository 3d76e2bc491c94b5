"""Fixtures for required learning: a course, a small staff list with a manager, and a clock in London."""

import datetime

import pytest

from tests.factories import passes as learning_factories
from tests.factories.staff import ServiceAreaFactory, StaffRecordFactory, TeamFactory


@pytest.fixture
def refresher(site_with_home):
    return learning_factories.course(slug="data-protection-refresher", title="Data protection refresher")


@pytest.fixture
def org(db, learner, other_learner, champion):
    """Adult Social Care (Reablement: manager = champion, learner; Discharge: other_learner) and Highways."""
    asc = ServiceAreaFactory(name="Adult Social Care")
    reablement = TeamFactory(service_area=asc, name="Reablement")
    discharge = TeamFactory(service_area=asc, name="Discharge")
    highways = TeamFactory(service_area=ServiceAreaFactory(name="Highways"), name="Network")
    manager = StaffRecordFactory.for_user(champion, team=reablement, joined_on=datetime.date(2019, 4, 1))
    lee = StaffRecordFactory.for_user(
        learner, team=reablement, line_manager=manager, joined_on=datetime.date(2026, 1, 5)
    )
    olu = StaffRecordFactory.for_user(other_learner, team=discharge, joined_on=datetime.date(2025, 6, 2))
    ivy = StaffRecordFactory(
        email="ivy@test.gov.uk", name="Ivy Invite", team=highways, joined_on=datetime.date(2026, 3, 2)
    )
    return {
        "asc": asc,
        "reablement": reablement,
        "discharge": discharge,
        "highways": highways,
        "manager": manager,
        "lee": lee,
        "olu": olu,
        "ivy": ivy,
    }
