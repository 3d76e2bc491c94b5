"""Forum categories."""

import factory

from community.models import Category


class CategoryFactory(factory.django.DjangoModelFactory):
    """A forum category; pass `moderators=[user, ...]` to list its champion moderators."""

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.LazyAttribute(lambda category: category.name.lower().replace(" ", "-").replace("&", "and"))

    class Meta:
        model = Category
        skip_postgeneration_save = True

    @factory.post_generation
    def moderators(category, create, extracted, **kwargs):
        if create and extracted:
            category.moderators.add(*extracted)
