"""Generic OpenID Connect sign-in (replaces allauth's `openid_connect` provider class)."""

from __future__ import annotations

from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider

from ..mixins import NonceProviderMixin
from .views import CouncilOpenIDConnectAdapter


class CouncilOpenIDConnectProvider(NonceProviderMixin, OpenIDConnectProvider):
    """Signs staff in through the council's OpenID Connect issuer."""

    package = "home.sso.oidc"
    oauth2_adapter_class = CouncilOpenIDConnectAdapter
    pkce_enabled_default = True

    def extract_common_fields(self, data):
        fields = super().extract_common_fields(data)
        if fields.get("email"):
            fields["email"] = fields["email"].lower()
        return fields

    def extract_email_addresses(self, data):
        addresses = super().extract_email_addresses(data)
        for address in addresses:
            address.email = address.email.lower()
        return addresses


provider_classes = [CouncilOpenIDConnectProvider]
