"""Every HTML page the project serves parses as valid HTML (html5lib in strict mode), for each role that can see it."""

import html5lib
import pytest
from django.urls import reverse

from tests.test_permission_matrix import OK, PAGES, ROUTES, world  # noqa: F401 - the shared fixture


def html_errors(markup: str) -> list[str]:
    parser = html5lib.HTMLParser(strict=False)
    parser.parse(markup)
    return [f"line {pos[0]} col {pos[1]}: {code} {data}" for pos, code, data in parser.errors]


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
        errors = html_errors(response.content.decode())
        if errors:
            problems.append(f"{url} as {role}:\n    " + "\n    ".join(errors[:5]))
    assert checked >= 30
    assert not problems, "Invalid HTML:\n" + "\n".join(problems)
