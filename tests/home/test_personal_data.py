import io
import json
import zipfile

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import call_command

from home import personal_data
from tests.conftest import give_authenticator

User = get_user_model()


def test_every_relation_to_a_member_is_declared_for_export_and_erasure():
    declared = {(s.model_class._meta.label, s.user_field) for s in personal_data.sources()}
    missing = personal_data.user_relations() - declared
    assert not missing, (
        "These models point at a member but are not in any app's personal_data_sources.SOURCES, so export "
        f"and erasure would miss them: {sorted(missing)}"
    )


def test_declared_policies_are_known():
    for source in personal_data.sources():
        assert source.erase in {personal_data.DELETE, personal_data.DETACH, personal_data.CUSTOM}, source
        if source.erase == personal_data.CUSTOM:
            assert callable(source.eraser), source


@pytest.mark.django_db
def test_download_is_a_zip_of_json_and_csv_without_secrets(client_for, learner):
    give_authenticator(learner)
    response = client_for(learner).post("/my-learning/your-data/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "no-store" in response["Cache-Control"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("data.json"))
    assert data["profile"][0]["email"] == learner.email
    assert data["email_addresses"][0]["email"] == learner.email
    assert "authenticators.csv" in archive.namelist()
    text = archive.read("data.json").decode()
    assert "secret" not in text and "password" not in text


@pytest.mark.django_db
def test_download_needs_sign_in_and_post(client, client_for, learner):
    assert client.post("/my-learning/your-data/download/").status_code == 302
    assert client_for(learner).get("/my-learning/your-data/download/").status_code == 405


@pytest.mark.django_db
def test_delete_account_needs_password_and_confirmation(client_for, learner):
    client = client_for(learner)
    response = client.post("/my-learning/your-data/delete/", {"password": "wrong", "confirm": "on"})
    assert response.status_code == 400
    assert "The password is not right." in response.content.decode()
    response = client.post("/my-learning/your-data/delete/", {"password": "correct-horse-battery-staple"})
    assert response.status_code == 400
    assert "Tick the box" in response.content.decode()
    assert User.objects.filter(pk=learner.pk).exists()


@pytest.mark.django_db
def test_member_erases_their_account(client_for, learner):
    client = client_for(learner)
    response = client.post(
        "/my-learning/your-data/delete/", {"password": "correct-horse-battery-staple", "confirm": "on"}
    )
    assert response.status_code == 302
    assert not User.objects.filter(pk=learner.pk).exists()
    assert not EmailAddress.objects.filter(email=learner.email).exists()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_erasure_leaves_no_row_pointing_at_the_member(learner):
    from competencies.models import Competency, CompetencyArea
    from competencies.services import evidence_record

    area = CompetencyArea.objects.create(name="Area", slug="area")
    comp = Competency.objects.create(code="X1", name="X", description="x", area=area)
    evidence_record(user=learner, competency=comp, level=2, source="Course", source_key="course:1")
    give_authenticator(learner)
    user_id = learner.pk
    personal_data.erase(learner)
    for label, field in personal_data.user_relations():
        from django.apps import apps

        model = apps.get_model(label)
        assert not model._default_manager.filter(**{f"{field}_id": user_id}).exists(), (label, field)


@pytest.mark.django_db
def test_erase_member_command_dry_run_then_erase(learner):
    out = io.StringIO()
    call_command("erase_member", learner.email, stdout=out)
    assert "Dry run" in out.getvalue() and User.objects.filter(pk=learner.pk).exists()
    call_command("erase_member", learner.email, "--yes", stdout=io.StringIO())
    assert not User.objects.filter(pk=learner.pk).exists()


@pytest.mark.django_db
def test_retention_erases_only_long_inactive_accounts(learner, other_learner, settings):
    import datetime

    from django.utils import timezone

    settings.ACCOUNT_RETENTION_DAYS = 365
    User.objects.filter(pk=learner.pk).update(last_login=timezone.now() - datetime.timedelta(days=400))
    User.objects.filter(pk=other_learner.pk).update(last_login=timezone.now() - datetime.timedelta(days=10))
    out = io.StringIO()
    call_command("erase_inactive_accounts", stdout=out)
    assert "1 account(s)" in out.getvalue() and User.objects.filter(pk=learner.pk).exists()
    call_command("erase_inactive_accounts", "--yes", stdout=io.StringIO())
    assert not User.objects.filter(pk=learner.pk).exists()
    assert User.objects.filter(pk=other_learner.pk).exists()


@pytest.mark.django_db
def test_erasure_keeps_forum_posts_as_former_member_with_exact_like_counts(learner, other_learner):
    from community.models import Category, Post, Topic
    from community.services import post_create, post_like_toggle, topic_create

    category = Category.objects.create(name="Data quality", slug="data-quality")
    topic = topic_create(
        user=other_learner,
        category=category,
        title="Duplicate addresses",
        source="How do you deal with duplicate addresses in the gazetteer?",
    )
    reply = post_create(user=learner, topic=topic, source="We match on UPRN first, then on the address text.")
    post_like_toggle(user=learner, post=topic.posts.get(number=1))
    personal_data.erase(learner)
    reply.refresh_from_db()
    assert reply.author.display_name == "Former member" and not reply.author.is_active
    assert "UPRN" in reply.html
    question = Post.objects.get(topic=topic, number=1)
    assert question.like_count == 0 and question.likes.count() == 0
    assert Topic.objects.get(pk=topic.pk).like_count == 0
