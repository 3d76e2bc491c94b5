"""The team data-maturity self-assessment: the seeded instrument, versioning, answering, permissions per role,
results visibility and privacy, theme → competency → course links, CSV, pathway and query ceilings."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from competencies.maturity import demo, selectors, services
from competencies.maturity.models import (
    AssessmentRound,
    MaturityAnswer,
    MaturityMembership,
    MaturityQuestion,
    MaturityResponse,
    TeamPathway,
)
from tests.factories.competencies import publish_seed_framework
from tests.factories.home import make_user
from tests.factories.maturity import MaturityTeamFactory, seeded_model

BASE = "/framework/maturity"


@pytest.fixture
def client_for(client_for):
    """The shared client_for, one client per user (it gives HR and admins an authenticator once)."""
    made = {}

    def _client(user):
        key = getattr(user, "pk", None)
        if key not in made:
            made[key] = client_for(user)
        return made[key]

    return _client


@pytest.fixture
def seed(db):
    """The demo seed framework, published as version 1 (the model's themes link to its competencies)."""
    return publish_seed_framework()


@pytest.fixture
def model(seed):
    return seeded_model()


@pytest.fixture
def version(model):
    return services.version_publish(model=model)


@pytest.fixture
def team(learner, champion):
    """Learner is a member; the champion leads it."""
    return MaturityTeamFactory(name="Adults", slug="adults", lead=champion, members=[learner])


@pytest.fixture
def other_team(other_learner):
    return MaturityTeamFactory(name="Highways", slug="highways", members=[other_learner])


def open_round(version, *teams, name="Spring"):
    today = timezone.localdate()
    return services.round_open(
        name=name,
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=10),
        teams=teams,
        version=version,
    )


def all_answers(version, level):
    return {q["code"]: (level, "") for t in version.snapshot["themes"] for q in t["questions"]}


def add_respondents(assessment_round, team, levels, prefix="r"):
    for i, level in enumerate(levels):
        user = make_user(f"{prefix}{i}-{team.slug}@test.gov.uk")
        MaturityMembership.objects.create(team=team, user=user)
        services.response_save(
            assessment_round=assessment_round,
            team=team,
            user=user,
            answers=all_answers(assessment_round.version, level),
            submit=True,
        )


def close(assessment_round):
    return services.round_close(assessment_round=assessment_round)


# --- The instrument -------------------------------------------------------------------------------------


def test_seed_has_the_26_essex_questions_in_five_themes_and_three_levels(version):
    snapshot = version.snapshot
    assert [t["name"] for t in snapshot["themes"]] == [
        "Data Use",
        "Data Awareness & Culture",
        "Data Management",
        "Data Skills & Capabilities",
        "Data Governance",
    ]
    counts = [len(t["questions"]) for t in snapshot["themes"]]
    assert counts == [5, 4, 4, 7, 6]
    codes = [q["code"] for t in snapshot["themes"] for q in t["questions"]]
    assert codes == [f"Q{i}" for i in range(1, 27)]
    assert [lvl["name"] for lvl in snapshot["levels"]] == ["Basic", "Intermediate", "Advanced"]


def test_publishing_a_new_version_does_not_change_a_closed_round(version, model, team):
    r = open_round(version, team)
    add_respondents(r, team, [1, 1, 2])
    close(r)
    before = selectors.team_profile(assessment_round=r, team=team)
    # An admin rewrites a question, adds two levels (a five-level scale) and publishes version 2.
    MaturityQuestion.objects.filter(code="Q1").update(text="Rewritten", code="Q1a")
    model.levels.create(name="Leading", descriptor="x", sort_order=10)
    model.levels.create(name="Transforming", descriptor="y", sort_order=11)
    v2 = services.version_publish(model=model)
    assert v2.number == 2 and len(v2.snapshot["levels"]) == 5
    r.refresh_from_db()
    after = selectors.team_profile(assessment_round=r, team=team)
    assert r.version_id == version.pk
    assert after.scale.names == ("Basic", "Intermediate", "Advanced")
    assert after.themes[0].questions[0].code == "Q1"
    assert [t.score.median for t in after.themes] == [t.score.median for t in before.themes] == [1] * 5
    # A new round uses version 2 with the five-level scale; comparing across scales is refused.
    r2 = open_round(v2, team, name="Next")
    assert "Q1a" in [q["code"] for t in r2.version.snapshot["themes"] for q in t["questions"]]
    assert selectors.compare(now=selectors.team_profile(assessment_round=r2, team=team), before=after) is None


