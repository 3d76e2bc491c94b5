"""Demo forums: categories per business area and a few starter topics drawn from the council strategies."""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from competencies.levels import Level
from competencies.models import Competency
from home import roles

from . import moderation, services
from .markup import render_markdown
from .models import Category, ChampionCompetency, ChampionProfile, EventIndexPage, EventPage, Topic

CATEGORIES = [
    # slug, name, description, champion moderates
    (
        "data-and-insight",
        "Data & Insight forum",
        "The council-wide forum for anyone who works with data: questions, news and good practice.",
        True,
    ),
    (
        "data-quality",
        "Data quality and governance",
        "Duplicates, missing values, addresses, data protection and who owns what.",
        True,
    ),
    (
        "tools",
        "Tools: Excel, Power BI and Python",
        "How-to questions and tips on the tools we use to analyse and present data.",
        True,
    ),
    (
        "adult-social-care",
        "Adult Social Care",
        "Data leads and staff in Adult Social Care sharing what works.",
        False,
    ),
    (
        "children-and-families",
        "Children and Families",
        "Data in children's services: reporting, case records and performance.",
        False,
    ),
    (
        "highways-and-transport",
        "Highways and Transport",
        "Road condition, traffic counts, defects and the data behind them.",
        True,
    ),
    ("public-health", "Public Health", "Population data, indicators and working with partners' data.", False),
    ("finance-and-performance", "Finance and Performance", "Budgets, KPIs and performance reporting.", False),
]

WELCOME = """Welcome to the council's **Data & Insight forum**.

Our data strategy asks us to set up *forums aligned to business areas* that "share insight and encourage good
practice with tools & methods" (Essex), and to create communities of practice "which share skills, best
practice, and build capability" (Nottinghamshire, data principle 8). This is that place.

How it works:

1. Ask in the category closest to your work: there is one per business area, plus one per course.
2. Data champions moderate each category and will try to answer within two working days.
3. When a reply solves your problem, mark it as the **accepted answer** so others can find it.
4. Never post personal data about residents or colleagues. Flag any post that does.

| You want to… | Go to |
| --- | --- |
| Clean or join messy data | Data quality and governance |
| Build a report or chart | Tools: Excel, Power BI and Python |
| Talk to people in your service | Your business area's category |
"""

ADDRESSES = """Our contact records spell the same road in different ways — "Smith Street", "Smith Str" and
"Smith St." — so counts by street are wrong. Is there a simple way to tidy these up in Excel before I build a
pivot table? I am on the *Understand* level, so step-by-step help would be great."""

ADDRESSES_ANSWER = """This is one of the most common problems in council data (Worcestershire's strategy uses
exactly this example). Two steps that work in Excel:

1. Make a small lookup table of the variants and the name you want:

| Variant | Standard |
| --- | --- |
| Str | Street |
| St. | Street |
| Rd | Road |

2. Add a column that replaces the ending, for example:

```
=TRIM(SUBSTITUTE(SUBSTITUTE(A2, " Str", " Street"), " St.", " Street"))
```

Better still, match the addresses to the council's gazetteer (UPRNs) so every record points at one property.
The *Data quality* course has a lesson on this."""

DUPLICATES = """We have the same person recorded more than once across two systems and no common identifier.
How do other teams find likely duplicates without sharing more personal data than they need?"""

POWER_BI = """Our team produces a monthly performance report by copying figures into Word. Colleagues say Power
BI would save time. For a small team, is it worth it, or is a well-built Excel workbook enough?"""

POWER_BI_REPLY = """We moved from a Word report to Power BI last year. What made the difference was agreeing the
*definitions* first (what counts as "open", which date we use) — the tool was the easy part. Start with one
page and one dataset, and ask here if you get stuck."""


