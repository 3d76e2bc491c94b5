"""Data champions: applying, deciding, stepping down, the directory, profiles, asking, coverage and demo."""

import csv
import io

import pytest
from django.core import mail
from django.core.management import call_command

from community import services as forum_services
from community.champions import services
from community.champions.models import ChampionApplication, ChampionLogEntry, ChampionProfile
from community.events.models import EventPage
from community.models import Category, Notification, NotificationPreference, Topic
from community.permissions import moderates
from competencies.levels import Level
from home import roles
from home.permissions import can
from tests.factories.champions import make_champion
from tests.factories.home import make_user

Status = ChampionApplication.Status
# Session, user, roles, site and branding, header badge, menu, the filter's choices, one page of cards
# with their competencies and categories: the same for 20 champions or 1,000 (13 on SQLite, 14 measured on
# PostgreSQL).
QUERY_CEILING = 14


def _apply(client, framework, category=None, **extra):
    data = {
        "why": "I answer Excel questions in my team every week and want to help more widely.",
        "manager_name": "Morag Manager",
        "service_area": "Adult Social Care",
        f"competency_{framework['DQ1'].pk}": str(Level.ANALYSE),
        f"competency_{framework['DA1'].pk}": "",
        f"competency_{framework['DG1'].pk}": str(Level.ENGAGE),
        **extra,
    }
    if category is not None:
        data["categories"] = [category.pk]
    return client.post("/champions/apply/", data)


@pytest.fixture
def forum(db):
    return Category.objects.create(name="Adult Social Care", slug="adult-social-care")


# --- Applying and deciding ------------------------------------------------------------------------


