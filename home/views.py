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


def server_error(request):
    """A 500 page that needs no database: it renders with no context processors."""
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("500.html").render({"request": request}))
