"""Compliance views (HR: counts by service area and team, drill-down, CSV; a line manager: their own team by
name) and the one-click unsubscribe from reminders about recommended learning."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from competencies.staff.models import ServiceArea, StaffRecord, Team
from home.csv import csv_response
from home.permissions import can, require
from home.unsubscribe import pk_from_unsubscribe_token

from . import selectors, services
from .forms import ComplianceFilterForm
from .models import Assignment
from .permissions import compliance_staff_for
from .tasks import UNSUBSCRIBE_PURPOSE

REPORT_CRUMB = {"label": "Required learning", "url": "/reports/required-learning/"}


def _csv_response(rows: list[list], filename: str) -> HttpResponse:
    """The shared writer (home/csv.py): names from the imported staff list cannot become live formulas."""
    return csv_response(filename, rows[0], rows[1:])


def _counts_csv(rows, total, *, first: str, suppress: bool) -> list[list]:
    header = [first, *[label for _, label in selectors.COLUMNS]]
    return [header] + [
        [row.label, *[row.shown(column, suppress=suppress) for column, _ in selectors.COLUMNS]]
        for row in [*rows, total]
    ]


def _people_csv(people) -> list[list]:
    header = ["Name", "Email", "Team", "Learning", "Status", "Due", "Last passed"]
    return [header] + [
        [
            p.staff.name,
            p.staff.email,
            p.staff.team.name if p.staff.team else "",
            p.assignment.title,
            p.label,
            p.due or "",
            p.completed_on or "",
        ]
        for p in people
    ]


@require_GET
@login_required
@never_cache
def compliance(request):
    """HR: by service area, then team, then each assignment in a team. Counts only, small numbers suppressed,
    unless the viewer holds the named-staff permission (then a named list and CSV too)."""
    require(request.user, "view_compliance")
    today = timezone.localdate()
    # With no choice made, the first mandatory assignment (e.g. the yearly refresher); "All" is a choice.
    if "assignment" not in request.GET:
        default = Assignment.objects.filter(active=True, requirement="mandatory").order_by("title").first()
        data = request.GET.copy()
        data["assignment"] = default.pk if default else ""
    else:
        data = request.GET
    form = ComplianceFilterForm(data)
    assignment = form.cleaned_data.get("assignment") if form.is_valid() else None
    named = can(request.user, "view_named_compliance")
    area = team = None
    if request.GET.get("team"):
        team = get_object_or_404(Team.objects.select_related("service_area"), pk=_int(request.GET["team"]))
        area = team.service_area
        rows = selectors.compliance_by_assignment(today=today, team_id=team.pk, assignment=assignment)
        first = "Learning"
    elif request.GET.get("area"):
        area = get_object_or_404(ServiceArea, pk=_int(request.GET["area"]))
        rows = selectors.compliance_by_team(today=today, area_id=area.pk, assignment=assignment)
        first = "Team"
    else:
        rows = selectors.compliance_by_area(today=today, assignment=assignment)
        first = "Service area"
    total = selectors.totals(rows)
    people = None
    if named and team is not None:
        scope = selectors.compliance_scope(assignment=assignment).filter(staff__team=team)
        people = selectors.named_rows(scope=scope, today=today)
    download = request.GET.get("download")
    if download == "csv":
        return _csv_response(
            _counts_csv(rows, total, first=first, suppress=not named), "required-learning.csv"
        )
    if download == "people":
        if not named:
            raise PermissionDenied
        scope = selectors.compliance_scope(assignment=assignment)
        if team is not None:
            scope = scope.filter(staff__team=team)
        elif area is not None:
            scope = scope.filter(staff__team__service_area=area)
        return _csv_response(
            _people_csv(selectors.named_rows(scope=scope, today=today)), "required-learning-people.csv"
        )
    crumbs = [REPORT_CRUMB] if area else []
    if team is not None:
        crumbs.append({"label": area.name, "url": f"/reports/required-learning/?area={area.pk}"})
    context = {
        "form": form,
        "assignment": assignment,
        "rows": rows,
        "total": total,
        "first": first,
        "area": area,
        "team": team,
        "named": named,
        "suppress": not named,
        "people": people,
        "columns": selectors.COLUMNS,
        "breadcrumbs": crumbs,
        "today": today,
    }
    return render(request, "assignments/compliance.html", context)


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise Http404 from None


@require_GET
@login_required
@never_cache
def my_team(request):
    """A line manager: their own reports' required learning, by name. Nobody else's."""
    require(request.user, "view_team_compliance")
    today = timezone.localdate()
    scope = selectors.compliance_scope(staff=compliance_staff_for(request.user))
    people = selectors.named_rows(scope=scope, today=today)
    if request.GET.get("download") == "csv":
        return _csv_response(_people_csv(people), "my-team-required-learning.csv")
    counts = {column: 0 for column, _ in selectors.COLUMNS[1:]}
    for person in people:
        counts[person.status] += 1
    labelled = [(label, counts[column]) for column, label in selectors.COLUMNS[1:]]
    context = {"people": people, "counts": labelled, "today": today}
    return render(request, "assignments/my_team.html", context)


@csrf_exempt  # the signed token is the proof; mail clients post here with no session (RFC 8058)
@never_cache
def unsubscribe(request, token):
    pk = pk_from_unsubscribe_token(purpose=UNSUBSCRIBE_PURPOSE, token=token)
    staff = StaffRecord.objects.current().filter(pk=pk).first() if pk is not None else None
    if staff is None:
        return render(request, "assignments/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        services.reminders_opt_out(staff=staff)
        return render(request, "assignments/unsubscribe.html", {"done": True})
    return render(request, "assignments/unsubscribe.html", {"token": token})
