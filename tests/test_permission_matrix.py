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


def admin_area(*, hr, admin):
    """Wagtail admin screens: visitors are sent to sign in, members without admin access refused (a 403, not a
    loop through the sign-in page); HR's admin is the framework."""
    return {
        "anonymous": LOGIN,
        "learner": FORBIDDEN,
        "other_learner": FORBIDDEN,
        "champion": FORBIDDEN,
        "hr": hr,
        "admin": admin,
    }


def owner_only(status):
    """A learner's own record: the owner gets `status`; everyone else 404, so nothing confirms it exists."""
    return {"anonymous": LOGIN, "learner": status, **dict.fromkeys(ROLES[2:], NOT_FOUND)}


def everyone(status):
    return dict.fromkeys(ROLES, status)


def signed_in(status, anonymous=LOGIN):
    return {"anonymous": anonymous, **dict.fromkeys(ROLES[1:], status)}


ADMIN_ONLY = admin_area(hr=REDIRECT, admin=OK)
ADMIN_REDIRECT = {**ADMIN_ONLY, "admin": REDIRECT}
MODERATORS = {
    "anonymous": LOGIN,
    "learner": FORBIDDEN,
    "other_learner": FORBIDDEN,
    "champion": OK,
    "hr": FORBIDDEN,
    "admin": OK,
}
HR_AND_ADMIN = {
    "anonymous": LOGIN,
    "learner": FORBIDDEN,
    "other_learner": FORBIDDEN,
    "champion": FORBIDDEN,
    "hr": OK,
    "admin": OK,
}


def MATURITY_STAFF(status):  # noqa: N802 - reads like the constants above
    """HR and Academy admins get `status`; every other signed-in member is refused."""
    return {**signed_in(FORBIDDEN), "hr": status, "admin": status}


