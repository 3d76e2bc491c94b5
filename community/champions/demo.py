"""Demo champions: eight demo users with the Champion role, their directory profiles, the competencies they
help with and the forum categories they lead. Runs after the framework and the forums exist."""

from django.contrib.auth import get_user_model

from community import services
from community.markup import render_markdown
from community.models import Category
from competencies.levels import Level
from competencies.models import Competency
from home import roles

from .models import ChampionCompetency, ChampionProfile

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


def load(*, stdout) -> None:
    """Demo champions with profiles, each a demo user with the Champion role."""
    from home.demo import DEMO_PASSWORD
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
