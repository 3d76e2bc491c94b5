"""Every URL of the project, requested as every kind of visitor, with every method it accepts.

The expected outcomes live in one table (ROUTES). A route the resolver knows but the table does not fails
the test, so a new view cannot ship without saying who may use it. Third-party areas (Wagtail admin,
allauth) are covered by their own tests; pages served by Wagtail are in PAGES.
"""

import io
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

OWN_APPS = ("home.", "learning.", "competencies.", "community.", "jupyterlite.", "config.")
ROLES = ("anonymous", "learner", "other_learner", "champion", "hr", "admin")

# Shorthand for outcomes. LOGIN: sent to sign in. Numbers are status codes.
LOGIN = "login"
OK, REDIRECT, BAD, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 200, 302, 400, 403, 404, 405


def everyone(status):
    return dict.fromkeys(ROLES, status)


def signed_in(status, anonymous=LOGIN):
    return {"anonymous": anonymous, **dict.fromkeys(ROLES[1:], status)}


ADMIN_ONLY = {
    "anonymous": LOGIN,
    "learner": LOGIN,
    "other_learner": LOGIN,
    "champion": LOGIN,
    "hr": REDIRECT,
    "admin": OK,
}
ADMIN_ONLY_BAD = {**ADMIN_ONLY, "admin": OK}
ADMIN_REDIRECT = {**ADMIN_ONLY, "admin": REDIRECT}


@dataclass
class Route:
    """How to build the URL (kwargs from the world) and what each role gets for each method."""

    kwargs: callable = field(default=lambda world: {})
    get: dict | None = None
    post: dict | None = None
    post_data: callable = field(default=lambda world: {})