@pytest.mark.django_db
def test_application_then_approval_grants_the_group_and_moderation(
    client_for, learner, hr_user, framework, forum, django_capture_on_commit_callbacks
):
    response = _apply(client_for(learner), framework, forum)
    application = ChampionApplication.objects.get(applicant=learner)
    assert (
        response.status_code == 302 and response["Location"] == f"/champions/applications/{application.pk}/"
    )
    assert application.status == Status.PENDING
    assert {(s.competency.code, s.level) for s in application.skills.all()} == {
        ("DQ1", Level.ANALYSE),
        ("DG1", Level.ENGAGE),
    }
    assert not roles.is_champion(learner) and not moderates(learner, forum)

    decider = client_for(hr_user)
    page = decider.get(f"/champions/applications/{application.pk}/").content.decode()
    assert "Morag Manager" in page and "Save decision" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = decider.post(
            f"/champions/applications/{application.pk}/",
            {"decision": "approve", "reason": "Strong Excel skills, manager agrees."},
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.APPROVED and application.decided_by == hr_user

    learner.refresh_from_db()
    roles.forget_roles(learner)
    assert roles.is_champion(learner)
    assert learner.groups.filter(name=roles.LEARNER).exists()
    assert moderates(learner, forum)
    assert list(forum.moderators.all()) == [learner]
    profile = ChampionProfile.objects.get(user=learner)
    assert profile.is_active and profile.service_area == "Adult Social Care"
    assert list(profile.led_categories.all()) == [forum]
    assert {(s.competency.code, s.level) for s in profile.skills.all()} == {
        ("DQ1", Level.ANALYSE),
        ("DG1", Level.ENGAGE),
    }
    assert list(ChampionLogEntry.objects.filter(member=learner).values_list("action", flat=True)) == [
        "approved",
        "applied",
    ]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [learner.email]
    assert "approved" in mail.outbox[0].body and "Strong Excel skills" in mail.outbox[0].body
    # The new champion now sees the directory's profile link and no longer may apply.
    assert not can(learner, "apply_champion")


@pytest.mark.django_db
def test_decline_records_the_reason_and_grants_nothing(
    client_for, learner, admin_user, framework, forum, django_capture_on_commit_callbacks
):
    _apply(client_for(learner), framework, forum)
    application = ChampionApplication.objects.get()
    admin = client_for(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            f"/champions/applications/{application.pk}/",
            {"decision": "decline", "reason": "Please finish the Analyse course first."},
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.DECLINED
    assert application.decision_reason == "Please finish the Analyse course first."
    roles.forget_roles(learner)
    assert not roles.is_champion(learner)
    assert not forum.moderators.exists()
    assert not ChampionProfile.objects.exists()
    assert ChampionLogEntry.objects.filter(action="declined", actor=admin_user, member=learner).exists()
    assert "not approved" in mail.outbox[0].body and "Analyse course first" in mail.outbox[0].body
    # The applicant sees the decision and reason.
    page = client_for(learner).get(f"/champions/applications/{application.pk}/").content.decode()
    assert "Declined" in page and "Please finish the Analyse course first." in page
    # A decided application cannot be decided again.
    again = admin.post(
        f"/champions/applications/{application.pk}/", {"decision": "approve", "reason": "Changed my mind"}
    )
    assert again.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.DECLINED


@pytest.mark.django_db
def test_decision_needs_a_reason_and_changes_nothing_without_one(client_for, learner, hr_user, framework):
    _apply(client_for(learner), framework)
    application = ChampionApplication.objects.get()
    response = client_for(hr_user).post(f"/champions/applications/{application.pk}/", {"decision": "approve"})
    assert response.status_code == 200
    assert "Enter a reason: the applicant is told it" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.PENDING
    assert not mail.outbox


@pytest.mark.django_db
def test_email_respects_the_members_preference(
    client_for, learner, hr_user, framework, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=learner, email=NotificationPreference.Email.OFF)
    _apply(client_for(learner), framework)
    application = ChampionApplication.objects.get()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.application_decide(actor=hr_user, application=application, approve=True, reason="Welcome")
    assert callbacks == []
    assert not mail.outbox
    assert ChampionLogEntry.objects.filter(action="approved").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "allowed"),
    [("learner", False), ("other_learner", False), ("champion", False), ("hr", True), ("admin", True)],
)
def test_only_admins_and_hr_decide(
    role, allowed, client_for, learner, other_learner, champion, hr_user, admin_user, framework
):
    users = {"other_learner": other_learner, "champion": champion, "hr": hr_user, "admin": admin_user}
    applicant = make_user("applicant@test.gov.uk", first_name="Ann", last_name="Applicant")
    _apply(client_for(applicant), framework)
    application = ChampionApplication.objects.get()
    actor = learner if role == "learner" else users[role]
    client = client_for(actor)
    response = client.post(
        f"/champions/applications/{application.pk}/", {"decision": "approve", "reason": "Looks good"}
    )
    application.refresh_from_db()
    roles.forget_roles(applicant)
    if allowed:
        assert response.status_code == 302
        assert application.status == Status.APPROVED and roles.is_champion(applicant)
    else:
        assert response.status_code == 403
        assert application.status == Status.PENDING and not roles.is_champion(applicant)
    assert (client.get("/champions/applications/").status_code == 200) is allowed


@pytest.mark.django_db
def test_anonymous_cannot_decide_and_nobody_decides_their_own(client, client_for, hr_user, framework):
    hr = client_for(hr_user)
    _apply(hr, framework)
    application = ChampionApplication.objects.get()
    response = client.post(
        f"/champions/applications/{application.pk}/", {"decision": "approve", "reason": "x"}
    )
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    own = hr.post(f"/champions/applications/{application.pk}/", {"decision": "approve", "reason": "Me!"})
    assert own.status_code == 403
    application.refresh_from_db()
    assert application.status == Status.PENDING


