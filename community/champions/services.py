"""Champion writes: apply, approve or decline, step down, edit a profile. Each checks permission first,
validates, writes in one transaction, records the step in ChampionLogEntry and tells the member."""

import logging
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from competencies.levels import Level
from home import roles
from home.permissions import require
from home.services import user_set_roles

from .. import notifications
from ..markup import render_markdown
from ..models import Category, NotificationPreference
from ..permissions import forget_moderation
from .models import (
    ApplicationCompetency,
    ChampionApplication,
    ChampionCompetency,
    ChampionLogEntry,
    ChampionProfile,
)

security_log = logging.getLogger("academy.security")
Status = ChampionApplication.Status
Action = ChampionLogEntry.Action
WHY_MIN, WHY_MAX = 20, 5000
REASON_MAX = 2000
BIO_MAX = 3000


def _clean_skills(skills: Iterable[tuple]) -> list[tuple]:
    """[(competency, level)], each competency once, each level a real Level."""
    cleaned, seen = [], set()
    for competency, level in skills:
        if competency.pk in seen:
            raise ValidationError({"competencies": f"{competency} is listed twice"})
        if level not in Level.values:
            raise ValidationError({"competencies": f"Choose a level for {competency}"})
        seen.add(competency.pk)
        cleaned.append((competency, Level(level)))
    return cleaned


def _log(*, member, actor, action: str, application=None, reason: str = "") -> ChampionLogEntry:
    return ChampionLogEntry.objects.create(
        member=member, actor=actor, action=action, application=application, reason=reason
    )


def _tell(*, user, subject: str, body: str) -> None:
    """Email the member after commit, unless they turned community email off."""
    if notifications.email_preference(user) == NotificationPreference.Email.OFF:
        return
    notifications.email_member(user=user, subject=subject, text=body)


def application_create(
    *, user, why: str, manager_name: str, service_area: str = "", skills, categories=()
) -> ChampionApplication:
    """A member applies to become a champion, offering competencies at levels and forums to lead."""
    require(user, "apply_champion")
    why = (why or "").strip()
    manager_name = " ".join((manager_name or "").split())
    errors = {}
    if len(why) < WHY_MIN:
        errors["why"] = f"Tell us why you want to be a champion in at least {WHY_MIN} characters"
    elif len(why) > WHY_MAX:
        errors["why"] = f"Your answer must be {WHY_MAX:,} characters or fewer"
    if not manager_name:
        errors["manager_name"] = "Enter your line manager's name"
    skills = _clean_skills(skills)
    if not skills:
        errors["competencies"] = "Choose at least one competency you can help with, and the level"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if ChampionApplication.objects.filter(applicant=user, status=Status.PENDING).exists():
            raise ValidationError("You already have an application waiting for a decision")
        application = ChampionApplication.objects.create(
            applicant=user, why=why, manager_name=manager_name, service_area=service_area.strip()
        )
        ApplicationCompetency.objects.bulk_create(
            [ApplicationCompetency(application=application, competency=c, level=lv) for c, lv in skills]
        )
        application.categories.set(categories)
        _log(member=user, actor=user, action=Action.APPLIED, application=application)
    return application


def application_withdraw(*, user, application: ChampionApplication) -> None:
    """The applicant withdraws a pending application."""
    if application.applicant_id != user.pk:
        raise PermissionDenied
    with transaction.atomic():
        locked = ChampionApplication.objects.select_for_update().get(pk=application.pk)
        if locked.status != Status.PENDING:
            raise ValidationError("This application has already been decided")
        locked.status = Status.WITHDRAWN
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decided_at"])
        _log(member=user, actor=user, action=Action.WITHDRAWN, application=locked)
    application.refresh_from_db()


def application_decide(
    *, actor, application: ChampionApplication, approve: bool, reason: str
) -> ChampionApplication:
    """Approve (Champion role, profile, moderator of the chosen categories) or decline, with a reason."""
    require(actor, "decide_champion_application", application)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter a reason: the applicant is told it"})
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": f"The reason must be {REASON_MAX:,} characters or fewer"})
    with transaction.atomic():
        locked = ChampionApplication.objects.select_for_update().get(pk=application.pk)
        if locked.status != Status.PENDING:
            raise ValidationError(f"This application is already {locked.get_status_display().lower()}")
        locked.status = Status.APPROVED if approve else Status.DECLINED
        locked.decided_at = timezone.now()
        locked.decided_by = actor
        locked.decision_reason = reason
        locked.save(update_fields=["status", "decided_at", "decided_by", "decision_reason"])
        applicant = locked.applicant
        if approve:
            _make_champion(application=locked, actor=actor)
        _log(
            member=applicant,
            actor=actor,
            action=Action.APPROVED if approve else Action.DECLINED,
            application=locked,
            reason=reason,
        )
    _tell_decision(application=locked)
    return locked


