"""Every forum action, for every role: the status code and whether anything was written."""

import pytest

from community.models import Flag, ModerationAction, Post, Topic

ROLES = ["anonymous", "learner", "other_learner", "champion", "other_champion", "hr_user", "admin_user"]
SIGNED_IN = set(ROLES) - {"anonymous"}
MODERATORS = {"champion", "admin_user"}


@pytest.fixture
def as_role(request, client_for):
    def _client(role):
        user = None if role == "anonymous" else request.getfixturevalue(role)
        return user, client_for(user)

    return _client


def _assert_refused(response, role):
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code in (403, 404)


@pytest.mark.parametrize("role", ROLES)
def test_start_topic(role, as_role, category):
    _, client = as_role(role)
    response = client.post(
        f"/community/c/{category.slug}/new/",
        {"title": "Who owns the gazetteer?", "body": "Asking for a friend."},
    )
    created = Topic.objects.filter(title="Who owns the gazetteer?").exists()
    if role in SIGNED_IN:
        assert response.status_code == 302 and created
    else:
        _assert_refused(response, role)
        assert not created


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("locked", [False, True])
def test_reply(role, locked, as_role, topic):
    topic.is_locked = locked
    topic.save()
    _, client = as_role(role)
    response = client.post(f"/community/t/{topic.pk}/reply/", {"body": "A reply."})
    allowed = role in (MODERATORS if locked else SIGNED_IN)
    assert Post.objects.filter(topic=topic, source="A reply.").exists() == allowed
    if allowed:
        assert response.status_code == 302
    else:
        _assert_refused(response, role)


@pytest.mark.parametrize("role", ROLES)
def test_edit_a_post_by_learner(role, as_role, topic):
    """`learner` wrote it: they may edit (their own); moderators may; nobody else."""
    post = topic.posts.get(number=1)
    _, client = as_role(role)
    response = client.post(f"/community/p/{post.pk}/edit/", {"body": "Changed text.", "reason": "typo"})
    post.refresh_from_db()
    allowed = role in MODERATORS | {"learner"}
    assert (post.source == "Changed text.") == allowed
    if allowed:
        assert response.status_code == 302
        assert post.revisions.get().source.startswith("We have **Smith Street**")
    else:
        _assert_refused(response, role)


@pytest.mark.parametrize("role", ROLES)
def test_flag(role, as_role, topic):
    post = topic.posts.get(number=1)
    _, client = as_role(role)
    response = client.post(f"/community/p/{post.pk}/flag/", {"reason": "off_topic"})
    allowed = role in SIGNED_IN - {"learner"}  # not your own post
    assert Flag.objects.filter(post=post).exists() == allowed
    if allowed:
        assert response.status_code == 302
    else:
        _assert_refused(response, role)


@pytest.mark.parametrize("role", ROLES)
def test_hide(role, as_role, reply):
    _, client = as_role(role)
    response = client.post(f"/community/p/{reply.pk}/hide/", {"reason": "Shares a resident's name"})
    reply.refresh_from_db()
    allowed = role in MODERATORS
    assert reply.is_hidden == allowed
    if allowed:
        log = ModerationAction.objects.get(action="hide")
        assert (
            log.post == reply
            and log.reason == "Shares a resident's name"
            and log.actor.email.startswith(role.split("_")[0])
        )
    else:
        _assert_refused(response, role)
        assert not ModerationAction.objects.exists()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action,field", [("lock", "is_locked"), ("pin", "is_pinned")])
def test_lock_and_pin(role, action, field, as_role, topic):
    _, client = as_role(role)
    response = client.post(f"/community/t/{topic.pk}/moderate/", {"action": action, "reason": "Tidying up"})
    topic.refresh_from_db()
    allowed = role in MODERATORS
    assert getattr(topic, field) == allowed
    assert (
        ModerationAction.objects.filter(action=action, topic=topic, reason="Tidying up").exists() == allowed
    )
    if not allowed:
        _assert_refused(response, role)


@pytest.mark.parametrize("role", ROLES)
def test_move(role, as_role, topic, second_category):
    _, client = as_role(role)
    response = client.post(
        f"/community/t/{topic.pk}/moderate/",
        {"action": "move", "category": second_category.pk, "reason": "Belongs with tools"},
    )
    topic.refresh_from_db()
    allowed = role in MODERATORS
    assert (topic.category_id == second_category.pk) == allowed
    if allowed:
        second_category.refresh_from_db()
        assert second_category.topic_count == 1 and second_category.post_count == 1
        assert ModerationAction.objects.get(action="move").detail == "from Data quality to Tools"
    else:
        _assert_refused(response, role)