@pytest.mark.django_db
def test_application_form_errors_name_the_problem_and_keep_the_text(client_for, learner, framework):
    response = _apply(
        client_for(learner),
        framework,
        why="Too short",
        manager_name="",
        **{f"competency_{framework['DQ1'].pk}": "", f"competency_{framework['DG1'].pk}": ""},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter your line manager&#x27;s name" in page
    assert "Tell us why you want to be a champion in at least 20 characters" in page
    assert "Choose at least one competency you can help with, and the level" in page
    assert "Too short" in page
    assert not ChampionApplication.objects.exists()


@pytest.mark.django_db
def test_one_pending_application_and_withdrawal(client_for, learner, other_learner, framework):
    client = client_for(learner)
    _apply(client, framework)
    application = ChampionApplication.objects.get()
    again = client.get("/champions/apply/")
    assert again.status_code == 302 and again["Location"] == application.get_absolute_url()
    assert client_for(other_learner).get(application.get_absolute_url()).status_code == 403
    assert (
        client_for(other_learner).post(f"/champions/applications/{application.pk}/withdraw/").status_code
        == 403
    )
    client.post(f"/champions/applications/{application.pk}/withdraw/")
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN
    assert client.get("/champions/apply/").status_code == 200


# --- Stepping down ------------------------------------------------------------------------------


def _approved(client_for, learner, hr_user, framework, forum):
    _apply(client_for(learner), framework, forum)
    application = ChampionApplication.objects.get(applicant=learner, status=Status.PENDING)
    services.application_decide(actor=hr_user, application=application, approve=True, reason="Welcome")
    return ChampionProfile.objects.get(user=learner)


@pytest.mark.django_db
def test_stepping_down_removes_the_group_and_moderation(client_for, learner, hr_user, framework, forum):
    profile = _approved(client_for, learner, hr_user, framework, forum)
    client = client_for(learner)
    assert client.get(f"/champions/{profile.pk}/step-down/").status_code == 200
    response = client.post(f"/champions/{profile.pk}/step-down/", {"reason": ""})
    assert response.status_code == 302
    profile.refresh_from_db()
    assert not profile.is_active and profile.stepped_down_at
    learner.refresh_from_db()
    roles.forget_roles(learner)
    assert not roles.is_champion(learner) and roles.has_role(learner, roles.LEARNER)
    assert not forum.moderators.exists() and not profile.led_categories.exists()
    assert not moderates(learner, forum)
    assert ChampionLogEntry.objects.filter(member=learner, action="stepped_down").exists()
    assert client_for(hr_user).get(f"/champions/{profile.pk}/").status_code == 404
    # They may apply again later, and approval brings the same profile back.
    _approved(client_for, learner, hr_user, framework, forum)
    profile.refresh_from_db()
    assert profile.is_active and ChampionProfile.objects.count() == 1


@pytest.mark.django_db
def test_admin_removal_needs_a_reason_and_tells_the_champion(
    client_for,
    learner,
    other_learner,
    hr_user,
    admin_user,
    framework,
    forum,
    django_capture_on_commit_callbacks,
):
    profile = _approved(client_for, learner, hr_user, framework, forum)
    mail.outbox.clear()
    assert client_for(other_learner).post(f"/champions/{profile.pk}/step-down/").status_code == 403
    admin = client_for(admin_user)
    response = admin.post(f"/champions/{profile.pk}/step-down/", {"reason": ""})
    assert response.status_code == 200 and "Enter a reason" in response.content.decode()
    profile.refresh_from_db()
    assert profile.is_active
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(f"/champions/{profile.pk}/step-down/", {"reason": "Left the council"})
    profile.refresh_from_db()
    assert not profile.is_active
    assert ChampionLogEntry.objects.filter(
        member=learner, action="removed", reason="Left the council"
    ).exists()
    assert mail.outbox[0].to == [learner.email] and "Left the council" in mail.outbox[0].body


# --- Profiles ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_hidden_contact_details_are_never_rendered(client_for, learner, framework):
    profile = make_champion(
        "hidden@test.gov.uk",
        "Hana",
        "Hidden",
        area="Public Health",
        skills=[(framework["DQ1"], Level.ENGAGE)],
        teams_url="https://teams.example.org/l/chat/secret-hana",
        show_teams=False,
        show_email=False,
    )
    for url in ("/champions/", f"/champions/{profile.pk}/", "/champions/?q=Hana"):
        page = client_for(learner).get(url).content.decode()
        assert "Hana Hidden" in page
        assert "hidden@test.gov.uk" not in page
        assert "secret-hana" not in page
    profile.show_email = True
    profile.show_teams = True
    profile.save()
    page = client_for(learner).get(f"/champions/{profile.pk}/").content.decode()
    assert 'href="mailto:hidden@test.gov.uk"' in page
    assert "https://teams.example.org/l/chat/secret-hana" in page


@pytest.mark.django_db
def test_champion_edits_their_profile_and_bio_is_sanitised(client_for, champion, learner, framework):
    client = client_for(champion)
    assert client.get("/champions/me/edit/").status_code == 200
    data = {
        "job_title": "Data Officer",
        "service_area": "Highways",
        "bio": "I help with **joins**.<script>alert(1)</script>",
        "office_hours": "Mondays 10am",
        "networks": "",
        "contact_forum": "on",
        "teams_url": "",
        "show_teams": "on",
        f"competency_{framework['DA1'].pk}": str(Level.REASON),
    }
    response = client.post("/champions/me/edit/", data)
    assert response.status_code == 200
    assert "Enter your Teams link, or untick" in response.content.decode()
    data["show_teams"] = ""
    response = client.post("/champions/me/edit/", data)
    profile = ChampionProfile.objects.get(user=champion)
    assert response.status_code == 302
    assert "<strong>joins</strong>" in profile.bio_html and "<script" not in profile.bio_html
    assert [(s.competency.code, s.level) for s in profile.skills.all()] == [("DA1", Level.REASON)]
    page = client_for(learner).get(profile.get_absolute_url()).content.decode()
    assert "<strong>joins</strong>" in page and "<script>alert" not in page and "Mondays 10am" in page
    # Nobody else edits it; learners have no profile to edit.
    assert client_for(learner).get("/champions/me/edit/").status_code == 403


@pytest.mark.django_db
def test_profile_shows_recent_forum_activity_and_accepted_answers(client_for, learner, framework):
    profile = make_champion("helper@test.gov.uk", "Hal", "Helper", skills=[(framework["DQ1"], Level.ANALYSE)])
    category = Category.objects.create(name="Tools", slug="tools")
    topic = forum_services.topic_create(
        user=learner, category=category, title="How do I pivot this table?", source="Help please"
    )
    answer = forum_services.post_create(user=profile.user, topic=topic, source="Use a pivot table.")
    forum_services.post_accept_toggle(user=learner, post=answer)
    page = client_for(learner).get(profile.get_absolute_url()).content.decode()
    assert "Replied in “How do I pivot this table?”" in page
    assert "Accepted answers" in page and f'href="{topic.get_absolute_url()}"' in page
    directory = client_for(learner).get("/champions/").content.decode()
    assert "Accepted answers: 1" in directory


# --- Directory -----------------------------------------------------------------------------------


@pytest.fixture
def champions(framework):
    dq, da, dg = framework["DQ1"], framework["DA1"], framework["DG1"]
    return {
        "amara": make_champion(
            "amara@test.gov.uk",
            "Amara",
            "Okafor",
            area="Adult Social Care",
            skills=[(da, 4), (dq, 3)],
            bio="Care packages and waiting lists.",
        ),
        "gareth": make_champion(
            "gareth@test.gov.uk",
            "Gareth",
            "Lloyd",
            area="Highways",
            skills=[(dq, 2)],
            job_title="Asset data officer",
        ),
        "priya": make_champion(
            "priya@test.gov.uk",
            "Priya",
            "Raman",
            area="Public Health",
            skills=[(da, 2), (dg, 1)],
        ),
        "gone": make_champion(
            "gone@test.gov.uk", "Gwen", "Gone", area="Highways", skills=[(dq, 4)], is_active=False
        ),
    }


def _names(client, query):
    response = client.get(f"/champions/{query}")
    assert response.status_code == 200
    return [p.user.first_name for p in response.context["profiles"]]


@pytest.mark.django_db
def test_filters_and_search_return_the_right_champions(client_for, learner, champions):
    client = client_for(learner)
    assert _names(client, "") == ["Gareth", "Amara", "Priya"]  # by surname; stepped-down never listed
    assert _names(client, "?q=amara") == ["Amara"]
    assert _names(client, "?q=priya+raman") == ["Priya"]
    assert _names(client, "?q=waiting+lists") == ["Amara"]  # bio text
    assert _names(client, "?q=asset") == ["Gareth"]  # job title
    assert _names(client, "?q=governance") == ["Priya"]  # competency name
    assert _names(client, "?service_area=Highways") == ["Gareth"]
    assert _names(client, "?competency=DQ1") == ["Gareth", "Amara"]
    assert _names(client, "?competency=DQ1&level=3") == ["Amara"]
    assert _names(client, "?competency=DA1&level=2&sort=newest") == ["Priya", "Amara"]
    assert _names(client, "?level=4") == ["Amara"]
    assert _names(client, "?competency=DG1&level=2") == []
    assert _names(client, "?q=nobody") == []
    # The same filters from "find a champion for this competency".
    response = client.get("/champions/competency/DA1/?level=4")
    assert [p.user.first_name for p in response.context["profiles"]] == ["Amara"]
    assert "Champions for Analysing data" in response.content.decode()
    assert client.get("/champions/competency/NOPE/").status_code == 404


@pytest.mark.django_db
def test_bad_filter_values_are_explained(client_for, learner, champions):
    response = client_for(learner).get("/champions/?level=9&competency=NOPE")
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert len(response.context["profiles"]) == 3


@pytest.mark.django_db
def test_directory_is_paginated_and_needs_sign_in(client, client_for, learner, framework):
    for n in range(25):
        make_champion(f"c{n}@test.gov.uk", "Champ", f"Number{n:02d}", skills=[(framework["DQ1"], 2)])
    assert "/accounts/login/" in client.get("/champions/")["Location"]
    first = client_for(learner).get("/champions/")
    assert len(first.context["profiles"]) == 20 and "25 champions found" in first.content.decode()
    second = client_for(learner).get("/champions/?page=2")
    assert len(second.context["profiles"]) == 5


@pytest.mark.django_db
def test_directory_menu_item(client_for, learner):
    page = client_for(learner).get("/champions/").content.decode()
    assert 'href="/champions/" aria-current="page"' in page


@pytest.mark.django_db
def test_directory_query_count_is_flat_with_1000_champions(
    client_for, learner, framework, django_assert_max_num_queries
):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from community.champions.models import ChampionCompetency

    User = get_user_model()
    group = Group.objects.get(name=roles.CHAMPION)
    users = User.objects.bulk_create(
        [
            User(email=f"bulk{n}@test.gov.uk", first_name="Bulk", last_name=f"Champion{n:04d}")
            for n in range(1000)
        ]
    )
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=u.pk, group_id=group.pk) for u in users]
    )
    profiles = ChampionProfile.objects.bulk_create(
        [ChampionProfile(user=u, service_area=f"Area {n % 12}") for n, u in enumerate(users)]
    )
    codes = list(framework.values())
    ChampionCompetency.objects.bulk_create(
        [
            ChampionCompetency(profile=p, competency=codes[n % 3], level=1 + n % 4)
            for n, p in enumerate(profiles)
        ]
    )
    client = client_for(learner)
    client.get("/champions/")  # warm the session and site caches
    with django_assert_max_num_queries(QUERY_CEILING):
        response = client.get("/champions/")
    assert response.status_code == 200
    assert len(response.context["profiles"]) == 20
    with django_assert_max_num_queries(QUERY_CEILING):
        response = client.get("/champions/?competency=DA1&level=2&service_area=Area+1&sort=answers&page=2")
    assert response.status_code == 200
    with django_assert_max_num_queries(QUERY_CEILING):
        response = client.get("/champions/?q=bulk+champion0999")
    assert response.status_code == 200 and "Champion0999" in response.text
    assert [p.user.last_name for p in response.context["profiles"]] == ["Champion0999"]


