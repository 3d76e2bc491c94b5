from allauth.socialaccount.providers.oauth2.urls import default_urlpatterns

from .provider import CouncilMicrosoftProvider

urlpatterns = default_urlpatterns(CouncilMicrosoftProvider)
