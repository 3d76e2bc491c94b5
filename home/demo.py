"""Demo content for the home app: branding, home page, accessibility statement, help page and demo users."""

import datetime

from django.contrib.auth import get_user_model
from wagtail.models import Page, Site

from . import roles, services
from .models import FooterLink, HomePage, SiteBranding, StandardPage

DEMO_PASSWORD = "academy-demo-2026"  # noqa: S105 - printed for the demo users, documented in the README
DEMO_USERS = [
    # email, first, last, job title, department, roles
    ("learner@example.gov.uk", "Lee", "Learner", "Customer services adviser", "Adult Social Care", ()),
    (
        "champion@example.gov.uk",
        "Chloe",
        "Champion",
        "Performance analyst",
        "Highways and Transport",
        (roles.CHAMPION,),
    ),
    (
        "hr@example.gov.uk",
        "Hari",
        "Patel",
        "Organisational development adviser",
        "People and HR",
        (roles.HR,),
    ),
    ("manager@example.gov.uk", "Morgan", "Manager", "Reablement team manager", "Adult Social Care", ()),
    (
        "admin@example.gov.uk",
        "Ada",
        "Admin",
        "Data Academy lead",
        "Data and Intelligence",
        (roles.ACADEMY_ADMIN,),
    ),
]

HOME_INTRO = (
    "Learn to find, use and share data well in your job — from understanding a chart to analysing council "
    "data yourself — and get help from the council's data champions."
)

ACCESSIBILITY_BODY = [
    (
        "paragraph",
        "<p>This statement applies to the Data Academy. We want as many people as possible to be able "
        "to use it. You should be able to change colours, contrast and fonts using your browser or device settings, "
        "zoom in up to 400% without text spilling off the screen, navigate the whole site using just a keyboard, "
        "and listen to most of the site using a screen reader.</p>",
    ),
    ("heading", {"text": "How accessible this website is", "level": "h2"}),
    (
        "paragraph",
        "<p>The site is built on the GOV.UK Design System's components and is tested against the Web "
        "Content Accessibility Guidelines (WCAG) version 2.2 AA standard with automated checks on every page type "
        "and by keyboard. The in-browser Python lab is a complex application: some parts of it may be harder to use "
        "with a screen reader. Every exercise can also be done by downloading the data and entering your answer in "
        "a plain form.</p>",
    ),
    ("heading", {"text": "Reporting accessibility problems", "level": "h2"}),
    (
        "paragraph",
        "<p>If you find a problem that is not listed here, use the Contact the Data Academy team "
        "link at the bottom of every page. We aim to reply within 5 working days.</p>",
    ),
    ("heading", {"text": "Enforcement procedure", "level": "h2"}),
    (
        "paragraph",
        "<p>The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public "
        "Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018. If you are not "
        "happy with how we respond to your complaint, contact the Equality Advisory and Support Service (EASS).</p>",
    ),
]

HELP_BODY = [
    ("heading", {"text": "Signing in", "level": "h2"}),
    (
        "paragraph",
        "<p>Sign in with your work email address. If you have forgotten your password, use the "
        "'Forgot your password?' link under Password on the sign-in page and we will email you a link to set a new one.</p>",
    ),
    ("heading", {"text": "Two-factor authentication", "level": "h2"}),
    (
        "paragraph",
        "<p>Staff in HR and Data Academy administrators must use an authenticator app, because their "
        "accounts can see records about other staff. You will be asked to set one up the first time you open those "
        "pages. Keep your recovery codes somewhere safe.</p>",
    ),
    ("heading", {"text": "Your learning record", "level": "h2"}),
    (
        "paragraph",
        "<p>Your answers and progress are yours. Other learners cannot see them. HR sees only counts "
        "across the organisation unless they have a reason and permission to see more.</p>",
    ),
    (
        "callout",
        {
            "style": "inset",
            "title": "",
            "text": "<p>Stuck on something about data in your job? Ask in "
            "the community forums or find a data champion near you.</p>",
        },
    ),
]