def test_publishing_a_model_with_duplicate_codes_is_refused_and_writes_nothing(model, version):
    MaturityQuestion.objects.filter(code="Q2").update(code="Q1")
    with pytest.raises(ValidationError, match="Q1 is used twice"):
        services.version_publish(model=model)
    assert model.versions.count() == 1


# --- Answering ------------------------------------------------------------------------------------------


def test_member_saves_resumes_and_submits_with_dont_know_and_comments(version, team, learner, client_for):
    r = open_round(version, team)
    c = client_for(learner)
    url = f"{BASE}/rounds/{r.pk}/teams/{team.slug}/answer/"
    assert c.get(url).status_code == 200
    response = c.post(url, {"q-Q1": "2", "c-Q1": "Figures lag a month.", "q-Q2": "0", "save": "1"})
    assert response.status_code == 302
    saved = MaturityResponse.objects.get(round=r, user=learner)
    assert saved.submitted_at is None
    assert dict(saved.answers.values_list("question_code", "level")) == {"Q1": 2, "Q2": 0}
    page = c.get(url).content.decode()
    assert 'value="2" checked' in page and "Figures lag a month." in page
    # Submitting with questions unanswered is refused, naming them, and keeps what was saved.
    response = c.post(url, {"q-Q1": "2", "submit": "1"})
    assert response.status_code == 400
    assert "Q2, Q3" in response.content.decode()
    saved.refresh_from_db()
    assert saved.submitted_at is None and saved.answers.count() == 2
    data = {f"q-Q{i}": "3" for i in range(1, 27)} | {"q-Q13": "0", "submit": "1"}
    assert c.post(url, data).status_code == 302
    saved.refresh_from_db()
    assert saved.submitted_at is not None
    assert saved.answers.count() == 26
    assert MaturityResponse.objects.filter(round=r, user=learner).count() == 1


def test_a_level_outside_the_scale_is_refused(version, team, learner, client_for):
    r = open_round(version, team)
    response = client_for(learner).post(
        f"{BASE}/rounds/{r.pk}/teams/{team.slug}/answer/", {"q-Q1": "7", "save": "1"}
    )
    assert response.status_code == 400
    assert "Q1: choose one of the levels" in response.content.decode()
    assert not MaturityAnswer.objects.exists()


def test_members_answer_only_for_their_own_team_and_only_while_open(
    version, team, other_team, learner, other_learner, champion, hr_user, admin_user, client_for
):
    r = open_round(version, team, other_team)
    url = f"{BASE}/rounds/{r.pk}/teams/{team.slug}/answer/"
    assert client_for(learner).get(url).status_code == 200
    assert client_for(champion).get(url).status_code == 200  # the lead answers too
    for user in (other_learner, hr_user, admin_user):
        assert client_for(user).get(url).status_code == 403
        assert client_for(user).post(url, {"q-Q1": "1", "save": "1"}).status_code == 403
    assert not MaturityResponse.objects.exists()
    close(r)
    assert client_for(learner).get(url).status_code == 403


# --- Results: visibility and privacy --------------------------------------------------------------------


def test_team_results_show_to_the_team_and_hr_only_after_close(
    version, team, other_team, learner, other_learner, champion, hr_user, admin_user, client_for
):
    r = open_round(version, team, other_team)
    add_respondents(r, team, [1, 2, 3])
    url = f"{BASE}/rounds/{r.pk}/teams/{team.slug}/"
    assert client_for(learner).get(url).status_code == 403  # not before the round closes
    assert client_for(hr_user).get(url).status_code == 403
    close(r)
    for user in (learner, champion, hr_user, admin_user):
        assert client_for(user).get(url).status_code == 200
    assert client_for(other_learner).get(url).status_code == 403
    assert client_for(None).get(url).status_code == 302


def test_individual_answers_never_show_and_small_teams_are_withheld(
    version, team, other_team, learner, client_for
):
    r = open_round(version, team, other_team)
    add_respondents(r, team, [1, 3])
    close(r)
    page = client_for(learner).get(f"{BASE}/rounds/{r.pk}/teams/{team.slug}/").content.decode()
    assert "withheld to protect their privacy" in page
    assert "Advanced" not in page and "Basic" not in page
    csv_text = client_for(learner).get(f"{BASE}/rounds/{r.pk}/teams/{team.slug}/result.csv").content.decode()
    assert "Withheld" in csv_text and "Basic" not in csv_text
    assert "r0-adults@test.gov.uk" not in page


