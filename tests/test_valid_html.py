"""Every HTML page the project serves parses as valid HTML (html5lib in strict mode), for each role that can see it."""

import re

import html5lib
import pytest
from django.urls import reverse

from tests.test_permission_matrix import OK, PAGES, ROUTES, world  # noqa: F401 - the shared fixture


def html_errors(markup: str) -> list[str]:
    parser = html5lib.HTMLParser(strict=False)
    parser.parse(markup)
    return [f"line {pos[0]} col {pos[1]}: {code} {data}" for pos, code, data in parser.errors]


# What the Nu HTML checker holds to and html5lib does not: a valid date/time string in `<time datetime>`
# (fractions of a second have at most three digits) and no `loading` attribute on the lab's src-less iframe.
VALID_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})?)?|\d{2}:\d{2}(?::\d{2})?"
)


def attribute_errors(markup: str) -> list[str]:
    errors = [
        f"<time datetime={value!r}> is not a valid date/time string"
        for value in re.findall(r"<time[^>]*\bdatetime=\"([^\"]*)\"", markup)
        if not VALID_DATETIME.fullmatch(value)
    ]
    errors += [
        f"iframe with a loading attribute: {tag[:80]}"
        for tag in re.findall(r"<iframe\b[^>]*>", markup)
        if " loading=" in tag
    ]
    return errors


def test_attribute_errors_are_found():
    assert attribute_errors('<time datetime="2026-12-02T20:03:00.123456+00:00">x</time>')
    assert attribute_errors('<iframe title="Lab" loading="eager"></iframe>')
    assert not attribute_errors(
        '<time datetime="2026-12-02T20:03:00+00:00">x</time><iframe title="Lab"></iframe>'
    )


def pages_to_check(world):  # noqa: F811
    for name, route in ROUTES.items():
        if route.get is None:
            continue
        for role in ("learner", "champion", "hr", "admin", "anonymous"):
            if route.get[role] == OK:
                yield role, reverse(name, kwargs=route.kwargs(world))
                break
    for url_for, expected in PAGES.values():
        for role in ("learner", "anonymous", "admin"):
            if expected[role] == OK:
                yield role, url_for(world)
                break


@pytest.mark.django_db
def test_every_page_is_valid_html(world):  # noqa: F811
    problems = []
    checked = 0
    for role, url in pages_to_check(world):
        response = world["clients"][role].get(url)
        if "text/html" not in response.get("Content-Type", ""):
            continue
        checked += 1
        errors = html_errors(response.content.decode()) + attribute_errors(response.content.decode())
        if errors:
            problems.append(f"{url} as {role}:\n    " + "\n    ".join(errors[:5]))
    assert checked >= 30
    assert not problems, "Invalid HTML:\n" + "\n".join(problems)


@pytest.mark.django_db
def test_forum_and_lab_pages_pass_the_checks_html5lib_misses(world):  # noqa: F811
    """Issue 18.14: forum pages' <time datetime> and the lab iframe, as the Nu checker reads them."""
    from learning.models import LessonPage
    from learning.services import enrolment_start

    learner = world["users"]["learner"]
    lab_lesson = next(
        lesson
        for lesson in LessonPage.objects.live().specific().order_by("path")
        if any(child.block_type == "exercise" for child in lesson.body)
    )
    enrolment_start(user=learner, course=lab_lesson.course())
    client = world["clients"]["learner"]
    pages = [
        world["topic"].get_absolute_url(),
        world["category"].get_absolute_url(),
        reverse("community:notifications"),
        lab_lesson.url,
    ]
    for url in pages:
        body = client.get(url).content.decode()
        assert "<time" in body or "<iframe" in body, url
        assert not attribute_errors(body), (url, attribute_errors(body))