ROUTES: dict[str, Route] = {
    "home:dashboard": Route(get=signed_in(OK), post=signed_in(OK)),
    "home:search": Route(get=everyone(OK), post=everyone(OK)),
    "home:your_data": Route(get=signed_in(OK), post=signed_in(OK)),
    "home:your_data_download": Route(get=signed_in(NOT_ALLOWED), post=signed_in(OK)),
    # An empty form: refused with the form's errors, nothing deleted.
    "home:your_data_delete": Route(get=signed_in(NOT_ALLOWED), post=signed_in(BAD)),
    "home:signed_out": Route(get=everyone(OK)),
    # Single sign-on (off in tests: no provider is configured, so nothing to start or call back to).
    "openid_connect_login": Route(
        kwargs=lambda w: {"provider_id": "council"}, get=everyone(NOT_FOUND), post=everyone(NOT_FOUND)
    ),
    "openid_connect_callback": Route(kwargs=lambda w: {"provider_id": "council"}, get=everyone(NOT_FOUND)),
    # The lab is static files; the data in it is the generated sample data, never personal data.
    "jupyterlite:lab": Route(
        kwargs=lambda w: {"path": "jupyter-lite.json"}, get=everyone(OK), post=everyone(NOT_ALLOWED)
    ),
    "jupyterlite:dataset_index": Route(get=signed_in(OK), post=everyone(NOT_ALLOWED)),
    "jupyterlite:dataset_detail": Route(
        kwargs=lambda w: {"slug": w["dataset"].slug}, get=signed_in(OK), post=everyone(NOT_ALLOWED)
    ),
    "jupyterlite:dataset_csv": Route(
        kwargs=lambda w: {"slug": w["dataset"].slug},
        get=signed_in(OK, anonymous=FORBIDDEN),
        post=everyone(NOT_ALLOWED),
    ),
    "jupyterlite:answer_token": Route(get=signed_in(OK, anonymous=FORBIDDEN), post=everyone(NOT_ALLOWED)),
    # An empty answer: refused as malformed, nothing stored.
    "jupyterlite:answer_api": Route(get=everyone(NOT_ALLOWED), post=signed_in(BAD, anonymous=FORBIDDEN)),
    "jupyterlite:exercise": Route(
        kwargs=lambda w: {"slug": w["exercise"].slug}, get=signed_in(OK), post=everyone(NOT_ALLOWED)
    ),
    "jupyterlite:exercise_notebook": Route(
        kwargs=lambda w: {"slug": w["exercise"].slug}, get=signed_in(OK), post=everyone(NOT_ALLOWED)
    ),
    "jupyterlite:answer_form": Route(
        # An empty answer: back to the exercise with the error shown, nothing stored.
        kwargs=lambda w: {"slug": w["exercise"].slug},
        get=everyone(NOT_ALLOWED),
        post=signed_in(REDIRECT),
    ),
    # Admin screens of our own: learners and champions have no admin; HR's admin is the framework only.
    "jupyterlite_dataset_upload": Route(get=ADMIN_ONLY, post=ADMIN_ONLY_BAD),
    # New datasets come from an upload: "Add" sends admins to the upload screen.
    "wagtailsnippets_jupyterlite_dataset:add": Route(get=ADMIN_REDIRECT, post=ADMIN_REDIRECT),
    # Data champions (community/champions): staff browse; admins and HR decide and see coverage.
    "champions:directory": Route(get=signed_in(OK), post=signed_in(OK)),
    "champions:for_competency": Route(
        kwargs=lambda w: {"code": w["competency"].code}, get=signed_in(OK), post=signed_in(OK)
    ),
    "champions:profile": Route(kwargs=lambda w: {"pk": w["champion_profile"].pk}, get=signed_in(OK)),
    "champions:ask": Route(kwargs=lambda w: {"pk": w["champion_profile"].pk}, get=signed_in(OK)),
    # Only the champion (or an admin/HR) ends the role: here another champion's, so an empty reason
    # from admin/HR is refused with the form's error and nothing changes.
    "champions:step_down": Route(
        kwargs=lambda w: {"pk": w["other_champion_profile"].pk},
        get={**signed_in(FORBIDDEN), "hr": OK, "admin": OK},
        post={**signed_in(FORBIDDEN), "hr": OK, "admin": OK},
    ),
    # Members who are not champions apply (an empty form is shown again with its errors); the learner
    # already has an application waiting, so is sent to it.
    "champions:apply": Route(
        get={**signed_in(OK), "champion": FORBIDDEN, "learner": REDIRECT},
        post={**signed_in(OK), "champion": FORBIDDEN, "learner": REDIRECT},
    ),
    "champions:applications": Route(
        get={**signed_in(FORBIDDEN), "hr": OK, "admin": OK},
        post={**signed_in(FORBIDDEN), "hr": OK, "admin": OK},
    ),
    # The applicant (learner) and deciders read it; an empty decision is refused with its errors.
    "champions:application": Route(
        kwargs=lambda w: {"pk": w["application"].pk},
        get={**signed_in(FORBIDDEN), "learner": OK, "hr": OK, "admin": OK},
        post={**signed_in(FORBIDDEN), "hr": OK, "admin": OK},
    ),
    "champions:application_withdraw": Route(
        kwargs=lambda w: {"pk": w["application"].pk},
        get=signed_in(NOT_ALLOWED),
        post={**signed_in(FORBIDDEN), "learner": REDIRECT},
    ),
    "champions:profile_edit": Route(
        get={**signed_in(FORBIDDEN), "champion": OK, "admin": OK},
        post={**signed_in(FORBIDDEN), "champion": OK, "admin": OK},
    ),
    "champions:coverage": Route(
        get={**signed_in(FORBIDDEN), "hr": OK, "admin": OK},
        post={**signed_in(FORBIDDEN), "hr": OK, "admin": OK},
    ),
    "champions:coverage_csv": Route(
        get={**signed_in(FORBIDDEN), "hr": OK, "admin": OK},
        post={**signed_in(FORBIDDEN), "hr": OK, "admin": OK},
    ),
    # Events: everyone signed in takes a place (then is sent back to the event page) or cancels.
    "champions:event_signup": Route(
        kwargs=lambda w: {"pk": w["event"].pk}, get=signed_in(NOT_ALLOWED), post=signed_in(REDIRECT)
    ),
    "champions:event_cancel": Route(
        kwargs=lambda w: {"pk": w["event"].pk}, get=signed_in(NOT_ALLOWED), post=signed_in(REDIRECT)
    ),
    "champions:event_ics": Route(kwargs=lambda w: {"pk": w["event"].pk}, get=signed_in(OK)),
}

PAGES = {
    "/": everyone(OK),
    "/accessibility/": everyone(OK),
    "/help/": everyone(OK),
    "/events/": everyone(OK),
    "/events/meetup/": everyone(OK),
}


