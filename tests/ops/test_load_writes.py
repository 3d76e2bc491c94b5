"""Under load nothing is lost: 50 concurrent members post forum replies, answer quiz questions and send lab
exercise answers to a real gunicorn (4 workers) on PostgreSQL for LOAD_TEST_SECONDS (default 60). Every write
the server accepted is in the database exactly once, nothing it refused is, and the denormalised counters
(topic post and reply counts, last post, category counts, member post counts) equal a recount.

Rate limits: the forum's per-member limits (30 posts an hour, tighter for new accounts) are raised through
their environment variables for this server only, since 50 members posting for a minute is the point of the
test. The lab's 20-answers-a-minute limit is a constant: each client stays under 15 a minute, and a 429 would
count as refused. Quiz answers are bounded by each question's attempts (2), so clients answer each once per
attempt allowed."""

from __future__ import annotations

import json
import os
import re
import threading
import time
from dataclasses import dataclass, field

import pytest
import requests
from django.core.management import call_command
from django.db import connection
from django.db.models import Max
from django.test import Client

from tests.conftest import make_user
from tests.ops.servers import AppServer, shared_database_url

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CLIENTS = 50
SECONDS = float(os.environ.get("LOAD_TEST_SECONDS", "60"))
EXERCISE_ANSWERS_PER_MINUTE = 15
SERVER_ENV = {
    "COMMUNITY_POSTS_PER_HOUR": "1000000",
    "COMMUNITY_NEW_ACCOUNT_DAYS": "0",
    "COMMUNITY_NEW_ACCOUNT_POSTS": "0",
}


@dataclass
class Outcome:
    accepted: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # no answer (timeout): may or may not be saved

    def record(self, token: str, status: int | None, ok: bool) -> None:
        if status is None:
            self.unknown.append(token)
        else:
            (self.accepted if ok else self.refused).append(token)


@dataclass
class Member:
    index: int
    user: object
    session_key: str
    replies: Outcome = field(default_factory=Outcome)
    quiz: Outcome = field(default_factory=Outcome)
    exercise: Outcome = field(default_factory=Outcome)


class Session:
    """One member's browser behind a TLS-terminating proxy: its own cookies, CSRF token and connection."""

    def __init__(self, server: AppServer, session_key: str):
        self.server, self.http = server, requests.Session()
        self.origin = f"https://127.0.0.1:{server.port}"
        self.http.headers.update({"X-Forwarded-Proto": "https", "Origin": self.origin})
        self.cookies = {"__Host-sessionid": session_key}
        self.token = ""

    def send(self, method: str, path: str, **kwargs) -> requests.Response | None:
        headers = {
            "Referer": self.origin + path,
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            **kwargs.pop("headers", {}),
        }
        try:
            response = self.http.request(
                method, self.server.base + path, headers=headers, allow_redirects=False, timeout=30, **kwargs
            )
        except requests.RequestException:
            return None
        self.cookies.update(response.cookies.items())
        self.http.cookies.clear()  # cookies travel in the header above, as the scale-out Browser does
        return response

    def fetch_token(self, path: str) -> None:
        page = self.send("GET", path)
        assert page is not None and page.status_code == 200, f"{path}: {page and page.status_code}"
        self.token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def _short_text_questions(course):
    """(lesson url path, question block id, attempts allowed) for the course's free-text questions."""
    found = []
    for lesson in course.get_children().specific():
        for block in lesson.body:
            if block.block_type == "short_text" and not block.value.get("pattern"):
                found.append((lesson.url, block.id, int(block.value["max_attempts"])))
    return found


@pytest.fixture
def load_site(postgres_only, demo_content):
    from jupyterlite.models import Question
    from learning.models import CoursePage
    from learning.services import enrolment_start

    call_command("createcachetable", "academy_cache", verbosity=0)
    course = next(c for c in CoursePage.objects.order_by("pk") if _short_text_questions(c))
    members = []
    for i in range(CLIENTS):
        user = make_user(f"load{i}@test.gov.uk", first_name="Load", last_name=f"Member {i}")
        enrolment_start(user=user, course=course)
        client = Client()
        client.force_login(user)
        members.append(Member(i, user, client.session.session_key))
    from community.models import Topic

    return {
        "members": members,
        "topics": list(Topic.objects.order_by("pk")[:3]),
        "questions": _short_text_questions(course),
        "exercise_question": Question.objects.select_related("exercise").order_by("pk").first(),
    }


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "concurrent writes need PostgreSQL (SQLite serialises writers and is not a production database): "
            "set DATABASE_URL=postgres://postgres@127.0.0.1:5432/<name>"
        )


def _refused_by_message(response) -> bool:
    """Whether an answer's redirect carries an error message. A note beside the question ("this lesson is
    complete") is not a refusal. The server shares this process's secret key, so its cookie reads here."""
    from django.contrib.messages import constants
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpRequest

    value = response.cookies.get("messages")
    if not value:
        return False
    decoded = CookieStorage(HttpRequest())._decode(value.strip('"'))
    return decoded is None or any(m.level >= constants.WARNING for m in decoded)


def _exercise_value(member_index: int, step: int) -> int:
    """The count a member sends as an exercise answer at ``step``: unique across the run."""
    return 1_000_000 + member_index * 100_000 + step


def _status(response) -> int | None:
    return None if response is None else response.status_code


