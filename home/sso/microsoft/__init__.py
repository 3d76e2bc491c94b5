"""Entra ID (Microsoft 365) sign-in: allauth's Microsoft provider, with the ID token verified and kept."""