def load(*, stdout) -> None:
    User = get_user_model()
    users = {u.email: u for u in User.objects.filter(email__endswith="@example.gov.uk")}
    admin = users.get("admin@example.gov.uk")
    champion = users.get("champion@example.gov.uk")
    learner = users.get("learner@example.gov.uk")
    hr = users.get("hr@example.gov.uk")
    if not all((admin, champion, learner, hr)):
        stdout.write("  demo users missing: run home.demo first; skipped the forums")
        return
    categories = {}
    for position, (slug, name, description, champion_moderates) in enumerate(CATEGORIES):
        category, created = Category.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": (position + 1) * 10}
        )
        if champion_moderates:
            category.moderators.add(champion)
        categories[slug] = category
        if created:
            stdout.write(f"  category {name}")
    for user in (admin, champion, learner, hr):
        services.profile_for(user=user)

    welcome = _topic(
        stdout, admin, categories["data-and-insight"], "Welcome: how the Data & Insight forum works", WELCOME
    )
    if welcome is not None and not welcome.is_pinned:
        moderation.topic_pin_set(
            actor=admin, topic=welcome, pinned=True, reason="Welcome post for new members"
        )
    addresses = _topic(
        stdout,
        learner,
        categories["data-quality"],
        "Same street written three ways: how do I clean addresses?",
        ADDRESSES,
    )
    if addresses is not None and addresses.post_count == 1:
        answer = services.post_create(user=champion, topic=addresses, source=ADDRESSES_ANSWER)
        services.post_accept_toggle(user=learner, post=answer)
    _topic(
        stdout,
        champion,
        categories["adult-social-care"],
        "Finding duplicate client records without a common identifier",
        DUPLICATES,
    )
    report = _topic(
        stdout, hr, categories["tools"], "Power BI or Excel for a monthly performance report?", POWER_BI
    )
    if report is not None and report.post_count == 1:
        services.post_create(user=champion, topic=report, source=POWER_BI_REPLY)
    _course_categories(stdout, champion=champion)
    load_champions(stdout=stdout)


def _course_categories(stdout, *, champion) -> None:
    """A category per course, so "Discuss this lesson" has somewhere to go; the demo champion moderates them."""
    from learning.models import CoursePage

    for course in CoursePage.objects.live().order_by("path"):
        existed = Category.objects.filter(page=course).exists()
        category = services.category_for_page(page=course)
        category.moderators.add(champion)
        if not existed:
            stdout.write(f"  course category {category.name}")


def _topic(stdout, author, category, title, source):
    existing = Topic.objects.filter(category=category, title=title).first()
    if existing is not None:
        return existing
    topic = services.topic_create(user=author, category=category, title=title, source=source)
    stdout.write(f"  topic “{title}”")
    return topic


# --- Data champions and community events ------------------------------------------------------------

CHAMPIONS = [
    # email, first, last, job title, service area, [(competency code, level)], led category slugs, bio, hours
    (
        "amara.okafor@example.gov.uk",
        "Amara",
        "Okafor",
        "Senior Performance Analyst",
        "Adult Social Care",
        [("DA1", Level.REASON), ("DQ1", Level.ANALYSE)],
        ["adult-social-care"],
        "I build the monthly Adult Social Care performance pack. Ask me about **care package data**, "
        "waiting lists and how to explain a trend to a board.",
        "Tuesdays 2pm to 4pm on Teams",
    ),
    (
        "gareth.lloyd@example.gov.uk",
        "Gareth",
        "Lloyd",
        "Highways Asset Data Officer",
        "Highways and Transport",
        [("DQ1", Level.ANALYSE), ("DG1", Level.ENGAGE)],
        ["highways-and-transport"],
        "Road condition surveys, defect records and mapping. Happy to help with joining data to street names.",
        "Thursday mornings",
    ),
    (
        "priya.raman@example.gov.uk",
        "Priya",
        "Raman",
        "Public Health Intelligence Analyst",
        "Public Health",
        [("DA1", Level.ANALYSE), ("DL1", Level.REASON)],
        ["public-health"],
        "Population indicators, rates and confidence intervals, and working with partners' data.",
        "Wednesdays 10am to 12pm",
    ),
    (
        "tom.hargreaves@example.gov.uk",
        "Tom",
        "Hargreaves",
        "Information Governance Lead",
        "Corporate Services",
        [("DG1", Level.REASON), ("DQ1", Level.ENGAGE)],
        ["data-quality"],
        "Data protection, sharing agreements and who is allowed to see what. Ask before you share.",
        "By appointment",
    ),
    (
        "funmi.adeyemi@example.gov.uk",
        "Funmi",
        "Adeyemi",
        "Performance Officer",
        "Children and Families",
        [("DL1", Level.ANALYSE), ("DA1", Level.ENGAGE)],
        ["children-and-families"],
        "Reporting on children's services: statutory returns, case records and dashboards.",
        "Mondays 1pm to 3pm",
    ),
    (
        "rhys.morgan@example.gov.uk",
        "Rhys",
        "Morgan",
        "Finance Business Partner",
        "Finance and Performance",
        [("DA1", Level.ANALYSE), ("DL1", Level.ENGAGE)],
        ["finance-and-performance"],
        "Budget monitoring in Excel and Power BI, KPIs and making a spreadsheet others can trust.",
        "Fridays 9am to 11am",
    ),
    (
        "siobhan.kelly@example.gov.uk",
        "Siobhan",
        "Kelly",
        "Business Intelligence Developer",
        "Customer and Digital",
        [("DA1", Level.REASON), ("DQ1", Level.REASON)],
        ["tools"],
        "Power BI, SQL and Python. I can review a report before it goes out.",
        "Tuesdays and Thursdays, 3pm to 4pm",
    ),
    (
        "daniel.whitfield@example.gov.uk",
        "Daniel",
        "Whitfield",
        "Waste Services Data Officer",
        "Environment and Waste",
        [("DL1", Level.ENGAGE), ("DQ1", Level.ENGAGE)],
        [],
        "Collection rounds, tonnages and the recycling returns. New to the role and glad to help beginners.",
        "Monday mornings",
    ),
]