def test_champion_cannot_move_into_a_category_they_do_not_moderate(
    client_for, champion, topic, other_category
):
    response = client_for(champion).post(
        f"/community/t/{topic.pk}/moderate/",
        {"action": "move", "category": other_category.pk, "reason": "x"},
    )
    topic.refresh_from_db()
    assert response.status_code == 200  # the form refuses the choice
    assert "Select a valid choice" in response.text
    assert topic.category.slug == "data-quality"


@pytest.mark.parametrize("role", ROLES)
def test_accept(role, as_role, reply):
    _, client = as_role(role)
    response = client.post(f"/community/p/{reply.pk}/accept/")
    topic = Topic.objects.get(pk=reply.topic_id)
    allowed = role in MODERATORS | {"learner"}  # learner started the topic
    assert (topic.accepted_post_id == reply.pk) == allowed
    if allowed:
        assert reply.author.forum_profile.__class__.objects.get(user=reply.author).accepted_answer_count == 1
    else:
        _assert_refused(response, role)


@pytest.mark.parametrize("role", ROLES)
def test_moderation_queue(role, as_role, topic):
    _, client = as_role(role)
    response = client.get("/community/moderation/")
    if role in MODERATORS | {"other_champion"}:  # other_champion moderates Highways
        assert response.status_code == 200
    else:
        _assert_refused(response, role)


def test_moderation_queue_shows_only_the_champions_categories(
    client_for, champion, other_champion, other_learner, topic
):
    from community import moderation

    moderation.post_flag(user=other_learner, post=topic.posts.get(), reason="spam")
    response = client_for(other_champion).get("/community/moderation/")
    assert response.status_code == 200
    assert "Moderation queue" in response.text and "Highways" in response.text  # their own category
    assert 'value="data-quality"' not in response.text  # not offered a category they do not moderate
    assert "How do I remove duplicate" not in response.text
    mine = client_for(champion).get("/community/moderation/")  # the topic's category's moderator sees it
    assert mine.status_code == 200 and "How do I remove duplicate" in mine.text


def test_champion_who_loses_the_role_stops_moderating(client_for, champion, reply):
    from home.services import user_set_roles

    user_set_roles(user=champion, role_names=[])
    response = client_for(champion).post(f"/community/p/{reply.pk}/hide/", {"reason": "x"})
    assert response.status_code == 403


def test_edit_window_closes_for_authors_but_not_moderators(client_for, learner, champion, topic, settings):
    post = topic.posts.get()
    Post.objects.filter(pk=post.pk).update(created_at=post.created_at.replace(year=2020))
    assert client_for(learner).post(f"/community/p/{post.pk}/edit/", {"body": "Late."}).status_code == 403
    assert (
        client_for(champion).post(f"/community/p/{post.pk}/edit/", {"body": "Moderated."}).status_code == 302
    )
    assert ModerationAction.objects.get(action="edit").actor == champion


@pytest.mark.parametrize("role", ROLES)
def test_reading_requires_sign_in(role, as_role, topic):
    _, client = as_role(role)
    for path in ("/community/", f"/community/c/{topic.category.slug}/", topic.get_absolute_url()):
        response = client.get(path)
        if role == "anonymous":
            _assert_refused(response, role)
        else:
            assert response.status_code == 200
            assert "How do I remove duplicate addresses?" in response.text or path == "/community/"


def test_hidden_post_visible_to_author_and_moderators_only(
    client_for, learner, other_learner, champion, reply
):
    from community import moderation

    moderation.post_hide(actor=champion, post=reply, reason="Personal data")
    url = reply.topic.get_absolute_url()
    response = client_for(learner).get(url)
    assert response.status_code == 200
    assert "How do I remove duplicate addresses?" in response.text  # the topic itself is shown
    assert "This post is hidden by the moderators" in response.text
    assert "Try a lookup table" not in response.text
    assert "Try a lookup table" in client_for(other_learner).get(url).text  # its author
    assert "Try a lookup table" in client_for(champion).get(url).text
    assert Topic.objects.get(pk=reply.topic_id).reply_count == 0
