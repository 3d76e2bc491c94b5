"""Factories for required learning."""

import factory

from learning.assignments.models import Assignment, DueRule, Requirement


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Required course {n}")
    requirement = Requirement.MANDATORY
    due_rule = DueRule.AFTER_ASSIGNMENT
    due_days = 30

    @factory.post_generation
    def audience(self, create, extracted, **kwargs):
        for name, values in (extracted or {}).items():
            getattr(self, name).set(values)
        if extracted:
            self.save()
