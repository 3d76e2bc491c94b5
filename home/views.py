"""Short views: the learner's dashboard, site search and error pages."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from wagtail.models import Page

from .hooks import dashboard_panels

SEARCH_PAGE_SIZE = 10


@login_required
@never_cache
def dashboard(request):
    """ "My learning": each app contributes its panels (courses in progress, gap, notifications...)."""
    return render(request, "home/dashboard.html", {"panels": dashboard_panels(request)})


def search(request):
    """Search across published pages the visitor may see."""
    query = request.GET.get("q", "").strip()[:200]
    results = Page.objects.none()
    if query:
        results = Page.objects.live().public().specific().search(query)
    paginator = Paginator(results, SEARCH_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "home/search.html", {"query": query, "page_obj": page, "paginator": paginator})


@never_cache
def signed_out(request):
    """After sign-out: offers the identity provider's sign-out when the session was a single sign-on one."""
    from .sso import SESSION_SSO_LOGOUT_URL

    logout_url = request.session.get(SESSION_SSO_LOGOUT_URL, "")
    return render(request, "home/signed_out.html", {"provider_logout_url": logout_url})


def server_error(request):
    """A 500 page that needs no database; a 503 "try again shortly" when the database cannot be reached."""
    import sys

    from django.db import InterfaceError, OperationalError
    from django.http import HttpResponse, HttpResponseServerError
    from django.template import loader

    context = {"request": request}
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        response = HttpResponse(loader.get_template("503.html").render(context), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render(context))