def MATURITY_TEAM(status, *, staff):  # noqa: N802
    """The maturity team's member (learner) and lead (champion) get `status`; HR and admins `staff`."""
    return {**signed_in(FORBIDDEN), "learner": status, "champion": status, "hr": staff, "admin": staff}


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
    "jupyterlite:dataset_columns": Route(
        kwargs=lambda w: {"slug": w["dataset"].slug},
        get=signed_in(OK, anonymous=FORBIDDEN),
        post=everyone(NOT_ALLOWED),
    ),
    # Hints are for anyone who may answer; a solution opens only after the member's own right answer or
    # attempts at that question (none here: 403 for every role).
    "jupyterlite:question_hint": Route(
        kwargs=lambda w: {"key": w["exercise"].questions.first().key},
        get=signed_in(OK, anonymous=FORBIDDEN),
        post=everyone(NOT_ALLOWED),
    ),
    "jupyterlite:question_solution": Route(
        kwargs=lambda w: {"key": w["exercise"].questions.first().key},
        get=everyone(FORBIDDEN),
        post=everyone(NOT_ALLOWED),
    ),
    # Each member's own notebook (GET gives their own, or null); an empty POST is refused, nothing saved.
    "jupyterlite:notebook_api": Route(
        kwargs=lambda w: {"slug": w["exercise"].slug},
        get=signed_in(OK, anonymous=FORBIDDEN),
        post=signed_in(BAD, anonymous=FORBIDDEN),
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
    "jupyterlite_dataset_upload": Route(get=ADMIN_ONLY, post=ADMIN_ONLY),
    # New datasets come from an upload: "Add" sends admins to the upload screen.
    "wagtailsnippets_jupyterlite_dataset:add": Route(get=ADMIN_REDIRECT, post=ADMIN_REDIRECT),
    # A dataset's new version: an empty POST shows the form again, nothing changed.
    "jupyterlite_dataset_new_version": Route(
        kwargs=lambda w: {"pk": w["dataset"].pk}, get=ADMIN_ONLY, post=ADMIN_ONLY
    ),
    # The exercise form's recipe check: POST only; an empty recipe gets its errors (400).
    "jupyterlite_recipe_check": Route(
        get=admin_area(hr=NOT_ALLOWED, admin=NOT_ALLOWED), post=admin_area(hr=REDIRECT, admin=BAD)
    ),
    # The exercise editor (publishing needs "publish without review"): an empty form comes back with
    # its errors, nothing saved.
    "wagtailsnippets_jupyterlite_exercise:add": Route(get=ADMIN_ONLY, post=ADMIN_ONLY),
    "wagtailsnippets_jupyterlite_exercise:edit": Route(
        kwargs=lambda w: {"pk": w["exercise"].pk}, get=ADMIN_ONLY, post=ADMIN_ONLY
    ),
    # Everything below was reviewed role by role: forums (moderators are the category's champions and
    # Academy admins), the framework (read by all staff, reports for HR and admins), learning records
    # (their owner only: others get 404, so nothing confirms a record exists).
    "community:category": Route(
        kwargs=lambda w: {"slug": w["category"].slug}, get=signed_in(OK), post=signed_in(OK)
    ),
    "community:category_watch": Route(
        kwargs=lambda w: {"slug": w["category"].slug}, get=signed_in(NOT_ALLOWED), post=signed_in(REDIRECT)
    ),
    # A lesson with no discussion yet: GET offers to start one (creates nothing), POST starts it.
    "community:discuss": Route(
        kwargs=lambda w: {"page_id": w["lesson"].pk}, get=signed_in(OK), post=signed_in(REDIRECT)
    ),
    "community:flags_dismiss": Route(kwargs=lambda w: {"pk": w["reply"].pk}, get=MODERATORS, post=MODERATORS),
    "community:index": Route(get=signed_in(OK), post=signed_in(OK)),
    "community:latest": Route(get=signed_in(OK), post=signed_in(OK)),
    "community:mine": Route(get=signed_in(OK), post=signed_in(OK)),
    "community:moderation": Route(get=MODERATORS, post=MODERATORS),
    "community:moderation_log": Route(get=MODERATORS, post=MODERATORS),
    "community:notification_open": Route(
        kwargs=lambda w: {"pk": w["notification"].pk},
        get=owner_only(REDIRECT),
        post=owner_only(REDIRECT),
    ),
    "community:notification_settings": Route(get=signed_in(OK), post=signed_in(OK)),
    "community:notifications": Route(get=signed_in(OK), post=signed_in(OK)),
    "community:notifications_mark_read": Route(get=signed_in(NOT_ALLOWED), post=signed_in(REDIRECT)),
    "community:post": Route(
        kwargs=lambda w: {"pk": w["reply"].pk}, get=signed_in(REDIRECT), post=signed_in(REDIRECT)
    ),
    "community:post_accept": Route(
        kwargs=lambda w: {"pk": w["reply"].pk},
        get=signed_in(NOT_ALLOWED),
        post={
            "anonymous": LOGIN,
            "learner": REDIRECT,
            "other_learner": FORBIDDEN,
            "champion": REDIRECT,
            "hr": FORBIDDEN,
            "admin": REDIRECT,
        },
    ),
    "community:post_edit": Route(
        kwargs=lambda w: {"pk": w["reply"].pk},
        get={
            "anonymous": LOGIN,
            "learner": FORBIDDEN,
            "other_learner": OK,
            "champion": OK,
            "hr": FORBIDDEN,
            "admin": OK,
        },
        post={
            "anonymous": LOGIN,
            "learner": FORBIDDEN,
            "other_learner": OK,
            "champion": OK,
            "hr": FORBIDDEN,
            "admin": OK,
        },
    ),
    "community:post_flag": Route(
        kwargs=lambda w: {"pk": w["reply"].pk},
        get={
            "anonymous": LOGIN,
            "learner": OK,
            "other_learner": FORBIDDEN,
            "champion": OK,
            "hr": OK,
            "admin": OK,
        },
        post={
            "anonymous": LOGIN,
            "learner": OK,
            "other_learner": FORBIDDEN,
            "champion": OK,
            "hr": OK,
            "admin": OK,
        },
    ),
    "community:post_hide": Route(kwargs=lambda w: {"pk": w["reply"].pk}, get=MODERATORS, post=MODERATORS),
    "community:post_history": Route(
        kwargs=lambda w: {"pk": w["reply"].pk}, get=signed_in(OK), post=signed_in(OK)
    ),
    "community:post_like": Route(
        kwargs=lambda w: {"pk": w["reply"].pk},
        get=signed_in(NOT_ALLOWED),
        post={
            "anonymous": LOGIN,
            "learner": REDIRECT,
            "other_learner": FORBIDDEN,
            "champion": REDIRECT,
            "hr": REDIRECT,
            "admin": REDIRECT,
        },
    ),
    "community:profile": Route(
        kwargs=lambda w: {"handle": w["handle"]}, get=signed_in(OK), post=signed_in(OK)
    ),
    "community:reply": Route(kwargs=lambda w: {"pk": w["topic"].pk}, get=signed_in(OK), post=signed_in(OK)),
    # The old forum search: a redirect to the one site search with the forum filter.
    "community:search": Route(get=signed_in(REDIRECT), post=signed_in(REDIRECT)),
    # Live preview: POST only (an empty text previews as nothing); images: members only, whoever uploaded.
    "community:preview": Route(get=signed_in(NOT_ALLOWED), post=signed_in(OK)),
    "community:image": Route(
        kwargs=lambda w: {"key": w["post_image"].key}, get=signed_in(OK), post=signed_in(NOT_ALLOWED)
    ),
    "community:topic_mute": Route(
        kwargs=lambda w: {"pk": w["topic"].pk}, get=signed_in(NOT_ALLOWED), post=signed_in(REDIRECT)
    ),
    "community:category_mute": Route(
        kwargs=lambda w: {"slug": w["category"].slug}, get=signed_in(NOT_ALLOWED), post=signed_in(REDIRECT)
    ),
    "community:topic": Route(
        kwargs=lambda w: {"pk": w["topic"].pk, "slug": w["topic"].slug}, get=signed_in(OK), post=signed_in(OK)
    ),
    "community:topic_last": Route(
        kwargs=lambda w: {"pk": w["topic"].pk}, get=signed_in(REDIRECT), post=signed_in(REDIRECT)
    ),
    "community:topic_moderate": Route(
        kwargs=lambda w: {"pk": w["topic"].pk}, get=MODERATORS, post=MODERATORS
    ),
    "community:topic_new": Route(
        kwargs=lambda w: {"slug": w["category"].slug}, get=signed_in(OK), post=signed_in(OK)
    ),
    "community:topic_short": Route(
        kwargs=lambda w: {"pk": w["topic"].pk}, get=signed_in(OK), post=signed_in(OK)
    ),
    "community:topic_watch": Route(
        kwargs=lambda w: {"pk": w["topic"].pk}, get=signed_in(NOT_ALLOWED), post=signed_in(REDIRECT)
    ),
    "community:unanswered": Route(get=signed_in(OK), post=signed_in(OK)),
    "community:unsubscribe": Route(
        kwargs=lambda w: {"token": w["unsubscribe_token"]}, get=everyone(OK), post=everyone(OK)
    ),
    "competencies:competency": Route(
        kwargs=lambda w: {"code": w["competency"].code}, get=signed_in(OK), post=signed_in(OK)
    ),
    "competencies:export_competencies": Route(get=signed_in(OK), post=signed_in(OK)),
    "competencies:export_roles": Route(get=signed_in(OK), post=signed_in(OK)),
    "competencies:framework": Route(get=signed_in(OK), post=signed_in(OK)),
    "competencies:gap": Route(get=signed_in(OK), post=signed_in(OK)),
    "competencies:my_role": Route(get=signed_in(OK), post=signed_in(OK)),
    "competencies:report_coverage": Route(get=HR_AND_ADMIN, post=HR_AND_ADMIN),
    "competencies:report_heatmap": Route(get=HR_AND_ADMIN, post=HR_AND_ADMIN),
    "competencies:report_service_area": Route(
        get={
            "anonymous": LOGIN,
            "learner": FORBIDDEN,
            "other_learner": FORBIDDEN,
            "champion": FORBIDDEN,
            "hr": REDIRECT,
            "admin": REDIRECT,
        },
        post={
            "anonymous": LOGIN,
            "learner": FORBIDDEN,
            "other_learner": FORBIDDEN,
            "champion": FORBIDDEN,
            "hr": REDIRECT,
            "admin": REDIRECT,
        },
    ),
    "competencies:role": Route(
        kwargs=lambda w: {"code": w["role"].code}, get=signed_in(OK), post=signed_in(OK)
    ),
    "competencies:role_export": Route(
        kwargs=lambda w: {"code": w["role"].code}, get=signed_in(OK), post=signed_in(OK)
    ),
    "competencies:role_print": Route(
        kwargs=lambda w: {"code": w["role"].code}, get=signed_in(OK), post=signed_in(OK)
    ),
    "competencies:roles": Route(get=signed_in(OK), post=signed_in(OK)),
    "competencies:self_assessment": Route(
        get={
            "anonymous": LOGIN,
            "learner": OK,
            "other_learner": REDIRECT,
            "champion": OK,
            "hr": OK,
            "admin": OK,
        },
        post={
            "anonymous": LOGIN,
            "learner": OK,
            "other_learner": REDIRECT,
            "champion": OK,
            "hr": OK,
            "admin": OK,
        },
    ),
    "competencies:versions": Route(get=signed_in(OK), post=signed_in(OK)),
    "competencies_import": Route(
        get=admin_area(hr=OK, admin=OK),
        post=admin_area(hr=OK, admin=OK),
    ),
    # An import's progress and result page (any framework editor reads it; the page takes no POST data).
    "competencies_import_status": Route(
        kwargs=lambda w: {"pk": w["framework_import"].pk},
        get=admin_area(hr=OK, admin=OK),
        post=admin_area(hr=OK, admin=OK),
    ),
    "competencies_publish": Route(
        get=admin_area(hr=OK, admin=OK),
        post=admin_area(hr=OK, admin=OK),
    ),
    "competencies_role_copy": Route(
        kwargs=lambda w: {"pk": w["role"].pk},
        get=admin_area(hr=OK, admin=OK),
        post=admin_area(hr=REDIRECT, admin=REDIRECT),
    ),
    "competencies_role_matrix": Route(
        kwargs=lambda w: {"pk": w["role"].pk},
        get=admin_area(hr=OK, admin=OK),
        post=admin_area(hr=REDIRECT, admin=REDIRECT),
    ),
    "learning:answer": Route(
        kwargs=lambda w: {"pk": w["answer"].pk}, get=owner_only(OK), post=owner_only(OK)
    ),
    "learning:certificate": Route(
        kwargs=lambda w: {"code": w["certificate"].code}, get=owner_only(OK), post=owner_only(OK)
    ),
    "learning:course_result": Route(
        kwargs=lambda w: {"course_id": w["course"].pk},
        get=owner_only(REDIRECT),
        post=owner_only(REDIRECT),
    ),
    "learning:verify": Route(get=everyone(OK), post=everyone(NOT_ALLOWED)),
    "learning:verify_code": Route(
        kwargs=lambda w: {"code": w["certificate"].code}, get=everyone(OK), post=everyone(NOT_ALLOWED)
    ),
    "learning_reports:csv": Route(
        kwargs=lambda w: {"course_id": w["course"].pk},
        get=admin_area(hr=REDIRECT, admin=OK),
        post=admin_area(hr=REDIRECT, admin=OK),
    ),
    "learning_reports:detail": Route(
        kwargs=lambda w: {"course_id": w["course"].pk},
        get=admin_area(hr=REDIRECT, admin=OK),
        post=admin_area(hr=REDIRECT, admin=OK),
    ),
    "learning_reports:index": Route(
        get=admin_area(hr=REDIRECT, admin=OK),
        post=admin_area(hr=REDIRECT, admin=OK),
    ),
    # Course packs are Academy admins': export downloads the .zip; an empty import is refused, nothing written.
    "learning_packs:export": Route(
        kwargs=lambda w: {"course_id": w["course"].pk},
        get=admin_area(hr=REDIRECT, admin=OK),
        post=admin_area(hr=REDIRECT, admin=OK),
    ),
    "learning_packs:import": Route(
        get=admin_area(hr=REDIRECT, admin=OK),
        post=admin_area(hr=REDIRECT, admin=BAD),
    ),
    # Team data maturity. HR and admins open, close and report on rounds; members answer for their own team
    # while a round is open (the team lead too); the team and HR see the team's result once it has closed.
    "maturity:index": Route(get=signed_in(OK), post=signed_in(NOT_ALLOWED)),
    "maturity:round_new": Route(get=MATURITY_STAFF(OK), post=MATURITY_STAFF(BAD)),
    "maturity:round": Route(
        kwargs=lambda w: {"pk": w["closed_round"].pk}, get=MATURITY_STAFF(OK), post=signed_in(NOT_ALLOWED)
    ),
    # Closing the already closed round: nothing changes, back to the round.
    "maturity:round_close": Route(
        kwargs=lambda w: {"pk": w["closed_round"].pk},
        get=signed_in(NOT_ALLOWED),
        post=MATURITY_STAFF(REDIRECT),
    ),
    "maturity:council_report": Route(
        kwargs=lambda w: {"pk": w["closed_round"].pk}, get=MATURITY_STAFF(OK), post=signed_in(NOT_ALLOWED)
    ),
    "maturity:council_report_csv": Route(
        kwargs=lambda w: {"pk": w["closed_round"].pk}, get=MATURITY_STAFF(OK), post=signed_in(NOT_ALLOWED)
    ),
    # Learner is a member and the champion leads the team; an empty post saves an empty draft.
    "maturity:answer": Route(
        kwargs=lambda w: {"pk": w["open_round"].pk, "slug": w["team"].slug},
        get=MATURITY_TEAM(OK, staff=FORBIDDEN),
        post=MATURITY_TEAM(REDIRECT, staff=FORBIDDEN),
    ),
    "maturity:team_result": Route(
        kwargs=lambda w: {"pk": w["closed_round"].pk, "slug": w["team"].slug},
        get=MATURITY_TEAM(OK, staff=OK),
        post=signed_in(NOT_ALLOWED),
    ),
    "maturity:team_result_csv": Route(
        kwargs=lambda w: {"pk": w["closed_round"].pk, "slug": w["team"].slug},
        get=MATURITY_TEAM(OK, staff=OK),
        post=signed_in(NOT_ALLOWED),
    ),
    # An empty pathway is refused with the form's error; only the lead (and HR, admins) may set one.
    "maturity:team_pathway": Route(
        kwargs=lambda w: {"pk": w["closed_round"].pk, "slug": w["team"].slug},
        get=signed_in(NOT_ALLOWED),
        post={**MATURITY_STAFF(BAD), "champion": BAD},
    ),
    "maturity:team_members": Route(
        kwargs=lambda w: {"slug": w["team"].slug},
        get={**MATURITY_STAFF(OK), "champion": OK},
        post={**MATURITY_STAFF(BAD), "champion": BAD},
    ),
    # Publishing the maturity model as a new version (HR and admins; the post publishes one).
    "maturity_publish": Route(
        kwargs=lambda w: {"pk": w["maturity_model"].pk},
        get={**ADMIN_ONLY, "hr": OK},
        post={**ADMIN_ONLY, "hr": REDIRECT, "admin": REDIRECT},
    ),
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
    "events:event_signup": Route(
        kwargs=lambda w: {"pk": w["event"].pk}, get=signed_in(NOT_ALLOWED), post=signed_in(REDIRECT)
    ),
    "events:event_cancel": Route(
        kwargs=lambda w: {"pk": w["event"].pk}, get=signed_in(NOT_ALLOWED), post=signed_in(REDIRECT)
    ),
    "events:event_ics": Route(kwargs=lambda w: {"pk": w["event"].pk}, get=signed_in(OK)),
    # Required learning. HR and admins see counts for the whole council (MFA); a line manager (the demo
    # champion manages two analysts) sees only their own reports; nobody else has a team view.
    "assignments:compliance": Route(get=HR_AND_ADMIN, post=everyone(NOT_ALLOWED)),
    "assignments:my_team": Route(get={**signed_in(FORBIDDEN), "champion": OK}, post=everyone(NOT_ALLOWED)),
    # The signed token is the proof (mail clients post with no session).
    "assignments:unsubscribe": Route(
        kwargs=lambda w: {"token": w["reminder_token"]}, get=everyone(OK), post=everyone(OK)
    ),
    # The staff list: HR and admins import it (an empty upload shows the form's error) and mark leavers
    # (an empty date is refused with the form's error, nothing changes).
    "staff_import": Route(get=admin_area(hr=OK, admin=OK), post=admin_area(hr=OK, admin=OK)),
    "staff_leaver": Route(
        kwargs=lambda w: {"pk": w["staff_record"].pk},
        get=admin_area(hr=OK, admin=OK),
        post=admin_area(hr=OK, admin=OK),
    ),
}

