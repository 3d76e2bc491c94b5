"""Champion views: each checks its permission, calls a service or selector, and renders."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from competencies.levels import Level
from competencies.models import Competency
from home.csv import csv_response
from home.permissions import can, require

from .. import services as forum_services
from ..forms import TopicForm
from ..models import Category
from ..views import _form_errors, member_required
from . import selectors, services
from .forms import ApplicationForm, CoverageForm, DecisionForm, DirectoryForm, ProfileForm, StepDownForm
from .models import ChampionApplication, ChampionProfile

CRUMB = {"label": "Champions", "url": "/champions/"}


def _directory_page(request, *, competency=None, title="Find a data champion"):
    require(request.user, "view_champions")
    form = DirectoryForm(request.GET or None, areas=selectors.service_areas())
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "q": data["q"],
            "service_area": data["service_area"],
            "competency": competency or data["competency"],
            "level": data["level"],
            "sort": data["sort"] or "name",
        }
    elif competency is not None:
        filters = {"competency": competency}
    from community.events.selectors import events_index_url

    found = selectors.with_cards(selectors.directory(**filters))
    page_obj = Paginator(found, selectors.PER_PAGE).get_page(request.GET.get("page"))
    profiles = list(page_obj.object_list)
    context = {
        "form": form,
        "page_obj": page_obj,
        "profiles": profiles,
        "competency": competency,
        "title": title,
        "may_apply": can(request.user, "apply_champion"),
        "may_see_coverage": can(request.user, "view_champion_coverage"),
        "may_decide": can(request.user, "decide_champion_application"),
        "events_url": events_index_url(request),
    }
    return render(request, "champions/directory.html", context)


@member_required
def directory(request):
    return _directory_page(request)


@member_required
def for_competency(request, code):
    competency = get_object_or_404(Competency, code=code)
    return _directory_page(request, competency=competency, title=f"Champions for {competency.name}")


def _get_profile(pk) -> ChampionProfile:
    return get_object_or_404(
        ChampionProfile.objects.select_related("user__forum_profile").prefetch_related(
            "skills__competency", "led_categories"
        ),
        pk=pk,
        is_active=True,
        user__is_active=True,
    )


@member_required
def profile(request, pk):
    require(request.user, "view_champions")
    champion = _get_profile(pk)
    context = {
        "champion": champion,
        "recent_posts": selectors.recent_posts(user=champion.user),
        "accepted": selectors.accepted_answers(user=champion.user),
        "breadcrumbs": [CRUMB],
    }
    return render(request, "champions/profile.html", context)


@member_required
def profile_edit(request):
    require(request.user, "edit_champion_profile")
    champion = services.profile_for_champion(user=request.user)
    skills = dict(champion.skills.values_list("competency_id", "level"))
    initial = {name: getattr(champion, name) for name in services.PROFILE_FIELDS}
    form = ProfileForm(request.POST or None, initial=initial, skills=skills)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k in services.PROFILE_FIELDS}
        try:
            services.profile_update(
                user=request.user, profile=champion, data=data, skills=form.chosen_skills()
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, "Your champion profile has been saved.")
            return redirect(champion.get_absolute_url())
    context = {"form": form, "champion": champion, "breadcrumbs": [CRUMB]}
    return render(request, "champions/profile_form.html", context)


@member_required
def step_down(request, pk):
    champion = _get_profile(pk)
    require(request.user, "step_down_champion", champion)
    form = StepDownForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.champion_step_down(
                actor=request.user, profile=champion, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            own = champion.user_id == request.user.pk
            messages.success(
                request,
                "You have stepped down as a data champion. Thank you for your help."
                if own
                else f"{champion.user.display_name} is no longer a data champion.",
            )
            return redirect("champions:directory")
    context = {"form": form, "champion": champion, "breadcrumbs": [CRUMB]}
    return render(request, "champions/step_down.html", context)


@member_required
def apply(request):
    pending = ChampionApplication.objects.filter(
        applicant=request.user, status=ChampionApplication.Status.PENDING
    ).first()
    if pending is not None:
        messages.info(request, "Your application is waiting for a decision.")
        return redirect(pending.get_absolute_url())
    require(request.user, "apply_champion")
    form = ApplicationForm(request.POST or None, initial={"service_area": request.user.department})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = services.application_create(
                user=request.user,
                why=data["why"],
                manager_name=data["manager_name"],
                service_area=data["service_area"],
                skills=form.chosen_skills(),
                categories=data["categories"],
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, "Thank you. An Academy admin or HR will review your application.")
            return redirect(application.get_absolute_url())
    past = ChampionApplication.objects.filter(applicant=request.user).exclude(
        status=ChampionApplication.Status.PENDING
    )
    context = {"form": form, "past": past, "breadcrumbs": [CRUMB]}
    return render(request, "champions/apply.html", context)


@member_required
def application_list(request):
    require(request.user, "decide_champion_application")
    page_obj = Paginator(selectors.pending_applications().order_by("created_at"), 30).get_page(
        request.GET.get("page")
    )
    decided = ChampionApplication.objects.exclude(status=ChampionApplication.Status.PENDING).select_related(
        "applicant", "decided_by"
    )[:20]
    context = {"page_obj": page_obj, "decided": decided, "breadcrumbs": [CRUMB]}
    return render(request, "champions/applications.html", context)


def _get_application(request, pk) -> ChampionApplication:
    application = get_object_or_404(
        ChampionApplication.objects.select_related("applicant", "decided_by").prefetch_related(
            "skills__competency", "categories"
        ),
        pk=pk,
    )
    require(request.user, "view_champion_application", application)
    return application


@member_required
def application_detail(request, pk):
    application = _get_application(request, pk)
    may_decide = application.status == ChampionApplication.Status.PENDING and can(
        request.user, "decide_champion_application", application
    )
    form = DecisionForm(request.POST or None) if may_decide else None
    if request.method == "POST":
        require(request.user, "decide_champion_application", application)
        if form is None:
            messages.error(request, "This application has already been decided.")
            return redirect(application.get_absolute_url())
        if form.is_valid():
            try:
                services.application_decide(
                    actor=request.user,
                    application=application,
                    approve=form.cleaned_data["decision"] == "approve",
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(request, "Decision saved. The applicant has been told.")
                return redirect("champions:applications")
    context = {
        "application": application,
        "form": form,
        "log": application.log.select_related("actor"),
        "breadcrumbs": [CRUMB],
    }
    return render(request, "champions/application.html", context)


@member_required
@require_POST
def application_withdraw(request, pk):
    application = _get_application(request, pk)
    try:
        services.application_withdraw(user=request.user, application=application)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, "Your application has been withdrawn.")
    return redirect(application.get_absolute_url())


@member_required
def ask(request, pk):
    """A new-topic form in the champion's category, already mentioning them; it posts to the forum."""
    champion = _get_profile(pk)
    categories = list(champion.led_categories.all()) or list(Category.objects.all()[:1])
    chosen = request.GET.get("category")
    category = next((c for c in categories if c.slug == chosen), categories[0] if categories else None)
    if category is None:
        messages.error(request, "There are no forum categories yet.")
        return redirect(champion.get_absolute_url())
    require(request.user, "create_topic", category)
    handle = forum_services.profile_for(user=champion.user).handle
    form = TopicForm(initial={"body": f"@{handle} "})
    context = {
        "form": form,
        "category": category,
        "categories": categories,
        "champion": champion,
        "breadcrumbs": [CRUMB, {"label": champion.user.display_name, "url": champion.get_absolute_url()}],
    }
    return render(request, "champions/ask.html", context)


