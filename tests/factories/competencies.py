"""The competency framework: areas and competencies, and the seed framework as the demo publishes it."""

import factory

from competencies.models import Competency, CompetencyArea


class CompetencyAreaFactory(factory.django.DjangoModelFactory):
    name = "Working with data"
    slug = factory.LazyAttribute(lambda area: area.name.lower().replace(" ", "-"))

    class Meta:
        model = CompetencyArea
        django_get_or_create = ("slug",)


class CompetencyFactory(factory.django.DjangoModelFactory):
    code = factory.Sequence(lambda n: f"C{n}")
    name = factory.LazyAttribute(lambda competency: f"Competency {competency.code}")
    description = factory.LazyAttribute(lambda competency: competency.name)
    area = factory.SubFactory(CompetencyAreaFactory)

    class Meta:
        model = Competency


def three_competencies() -> dict[str, Competency]:
    """DQ1, DA1 and DG1 in one area, by code: the framework the champions tests help with."""
    area = CompetencyAreaFactory(name="Working with data")
    return {
        code: CompetencyFactory(code=code, name=name, description=name, area=area)
        for code, name in [
            ("DQ1", "Judging data quality"),
            ("DA1", "Analysing data"),
            ("DG1", "Data protection and governance"),
        ]
    }


def publish_seed_framework():
    """The demo seed framework, published as version 1."""
    from competencies.demo import seed_framework
    from competencies.transfer import framework_import

    return framework_import(parsed=seed_framework(), user=None, source="the seed framework")
