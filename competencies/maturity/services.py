"""Writes for the team data-maturity self-assessment. Each validates first and changes nothing on error."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from .models import (
    AssessmentRound,
    MaturityAnswer,
    MaturityMembership,
    MaturityModel,
    MaturityResponse,
    MaturityTeam,
    MaturityVersion,
    TeamPathway,
    TeamPathwayCourse,
)

DONT_KNOW = 0  # "Don't know"; an empty level means not answered yet


def snapshot_build(*, model: MaturityModel) -> dict:
    """The model's levels, themes and questions as plain data, checked for what a round needs."""
    levels = [
        {"name": lvl.name, "descriptor": lvl.descriptor} for lvl in model.levels.order_by("sort_order", "pk")
    ]
    themes, codes = [], set()
    for theme in model.themes.order_by("sort_order", "name").prefetch_related("questions"):
        questions = []
        for q in sorted(theme.questions.all(), key=lambda q: (q.sort_order or 0, q.pk)):
            if q.code in codes:
                raise ValidationError(
                    f"Question code {q.code} is used twice: each question needs its own code."
                )
            codes.add(q.code)
            questions.append({"code": q.code, "topic": q.topic, "text": q.text, "help_text": q.help_text})
        if not questions:
            raise ValidationError(f"The theme {theme.name} has no questions.")
        themes.append(
            {"slug": theme.slug, "name": theme.name, "description": theme.description, "questions": questions}
        )
    if len(levels) < 2:
        raise ValidationError("A model needs at least two levels.")
    if not themes:
        raise ValidationError("A model needs at least one theme with questions.")
    return {"name": model.name, "description": model.description, "levels": levels, "themes": themes}


@transaction.atomic
def version_publish(*, model: MaturityModel, user=None, notes: str = "") -> MaturityVersion:
    """Freeze the model as its next version. Rounds already opened keep the version they were opened on."""
    snapshot = snapshot_build(model=model)
    latest = MaturityVersion.objects.select_for_update().filter(model=model).aggregate(n=Max("number"))["n"]
    return MaturityVersion.objects.create(
        model=model, number=(latest or 0) + 1, snapshot=snapshot, notes=notes[:300], published_by=user
    )


@transaction.atomic
def round_open(
    *, name: str, opens_on, closes_on, teams, version: MaturityVersion, user=None
) -> AssessmentRound:
    """Open a round on `version` for `teams` between two dates."""
    teams = list(teams)
    if not teams:
        raise ValidationError("Choose at least one team to take part.")
    new_round = AssessmentRound(
        name=name, version=version, opens_on=opens_on, closes_on=closes_on, created_by=user
    )
    new_round.full_clean()
    new_round.save()
    new_round.teams.set(teams)
    return new_round


def round_close(*, assessment_round: AssessmentRound, user=None) -> AssessmentRound:
    """Close a round now: answering stops and results become visible to the teams."""
    if assessment_round.closed_at is None:
        assessment_round.closed_at = timezone.now()
        assessment_round.save(update_fields=["closed_at"])
    return assessment_round


def member_invite(*, team: MaturityTeam, email: str, actor) -> MaturityMembership:
    """Add the member with this work email address to the team."""
    user = get_user_model().objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise ValidationError(
            f"No active Data Academy account uses {email.strip()}. Ask them to sign in once first."
        )
    membership, created = MaturityMembership.objects.get_or_create(
        team=team, user=user, defaults={"invited_by": actor}
    )
    if not created:
        raise ValidationError(f"{user.get_full_name() or user.email} is already in {team.name}.")
    return membership


def member_remove(*, team: MaturityTeam, user_id: int) -> int:
    """Take a member off the team; answers they already submitted stay in past rounds' aggregates."""
    deleted, _ = MaturityMembership.objects.filter(team=team, user_id=user_id).delete()
    return deleted


@transaction.atomic
def response_save(
    *, assessment_round: AssessmentRound, team: MaturityTeam, user, answers: dict, submit: bool
) -> MaturityResponse:
    """Save a member's answers {question code: (level | DONT_KNOW | None for unanswered, comment)}.

    Saving keeps what is there so far; submitting also needs every question answered. Nothing is written
    when a code or level is not in the round's version.
    """
    snapshot = assessment_round.version.snapshot
    codes = [q["code"] for theme in snapshot["themes"] for q in theme["questions"]]
    top = len(snapshot["levels"])
    for code, (level, _comment) in answers.items():
        if code not in codes:
            raise ValidationError(f"{code} is not a question in this assessment.")
        if level is not None and not 0 <= level <= top:
            raise ValidationError(f"{code}: choose one of the levels or 'Don't know'.")
    if submit:
        missing = [code for code in codes if answers.get(code, (None, ""))[0] is None]
        if missing:
            raise ValidationError(
                f"Answer every question before you submit: {', '.join(missing)} still need an answer."
            )
    response, _ = MaturityResponse.objects.select_for_update().get_or_create(
        round=assessment_round, team=team, user=user
    )
    response.answers.all().delete()
    MaturityAnswer.objects.bulk_create(
        MaturityAnswer(
            response=response,
            question_code=code,
            level=level,
            comment=(comment or "").strip()[:2000],
        )
        for code, (level, comment) in answers.items()
        if level is not None or (comment or "").strip()
    )
    if submit and response.submitted_at is None:
        response.submitted_at = timezone.now()
    response.save()
    return response


@transaction.atomic
def team_pathway_set(
    *, team: MaturityTeam, assessment_round: AssessmentRound | None, courses, note: str, actor
):
    """Replace the team's recommended pathway with `courses`, in order."""
    pathway, _ = TeamPathway.objects.update_or_create(
        team=team, defaults={"round": assessment_round, "note": note.strip()[:1000], "updated_by": actor}
    )
    pathway.courses.all().delete()
    TeamPathwayCourse.objects.bulk_create(
        TeamPathwayCourse(pathway=pathway, course=course, position=i) for i, course in enumerate(courses)
    )
    return pathway
