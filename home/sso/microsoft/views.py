"""Token exchange for Entra ID: verify the ID token, then read the directory profile from Microsoft Graph."""

from __future__ import annotations

import functools

from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.microsoft.views import MicrosoftGraphOAuth2Adapter, _check_errors
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from django.http import Http404

from ..tokens import verify_id_token


class CouncilMicrosoftAdapter(MicrosoftGraphOAuth2Adapter):
    """allauth's Graph adapter, plus ID token verification against the tenant's discovery document."""

    user_properties = (*MicrosoftGraphOAuth2Adapter.user_properties, "department")
    profile_url_params = {"$select": ",".join(user_properties)}

    @property
    def openid_config(self) -> dict:
        if not hasattr(self, "_openid_config"):
            with get_adapter().get_requests_session() as session:
                response = session.get(self._build_tenant_url("/v2.0/.well-known/openid-configuration"))
                response.raise_for_status()
                self._openid_config = response.json()
        return self._openid_config

    def complete_login(self, request, app, token, **kwargs):
        claims = verify_id_token(
            id_token=kwargs["response"].get("id_token"),
            openid_config=self.openid_config,
            client_id=app.client_id,
        )
        with get_adapter().get_requests_session() as session:
            response = session.get(
                self.profile_url,
                params=self.profile_url_params,
                headers={"Authorization": f"Bearer {token.token}"},
            )
            profile = _check_errors(response)
        # The directory object must be the person the ID token names: no mixing of two identities.
        if claims.get("oid") and claims["oid"] != profile.get("id"):
            raise OAuth2Error("The directory profile does not match the ID token.")
        profile["id_token"] = claims
        profile["end_session_endpoint"] = self.openid_config.get("end_session_endpoint", "")
        return self.get_provider().sociallogin_from_response(request, profile)


def _unless_configured_404(view):
    """Without SSO_MICROSOFT_* settings there is no app: answer 404, not a server error."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except SocialApp.DoesNotExist as exc:
            raise Http404 from exc

    return wrapped


oauth2_login = _unless_configured_404(OAuth2LoginView.adapter_view(CouncilMicrosoftAdapter))
oauth2_callback = _unless_configured_404(OAuth2CallbackView.adapter_view(CouncilMicrosoftAdapter))