PAGES = {
    "home": (lambda w: "/", everyone(OK)),
    "accessibility statement": (lambda w: "/accessibility/", everyone(OK)),
    "help": (lambda w: "/help/", everyone(OK)),
    "catalogue": (lambda w: w["course"].get_parent().url, everyone(OK)),
    "course": (lambda w: w["course"].url, everyone(OK)),
    # Lessons are for signed-in staff who have started the course (others are sent to its start page).
    "lesson": (lambda w: w["lesson"].url, {**signed_in(REDIRECT), "learner": OK}),
    "events": (lambda w: w["event"].get_parent().url, everyone(OK)),
    "event": (lambda w: w["event"].url, everyone(OK)),
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
def world(db, other_learner, client_for):
    """The demo site (every app's demo content) plus the objects each route needs, and a client per role.

    The demo users are the roles; `other_learner` is a second learner who must never see the first's records.
    """
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.http import QueryDict

    from community.models import Category, Notification, Post
    from community.notifications import unsubscribe_token
    from community.services import post_create, profile_for, topic_create
    from competencies.models import Competency, FrameworkImport, RoleProfile
    from jupyterlite.models import Dataset, Exercise
    from learning.models import Certificate, CoursePage
    from learning.services import answer_submit, enrolment_start

    call_command("load_demo_content", stdout=io.StringIO())
    User = get_user_model()
    users = {
        "learner": User.objects.get(email="learner@example.gov.uk"),
        "other_learner": other_learner,
        "champion": User.objects.get(email="champion@example.gov.uk"),
        "hr": User.objects.get(email="hr@example.gov.uk"),
        "admin": User.objects.get(email="admin@example.gov.uk"),
    }
    learner = users["learner"]
    clients = {"anonymous": client_for(None)} | {role: client_for(user) for role, user in users.items()}

    moderated = Category.objects.filter(moderators=users["champion"]).order_by("position").first()
    topic = topic_create(
        user=learner,
        category=moderated,
        title="Cleaning street names",
        source="How do I match Smith Street and Smith Str?",
    )
    reply = post_create(
        user=users["other_learner"], topic=topic, source="Try a lookup table of abbreviations."
    )
    notification = Notification.objects.filter(recipient=learner).order_by("pk").first()
    post_image = _post_image(learner)

    course = CoursePage.objects.live().order_by("path").first()
    enrolment = enrolment_start(user=learner, course=course)
    certificate = Certificate.objects.create(
        enrolment=enrolment,
        code="TEST-CODE-0001",
        learner_name="Lee Learner",
        course_title=course.title,
        level=course.level,
    )
    lesson = course.get_children().live().specific().first()
    question = next(
        child
        for child in lesson.questions()
        if child.block.snapshot(child.value, block_id=child.id)["kind"] == "single"
    )
    snapshot = question.block.snapshot(question.value, block_id=question.id)
    answer = answer_submit(
        course_attempt=enrolment.attempts.get(),
        lesson=lesson,
        question_id=str(question.id),
        data=QueryDict(f"answer={snapshot['options'][0]['id']}"),
    )
    return {
        "users": users,
        "clients": clients,
        **_maturity_world(learner, users["champion"]),
        "dataset": Dataset.objects.order_by("slug").first(),
        "exercise": Exercise.objects.filter(is_published=True).order_by("slug").first(),
        "category": moderated,
        "topic": topic,
        "question_post": Post.objects.get(topic=topic, number=1),
        "reply": reply,
        "notification": notification,
        "post_image": post_image,
        "unsubscribe_token": unsubscribe_token(learner),
        "handle": profile_for(user=learner).handle,
        "course": course,
        "lesson": lesson,
        "certificate": certificate,
        "answer": answer,
        "competency": Competency.objects.published().order_by("code").first(),
        "framework_import": FrameworkImport.objects.create(
            format="ddat", filename="ddat.csv", data=b"", status="done", summary="No changes."
        ),
        "role": RoleProfile.objects.published().jobs().order_by("code").first(),
        **_champions_world(learner=learner, champion=users["champion"]),
        **_required_learning_world(learner),
    }


def _required_learning_world(learner) -> dict:
    """The demo staff list: the learner's own record (for the reminders token) and an invitation to mark."""
    from competencies.staff.models import StaffRecord
    from home.unsubscribe import unsubscribe_token
    from learning.assignments.tasks import UNSUBSCRIBE_PURPOSE

    own = StaffRecord.objects.get(user=learner)
    return {
        "reminder_token": unsubscribe_token(purpose=UNSUBSCRIBE_PURPOSE, pk=own.pk),
        "staff_record": StaffRecord.objects.filter(user__isnull=True).order_by("email").first(),
    }


def _post_image(user):
    """A small PNG uploaded by `user` for a post."""
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from community.images import image_create

    buffer = BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, "PNG")
    upload = SimpleUploadedFile("chart.png", buffer.getvalue(), content_type="image/png")
    return image_create(user=user, upload=upload, alt_text="A teal square")