def _ensure_home(stdout) -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        default = Page.objects.filter(depth=2, slug="home").exclude(content_type__model="homepage").first()
        home = HomePage(title="Data Academy", slug="data-academy", introduction=HOME_INTRO)
        root.add_child(instance=home)
        home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Data Academy"
            )
        else:
            site.root_page = home
            site.site_name = "Data Academy"
            site.save()
        if default is not None:
            default.delete()
        stdout.write("  created the home page")
    return home


def _ensure_page(parent: Page, *, slug: str, title: str, introduction: str, body) -> StandardPage:
    page = StandardPage.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = StandardPage(
            title=title,
            slug=slug,
            introduction=introduction,
            body=body,
            last_reviewed=datetime.date(2026, 11, 1),
        )
        parent.add_child(instance=page)
        page.save_revision().publish()
    return page


PRIVACY_BODY = [
    ("heading", {"text": "Who we are", "level": "h2"}),
    (
        "paragraph",
        "<p>The council runs the Data Academy to help its staff build data skills. The council is the data "
        "controller for what the Academy holds about you.</p>",
    ),
    ("heading", {"text": "What we hold and why", "level": "h2"}),
    (
        "paragraph",
        "<ul><li>Your account: name, work email address, job title and team, to sign you in and show your "
        "role's learning.</li><li>Your learning record: courses, answers, certificates, self-assessments and "
        "evidence of competencies, so you can pick up where you left off and prove what you have done.</li>"
        "<li>What you write in the community forums, so others can read and reply.</li></ul>",
    ),
    ("heading", {"text": "Who can see it", "level": "h2"}),
    (
        "paragraph",
        "<p>Only you see your answers and progress. Your line manager sees whether you have finished required "
        "learning. HR sees counts across the council, never one person's answers. Forum posts are seen by "
        "everyone signed in.</p>",
    ),
    ("heading", {"text": "How long we keep it", "level": "h2"}),
    (
        "paragraph",
        "<p>We keep your record while you work for the council. When you leave, your account is erased at the "
        "end of the retention period; forum posts stay, shown as written by \u201cFormer member\u201d.</p>",
    ),
    ("heading", {"text": "Your rights", "level": "h2"}),
    (
        "paragraph",
        "<p>You can download everything we hold about you, or delete your account, from Your data in Your "
        "account. To ask a question or complain, use Contact the Data Academy team at the bottom of every "
        "page, or contact the Information Commissioner's Office.</p>",
    ),
]


def load(*, stdout) -> None:
    home = _ensure_home(stdout)
    statement = _ensure_page(
        home,
        slug="accessibility",
        title="Accessibility statement",
        introduction="How accessible the Data Academy is and how to report a problem.",
        body=ACCESSIBILITY_BODY,
    )
    help_page = _ensure_page(
        home,
        slug="help",
        title="Help using the Data Academy",
        introduction="Signing in, keeping your account safe, and who can see your record.",
        body=HELP_BODY,
    )
    privacy = _ensure_page(
        home,
        slug="privacy",
        title="Privacy notice",
        introduction="What the Data Academy holds about you, why, who can see it and your rights.",
        body=PRIVACY_BODY,
    )
    site = Site.objects.get(is_default_site=True)
    branding = SiteBranding.for_site(site)
    branding.council_name = (
        branding.council_name
        if branding.pk and branding.council_name != "Your County Council"
        else "Example County Council"
    )
    branding.accessibility_statement = statement
    branding.help_page = help_page
    branding.contact_email = branding.contact_email or "data-academy@example.gov.uk"
    branding.save()
    # The footer's privacy link goes to the privacy notice (older demo sites pointed it at Help).
    FooterLink.objects.update_or_create(
        setting=branding, text="Privacy notice", defaults={"url": privacy.url, "sort_order": 0}
    )
    stdout.write("  site branding, accessibility statement and help page ready")

    User = get_user_model()
    for email, first, last, job, dept, role_names in DEMO_USERS:
        if User.objects.filter(email=email).exists():
            continue
        services.user_create(
            email=email,
            password=DEMO_PASSWORD,
            first_name=first,
            last_name=last,
            job_title=job,
            department=dept,
            role_names=role_names,
        )
        stdout.write(f"  demo user {email}")