# --- Asking a champion --------------------------------------------------------------------------


@pytest.mark.django_db
def test_ask_in_the_forum_prefills_a_mention_in_the_champions_category(client_for, learner, framework):
    profile = make_champion("asked@test.gov.uk", "Aisha", "Asked", skills=[(framework["DQ1"], 3)])
    Category.objects.create(name="General", slug="general", position=1)
    led = Category.objects.create(name="Data quality", slug="data-quality", position=50)
    profile.led_categories.add(led)
    handle = forum_services.profile_for(user=profile.user).handle
    client = client_for(learner)
    page = client.get(f"/champions/{profile.pk}/ask/").content.decode()
    assert 'action="/community/c/data-quality/new/"' in page
    assert f"@{handle} </textarea>" in page
    client.post(
        "/community/c/data-quality/new/",
        {"title": "Which date should I use for open cases?", "body": f"@{handle} could you help?"},
    )
    topic = Topic.objects.get(category=led)
    assert Notification.objects.filter(
        recipient=profile.user, kind=Notification.Kind.MENTION, post__topic=topic
    ).exists()
    # A champion who leads nothing: the first category.
    profile.led_categories.clear()
    page = client.get(f"/champions/{profile.pk}/ask/").content.decode()
    assert 'action="/community/c/general/new/"' in page


