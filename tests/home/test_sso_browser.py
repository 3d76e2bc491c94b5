"""The sign-in page passes axe with single sign-on off and on, and the council-account button works by keyboard."""

import pytest

from tests.home.test_sso import enable_sso

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_sign_in_page_axe_with_sso_off(page, axe_check, site_with_home):
    page.goto("/accounts/login/")
    assert page.get_by_role("button", name="Sign in with your council account").count() == 0
    axe_check(page)


@pytest.mark.parametrize("password_login", [True, False])
def test_sign_in_page_axe_with_sso_on(page, axe_check, site_with_home, settings, monkeypatch, password_login):
    enable_sso(settings, monkeypatch, kind="microsoft")
    settings.SSO_PASSWORD_LOGIN = password_login
    page.goto("/accounts/login/")
    button = page.get_by_role("button", name="Sign in with your council account")
    assert button.count() == 1
    assert (page.get_by_label("Password").count() == 1) is password_login
    axe_check(page)
    # The button is the first control after the skip link and navigation: reach it by keyboard.
    button.focus()
    assert page.evaluate("document.activeElement.textContent").strip() == "Sign in with your council account"
    assert page.off_host_requests == []


def test_signed_out_page_axe(page, axe_check, site_with_home):
    page.goto("/signed-out/")
    axe_check(page)
