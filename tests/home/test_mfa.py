import pytest

from tests.conftest import give_authenticator


@pytest.mark.django_db
@pytest.mark.parametrize("fixture", ["hr_user", "admin_user"])
def test_hr_and_admin_without_authenticator_are_sent_to_set_one_up(request, client_for, fixture):
    user = request.getfixturevalue(fixture)
    client = client_for(user, with_mfa=False)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    # A protected page deeper in the admin is refused the same way.
    assert client.get("/admin/pages/").status_code == 302
    # So is every other page: the second factor guards the account, not a list of areas.
    for path in ("/my-learning/", "/framework/maturity/", "/community/moderation/", "/champions/coverage/"):
        response = client.get(path)
        assert (response.status_code, response["Location"]) == (302, "/accounts/2fa/totp/activate/"), path
    # Setting it up and signing out stay open.
    assert client.get("/accounts/2fa/totp/activate/").status_code in (200, 302)
    assert client.get("/accounts/logout/").status_code == 200


@pytest.mark.django_db
def test_a_champion_who_moderates_a_category_needs_a_second_factor(client_for, champion, learner):
    from tests.factories.community import CategoryFactory

    client = client_for(champion, with_mfa=False)
    assert client.get("/my-learning/").status_code == 200  # a champion with no category to moderate
    CategoryFactory(moderators=[champion])
    response = client_for(champion, with_mfa=False).get("/my-learning/")
    assert (response.status_code, response["Location"]) == (302, "/accounts/2fa/totp/activate/")
    give_authenticator(champion)
    assert client_for(champion, with_mfa=False).get("/my-learning/").status_code == 200
    assert client_for(learner).get("/my-learning/").status_code == 200


@pytest.mark.django_db
def test_hr_with_authenticator_reaches_admin(client_for, hr_user):
    give_authenticator(hr_user)
    client = client_for(hr_user, with_mfa=False)
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_learners_are_not_asked_for_mfa(client_for, learner):
    assert client_for(learner).get("/my-learning/").status_code == 200


@pytest.mark.django_db
def test_a_learner_opening_the_admin_is_refused_not_sent_round_a_sign_in_loop(client_for, learner, client):
    response = client_for(learner).get("/admin/", follow=True)
    assert response.status_code == 403 and not response.redirect_chain
    assert client_for(learner).get("/admin/pages/").status_code == 403
    # Visitors still sign in first.
    assert client.get("/admin/")["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_totp_is_asked_at_sign_in_once_set_up(client, hr_user):
    give_authenticator(hr_user)
    response = client.post(
        "/accounts/login/", {"login": hr_user.email, "password": "correct-horse-battery-staple"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
