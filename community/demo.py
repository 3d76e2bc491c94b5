"""Demo forums: categories per business area and a few starter topics drawn from the council strategies."""

from django.contrib.auth import get_user_model

from . import moderation, services
from .models import Category, Topic

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
