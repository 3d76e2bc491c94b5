"""Datasets in the one site search, for members who may open them (signed-in staff)."""

from django.db.models import Q
from django.urls import reverse

from home.permissions import can
from home.search import ResultSet, SearchResult

from .models import Dataset


class DatasetProvider:
    key = "datasets"
    label = "Datasets"
    order = 60

    def search(self, *, query: str, terms: list[str], user, offset: int, limit: int) -> ResultSet:
        if not terms or not can(user, "view_dataset"):
            return ResultSet(0)
        found = Dataset.objects.defer("csv_text", "columns")
        for term in terms:
            found = found.filter(
                Q(title__icontains=term) | Q(description__icontains=term) | Q(owner__icontains=term)
            )
        count = found.count()
        if not count:
            return ResultSet(0)
        datasets = found.order_by("title")[offset : offset + limit]
        return ResultSet(count, [self.result(dataset) for dataset in datasets])

    @staticmethod
    def result(dataset) -> SearchResult:
        return SearchResult(
            title=dataset.title,
            url=reverse("jupyterlite:dataset_detail", kwargs={"slug": dataset.slug}),
            text=dataset.description,
            meta=f"{dataset.row_count:,} rows · {dataset.owner}",
            label="Dataset",
        )


def dataset_provider():
    return DatasetProvider()
