"""Fill the benchmark database: the demo site, then a council-sized load on top of it, in bulk.

At scale 1: 10,000 staff, 60 role profiles, 40 competencies, 50 courses × 6 lessons, 100,000 forum posts and
1,000 champions (members of the Champion group, spread as category moderators). Fixed random seed, so two
runs at one scale are comparable. Counts never drop below one, so `--scale 0.001` gives a tiny, complete site.
"""

from __future__ import annotations

import random
from datetime import timedelta
from io import StringIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

SEED_VERSION = "4"
FULL = {
    "staff": 10_000,
    "roles": 60,
    "competencies": 40,
    "courses": 50,
    "posts": 100_000,
    "champions": 1_000,
    "assignments": 20,
}
TEAMS_PER_AREA = 10
LESSONS_PER_COURSE = 6
TOPIC_SIZE = 20  # posts in an ordinary topic; one big topic holds a tenth of all posts
NOTIFICATIONS_FOR_LEARNER = 200
DEPARTMENTS = [
    "Adult Social Care",
    "Children and Families",
    "Highways and Transport",
    "Economy and Environment",
    "Finance",
    "People and HR",
    "Data and Intelligence",
    "Public Health",
    "Libraries",
    "Waste",
]
LEARNER_EMAIL, HR_EMAIL, CHAMPION_EMAIL = (
    "learner@example.gov.uk",
    "hr@example.gov.uk",
    "champion@example.gov.uk",
)
BIG_TOPIC_TITLE = "Benchmark: the long-running data quality thread"


def counts(scale: float) -> dict[str, int]:
    return {name: max(1, round(full * scale)) for name, full in FULL.items()}


def seed(*, scale: float, stdout) -> None:
    """Everything, in order; each step is bulk and runs once on an empty database."""
    wanted = counts(scale)
    rng = random.Random(2026)
    steps = [
        ("demo site", lambda: call_command("load_demo_content", stdout=StringIO())),
        ("framework", lambda: _framework(wanted, rng)),
        ("staff", lambda: _staff(wanted, rng)),
        ("courses", lambda: _courses(wanted, rng)),
        ("forum", lambda: _forum(wanted, rng)),
        ("champions", lambda: _champions(wanted)),
        ("required learning", lambda: _required_learning(wanted, rng)),
        ("measured members", _measured_members),
    ]
    for label, step in steps:
        started = timezone.now()
        with transaction.atomic():
            step()
        stdout.write(f"  seeded {label} in {(timezone.now() - started).total_seconds():.1f}s\n")
        stdout.flush()


def _framework(wanted, rng) -> None:
    from competencies.models import Competency, CompetencyArea, ProfileKind, RoleProfile, RoleRequirement

    area = CompetencyArea.objects.order_by("sort_order").first()
    missing = wanted["competencies"] - Competency.objects.count()
    Competency.objects.bulk_create(
        Competency(
            code=f"BENCH{i:02d}", name=f"Benchmark competency {i}", description="Benchmark.", area=area
        )
        for i in range(max(0, missing))
    )
    competencies = list(Competency.objects.all())
    missing = wanted["roles"] - RoleProfile.objects.count()
    roles = RoleProfile.objects.bulk_create(
        RoleProfile(
            code=f"bench-role-{i}",
            kind=ProfileKind.JOB,
            job_title=f"Benchmark role {i}",
            service_area=DEPARTMENTS[i % len(DEPARTMENTS)],
            description="Benchmark.",
        )
        for i in range(max(0, missing))
    )
    RoleRequirement.objects.bulk_create(
        RoleRequirement(role=role, competency=c, level=rng.randint(1, 4))
        for role in roles
        for c in rng.sample(competencies, min(8, len(competencies)))
    )


def _staff(wanted, rng) -> None:
    from allauth.account.models import EmailAddress

    from competencies.models import CompetencyEvidence, ProfileKind, RoleProfile, SelfAssessment, StaffProfile

    User = get_user_model()
    missing = wanted["staff"]  # on top of the demo users
    users = [
        User(
            email=f"staff{i}@bench.gov.uk",
            first_name="Staff",
            last_name=f"Member {i}",
            department=DEPARTMENTS[i % len(DEPARTMENTS)],
            password="!",  # noqa: S106 - unusable: benchmark accounts are signed in by session only
        )
        for i in range(max(0, missing))
    ]
    users = User.objects.bulk_create(users, batch_size=2000)
    EmailAddress.objects.bulk_create(
        (EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users), batch_size=2000
    )
    learner_group = Group.objects.get(name="Learner")
    User.groups.through.objects.bulk_create(
        (User.groups.through(user=u, group=learner_group) for u in users), batch_size=5000
    )
    jobs = list(RoleProfile.objects.filter(kind=ProfileKind.JOB))
    StaffProfile.objects.bulk_create(
        (StaffProfile(user=u, job_profile=rng.choice(jobs)) for u in users), 2000
    )
    competencies = list(_competencies())
    CompetencyEvidence.objects.bulk_create(
        (
            CompetencyEvidence(
                user=u, competency=c, level=rng.randint(1, 4), source="Benchmark", source_key="b"
            )
            for u in users
            for c in rng.sample(competencies, min(6, len(competencies)))
        ),
        batch_size=5000,
    )
    SelfAssessment.objects.bulk_create(
        (
            SelfAssessment(user=u, competency=c, level=rng.randint(1, 4))
            for u in users
            for c in rng.sample(competencies, min(4, len(competencies)))
        ),
        batch_size=5000,
    )


