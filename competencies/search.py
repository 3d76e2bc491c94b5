"""Published competencies in the one site search, for members who may read the framework (signed-in staff)."""

from django.db.models import Q
from django.urls import reverse

from home.permissions import can
from home.search import ResultSet, SearchResult

from .models import Competency


class CompetencyProvider:
    key = "competencies"
    label = "Competencies"
    order = 70

    def search(self, *, query: str, terms: list[str], user, offset: int, limit: int) -> ResultSet:
        if not terms or not can(user, "view_framework"):
            return ResultSet(0)
        found = Competency.objects.published()
        for term in terms:
            found = found.filter(
                Q(code__icontains=term) | Q(name__icontains=term) | Q(description__icontains=term)
            )
        count = found.count()
        if not count:
            return ResultSet(0)
        competencies = found.select_related("area").order_by("code")[offset : offset + limit]
        return ResultSet(count, [self.result(competency) for competency in competencies])

    @staticmethod
    def result(competency) -> SearchResult:
        return SearchResult(
            title=f"{competency.code} {competency.name}",
            url=reverse("competencies:competency", kwargs={"code": competency.code}),
            text=competency.description,
            meta=competency.area.name if competency.area_id else "",
            label="Competency",
        )


def competency_provider():
    return CompetencyProvider()
