"""Data champions in the one site search: the directory's own matching (name, job, service area, bio, office
hours, skills), for members who may browse the directory."""

from home.permissions import can
from home.search import ResultSet, SearchResult

from . import selectors


class ChampionProvider:
    key = "champions"
    label = "Data champions"
    order = 50

    def search(self, *, query: str, terms: list[str], user, offset: int, limit: int) -> ResultSet:
        if not terms or not can(user, "view_champions"):
            return ResultSet(0)
        found = selectors.directory(q=" ".join(terms))
        count = found.count()
        if not count:
            return ResultSet(0)
        profiles = found.select_related("user")[offset : offset + limit]
        return ResultSet(count, [self.result(profile) for profile in profiles])

    @staticmethod
    def result(profile) -> SearchResult:
        meta = " · ".join(part for part in (profile.job_title, profile.service_area) if part)
        return SearchResult(
            title=profile.user.display_name,
            url=profile.get_absolute_url(),
            text=profile.bio,
            meta=meta,
            label="Champion",
        )


def champion_provider():
    return ChampionProvider()