def _champions_world(*, learner, champion):
    """The demo champion's profile with a competency, another champion, an application by `learner`, an event."""
    from datetime import timedelta

    from django.utils import timezone

    from community.champions import services as champion_services
    from community.champions.models import ChampionProfile
    from community.events.models import EventIndexPage, EventPage
    from competencies.levels import Level
    from competencies.models import Competency
    from home import roles
    from tests.conftest import make_user

    competency = Competency.objects.published().order_by("code").first()
    profile = champion_services.profile_for_champion(user=champion)
    profile.skills.get_or_create(competency=competency, defaults={"level": Level.ANALYSE})
    steward = make_user("steward@test.gov.uk", roles.CHAMPION, first_name="Sam", last_name="Steward")
    other_profile = ChampionProfile.objects.create(user=steward, service_area="Highways")
    application = champion_services.application_create(
        user=learner,
        why="I help my team with spreadsheets every week.",
        manager_name="Morag Manager",
        skills=[(competency, Level.ENGAGE)],
    )
    index = EventIndexPage.objects.first()
    start = timezone.now() + timedelta(days=7)
    event = EventPage(
        title="Matrix meetup",
        slug="matrix-meetup",
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


def _maturity_world(learner, champion) -> dict:
    """A published maturity model, a team (learner a member, champion its lead), an open and a closed round."""
    import datetime

    from django.utils import timezone

    from competencies.maturity import demo as maturity_demo
    from competencies.maturity import services as maturity
    from competencies.maturity.models import MaturityMembership, MaturityTeam

    model = maturity_demo._model(io.StringIO())
    version = maturity.version_publish(model=model)
    team = MaturityTeam.objects.create(name="Matrix team", slug="matrix-team", lead=champion)
    MaturityMembership.objects.create(team=team, user=learner)
    today = timezone.localdate()
    open_round = maturity.round_open(
        name="Open",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=9),
        teams=[team],
        version=version,
    )
    closed_round = maturity.round_open(
        name="Closed",
        opens_on=datetime.date(2025, 9, 1),
        closes_on=datetime.date(2025, 9, 30),
        teams=[team],
        version=version,
    )
    return {"maturity_model": model, "team": team, "open_round": open_round, "closed_round": closed_round}


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
    for url_for, expected in PAGES.values():
        url = url_for(world)
        for role in ROLES:
            got = outcome(world["clients"][role].get(url))
            if got != expected[role]:
                failures.append(f"GET {url} as {role}: expected {expected[role]}, got {got}")
    assert not failures, "\n".join(failures)


