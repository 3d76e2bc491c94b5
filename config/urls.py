"""URL configuration: app routes first, then allauth, the Wagtail admin, then Wagtail's page serving."""

from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

handler500 = "home.views.server_error"

urlpatterns = [
    # The Wagtail admin signs in through allauth (one login page, one brute-force limit).
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("community/", include("community.urls")),
    path("champions/events/", include("community.events.urls")),
    path("champions/", include("community.champions.urls")),
    path("framework/maturity/", include("competencies.maturity.urls")),
    path("learning/", include("learning.urls")),
    path("", include("learning.assignments.urls")),
    path("", include("home.urls")),
    path("", include("jupyterlite.urls")),
    path("", include("competencies.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
