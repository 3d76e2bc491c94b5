"""Front-end views: the framework browser, role profiles, My role, self-assessment, gap and the HR reports."""

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from home.permissions import require

from . import reports, selectors, services, transfer
from .forms import SelfAssessmentForm, StaffProfileForm
from .hooks import gap_sections
from .levels import LEVEL_SUMMARIES, Level
from .models import CompetencyArea, FrameworkVersion, ProfileKind

FRAMEWORK_CRUMB = {"label": "Framework", "url": "/framework/"}
MY_ROLE_CRUMB = {"label": "My role", "url": "/my-role/"}


def _csv_response(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def framework_index(request):
    """Browse the published framework by area, with a text filter."""
    require(request.user, "view_framework")
    area_slug = request.GET.get("area", "")[:120]
    query = request.GET.get("q", "").strip()[:100]
    context = {
        "areas": selectors.published_areas_with_competencies(area_slug=area_slug, query=query),
        "all_areas": CompetencyArea.objects.all(),
        "area_slug": area_slug,
        "query": query,
        "levels": [(level, LEVEL_SUMMARIES[level]) for level in Level],
        "version": selectors.latest_version(),
    }
    return render(request, "competencies/framework_index.html", context)


@login_required
def competency_detail(request, code):
    require(request.user, "view_framework")
    competency = selectors.published_competency(code=code)
    if competency is None:
        raise Http404("No published competency has this code.")
    descriptors = {d.level: d for d in competency.descriptors.all()}
    context = {
        "competency": competency,
        "levels": [(level, descriptors.get(level)) for level in Level],
        "breadcrumbs": [FRAMEWORK_CRUMB],
    }
    return render(request, "competencies/competency_detail.html", context)


@login_required
def role_list(request):
    require(request.user, "view_framework")
    roles = selectors.published_role_profiles()
    context = {
        "jobs": [r for r in roles if r.kind == ProfileKind.JOB],
        "governance": [r for r in roles if r.kind == ProfileKind.GOVERNANCE],
        "breadcrumbs": [FRAMEWORK_CRUMB],
    }
    return render(request, "competencies/role_list.html", context)


def _role_or_404(code):
    role = selectors.published_role_profile(code=code)
    if role is None:
        raise Http404("No published role profile has this code.")
    return role


@login_required
def role_detail(request, code):
    require(request.user, "view_framework")
    role = _role_or_404(code)
    return render(
        request,
        "competencies/role_detail.html",
        {
            "role": role,
            "breadcrumbs": [FRAMEWORK_CRUMB, {"label": "Role profiles", "url": "/framework/roles/"}],
        },
    )


@login_required
def role_print(request, code):
    """A printable role profile HR can attach to a job description."""
    require(request.user, "view_framework")
    role = _role_or_404(code)
    return render(
        request, "competencies/role_print.html", {"role": role, "version": selectors.latest_version()}
    )


@login_required
def role_export(request, code):
    require(request.user, "view_framework")
    role = _role_or_404(code)
    text = transfer.export_roles_csv(roles=type(role).objects.filter(pk=role.pk))
    return _csv_response(text, f"role-profile-{role.code}.csv")


@login_required
def export_competencies(request):
    require(request.user, "view_framework")
    return _csv_response(transfer.export_competencies_csv(), "framework-competencies.csv")


@login_required
def export_roles(request):
    require(request.user, "view_framework")
    return _csv_response(transfer.export_roles_csv(), "framework-role-requirements.csv")


@login_required
def version_history(request):
    require(request.user, "view_framework")
    versions = FrameworkVersion.objects.defer("snapshot").select_related("published_by")[:100]
    return render(
        request, "competencies/version_history.html", {"versions": versions, "breadcrumbs": [FRAMEWORK_CRUMB]}
    )


# --- My role ------------------------------------------------------------------------------------------


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def my_role(request):
    """Choose your job profile and governance responsibilities; see a summary of your gap."""
    require(request.user, "edit_own_role")
    profile = selectors.staff_profile_for_user(user=request.user)
    initial = {}
    if profile is not None:
        initial = {
            "job_profile": profile.job_profile,
            "governance_profiles": list(profile.governance_profiles.all()),
        }
    form = StaffProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.staff_profile_set(
            user=request.user,
            job_profile=form.cleaned_data["job_profile"],
            governance_profiles=form.cleaned_data["governance_profiles"],
            actor=request.user,
        )
        messages.success(request, "Your role profiles are saved. Your gap below is up to date.")
        return redirect("competencies:my_role")
    gap = selectors.gap_for_user(user=request.user)
    context = {
        "form": form,
        "profile": profile,
        "gap": gap,
        "met_count": sum(row.met for row in gap),
        "assessed_count": sum(row.self_assessed is not None for row in gap),
    }
    return render(request, "competencies/my_role.html", context)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def self_assessment(request):
    """Rate yourself against each competency your profiles require, with the level descriptors to hand."""
    require(request.user, "edit_own_role")
    gap = selectors.gap_for_user(user=request.user)
    if not gap:
        messages.info(request, "Choose your job profile first: the self-assessment lists what it requires.")
        return redirect("competencies:my_role")
    form = SelfAssessmentForm(request.POST or None, rows=gap)
    if request.method == "POST" and form.is_valid():
        changed = services.self_assessment_save(user=request.user, levels=form.levels())
        messages.success(request, f"Your self-assessment is saved ({changed} changed).")
        return redirect("competencies:gap")
    return render(
        request,
        "competencies/self_assessment.html",
        {"form": form, "bound_rows": form.bound_rows(), "breadcrumbs": [MY_ROLE_CRUMB]},
    )


@login_required
@never_cache
def gap(request):
    """Required vs self-assessed vs evidenced per competency, and the courses that close the gap."""
    require(request.user, "edit_own_role")
    rows = selectors.gap_for_user(user=request.user)
    context = {
        "gap": rows,
        "sections": gap_sections(request, gap=rows) if rows else "",
        "open_count": sum(not row.met for row in rows),
        "breadcrumbs": [MY_ROLE_CRUMB],
    }
    return render(request, "competencies/gap.html", context)


# --- HR reports ---------------------------------------------------------------------------------------

REPORTS_CRUMB = {"label": "Framework reports", "url": "/framework/reports/"}


def _basis(request) -> str:
    basis = request.GET.get("basis", reports.BASIS_EVIDENCED)
    return basis if basis in reports.BASES else reports.BASIS_EVIDENCED


def _require_reports(request):
    if not request.user.is_authenticated:
        raise PermissionDenied
    require(request.user, "view_framework_reports")


@login_required
@never_cache
def report_heatmap(request):
    """Service area × competency: the share of staff meeting their required level. Counts only."""
    _require_reports(request)
    basis = _basis(request)
    heatmap = reports.organisation_heatmap(basis=basis)
    if request.GET.get("download") == "csv":
        return _csv_response(_heatmap_csv(heatmap, "Service area"), f"framework-heatmap-{basis}.csv")
    context = {"heatmap": heatmap, "bases": reports.BASES, "breadcrumbs": [FRAMEWORK_CRUMB]}
    return render(request, "competencies/reports/heatmap.html", context)


@login_required
@never_cache
def report_service_area(request):
    """Drill-down for one service area by role profile; names only with the named-staff permission."""
    _require_reports(request)
    department = request.GET.get("area", "").strip()[:150]
    if not department:
        return redirect("competencies:report_heatmap")
    basis = _basis(request)
    heatmap = reports.role_heatmap(department=department, basis=basis)
    if request.GET.get("download") == "csv":
        return _csv_response(_heatmap_csv(heatmap, "Role profile"), "framework-service-area.csv")
    from home.permissions import can

    named = None
    if can(request.user, "view_named_staff"):
        named = reports.named_staff_for_department(department=department)
    context = {
        "heatmap": heatmap,
        "department": department,
        "bases": reports.BASES,
        "named": named,
        "breadcrumbs": [FRAMEWORK_CRUMB, REPORTS_CRUMB],
    }
    return render(request, "competencies/reports/service_area.html", context)


@login_required
@never_cache
def report_coverage(request):
    _require_reports(request)
    return render(
        request,
        "competencies/reports/coverage.html",
        {"coverage": reports.coverage(), "breadcrumbs": [FRAMEWORK_CRUMB, REPORTS_CRUMB]},
    )


def _heatmap_csv(heatmap, first_column: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([first_column, "Staff", *[f"{c.code} {c.name}" for c in heatmap.competencies]])
    for label, staff, cells in heatmap.rows:
        writer.writerow([label, staff, *[f"{c.met}/{c.needed}" if c.needed else "" for c in cells]])
    writer.writerow(
        ["All", heatmap.staff_total, *[f"{c.met}/{c.needed}" if c.needed else "" for c in heatmap.totals]]
    )
    return buffer.getvalue()