# --- HR and admin accounts without a second factor ----------------------------------------------------
# Two more columns: an HR and an Academy admin account signed in with a password only. Every route the
# resolver knows (ours with the world's objects, Wagtail's and allauth's with sample arguments) and every page
# sends them to set up an authenticator, for GET and POST alike; only MFA set-up and sign-out are exempt.
NO_MFA_ROLES = ("hr_without_mfa", "admin_without_mfa")
SAMPLE_ARGUMENTS = {
    "int": "1",
    "slug": "x",
    "str": "x",
    "path": "x",
    "uuid": "00000000-0000-0000-0000-000000000001",
}


def every_route() -> dict[str, str]:
    """{route's name or pattern: a sample path} for every URL pattern of the project, third-party ones too."""
    import re

    found: dict[str, str] = {}

    def sample(route: str) -> str:
        path = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE_ARGUMENTS.get(m.group(1) or "str", "x"), route)
        return path

    def regex_sample(regex: str) -> str | None:
        # Named or plain groups become a sample value; anchors and optional slashes are dropped.
        path = re.sub(r"\(\?P<\w+>[^)]*\)|\([^)]*\)", "1", regex)
        path = path.lstrip("^").rstrip("$").replace("\\Z", "").replace("/?", "/").replace("\\.", ".")
        return None if re.search(r"[\\\[\]()*+?{}|]", path) else path

    def walk(patterns, prefix="", namespace=""):
        for p in patterns:
            pattern = p.pattern
            piece = sample(str(pattern)) if hasattr(pattern, "_route") else regex_sample(str(pattern))
            if piece is None:
                continue
            if isinstance(p, URLResolver):
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                walk(p.url_patterns, prefix + piece, ns)
            else:
                found.setdefault(f"{namespace}{p.name}" if p.name else prefix + piece, "/" + prefix + piece)

    walk(get_resolver().url_patterns)
    return found


