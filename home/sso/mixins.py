"""A nonce for every authorisation request, checked against the ID token when the person comes back."""

from __future__ import annotations

from . import NONCE_STATE_KEY, new_nonce


class NonceProviderMixin:
    """Adds `nonce` to the authorisation request and keeps it in allauth's server-side state."""

    def redirect(self, request, process, next_url=None, data=None, **kwargs):
        nonce = new_nonce()
        auth_params = kwargs.pop("auth_params", None)
        if auth_params is None:
            auth_params = self.get_auth_params()
        auth_params = {**auth_params, "nonce": nonce}
        kwargs[NONCE_STATE_KEY] = nonce
        return super().redirect(
            request, process, next_url=next_url, data=data, auth_params=auth_params, **kwargs
        )