def _make_champion(*, application: ChampionApplication, actor) -> ChampionProfile:
    user = application.applicant
    profile, created = ChampionProfile.objects.get_or_create(
        user=user,
        defaults={"job_title": user.job_title, "service_area": application.service_area or user.department},
    )
    if not created:
        profile.is_active = True
        profile.stepped_down_at = None
        profile.save(update_fields=["is_active", "stepped_down_at", "updated_at"])
    for skill in application.skills.all():
        ChampionCompetency.objects.update_or_create(
            profile=profile, competency_id=skill.competency_id, defaults={"level": skill.level}
        )
    categories = list(application.categories.all())
    profile.led_categories.add(*categories)
    for category in categories:
        category.moderators.add(user)
    forget_moderation(user)
    roles.forget_roles(user)
    user_set_roles(user=user, role_names=sorted(roles.role_names(user) | {roles.CHAMPION}), actor=actor)
    return profile


def _tell_decision(*, application: ChampionApplication) -> None:
    from django.urls import reverse

    url = notifications._absolute(reverse("champions:application", kwargs={"pk": application.pk}))
    if application.status == Status.APPROVED:
        subject = "You are now a data champion"
        body = (
            "Your application to become a data champion has been approved.\n\n"
            f"{application.decision_reason}\n\nComplete your directory profile and see the decision: {url}"
        )
    else:
        subject = "Your data champion application"
        body = (
            "Your application to become a data champion was not approved this time.\n\n"
            f"The reason given: {application.decision_reason}\n\nSee the decision: {url}"
        )
    _tell(user=application.applicant, subject=subject, body=body)


def champion_step_down(*, actor, profile: ChampionProfile, reason: str = "") -> ChampionProfile:
    """End a champion's role: off the directory, out of the Champion group, no longer a moderator."""
    require(actor, "step_down_champion", profile)
    reason = (reason or "").strip()
    by_self = actor.pk == profile.user_id
    if not by_self and not reason:
        raise ValidationError({"reason": "Enter a reason: the champion is told it"})
    user = profile.user
    with transaction.atomic():
        profile.is_active = False
        profile.stepped_down_at = timezone.now()
        profile.save(update_fields=["is_active", "stepped_down_at", "updated_at"])
        for category in Category.objects.filter(moderators=user):
            category.moderators.remove(user)
        profile.led_categories.clear()
        forget_moderation(user)
        roles.forget_roles(user)
        user_set_roles(user=user, role_names=sorted(roles.role_names(user) - {roles.CHAMPION}), actor=actor)
        _log(
            member=user,
            actor=actor,
            action=Action.STEPPED_DOWN if by_self else Action.REMOVED,
            reason=reason,
        )
    if not by_self:
        _tell(
            user=user,
            subject="Your data champion role has ended",
            body=f"An Academy administrator ended your data champion role.\n\nThe reason given: {reason}",
        )
    return profile


def profile_for_champion(*, user) -> ChampionProfile:
    """The champion's own profile, made from their account the first time they open it."""
    require(user, "edit_champion_profile")
    profile, _ = ChampionProfile.objects.get_or_create(
        user=user, defaults={"job_title": user.job_title, "service_area": user.department}
    )
    return profile


PROFILE_FIELDS = (
    "job_title",
    "service_area",
    "bio",
    "office_hours",
    "networks",
    "contact_forum",
    "show_email",
    "teams_url",
    "show_teams",
)


def profile_update(*, user, profile: ChampionProfile, data: dict, skills) -> ChampionProfile:
    """Save what the champion chose to show, and the competencies they help with."""
    require(user, "edit_champion_profile", profile)
    skills = _clean_skills(skills)
    if not skills:
        raise ValidationError({"competencies": "Choose at least one competency you help with, and the level"})
    if len(data.get("bio", "")) > BIO_MAX:
        raise ValidationError({"bio": f"Your bio must be {BIO_MAX:,} characters or fewer"})
    if data.get("show_teams") and not data.get("teams_url"):
        raise ValidationError({"teams_url": "Enter your Teams link, or untick 'show my Teams link'"})
    with transaction.atomic():
        for name in PROFILE_FIELDS:
            if name in data:
                setattr(profile, name, data[name])
        profile.bio = (profile.bio or "").replace("\r\n", "\n").strip()
        profile.bio_html = render_markdown(profile.bio) if profile.bio else ""
        profile.full_clean()
        profile.save()
        keep = [c.pk for c, _ in skills]
        profile.skills.exclude(competency_id__in=keep).delete()
        for competency, level in skills:
            ChampionCompetency.objects.update_or_create(
                profile=profile, competency=competency, defaults={"level": level}
            )
        _log(member=profile.user, actor=user, action=Action.PROFILE_UPDATED)
    return profile


def bios_rerender(*, batch_size: int = 500) -> tuple[str, int]:
    """Every champion's bio rendered again from its Markdown (after the renderer changed); unchanged rows are
    not written. Registered with community's MARKDOWN_RERENDER_HOOK."""
    batch, changed = [], 0
    for profile in ChampionProfile.objects.only("pk", "bio", "bio_html").iterator(chunk_size=batch_size):
        html = render_markdown(profile.bio) if profile.bio else ""
        if html != profile.bio_html:
            profile.bio_html = html
            batch.append(profile)
        if len(batch) >= batch_size:
            changed += ChampionProfile.objects.bulk_update(batch, ["bio_html"])
            batch = []
    changed += ChampionProfile.objects.bulk_update(batch, ["bio_html"]) if batch else 0
    return "champion bios", changed