EVENTS = [
    # slug, title, days from today, start hour, hours long, online, venue, topic, description
    (
        "data-champions-meetup",
        "Data champions meetup",
        14,
        14,
        1,
        True,
        "",
        "Show and tell: three champions share a report they are proud of and what they learned.",
        "<p>An informal hour for anyone who works with data. Bring a question.</p>",
    ),
    (
        "cleaning-address-data-workshop",
        "Cleaning address data: a hands-on workshop",
        35,
        10,
        2,
        False,
        "Committee Room 2, County Hall",
        "Matching messy addresses to the gazetteer (UPRNs) in Excel and Python.",
        "<p>Bring a laptop. We will use the sample datasets from the lab, never real residents' data.</p>",
    ),
]


def load_champions(*, stdout) -> None:
    """Demo champions with profiles (each a demo user with the Champion role) and an events index."""
    from home.demo import DEMO_PASSWORD
    from home.models import HomePage
    from home.services import user_create

    codes = {c.code: c for c in Competency.objects.all()}
    fallback = list(Competency.objects.order_by("code")[:8])
    if not codes:
        stdout.write("  no competencies yet: champions are listed without them")
    User = get_user_model()
    for index, (email, first, last, job, area, skills, leads, bio, hours) in enumerate(CHAMPIONS):
        user = User.objects.filter(email=email).first()
        if user is None:
            user = user_create(
                email=email,
                password=DEMO_PASSWORD,
                first_name=first,
                last_name=last,
                job_title=job,
                department=area,
                role_names=(roles.CHAMPION,),
            )
            stdout.write(f"  champion {first} {last}")
        profile, created = ChampionProfile.objects.get_or_create(
            user=user,
            defaults={
                "job_title": job,
                "service_area": area,
                "bio": bio,
                "bio_html": render_markdown(bio),
                "office_hours": hours,
                "contact_forum": True,
                "show_email": index % 2 == 0,
            },
        )
        if not created:
            continue
        services.profile_for(user=user)
        for n, (code, level) in enumerate(skills):
            competency = codes.get(code) or (fallback[(index + n) % len(fallback)] if fallback else None)
            if competency is not None:
                ChampionCompetency.objects.get_or_create(
                    profile=profile, competency=competency, defaults={"level": level}
                )
        for category in Category.objects.filter(slug__in=leads):
            profile.led_categories.add(category)
            category.moderators.add(user)
    home = HomePage.objects.first()
    if home is None:
        stdout.write("  no home page: skipped the events")
        return
    index_page = EventIndexPage.objects.first()
    if index_page is None:
        index_page = EventIndexPage(
            title="Community events",
            slug="events",
            introduction="Meetups and workshops run by our data champions. Everyone is welcome.",
        )
        home.add_child(instance=index_page)
        stdout.write("  events index")
    organiser = User.objects.filter(email=CHAMPIONS[0][0]).first()
    today = timezone.localdate()
    for slug, title, days, hour, hours, online, venue, topic, description in EVENTS:
        if EventPage.objects.filter(slug=slug).exists():
            continue
        start = timezone.make_aware(datetime.combine(today + timedelta(days=days), time(hour)))
        event = EventPage(
            title=title,
            slug=slug,
            start_at=start,
            end_at=start + timedelta(hours=hours),
            is_online=online,
            venue=venue,
            topic=topic,
            organiser=organiser,
            capacity=30 if online else 12,
            description=description,
        )
        index_page.add_child(instance=event)
        stdout.write(f"  event “{title}”")
