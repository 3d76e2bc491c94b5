"""What only a browser shows: keyboard sign-in, axe, and that pages fetch nothing from other hosts."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def site(site_with_home):
    return site_with_home


def test_learner_signs_in_by_keyboard_and_reaches_my_learning(page, site, learner):
    page.goto("/")
    page.keyboard.press("Tab")  # the skip link is the first stop
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.goto("/accounts/login/")
    page.get_by_label("Email").focus()
    page.keyboard.type(learner.email)
    page.keyboard.press("Tab")
    # "Forgot your password?" sits between the label and the input: tab past it if focused.
    if page.evaluate("document.activeElement.tagName") == "A":
        page.keyboard.press("Tab")
    page.keyboard.type("correct-horse-battery-staple")
    page.keyboard.press("Enter")
    page.wait_for_url("**/my-learning/")
    assert page.get_by_role("heading", level=1).inner_text() == "My learning"
    assert page.off_host_requests == []


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/search/?q=data",
        "/accessibility/",
        "/help/",
        "/no-such-page/",
    ],
)
def test_public_pages_pass_axe(page, axe_check, site, path):
    page.goto(path)
    axe_check(page)
    assert page.off_host_requests == []


def test_signed_in_pages_pass_axe(page, axe_check, site, learner, sign_in):
    sign_in(page, learner)
    for path in (
        "/my-learning/",
        "/my-learning/your-data/",
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/2fa/",
    ):
        page.goto(path)
        axe_check(page)
    assert page.off_host_requests == []


def test_sign_in_errors_are_announced_and_pass_axe(page, axe_check, site):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("nobody@test.gov.uk")
    page.get_by_label("Password").fill("wrong-password-here")
    page.get_by_role("button", name="Sign in").click()
    assert page.locator(".govuk-error-summary").is_visible()
    axe_check(page)


def test_admin_pages_fetch_nothing_from_other_hosts(page, site, admin_user, sign_in_with_second_factor):
    """Issue 18.13: no request from the admin leaves the site (no Gravatar: staff email hashes stay here)."""
    sign_in_with_second_factor(page, admin_user)
    for path in ("/admin/", "/admin/pages/", "/admin/account/", "/admin/users/", "/admin/snippets/"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert "gravatar.com" not in page.content(), path
    assert page.off_host_requests == []
