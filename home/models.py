"""Accounts, site branding and the home and content pages."""

import re

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .blocks import ContentStreamBlock
from .page_forms import SlugClashPageForm
from .routing import FastRouteMixin


class UserManager(BaseUserManager):
    """Accounts are identified by email address; there are no usernames."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A member of staff. Signs in with their work email address."""

    username = None
    email = models.EmailField("email address", unique=True)
    job_title = models.CharField(max_length=150, blank=True, help_text="The member's job title.")
    department = models.CharField(
        max_length=150, blank=True, help_text="Service area or directorate the member works in."
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["last_name", "first_name", "email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def display_name(self) -> str:
        """The name shown to other members: full name, or the part of the email before the @."""
        return self.get_full_name() or self.email.split("@", 1)[0]


HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_with_white(hex_colour: str) -> float:
    """WCAG contrast ratio of white text on `hex_colour`."""
    return 1.05 / (_relative_luminance(hex_colour) + 0.05)


def validate_brand_colour(value: str) -> None:
    if not HEX_COLOUR.match(value or ""):
        raise ValidationError("Enter a colour as # and six hexadecimal digits, for example #00703c.")
    ratio = contrast_with_white(value)
    if ratio < 4.5:
        raise ValidationError(
            f"White text on {value} has a contrast ratio of {ratio:.1f}:1; it must be at least 4.5:1 "
            "(WCAG 2.2 AA). Choose a darker colour."
        )


@register_setting(icon="site")
class SiteBranding(BaseSiteSetting, ClusterableModel):
    """The council's own branding: name, logo, colour and footer links."""

    council_name = models.CharField(
        max_length=120, default="Your County Council", help_text="Shown in the header and footer."
    )
    service_name = models.CharField(
        max_length=80, default="Data Academy", help_text="The name of this service."
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The council's logo, shown in the header. Its title is used as alternative text.",
    )
    primary_colour = models.CharField(
        max_length=7,
        default="#1d5b79",
        validators=[validate_brand_colour],
        help_text="Header and brand colour, e.g. #1d5b79. White text must be readable on it (contrast 4.5:1).",
    )
    accessibility_statement = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The accessibility statement page, linked from every page's footer.",
    )
    help_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The help page, linked from the footer.",
    )
    contact_email = models.EmailField(blank=True, help_text="Where staff can write to the Data Academy team.")

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("council_name"),
                FieldPanel("service_name"),
                FieldPanel("logo"),
                FieldPanel("primary_colour"),
            ],
            heading="Branding",
        ),
        MultiFieldPanel(
            [FieldPanel("accessibility_statement"), FieldPanel("help_page"), FieldPanel("contact_email")],
            heading="Footer",
        ),
        InlinePanel("footer_links", label="Footer links"),
    ]

    class Meta:
        verbose_name = "Site branding"


class FooterLink(Orderable):
    """An extra link in the footer (privacy notice, the council's intranet, ...)."""

    setting = ParentalKey(SiteBranding, on_delete=models.CASCADE, related_name="footer_links")
    text = models.CharField(max_length=80, help_text="The link text.")
    url = models.CharField(max_length=300, help_text="A web address, or a path on this site starting with /.")

    panels = [FieldPanel("text"), FieldPanel("url")]

    def clean(self):
        if not (self.url.startswith("/") or self.url.startswith("https://")):
            raise ValidationError(
                {"url": "Use a path on this site (starting with /) or an https:// address."}
            )


class HomePage(FastRouteMixin, Page):
    """The front page of the Data Academy (and the site root: it routes the URLs below it, home.routing)."""

    base_form_class = SlugClashPageForm

    introduction = models.TextField(
        max_length=400, blank=True, help_text="One or two sentences under the page title."
    )
    body = StreamField(ContentStreamBlock(), blank=True, help_text="What the home page says.")

    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField("body")]
    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        """Signed in: the member's own panels (continue, what is due, gap, community). Signed out: previews."""
        from home import hooks

        context = super().get_context(request, *args, **kwargs)
        if request.user.is_authenticated:
            context["panels"] = hooks.dashboard_panels(request)
        else:
            context["previews"] = hooks.home_preview_sections(request)
        return context


class StandardPage(Page):
    """A plain content page: help, accessibility statement, guidance."""

    base_form_class = SlugClashPageForm

    introduction = models.TextField(max_length=400, blank=True, help_text="A short summary under the title.")
    body = StreamField(ContentStreamBlock(), blank=True, help_text="The page content.")
    last_reviewed = models.DateField(null=True, blank=True, help_text="When the content was last checked.")

    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField("body")]
    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = "standard page"