def _competencies():
    from competencies.models import Competency

    return Competency.objects.all()


def _courses(wanted, rng) -> None:
    """Courses as Wagtail pages (tree paths need add_child), each lesson a copy of a demo lesson's body."""
    from learning.models import CourseAttempt, CourseIndexPage, CoursePage, Enrolment, LessonPage

    catalogue = CourseIndexPage.objects.get()
    templates = [_without_ids(lesson.body.raw_data) for lesson in LessonPage.objects.all()]
    for i in range(wanted["courses"]):  # on top of the demo courses
        course = CoursePage(
            title=f"Benchmark course {i}: working with council data",
            slug=f"bench-course-{i}",
            level=1 + i % 4,
            summary="A benchmark course on finding, checking and using council data.",
            audience="All staff.",
            learning_outcomes="Benchmark outcomes.",
            estimated_minutes=60,
            pass_mark=70,
            live=True,
        )
        catalogue.add_child(instance=course)
        for n in range(LESSONS_PER_COURSE):
            course.add_child(
                instance=LessonPage(
                    title=f"Lesson {n + 1}",
                    slug=f"lesson-{n + 1}",
                    estimated_minutes=10,
                    body=templates[(i + n) % len(templates)],
                    live=True,
                )
            )
    courses = list(CoursePage.objects.all())
    staff = list(
        get_user_model().objects.filter(email__endswith="@bench.gov.uk").values_list("pk", flat=True)
    )
    enrolments = Enrolment.objects.bulk_create(
        (Enrolment(user_id=pk, course=rng.choice(courses)) for pk in staff), batch_size=5000
    )
    CourseAttempt.objects.bulk_create((CourseAttempt(enrolment=e, number=1) for e in enrolments), 5000)


def _without_ids(stream: list) -> list:
    """Block ids are unique per page: drop them so Wagtail gives each copy its own."""
    return [{key: value for key, value in block.items() if key != "id"} for block in stream]