def test_team_result_shows_medians_spread_comments_and_csv(version, team, learner, client_for):
    r = open_round(version, team)
    add_respondents(r, team, [1, 2, 2])
    user = make_user("commenter@test.gov.uk", first_name="Zed", last_name="Commenter")
    MaturityMembership.objects.create(team=team, user=user)
    services.response_save(
        assessment_round=r,
        team=team,
        user=user,
        answers=all_answers(version, 3) | {"Q1": (3, "Dashboards are always late.")},
        submit=True,
    )
    close(r)
    c = client_for(learner)
    page = c.get(f"{BASE}/rounds/{r.pk}/teams/{team.slug}/").content.decode()
    assert "4 members submitted" in page
    assert "Between Basic and Advanced" not in page
    assert "Basic to Advanced" in page  # spread
    assert "Dashboards are always late." in page and "Commenter" not in page
    csv_text = c.get(f"{BASE}/rounds/{r.pk}/teams/{team.slug}/result.csv").content.decode()
    assert csv_text.startswith("Team,Respondents,Theme,Question,Median")
    assert "Adults,4,Data Use,All,2.0,Intermediate,Basic,Advanced,20,0" in csv_text


def test_council_report_surfaces_the_highest_variance_and_compares_rounds(
    version, team, other_team, hr_user, learner, client_for
):
    earlier = services.round_open(
        name="Autumn",
        opens_on=datetime.date(2025, 9, 1),
        closes_on=datetime.date(2025, 9, 30),
        teams=[team, other_team],
        version=version,
    )
    add_respondents(earlier, team, [1, 1, 1], prefix="a")
    add_respondents(earlier, other_team, [1, 1, 1], prefix="a")
    r = open_round(version, team, other_team)
    levels_team = all_answers(version, 2) | {f"Q{i}": (1, "") for i in range(1, 6)}
    levels_other = all_answers(version, 2) | {f"Q{i}": (3, "") for i in range(1, 6)}
    for team_, answers in ((team, levels_team), (other_team, levels_other)):
        for i in range(3):
            user = make_user(f"b{i}-{team_.slug}@test.gov.uk")
            MaturityMembership.objects.create(team=team_, user=user)
            services.response_save(assessment_round=r, team=team_, user=user, answers=answers, submit=True)
    close(r)
    c = client_for(hr_user)
    page = c.get(f"{BASE}/rounds/{r.pk}/report/").content.decode()
    assert "the highest variance between teams is in Data Use" in page
    assert "Autumn" in page and "Up" in page  # compared with the previous round
    csv_text = c.get(f"{BASE}/rounds/{r.pk}/report.csv").content.decode()
    assert "Whole council,6,Data Use,All,2.0,Intermediate,Basic,Advanced" in csv_text
    assert client_for(learner).get(f"{BASE}/rounds/{r.pk}/report/").status_code == 403


# --- Rounds and teams -----------------------------------------------------------------------------------


def test_only_hr_and_admins_open_and_close_rounds(
    version, team, learner, champion, hr_user, admin_user, client_for
):
    data = {"name": "Spring 2026", "opens_on": "2026-03-01", "closes_on": "2026-03-31", "teams": [team.pk]}
    for user in (learner, champion):
        assert client_for(user).post(f"{BASE}/rounds/new/", data).status_code == 403
    assert not AssessmentRound.objects.exists()
    response = client_for(hr_user).post(f"{BASE}/rounds/new/", data)
    assert response.status_code == 302
    r = AssessmentRound.objects.get()
    assert (r.name, r.version, list(r.teams.all())) == ("Spring 2026", version, [team])
    assert client_for(champion).post(f"{BASE}/rounds/{r.pk}/close/").status_code == 403
    assert client_for(admin_user).post(f"{BASE}/rounds/{r.pk}/close/").status_code == 302
    r.refresh_from_db()
    assert r.is_closed


