"""The admin dashboard shows HR and Academy admins what they do: framework drafts and the reports (issue 18.13)."""

import pytest

from competencies.models import Competency, CompetencyArea

pytestmark = pytest.mark.django_db


def test_hr_dashboard_shows_framework_drafts_and_reports(client_for, hr_user):
    area = CompetencyArea.objects.create(name="Data quality", slug="data-quality")
    draft = Competency(code="DQ9", name="Draft one", description="x", area=area, live=False)
    draft.has_unpublished_changes = True
    draft.save()
    body = client_for(hr_user).get("/admin/").content.decode()
    assert "Competency framework and reports" in body
    assert "1 change waiting to be published: 1 competency and 0 role profiles." in body
    assert 'href="/framework/reports/"' in body and "Publish framework version" in body


def test_the_panel_is_only_for_people_who_do_that_work(client_for, admin_user, champion):
    assert "Competency framework and reports" in client_for(admin_user).get("/admin/").content.decode()
    response = client_for(champion).get("/admin/")
    assert "Competency framework and reports" not in response.content.decode()