def own_routes() -> dict[str, URLPattern]:
    found: dict[str, URLPattern] = {}

    def walk(patterns, namespace=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                walk(p.url_patterns, ns)
            elif isinstance(p, URLPattern):
                module = getattr(p.callback, "__module__", "") or ""
                if module.startswith(OWN_APPS) and p.name:
                    found[f"{namespace}{p.name}"] = p

    walk(get_resolver().url_patterns)
    return found


def test_every_route_is_in_the_table():
    missing = sorted(set(own_routes()) - set(ROUTES))
    assert not missing, f"Routes with no expected outcomes in ROUTES: {missing}"
    stale = sorted(set(ROUTES) - set(own_routes()))
    assert not stale, f"ROUTES lists routes that no longer exist: {stale}"


@pytest.fixture
def world(db, site_with_home, learner, other_learner, champion, hr_user, admin_user, client_for):
    """Real objects for every route, and a signed-in client per role (HR and admin with MFA)."""
    from jupyterlite import demo as lab_demo
    from jupyterlite.models import Dataset, Exercise

    lab_demo.load(stdout=io.StringIO())
    champions = _champions_world(learner=learner, champion=champion)
    users = {
        "learner": learner,
        "other_learner": other_learner,
        "champion": champion,
        "hr": hr_user,
        "admin": admin_user,
    }
    clients = {"anonymous": client_for(None)} | {role: client_for(user) for role, user in users.items()}
    return {
        "users": users,
        "clients": clients,
        "dataset": Dataset.objects.order_by("slug").first(),
        "exercise": Exercise.objects.filter(is_published=True).order_by("slug").first(),
        **champions,
    }


def _champions_world(*, learner, champion):
    """A competency, the `champion` fixture's profile, an application by `learner`, an upcoming event."""
    from datetime import timedelta

    from django.utils import timezone

    from community.champions import services as champion_services
    from community.models import Category, ChampionProfile, EventIndexPage, EventPage
    from competencies.levels import Level
    from competencies.models import Competency, CompetencyArea
    from home import roles
    from home.models import HomePage
    from tests.conftest import make_user

    area = CompetencyArea.objects.create(name="Data quality", slug="data-quality")
    competency = Competency.objects.create(
        code="DQ1", name="Judging data quality", description="x", area=area
    )
    profile = champion_services.profile_for_champion(user=champion)
    profile.skills.create(competency=competency, level=Level.ANALYSE)
    Category.objects.create(name="Data quality", slug="data-quality")
    steward = make_user("steward@test.gov.uk", roles.CHAMPION, first_name="Sam", last_name="Steward")
    other_profile = ChampionProfile.objects.create(user=steward, service_area="Highways")
    application = champion_services.application_create(
        user=learner,
        why="I help my team with spreadsheets every week.",
        manager_name="Morag Manager",
        skills=[(competency, Level.ENGAGE)],
    )
    index = EventIndexPage(title="Community events", slug="events")
    HomePage.objects.first().add_child(instance=index)
    start = timezone.now() + timedelta(days=7)
    event = EventPage(
        title="Meetup",
        slug="meetup",
        start_at=start,
        end_at=start + timedelta(hours=1),
        topic="Show and tell",
    )
    index.add_child(instance=event)
    return {
        "competency": competency,
        "champion_profile": profile,
        "other_champion_profile": other_profile,
        "application": application,
        "event": event,
    }


def outcome(response) -> int | str:
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return LOGIN
    return response.status_code


@pytest.mark.django_db
def test_routes_by_role_and_method(world):
    failures = []
    for name, route in ROUTES.items():
        url = reverse(name, kwargs=route.kwargs(world))
        for method, expected in (("get", route.get), ("post", route.post)):
            if expected is None:
                continue
            for role in ROLES:
                client = world["clients"][role]
                response = client.get(url) if method == "get" else client.post(url, route.post_data(world))
                got = outcome(response)
                if got != expected[role]:
                    failures.append(f"{method.upper()} {url} as {role}: expected {expected[role]}, got {got}")
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_pages_by_role(world):
    failures = []
    for url, expected in PAGES.items():
        for role in ROLES:
            got = outcome(world["clients"][role].get(url))
            if got != expected[role]:
                failures.append(f"GET {url} as {role}: expected {expected[role]}, got {got}")
    assert not failures, "\n".join(failures)
