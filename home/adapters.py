"""django-allauth adapter: allowed email domains, and every new account joins the Learner group."""

import logging

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.conf import settings

from . import services

security_log = logging.getLogger("academy.security")


def email_domain_allowed(email: str) -> bool:
    allowed = [d.lower().lstrip("@") for d in settings.ACCOUNT_ALLOWED_EMAIL_DOMAINS]
    if not allowed:
        return True
    domain = email.rsplit("@", 1)[-1].lower()
    return domain in allowed


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email: str) -> str:
        email = super().clean_email(email)
        if not email_domain_allowed(email):
            domains = ", ".join(settings.ACCOUNT_ALLOWED_EMAIL_DOMAINS)
            raise forms.ValidationError(
                f"Use your council email address. Accounts can only be made with an address ending in: {domains}."
            )
        return email.lower()

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            services.user_join_learners(user=user)
        return user