@member_required
def coverage(request):
    require(request.user, "view_champion_coverage")
    form = CoverageForm(request.GET or None)
    level = form.cleaned_data["level"] if form.is_valid() else Level.ANALYSE
    context = {
        "form": form,
        "level": Level(level),
        "competencies": selectors.competency_coverage(needed_level=level),
        "areas": selectors.area_coverage(),
        "breadcrumbs": [CRUMB],
    }
    return render(request, "champions/coverage.html", context)


@member_required
def coverage_csv(request):
    require(request.user, "view_champion_coverage")
    form = CoverageForm(request.GET or None)
    level = form.cleaned_data["level"] if form.is_valid() else Level.ANALYSE
    header = [
        "kind",
        "code",
        "name",
        "champions",
        f"champions at {Level(level).label} or above",
        "highest level",
        "staff",
        "status",
    ]
    rows = [
        [
            "competency",
            row.competency.code,
            row.competency.name,
            row.champions,
            row.at_level,
            selectors.level_label(row.best_level),
            "",
            row.status,
        ]
        for row in selectors.competency_coverage(needed_level=level)
    ]
    rows += [
        ["service area", "", row.service_area, row.champions, "", "", row.staff, row.status]
        for row in selectors.area_coverage()
    ]
    return csv_response("champion-coverage.csv", header, rows)