def test_bad_round_dates_are_refused_with_a_message(version, team, hr_user, client_for):
    data = {"name": "Backwards", "opens_on": "2026-03-31", "closes_on": "2026-03-01"}
    response = client_for(hr_user).post(f"{BASE}/rounds/new/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "The closing date must be on or after the opening date." in page
    assert "Choose at least one team to take part." in page
    assert not AssessmentRound.objects.exists()


def test_team_lead_invites_and_removes_members(team, champion, learner, other_learner, client_for):
    url = f"{BASE}/teams/{team.slug}/members/"
    assert client_for(learner).post(url, {"email": other_learner.email}).status_code == 403
    c = client_for(champion)
    response = c.post(url, {"email": "nobody@test.gov.uk"})
    assert response.status_code == 400
    assert "No active Data Academy account uses nobody@test.gov.uk" in response.content.decode()
    assert c.post(url, {"email": other_learner.email.upper()}).status_code == 302
    assert MaturityMembership.objects.filter(team=team, user=other_learner).exists()
    assert "already in Adults" in c.post(url, {"email": other_learner.email}).content.decode()
    assert c.post(url, {"remove": str(other_learner.pk)}).status_code == 302
    assert not MaturityMembership.objects.filter(team=team, user=other_learner).exists()


# --- From findings to action ----------------------------------------------------------------------------


@pytest.fixture
def course_for_dl1(seed):
    """A live course that develops DL1 (mapped to Data Use) at Understand."""
    from competencies.models import Competency
    from jupyterlite import demo as lab_demo
    from learning import demo as learning_demo
    from learning.models import CourseCompetency

    lab_demo.load(stdout=io.StringIO())  # the curriculum's lessons embed the lab's exercises
    learning_demo.load(stdout=io.StringIO())
    link = (
        CourseCompetency.objects.filter(competency=Competency.objects.get(code="DL1"))
        .select_related("course")
        .first()
    )
    assert link is not None, "the demo courses link DL1"
    return link.course


def test_weak_theme_lists_competencies_courses_champions_and_forum(
    site_with_home, version, team, champion, learner, course_for_dl1, client_for
):
    r = open_round(version, team)
    add_respondents(r, team, [1, 1, 1])
    close(r)
    prof = selectors.team_profile(assessment_round=r, team=team)
    actions = {a.theme.slug: a for a in selectors.theme_actions(assessment_round=r, prof=prof)}
    assert "data-use" in actions
    assert "DL1" in [c.code for c in actions["data-use"].competencies]
    assert course_for_dl1.pk in [c.pk for c in actions["data-use"].courses]
    page = client_for(learner).get(f"{BASE}/rounds/{r.pk}/teams/{team.slug}/").content.decode()
    assert course_for_dl1.title in page
    assert "Chloe Champion" in page  # members of the Champion group


def test_team_lead_sets_pathway_members_see_it_on_my_learning(
    site_with_home, version, team, champion, learner, other_learner, course_for_dl1, client_for
):
    r = open_round(version, team)
    add_respondents(r, team, [1, 1, 1])
    close(r)
    url = f"{BASE}/rounds/{r.pk}/teams/{team.slug}/pathway/"
    data = {"courses": [str(course_for_dl1.pk)], "note": "Start here."}
    assert client_for(learner).post(url, data).status_code == 403  # a member, not the lead
    assert client_for(champion).post(url, {"courses": ["999999"]}).status_code == 400
    assert not TeamPathway.objects.exists()
    assert client_for(champion).post(url, data).status_code == 302
    pathway = TeamPathway.objects.get(team=team)
    assert [c.course_id for c in pathway.courses.all()] == [course_for_dl1.pk]
    dashboard = client_for(learner).get("/my-learning/").content.decode()
    assert "Recommended for Adults" in dashboard and course_for_dl1.title in dashboard
    assert "Recommended for Adults" not in client_for(other_learner).get("/my-learning/").content.decode()


# --- Query ceilings and demo ----------------------------------------------------------------------------


def test_result_pages_keep_a_flat_query_count(
    version, team, other_team, learner, hr_user, client_for, django_assert_max_num_queries
):
    r = open_round(version, team, other_team)
    add_respondents(r, team, [1, 2, 3, 2, 1, 3, 2, 2])
    add_respondents(r, other_team, [3, 3, 2, 2, 1])
    close(r)
    member, hr = client_for(learner), client_for(hr_user)
    with django_assert_max_num_queries(27):
        assert member.get(f"{BASE}/rounds/{r.pk}/teams/{team.slug}/").status_code == 200
    with django_assert_max_num_queries(11):  # 10, and HR's second-factor check on every request
        assert hr.get(f"{BASE}/rounds/{r.pk}/report/").status_code == 200
    with django_assert_max_num_queries(10):
        assert member.get(f"{BASE}/rounds/{r.pk}/teams/{team.slug}/result.csv").status_code == 200


def test_demo_is_idempotent_with_a_closed_round_of_three_teams_and_an_open_round(demo_content):
    demo.load(stdout=io.StringIO())
    closed = AssessmentRound.objects.get(name=demo.CLOSED_ROUND)
    assert closed.is_closed and AssessmentRound.objects.get(name=demo.OPEN_ROUND).is_open
    assert AssessmentRound.objects.count() == 2
    report = selectors.council_report(assessment_round=closed)
    assert len(report.teams) == 3 and all(not p.withheld for _, p in report.teams)
    assert report.highest_variance.name == "Data Use"
    assert MaturityResponse.objects.filter(round=closed).count() == 11
