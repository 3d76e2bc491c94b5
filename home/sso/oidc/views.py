"""OpenID Connect callback that always verifies the ID token's signature."""

from __future__ import annotations

from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.http import Http404

from ..tokens import verify_id_token


class CouncilOpenIDConnectAdapter(OpenIDConnectOAuth2Adapter):
    def complete_login(self, request, app, token, **kwargs):
        claims = verify_id_token(
            id_token=kwargs["response"].get("id_token"),
            openid_config=self.openid_config,
            client_id=app.client_id,
        )
        data = {
            "id_token": claims,
            "end_session_endpoint": self.openid_config.get("end_session_endpoint", ""),
        }
        if app.settings.get("fetch_userinfo", True) and self.openid_config.get("userinfo_endpoint"):
            userinfo = self._fetch_user_info(token.token)
            # OpenID Connect Core 5.3.2: user info is about the ID token's subject, or it is not used.
            if userinfo.get("sub") == claims.get("sub"):
                data["userinfo"] = userinfo
        return self.get_provider().sociallogin_from_response(request, data)


@login_not_required
def login(request, provider_id):
    try:
        return OAuth2LoginView.adapter_view(CouncilOpenIDConnectAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist as exc:
        raise Http404 from exc


@login_not_required
def callback(request, provider_id):
    try:
        return OAuth2CallbackView.adapter_view(CouncilOpenIDConnectAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist as exc:
        raise Http404 from exc
