"""Factories for the staff list: service areas, teams, staff records (invitations unless given a user)."""

import datetime

import factory

from competencies.staff.models import ServiceArea, StaffRecord, Team


class ServiceAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceArea
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Service area {n}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("service_area", "name")

    service_area = factory.SubFactory(ServiceAreaFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class StaffRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffRecord

    email = factory.Sequence(lambda n: f"person{n}@test.gov.uk")
    name = factory.Sequence(lambda n: f"Person {n}")
    job_title = "Officer"
    team = factory.SubFactory(TeamFactory)
    joined_on = datetime.date(2024, 1, 15)

    @classmethod
    def for_user(cls, user, **kwargs):
        return cls(email=user.email, user=user, name=user.get_full_name() or user.email, **kwargs)