def _forum(wanted, rng) -> None:
    """Topics of 20 posts plus one big topic, with every counter (topic, category, member) exact."""
    from community.models import Category, MemberProfile, Post, Topic
    from community.moderation import category_refresh_counters

    User = get_user_model()
    posters = list(User.objects.filter(email__endswith="@bench.gov.uk").order_by("pk")[:2000])
    categories = list(Category.objects.all())
    total = wanted["posts"]
    big = max(1, total // 10)
    sizes = [big] + [TOPIC_SIZE] * ((total - big) // TOPIC_SIZE)
    if (total - big) % TOPIC_SIZE:
        sizes.append((total - big) % TOPIC_SIZE)
    now = timezone.now()
    topics = Topic.objects.bulk_create(
        (
            Topic(
                category=categories[0] if index == 0 else categories[index % len(categories)],
                title=BIG_TOPIC_TITLE if index == 0 else f"Benchmark topic {index}: cleaning address data",
                author=posters[index % len(posters)],
                post_count=size,
                reply_count=size - 1,
                last_post_at=now - timedelta(minutes=index),
            )
            for index, size in enumerate(sizes)
        ),
        batch_size=2000,
    )
    per_author: dict[int, int] = {}

    def posts():
        for topic, size in zip(topics, sizes, strict=True):
            for number in range(1, size + 1):
                author = posters[(topic.pk + number) % len(posters)]
                per_author[author.pk] = per_author.get(author.pk, 0) + 1
                text = f"Post {number}: we matched the addresses on UPRN, then checked the rest by hand."
                yield Post(topic=topic, number=number, author=author, source=text, html=f"<p>{text}</p>")

    Post.objects.bulk_create(posts(), batch_size=5000)
    newest = Post.objects.filter(topic=OuterRef("pk")).order_by("-number").values("pk")[:1]
    Topic.objects.update(last_post_id=Subquery(newest))
    MemberProfile.objects.bulk_create(
        (MemberProfile(user=u, handle=f"staff-{u.pk}", post_count=per_author.get(u.pk, 0)) for u in posters),
        batch_size=2000,
    )
    for category in categories:
        category_refresh_counters(category=category)


def _champions(wanted) -> None:
    from community.models import Category

    User = get_user_model()
    champion_group = Group.objects.get(name="Champion")
    champions = list(
        User.objects.filter(email__endswith="@bench.gov.uk").order_by("-pk")[: wanted["champions"]]
    )
    User.groups.through.objects.bulk_create(
        (User.groups.through(user=u, group=champion_group) for u in champions), batch_size=5000
    )
    categories = list(Category.objects.all())
    Through = Category.moderators.through
    Through.objects.bulk_create(
        (Through(category=categories[i % len(categories)], user=u) for i, u in enumerate(champions)),
        batch_size=5000,
    )


def _required_learning(wanted, rng) -> None:
    """Every bench member on the staff list (10 service areas × 10 teams, the first of each team its line
    manager) and `assignments` assignments for everyone, a third passed, the rest spread around their dates."""
    import datetime as dt

    from competencies.staff.models import ServiceArea, StaffRecord, Team
    from learning.assignments import schedule
    from learning.assignments.models import AssignedLearning, Assignment
    from learning.models import CoursePage

    User = get_user_model()
    areas = {name: ServiceArea.objects.get_or_create(name=name)[0] for name in DEPARTMENTS}
    teams = {
        name: [
            Team.objects.get_or_create(service_area=area, name=f"{name} team {t + 1}")[0]
            for t in range(TEAMS_PER_AREA)
        ]
        for name, area in areas.items()
    }
    today = timezone.localdate()
    records = []
    for i, (user_id, email, department, first, last) in enumerate(
        User.objects.filter(email__endswith="@bench.gov.uk")
        .order_by("pk")
        .values_list("pk", "email", "department", "first_name", "last_name")
    ):
        records.append(
            StaffRecord(
                email=email,
                user_id=user_id,
                name=f"{first} {last}",
                team=teams[department][(i // len(DEPARTMENTS)) % TEAMS_PER_AREA],
                joined_on=today - dt.timedelta(days=rng.randint(30, 3000)),
            )
        )
    StaffRecord.objects.bulk_create(records, batch_size=2000)
    first_of_team = {}
    for pk, team_id in StaffRecord.objects.order_by("pk").values_list("pk", "team_id"):
        first_of_team.setdefault(team_id, pk)
    for team_id, manager_id in first_of_team.items():
        StaffRecord.objects.filter(team_id=team_id).exclude(pk=manager_id).update(line_manager_id=manager_id)
    courses = list(
        CoursePage.objects.filter(slug__startswith="bench-").order_by("pk")[: wanted["assignments"]]
    )
    rules = [
        {"due_rule": "annual", "due_month": 4, "due_day": 30, "due_days": 30},
        {"due_rule": "fixed", "due_date": today + dt.timedelta(days=20)},
        {"due_rule": "after_joining", "due_days": 90},
        {"due_rule": "after_assignment", "due_days": 30},
    ]
    staff = list(StaffRecord.objects.values_list("pk", "joined_on"))
    rows = []
    for n in range(wanted["assignments"]):
        assignment = Assignment.objects.create(
            title=f"Benchmark required course {n + 1}",
            course=courses[n % len(courses)],
            everyone=True,
            requirement="recommended" if n % 5 == 4 else "mandatory",
            **rules[n % len(rules)],
        )
        rule = assignment.rule()
        for pk, joined_on in staff:
            assigned_on = today - dt.timedelta(days=rng.randint(0, 400))
            passed = today - dt.timedelta(days=rng.randint(0, 500)) if rng.random() < 0.35 else None
            plan = schedule.schedule_for(
                rule,
                assigned_on=assigned_on,
                joined_on=joined_on,
                passes=[schedule.CoursePass(passed_on=passed)],
            )
            rows.append(
                AssignedLearning(assignment=assignment, staff_id=pk, assigned_on=assigned_on, **plan.__dict__)
            )
    AssignedLearning.objects.bulk_create(rows, batch_size=5000)


def _measured_members() -> None:
    """The learner has a history (enrolments, notifications); HR has an authenticator, as MFA requires."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from community.models import Notification, Post
    from learning.models import CourseAttempt, CoursePage, Enrolment

    User = get_user_model()
    learner, hr = User.objects.get(email=LEARNER_EMAIL), User.objects.get(email=HR_EMAIL)
    taken = set(Enrolment.objects.filter(user=learner).values_list("course_id", flat=True))
    # The seeded courses, not the demo curriculum's: the measured pages use a "bench-" course.
    courses = CoursePage.objects.filter(slug__startswith="bench-").exclude(pk__in=taken).order_by("pk")[:10]
    enrolments = Enrolment.objects.bulk_create(Enrolment(user=learner, course=c) for c in courses)
    CourseAttempt.objects.bulk_create(CourseAttempt(enrolment=e, number=1) for e in enrolments)
    notified = Notification.objects.filter(recipient=learner).values("post_id")
    posts = Post.objects.exclude(author=learner).exclude(pk__in=notified).order_by("-pk")
    posts = posts[:NOTIFICATIONS_FOR_LEARNER]
    Notification.objects.bulk_create(
        Notification(recipient=learner, kind="reply", actor_id=p.author_id, post=p) for p in posts
    )
    if not Authenticator.objects.filter(user=hr, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(hr, generate_totp_secret())
