"""Short views: the learner's dashboard, site search and error pages."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import personal_data
from .forms import DeleteAccountForm
from .hooks import dashboard_panels
from .search import clean_query, page_of
from .search import run as search_run

SEARCH_PAGE_SIZE = 10


@login_required
@never_cache
def dashboard(request):
    """ "My learning": each app contributes its panels (courses in progress, gap, notifications...)."""
    return render(request, "home/dashboard.html", {"panels": dashboard_panels(request)})


def search(request):
    """The one site search: pages, courses, lessons, forum posts, champions, datasets and competencies, each
    filtered by what the visitor may see. `type` shows one kind, paginated; without it, the first of each."""
    query = clean_query(request.GET.get("q", ""))
    kind = request.GET.get("type", "")
    number = request.GET.get("page", "1")
    number = int(number) if number.isdigit() and 0 < int(number) < 10_000 else 1
    sections, chosen, page = [], None, None
    if query:
        offset = (number - 1) * SEARCH_PAGE_SIZE
        sections, chosen = search_run(
            query=query, user=request.user, kind=kind, offset=offset, limit=SEARCH_PAGE_SIZE
        )
        if chosen is not None:
            page = page_of(chosen, number=number, size=SEARCH_PAGE_SIZE)
    context = {
        "query": query,
        "kind": chosen.key if chosen else "",
        "sections": sections,
        "chosen": chosen,
        "page_obj": page,
        "total": sum(s.count for s in sections),
    }
    return render(request, "home/search.html", context)


@never_cache
def signed_out(request):
    """After sign-out: offers the identity provider's sign-out when the session was a single sign-on one."""
    from .sso import SESSION_SSO_LOGOUT_URL

    logout_url = request.session.get(SESSION_SSO_LOGOUT_URL, "")
    return render(request, "home/signed_out.html", {"provider_logout_url": logout_url})


def _database_reachable() -> bool:
    """Whether the database answers a fresh connection: an OperationalError from a query it refused (a search
    syntax error, a lock timeout) is a fault of that request, a 500, not an outage."""
    from django.db import DatabaseError, connection

    try:
        connection.ensure_connection()
        fresh = connection.get_new_connection(connection.get_connection_params())
        try:
            fresh.cursor().execute("SELECT 1")
        finally:
            fresh.close()
    except DatabaseError:
        return False
    except Exception:  # noqa: BLE001 - the driver's own errors (psycopg) when the server is gone
        return False
    return True


def server_error(request):
    """A 500 page that needs no database; a 503 "try again shortly" when the database cannot be reached."""
    import sys

    from django.db import InterfaceError, OperationalError
    from django.http import HttpResponse, HttpResponseServerError
    from django.template import loader

    context = {"request": request}
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError) and not _database_reachable():
        response = HttpResponse(loader.get_template("503.html").render(context), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render(context))


@login_required
@never_cache
def your_data(request):
    """Download everything held about you, or delete your account."""
    form = DeleteAccountForm(user=request.user)
    return render(
        request,
        "home/your_data.html",
        {"form": form, "summary": personal_data.section_titles(personal_data.export_for(request.user))},
    )


@login_required
@require_POST
def your_data_download(request):
    response = HttpResponse(personal_data.export_zip(request.user), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="data-academy-my-data.zip"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
@never_cache
def your_data_delete(request):
    form = DeleteAccountForm(request.POST, user=request.user)
    if not form.is_valid():
        summary = personal_data.section_titles(personal_data.export_for(request.user))
        return render(request, "home/your_data.html", {"form": form, "summary": summary}, status=400)
    user = request.user
    logout(request)
    personal_data.erase(user, actor=user)
    messages.success(request, "Your account and learning record have been deleted.")
    return redirect("/")