# --- Coverage ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_coverage_report_on_a_small_fixture(client_for, hr_user, learner, champions, framework):
    hr = client_for(hr_user)
    response = hr.get("/champions/coverage/?level=3")
    assert response.status_code == 200
    rows = {
        r.competency.code: (r.champions, r.at_level, r.best_level, r.status)
        for r in response.context["competencies"]
    }
    assert rows == {
        "DQ1": (2, 1, 3, "Covered"),  # Amara at Analyse; Gareth at Engage; Gwen stepped down
        "DA1": (2, 1, 4, "Covered"),
        "DG1": (1, 0, 1, "None at the level needed"),
    }
    rows = {
        r.competency.code: r.status for r in hr.get("/champions/coverage/?level=4").context["competencies"]
    }
    assert rows == {"DQ1": "None at the level needed", "DA1": "Covered", "DG1": "None at the level needed"}
    areas = {r.service_area: (r.staff, r.champions, r.status) for r in response.context["areas"]}
    assert areas["Adult Social Care"] == (2, 1, "Covered")  # the learner fixture works there too
    assert areas["Highways"] == (2, 1, "Covered")  # Gareth and Gwen work there; Gwen stepped down
    assert areas["Public Health"][1:] == (1, "Covered")


@pytest.mark.django_db
def test_coverage_csv_and_who_sees_it(client_for, learner, champion, hr_user, admin_user, framework):
    make_champion("one@test.gov.uk", "One", "Champion", area="Finance", skills=[(framework["DQ1"], 2)])
    make_user("staff@test.gov.uk", department="Libraries")
    for user in (learner, champion):
        assert client_for(user).get("/champions/coverage/").status_code == 403
        assert client_for(user).get("/champions/coverage.csv").status_code == 403
    response = client_for(admin_user).get("/champions/coverage.csv?level=2")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    by_name = {r["name"]: r for r in rows}
    assert by_name["Judging data quality"]["status"] == "Covered"
    assert by_name["Analysing data"]["status"] == "No champion"
    assert by_name["Libraries"]["kind"] == "service area" and by_name["Libraries"]["status"] == "No champion"
    assert by_name["Finance"]["champions"] == "1"
    assert client_for(hr_user).get("/champions/coverage.csv").status_code == 200


# --- Demo ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_champions_and_events_are_idempotent():
    call_command("load_demo_content", stdout=io.StringIO())
    call_command("load_demo_content", stdout=io.StringIO())
    profiles = ChampionProfile.objects.filter(is_active=True).select_related("user")
    assert profiles.count() >= 8
    assert len({p.service_area for p in profiles}) >= 6
    for profile in profiles:
        assert roles.is_champion(profile.user)
    upcoming = [e for e in EventPage.objects.live() if not e.is_past]
    assert len(upcoming) == 2
    assert EventPage.objects.count() == 2