def test_every_route_gives_a_sample_path_for_the_no_mfa_columns():
    """The walk reaches the Wagtail admin, allauth and every route of ours, so no area escapes the columns."""
    routes = every_route()
    assert set(own_routes()) <= set(routes)
    for name in ("wagtailadmin_home", "wagtailadmin_pages:edit", "wagtailusers_users:index", "account_email"):
        assert name in routes, name
    assert len(routes) > 300


@pytest.fixture
def no_mfa_clients(world, client_for):
    from home import roles
    from tests.conftest import make_user

    hr = make_user("hr-no-mfa@test.gov.uk", roles.HR)
    admin = make_user("admin-no-mfa@test.gov.uk", roles.ACADEMY_ADMIN)
    return {
        "hr_without_mfa": client_for(hr, with_mfa=False),
        "admin_without_mfa": client_for(admin, with_mfa=False),
    }


def _is_mfa_exempt(path: str) -> bool:
    from home.middleware import mfa_exempt_path

    return mfa_exempt_path(path)


@pytest.mark.django_db
def test_hr_and_admin_without_mfa_are_sent_to_set_up_everywhere(world, no_mfa_clients):
    from home.middleware import MFA_SETUP_URL_NAME

    setup = reverse(MFA_SETUP_URL_NAME)
    paths = {name: reverse(name, kwargs=route.kwargs(world)) for name, route in ROUTES.items()}
    paths |= {name: path for name, path in every_route().items() if name not in paths}
    paths |= {f"page {name}": url_for(world) for name, (url_for, _) in PAGES.items()}
    failures, exempt = [], []
    for name, path in sorted(paths.items()):
        if _is_mfa_exempt(path):
            exempt.append(path)
            continue
        for role in NO_MFA_ROLES:
            client = no_mfa_clients[role]
            for method in ("get", "post"):
                response = getattr(client, method)(path)
                if response.status_code != 302 or response["Location"] != setup:
                    failures.append(f"{method.upper()} {path} ({name}) as {role}: {response.status_code}")
    assert not failures, "\n".join(failures)
    # What is exempt is only MFA set-up, sign-out and static files: nothing of ours, of Wagtail's or HR's.
    assert all(
        p.startswith(
            ("/accounts/2fa/", "/accounts/reauthenticate/", "/accounts/logout/", "/lab/", "/signed-out/")
        )
        for p in exempt
    ), exempt


@pytest.mark.django_db
def test_mfa_set_up_and_sign_out_stay_open_without_mfa(world, no_mfa_clients):
    from home.middleware import MFA_SETUP_URL_NAME

    for role in NO_MFA_ROLES:
        client = no_mfa_clients[role]
        setup = client.get(reverse(MFA_SETUP_URL_NAME))
        assert setup.status_code in (200, 302) and setup.get("Location") != reverse(MFA_SETUP_URL_NAME), role
        assert client.get(reverse("account_logout")).status_code == 200, role
        assert client.post(reverse("account_logout")).status_code == 302, role
        # Signed out: the pages are anyone's again.
        assert outcome(client.get(reverse("home:dashboard"))) == LOGIN
