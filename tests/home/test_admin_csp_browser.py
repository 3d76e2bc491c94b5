"""The Wagtail admin works under its Content Security Policy: every screen HR and admins use loads and runs its
scripts with no violation reported by the browser."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ADMIN_PAGES = [
    "/admin/",
    "/admin/pages/",
    "/admin/snippets/competencies/competency/",
    "/admin/framework/import/",
    "/admin/images/",
    "/admin/documents/",
    "/admin/users/",
]


def test_admin_screens_load_under_the_admin_policy(page, sign_in_with_second_factor, demo_content):
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    admin = get_user_model().objects.get(email="admin@example.gov.uk")
    sign_in_with_second_factor(page, admin)
    violations = []
    page.on("console", lambda msg: "Content Security Policy" in msg.text and violations.append(msg.text))
    lesson = Page.objects.filter(depth__gte=4).live().first()
    for path in [*ADMIN_PAGES, f"/admin/pages/{lesson.pk}/edit/"]:
        response = page.goto(path)
        page.wait_for_load_state("networkidle")
        assert response.status == 200, path
        policy = response.headers["content-security-policy"]
        assert "script-src 'self' 'unsafe-inline';" in policy + ";" and "object-src 'none'" in policy, path
        assert "unsafe-eval" not in policy and "default-src 'self'" in policy, path
        # The admin's scripts ran: Wagtail's JavaScript marks the document once it has started.
        assert page.evaluate("() => !!window.wagtail"), path
    assert not violations, "\n".join(violations)
    assert not page.off_host_requests
