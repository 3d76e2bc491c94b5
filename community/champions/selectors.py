"""Champion reads: the directory query, a profile's forum activity, and the coverage report."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Max, Prefetch, Q

from competencies.levels import Level
from competencies.models import Competency

from ..models import Post, Topic
from .models import ChampionApplication, ChampionCompetency, ChampionProfile

PER_PAGE = 20
SORTS = {
    "name": ("user__last_name", "user__first_name", "pk"),
    "answers": ("-user__forum_profile__accepted_answer_count", "user__last_name", "pk"),
    "newest": ("-started_at", "-pk"),
}
SORT_LABELS = {"name": "Name (A to Z)", "answers": "Most accepted answers", "newest": "Newest champions"}


def active_profiles():
    return ChampionProfile.objects.filter(is_active=True, user__is_active=True)


def profile_url_for(*, user) -> str:
    """The directory address of `user`'s active champion profile, or "" if they are not an active champion."""
    if user is None:
        return ""
    profile = ChampionProfile.objects.filter(user=user, is_active=True).only("pk").first()
    return profile.get_absolute_url() if profile else ""


def directory(
    *, q: str = "", service_area: str = "", competency=None, level: int | None = None, sort: str = "name"
):
    """Active champions matching every word of `q`, the service area, and the competency at or above `level`."""
    qs = active_profiles()
    for word in q.split()[:8]:
        qs = qs.filter(
            Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(job_title__icontains=word)
            | Q(service_area__icontains=word)
            | Q(bio__icontains=word)
            | Q(office_hours__icontains=word)
            | Q(
                pk__in=ChampionCompetency.objects.filter(competency__name__icontains=word).values(
                    "profile_id"
                )
            )
        )
    if service_area:
        qs = qs.filter(service_area__iexact=service_area)
    if competency is not None or level:
        skills = ChampionCompetency.objects.all()
        if competency is not None:
            skills = skills.filter(competency=competency)
        if level:
            skills = skills.filter(level__gte=level)
        qs = qs.filter(pk__in=skills.values("profile_id"))
    return qs.order_by(*SORTS.get(sort, SORTS["name"]))


def with_cards(profiles):
    """What a directory card shows, for a page of profiles, in a fixed number of queries."""
    return profiles.select_related("user__forum_profile").prefetch_related(
        Prefetch("skills", queryset=ChampionCompetency.objects.select_related("competency")),
        "led_categories",
    )


def service_areas() -> list[str]:
    """Service areas with at least one active champion, for the filter."""
    return sorted(
        set(active_profiles().exclude(service_area="").values_list("service_area", flat=True)), key=str.lower
    )


def recent_posts(*, user, limit: int = 5) -> list[Post]:
    """The champion's latest visible posts, for their profile."""
    return list(
        Post.objects.filter(author=user, is_hidden=False, topic__is_hidden=False)
        .select_related("topic")
        .order_by("-created_at")[:limit]
    )


def accepted_answers(*, user, limit: int = 5) -> list[Topic]:
    """Topics where the champion's reply was accepted."""
    return list(
        Topic.objects.filter(accepted_post__author=user, is_hidden=False)
        .select_related("category")
        .order_by("-last_post_at")[:limit]
    )


def pending_applications():
    return ChampionApplication.objects.filter(status=ChampionApplication.Status.PENDING).select_related(
        "applicant"
    )


# --- Coverage ----------------------------------------------------------------------------------


@dataclass
class CompetencyCoverage:
    competency: Competency
    champions: int
    at_level: int
    best_level: int | None

    @property
    def best_level_label(self) -> str:
        return level_label(self.best_level)

    @property
    def status(self) -> str:
        if not self.champions:
            return "No champion"
        if not self.at_level:
            return "None at the level needed"
        return "Covered"


@dataclass
class AreaCoverage:
    service_area: str
    staff: int
    champions: int

    @property
    def status(self) -> str:
        return "Covered" if self.champions else "No champion"


def competency_coverage(*, needed_level: int) -> list[CompetencyCoverage]:
    """Every competency, how many active champions help with it, and how many at `needed_level` or above."""
    active = Q(champion_skills__profile__is_active=True, champion_skills__profile__user__is_active=True)
    rows = (
        Competency.objects.select_related("area")
        .annotate(
            champions=Count("champion_skills", filter=active, distinct=True),
            at_level=Count(
                "champion_skills", filter=active & Q(champion_skills__level__gte=needed_level), distinct=True
            ),
            best_level=Max("champion_skills__level", filter=active),
        )
        .order_by("area__sort_order", "code")
    )
    return [CompetencyCoverage(c, c.champions, c.at_level, c.best_level) for c in rows]


def area_coverage() -> list[AreaCoverage]:
    """Every service area staff work in (from their accounts) or champions name, with champion counts."""
    staff = dict(
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(department="")
        .values_list("department")
        .annotate(n=Count("pk"))
    )
    champions = dict(
        active_profiles().exclude(service_area="").values_list("service_area").annotate(n=Count("pk"))
    )
    names = {}
    for name in [*staff, *champions]:
        names.setdefault(name.strip().lower(), name.strip())
    rows = []
    for key, label in names.items():
        rows.append(
            AreaCoverage(
                service_area=label,
                staff=sum(n for name, n in staff.items() if name.strip().lower() == key),
                champions=sum(n for name, n in champions.items() if name.strip().lower() == key),
            )
        )
    return sorted(rows, key=lambda r: (r.champions > 0, r.service_area.lower()))


def level_label(level) -> str:
    return Level(level).label if level else ""