def _drive(browser: Session, member: Member, site, deadline: float) -> None:
    topics = site["topics"]
    quiz = [(url, qid) for url, qid, attempts in site["questions"] for _ in range(attempts)]
    exercise_times: list[float] = []
    n = 0
    while time.monotonic() < deadline:
        n += 1
        token = f"load-{member.index}-{n}"
        if quiz and n % 5 == 1:  # first of all, so even a short run answers the quiz
            url, question_id = quiz.pop(0)
            data = {"csrfmiddlewaretoken": browser.token, "action": "answer", "question": question_id}
            response = browser.send("POST", url, data={**data, "answer": token})
            ok = response is not None and response.status_code == 302 and not _refused_by_message(response)
            member.quiz.record(token, _status(response), ok)
        elif n % 3 == 0 and len([t for t in exercise_times if t > time.monotonic() - 60]) < 15:
            exercise_times.append(time.monotonic())
            # A well-formed answer (a count), unique to this member and step: malformed ones are not stored.
            token = str(_exercise_value(member.index, n))
            body = json.dumps({"question": site["exercise_question"].key, "value": token})
            response = browser.send(
                "POST",
                "/exercises/api/answer/",
                data=body,
                headers={"Content-Type": "application/json", "X-CSRFToken": browser.token},
            )
            member.exercise.record(token, _status(response), _status(response) == 201)
        else:
            topic = topics[n % len(topics)]
            body = f"Reply {token}: the counts must stay exact while everyone posts at once."
            response = browser.send(
                "POST",
                f"/community/t/{topic.pk}/reply/",
                data={"csrfmiddlewaretoken": browser.token, "body": body},
            )
            member.replies.record(token, _status(response), _status(response) == 302)


def test_concurrent_writes_lose_nothing_and_counters_stay_exact(load_site):
    from community.models import Category, MemberProfile, Post, Topic
    from jupyterlite.models import Attempt
    from learning.models import QuestionAttempt

    server = AppServer(
        database_url=shared_database_url(),
        redis_url=None,
        workers=4,
        extra_env={**SERVER_ENV, "SECRET_KEY": _test_secret_key()},
    )
    members = load_site["members"]
    try:
        browsers = [Session(server, m.session_key) for m in members]
        for browser in browsers:  # signed in, with a CSRF token, before the clock starts
            browser.fetch_token(load_site["topics"][0].get_absolute_url())
        deadline = time.monotonic() + SECONDS
        threads = [
            threading.Thread(target=_drive, args=(b, m, load_site, deadline))
            for b, m in zip(browsers, members, strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=SECONDS + 120)
    finally:
        server.stop()

    replies = [t for m in members for t in m.replies.accepted]
    quiz = [t for m in members for t in m.quiz.accepted]
    answers = [t for m in members for t in m.exercise.accepted]
    print(
        f"\nLOAD {CLIENTS} clients × {SECONDS:g}s: accepted {len(replies)} replies, {len(quiz)} quiz answers, "
        f"{len(answers)} exercise answers ({(len(replies) + len(quiz) + len(answers)) / SECONDS:.1f} writes/s); "
        f"refused {sum(len(m.replies.refused) + len(m.quiz.refused) + len(m.exercise.refused) for m in members)}, "
        f"no answer {sum(len(m.replies.unknown) + len(m.quiz.unknown) + len(m.exercise.unknown) for m in members)}"
    )
    assert replies and quiz and answers

    # Every accepted write is there exactly once; nothing refused was written.
    saved_replies = {
        re.search(r"load-\d+-\d+", s).group(0)
        for s in Post.objects.filter(source__startswith="Reply load-").values_list("source", flat=True)
    }
    assert Post.objects.filter(source__startswith="Reply load-").count() == len(saved_replies)
    assert set(replies) <= saved_replies
    assert not saved_replies & {t for m in members for t in m.replies.refused}
    load_attempts = Attempt.objects.filter(user__in=[m.user for m in members])
    saved_answers = set(load_attempts.values_list("value", flat=True))
    assert load_attempts.count() == len(saved_answers)
    assert set(answers) <= saved_answers
    assert not saved_answers & {t for m in members for t in m.exercise.refused}
    for member in members:
        stored = [
            str(a) for a in QuestionAttempt.objects.filter(user=member.user).values_list("answer", flat=True)
        ]
        assert len(stored) == len(set(stored))
        assert (
            set(member.quiz.accepted) <= set(stored) <= set(member.quiz.accepted) | set(member.quiz.unknown)
        )

    # Counters equal a recount.
    for topic in Topic.objects.filter(pk__in=[t.pk for t in load_site["topics"]]):
        posts = Post.objects.filter(topic=topic)
        numbers = sorted(posts.values_list("number", flat=True))
        assert numbers == list(range(1, len(numbers) + 1))
        assert topic.post_count == len(numbers)
        assert topic.reply_count == posts.filter(is_hidden=False, number__gt=1).count()
        newest = posts.order_by("-number").first()
        assert (topic.last_post_id, topic.last_post_at) == (newest.pk, newest.created_at)
    for category in Category.objects.all():
        assert category.post_count == Post.objects.filter(topic__category=category).count()
        assert category.topic_count == Topic.objects.filter(category=category).count()
        assert (
            category.last_post_id == Post.objects.filter(topic__category=category).aggregate(m=Max("pk"))["m"]
        )
    for member in members:
        profile = MemberProfile.objects.filter(user=member.user).first()
        assert (profile.post_count if profile else 0) == Post.objects.filter(author=member.user).count()


def _test_secret_key() -> str:
    """The server must read the sessions this process signed in, so it shares this process's key."""
    from django.conf import settings

    return settings.SECRET_KEY
