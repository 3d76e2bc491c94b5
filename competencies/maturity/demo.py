"""Demo content for the team data-maturity self-assessment: the Essex/LGA model (version 1), three teams, a
closed round with their results, and an open round. Idempotent: everything is looked up before it is made.

Runs after the courses and forums exist, so themes can point at forum categories and suggest courses.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from competencies.models import Competency
from home.services import user_create

from . import seed, selectors, services
from .models import (
    AssessmentRound,
    MaturityLevel,
    MaturityMembership,
    MaturityModel,
    MaturityQuestion,
    MaturityResponse,
    MaturityTeam,
    MaturityTheme,
)

# name, slug, service area, lead email, members (email, first, last, job title),
# {theme slug: typical level}: Data Use differs most between teams, as Essex found.
TEAMS = [
    (
        "Adult Social Care performance",
        "adult-social-care-performance",
        "Adult Social Care",
        "learner@example.gov.uk",
        [
            ("amira.shah@example.gov.uk", "Amira", "Shah", "Practice manager"),
            ("ben.okafor@example.gov.uk", "Ben", "Okafor", "Social worker"),
            ("carys.evans@example.gov.uk", "Carys", "Evans", "Business support officer"),
            ("dev.patel@example.gov.uk", "Dev", "Patel", "Performance officer"),
        ],
        {
            "data-use": 1,
            "data-awareness-culture": 2,
            "data-management": 1,
            "data-skills-capabilities": 2,
            "data-governance": 2,
        },
    ),
    (
        "Highways and Transport insight",
        "highways-and-transport-insight",
        "Highways and Transport",
        "champion@example.gov.uk",
        [
            ("emma.wright@example.gov.uk", "Emma", "Wright", "Asset data analyst"),
            ("farid.hussain@example.gov.uk", "Farid", "Hussain", "Transport planner"),
            ("grace.lin@example.gov.uk", "Grace", "Lin", "GIS officer"),
            ("harry.cole@example.gov.uk", "Harry", "Cole", "Network manager"),
        ],
        {
            "data-use": 3,
            "data-awareness-culture": 3,
            "data-management": 2,
            "data-skills-capabilities": 3,
            "data-governance": 2,
        },
    ),
    (
        "Finance and Performance",
        "finance-and-performance",
        "Corporate Services",
        "",
        [
            ("isla.morgan@example.gov.uk", "Isla", "Morgan", "Finance business partner"),
            ("jon.baker@example.gov.uk", "Jon", "Baker", "Management accountant"),
            ("kiran.rao@example.gov.uk", "Kiran", "Rao", "Performance analyst"),
        ],
        {
            "data-use": 2,
            "data-awareness-culture": 2,
            "data-management": 1,
            "data-skills-capabilities": 2,
            "data-governance": 3,
        },
    ),
]
# How each respondent differs from their team's typical level, question by question (cycled): people disagree.
OFFSETS = [(0, 0, 1, 0, -1, 0), (0, -1, 0, 0, 1, 0), (1, 0, 0, -1, 0, 0), (0, 0, -1, 0, 0, 1)]
DONT_KNOW_QUESTIONS = {"Q6", "Q13", "Q26"}  # people often said these were outside their remit
COMMENTS = {
    ("Q1", 0): "Data is used in decisions but we often doubt whether the figures are up to date.",
    ("Q10", 1): "We keep most of our working data in spreadsheets on the team drive.",
    ("Q18", 2): "We would like shared dashboards instead of monthly spreadsheets.",
}
CLOSED_ROUND = "Autumn 2025 data maturity assessment"
OPEN_ROUND = "Spring 2026 data maturity assessment"


def _model(stdout) -> MaturityModel:
    model, created = MaturityModel.objects.get_or_create(
        name=seed.MODEL_NAME, defaults={"description": seed.MODEL_DESCRIPTION}
    )
    if created:
        for i, (name, descriptor) in enumerate(seed.LEVELS):
            MaturityLevel.objects.create(model=model, name=name, descriptor=descriptor, sort_order=i)
        stdout.write(f"  maturity model: {model.name}")
    from django.apps import apps

    Category = apps.get_model("community", "Category")
    for order, (slug, name, description, codes, category_slug, questions) in enumerate(seed.THEMES):
        theme, created = MaturityTheme.objects.get_or_create(
            model=model,
            slug=slug,
            defaults={"name": name, "description": description, "sort_order": order},
        )
        if created:
            for i, (code, topic, text, help_text) in enumerate(questions):
                MaturityQuestion.objects.create(
                    theme=theme, code=code, topic=topic, text=text, help_text=help_text, sort_order=i
                )
        if not theme.competencies.exists():
            theme.competencies.set(Competency.objects.filter(code__in=codes))
            theme.save()  # a ParentalManyToManyField is written on save
        if theme.forum_category_id is None:
            theme.forum_category = Category.objects.filter(slug=category_slug).first()
            theme.save(update_fields=["forum_category"])
    return model


def _user(email, first, last, job, department):
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = user_create(
            email=email, password=None, first_name=first, last_name=last, job_title=job, department=department
        )
    return user


def _teams(stdout) -> list[tuple[MaturityTeam, list, dict]]:
    User = get_user_model()
    made = []
    for name, slug, area, lead_email, members, typical in TEAMS:
        lead = User.objects.filter(email=lead_email).first() if lead_email else None
        team, created = MaturityTeam.objects.get_or_create(
            slug=slug, defaults={"name": name, "service_area": area, "lead": lead}
        )
        if created:
            stdout.write(f"  maturity team: {name}")
        users = [_user(email, first, last, job, area) for email, first, last, job in members]
        for user in users + ([lead] if lead else []):
            MaturityMembership.objects.get_or_create(team=team, user=user, defaults={"invited_by": lead})
        made.append((team, users, typical))
    return made


def _answers(snapshot, typical, respondent) -> dict:
    offsets = OFFSETS[respondent % len(OFFSETS)]
    answers = {}
    n = 0
    for theme in snapshot["themes"]:
        for q in theme["questions"]:
            if q["code"] in DONT_KNOW_QUESTIONS and respondent % 2:
                level = services.DONT_KNOW
            else:
                level = min(3, max(1, typical[theme["slug"]] + offsets[n % len(offsets)]))
            answers[q["code"]] = (level, COMMENTS.get((q["code"], respondent), ""))
            n += 1
    return answers


def load(*, stdout) -> None:
    model = _model(stdout)
    version = model.versions.order_by("-number").first() or services.version_publish(
        model=model, notes="The 26 questions Essex CC used, from the LGA data maturity model."
    )
    teams = _teams(stdout)
    closed = AssessmentRound.objects.filter(name=CLOSED_ROUND).first()
    if closed is None:
        closed = services.round_open(
            name=CLOSED_ROUND,
            opens_on=datetime.date(2025, 9, 1),
            closes_on=datetime.date(2025, 9, 30),
            teams=[team for team, _, _ in teams],
            version=version,
        )
        for team, users, typical in teams:
            for i, user in enumerate(users):
                services.response_save(
                    assessment_round=closed,
                    team=team,
                    user=user,
                    answers=_answers(version.snapshot, typical, i),
                    submit=True,
                )
        MaturityResponse.objects.filter(round=closed).update(
            submitted_at=timezone.make_aware(datetime.datetime(2025, 9, 20))
        )
        closed.closed_at = timezone.make_aware(datetime.datetime(2025, 9, 30, 17, 0))
        closed.save(update_fields=["closed_at"])
        stdout.write(f"  closed round with results: {CLOSED_ROUND}")
    if not AssessmentRound.objects.filter(name=OPEN_ROUND).exists():
        today = timezone.localdate()
        services.round_open(
            name=OPEN_ROUND,
            opens_on=today - datetime.timedelta(days=7),
            closes_on=today + datetime.timedelta(days=28),
            teams=[team for team, _, _ in teams],
            version=version,
        )
        stdout.write(f"  open round: {OPEN_ROUND}")
    _pathway(closed, teams[0][0])


def _pathway(closed: AssessmentRound, team: MaturityTeam) -> None:
    """The Adult Social Care lead's recommended pathway from the weakest themes' courses."""
    if selectors.pathway_for_team(team=team) is not None:
        return
    prof = selectors.team_profile(assessment_round=closed, team=team)
    courses = list(
        {
            c.pk: c for a in selectors.theme_actions(assessment_round=closed, prof=prof) for c in a.courses
        }.values()
    )
    if courses:
        services.team_pathway_set(
            team=team,
            assessment_round=closed,
            courses=courses[:4],
            note="Our Data Use and Data Management scores were Basic: start with these, easiest first.",
            actor=team.lead,
        )
