"""The council's Entra ID tenant as an allauth provider (replaces allauth's `microsoft` provider class)."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.socialaccount.providers.microsoft.provider import MicrosoftGraphProvider

from ..mixins import NonceProviderMixin
from .views import CouncilMicrosoftAdapter


class CouncilMicrosoftProvider(NonceProviderMixin, MicrosoftGraphProvider):
    """Signs staff in with their Microsoft 365 account in the council's own tenant."""

    package = "home.sso.microsoft"
    oauth2_adapter_class = CouncilMicrosoftAdapter
    pkce_enabled_default = True

    def get_default_scope(self):
        return ["openid", "profile", "email", "User.Read"]

    def extract_email_addresses(self, data):
        # A single-tenant directory vouches for its own staff addresses, so the email counts as verified.
        email = data.get("mail") or data.get("userPrincipalName")
        if not email:
            return []
        return [EmailAddress(email=email.lower(), verified=True, primary=True)]

    def extract_common_fields(self, data):
        fields = super().extract_common_fields(data)
        if fields.get("email"):
            fields["email"] = fields["email"].lower()
        return fields


provider_classes = [CouncilMicrosoftProvider]
