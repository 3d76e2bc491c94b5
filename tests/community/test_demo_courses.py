"""The demo gives every course its own forum category, moderated by the demo champion."""

import io

import pytest
from django.core.management import call_command

from community.models import Category
from learning.models import CoursePage


@pytest.mark.django_db
def test_every_demo_course_has_a_category_once():
    call_command("load_demo_content", stdout=io.StringIO())
    call_command("load_demo_content", stdout=io.StringIO())
    courses = CoursePage.objects.live()
    assert courses.count() >= 8
    for course in courses:
        category = Category.objects.get(page=course)
        assert category.moderators.filter(email="champion@example.gov.uk").exists()
