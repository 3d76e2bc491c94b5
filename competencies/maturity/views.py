"""Front-end views for the team data-maturity self-assessment. Short: services write, selectors read."""

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from home.permissions import can, require

from . import selectors, services
from .forms import InviteForm, PathwayForm, RoundForm
from .models import AssessmentRound, MaturityMembership, MaturityTeam
from .services import DONT_KNOW

MATURITY_CRUMB = {"label": "Team data maturity", "url": "/framework/maturity/"}


def _round(pk) -> AssessmentRound:
    return get_object_or_404(AssessmentRound.objects.select_related("version__model"), pk=pk)


def _round_team(pk, slug) -> tuple[AssessmentRound, MaturityTeam]:
    assessment_round = _round(pk)
    team = get_object_or_404(MaturityTeam, slug=slug)
    if not assessment_round.teams.filter(pk=team.pk).exists():
        raise Http404("This team does not take part in this round.")
    return assessment_round, team


@login_required
@never_cache
@require_GET
def index(request):
    """My teams' rounds (answer or see results); for HR and admins, every round and the way to open one."""
    require(request.user, "view_maturity")
    staff_view = can(request.user, "open_maturity_round")
    context = {
        "team_rounds": selectors.team_rounds_for_user(user=request.user),
        "teams_led": [t for t in selectors.teams_for_user(user=request.user) if t.lead_id == request.user.pk],
        "all_rounds": AssessmentRound.objects.all()[:50] if staff_view else None,
        "staff_view": staff_view,
        "version": selectors.latest_version(),
    }
    return render(request, "maturity/index.html", context)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def round_new(request):
    require(request.user, "open_maturity_round")
    version = selectors.latest_version()
    form = RoundForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and version is None:
        form.add_error(None, "Publish a version of the maturity model in the admin before opening a round.")
    if request.method == "POST" and version is not None and form.is_valid():
        new_round = services.round_open(version=version, user=request.user, **form.cleaned_data)
        messages.success(request, f"{new_round.name} is set up for {new_round.teams.count()} teams.")
        return redirect("maturity:round", pk=new_round.pk)
    context = {"form": form, "version": version, "breadcrumbs": [MATURITY_CRUMB]}
    return render(request, "maturity/round_new.html", context, status=400 if form.errors else 200)


@login_required
@never_cache
@require_GET
def round_detail(request, pk):
    """Participation per team (counts only) for HR and admins, and the way to close the round."""
    require(request.user, "open_maturity_round")
    assessment_round = _round(pk)
    teams = assessment_round.teams.all()
    members = {t.pk: 0 for t in teams}
    for team_id in MaturityMembership.objects.filter(team__in=teams).values_list("team_id", flat=True):
        members[team_id] += 1
    submitted = {t.pk: 0 for t in teams}
    for team_id in assessment_round.responses.filter(submitted_at__isnull=False).values_list(
        "team_id", flat=True
    ):
        submitted[team_id] = submitted.get(team_id, 0) + 1
    rows = [(t, members[t.pk], submitted[t.pk]) for t in teams]
    context = {"round": assessment_round, "rows": rows, "breadcrumbs": [MATURITY_CRUMB]}
    return render(request, "maturity/round_detail.html", context)


@login_required
@require_POST
def round_close(request, pk):
    require(request.user, "open_maturity_round")
    assessment_round = _round(pk)
    services.round_close(assessment_round=assessment_round, user=request.user)
    messages.success(request, f"{assessment_round.name} is closed. Teams can now see their results.")
    return redirect("maturity:round", pk=pk)


def _parse_answers(post, snapshot) -> tuple[dict, list[str]]:
    answers, errors = {}, []
    top = len(snapshot["levels"])
    for theme in snapshot["themes"]:
        for q in theme["questions"]:
            raw = post.get(f"q-{q['code']}", "")
            comment = post.get(f"c-{q['code']}", "")
            level = None
            if raw:
                try:
                    level = int(raw)
                except ValueError:
                    level = -1
                if not 0 <= level <= top:
                    errors.append(f"{q['code']}: choose one of the levels or 'Don't know'.")
                    level = None
            if len(comment) > 2000:
                errors.append(f"{q['code']}: keep the comment under 2,000 characters.")
            answers[q["code"]] = (level, comment[:2000])
    return answers, errors


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def questionnaire(request, pk, slug):
    """Answer every question for your team; save and come back, then submit. Only you see your answers."""
    assessment_round, team = _round_team(pk, slug)
    require(request.user, "answer_maturity_round", (assessment_round, team))
    snapshot = assessment_round.version.snapshot
    response = assessment_round.responses.filter(team=team, user=request.user).first()
    answers = selectors.answers_for(response=response)
    errors = []
    if request.method == "POST":
        answers, errors = _parse_answers(request.POST, snapshot)
        submit = "submit" in request.POST
        if not errors:
            try:
                services.response_save(
                    assessment_round=assessment_round,
                    team=team,
                    user=request.user,
                    answers=answers,
                    submit=submit,
                )
            except ValidationError as exc:
                errors = exc.messages
            else:
                if submit:
                    messages.success(
                        request, "Your answers are submitted. You can change them until the round closes."
                    )
                    return redirect("maturity:index")
                messages.success(
                    request, "Your answers are saved. Come back to finish them before the round closes."
                )
                return redirect("maturity:answer", pk=pk, slug=slug)
    themes = [
        {
            **theme,
            "questions": [
                {
                    **q,
                    "answer": answers.get(q["code"], (None, ""))[0],
                    "comment": answers.get(q["code"], (None, ""))[1],
                }
                for q in theme["questions"]
            ],
        }
        for theme in snapshot["themes"]
    ]
    answered = sum(1 for level, _ in answers.values() if level is not None)
    context = {
        "round": assessment_round,
        "team": team,
        "themes": themes,
        "levels": list(enumerate(snapshot["levels"], start=1)),
        "dont_know": DONT_KNOW,
        "errors": errors,
        "answered": answered,
        "total": sum(len(t["questions"]) for t in snapshot["themes"]),
        "submitted": response is not None and response.submitted_at is not None,
        "breadcrumbs": [MATURITY_CRUMB],
    }
    return render(request, "maturity/questionnaire.html", context, status=400 if errors else 200)


def _team_result_context(request, assessment_round, team):
    prof = selectors.team_profile(assessment_round=assessment_round, team=team)
    before_round = selectors.previous_round(assessment_round=assessment_round, team=team)
    before = selectors.team_profile(assessment_round=before_round, team=team) if before_round else None
    actions = selectors.theme_actions(assessment_round=assessment_round, prof=prof)
    return {
        "round": assessment_round,
        "team": team,
        "profile": prof,
        "previous_round": before_round,
        "changes": selectors.compare(now=prof, before=before),
        "actions": actions,
        "champions": selectors.champions() if actions else [],
        "can_manage": can(request.user, "manage_maturity_team", team),
        "pathway": selectors.pathway_for_team(team=team),
    }


@login_required
@never_cache
@require_GET
def team_result(request, pk, slug):
    """The team's profile: median and spread per theme and question, change since last time, what to do next."""
    assessment_round, team = _round_team(pk, slug)
    require(request.user, "view_maturity_team_result", (assessment_round, team))
    context = _team_result_context(request, assessment_round, team)
    courses = [c for a in context["actions"] for c in a.courses]
    context["pathway_form"] = PathwayForm(courses=list({c.pk: c for c in courses}.values()))
    context["breadcrumbs"] = [MATURITY_CRUMB]
    return render(request, "maturity/team_result.html", context)


@login_required
@require_POST
def team_pathway(request, pk, slug):
    """A team lead turns the suggested courses into the team's recommended pathway."""
    assessment_round, team = _round_team(pk, slug)
    require(request.user, "view_maturity_team_result", (assessment_round, team))
    require(request.user, "manage_maturity_team", team)
    context = _team_result_context(request, assessment_round, team)
    courses = list({c.pk: c for a in context["actions"] for c in a.courses}.values())
    form = PathwayForm(request.POST, courses=courses)
    if form.is_valid():
        services.team_pathway_set(
            team=team,
            assessment_round=assessment_round,
            courses=form.chosen_courses(),
            note=form.cleaned_data["note"],
            actor=request.user,
        )
        messages.success(
            request, f"The recommended pathway for {team.name} is saved. Members see it on My learning."
        )
        return redirect("maturity:team_result", pk=pk, slug=slug)
    context.update(pathway_form=form, breadcrumbs=[MATURITY_CRUMB])
    return render(request, "maturity/team_result.html", context, status=400)


def _csv(rows, filename) -> HttpResponse:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


HEADER = [
    "Team",
    "Respondents",
    "Theme",
    "Question",
    "Median",
    "Median level",
    "Lowest",
    "Highest",
    "Answers",
    "Don't know",
]


def _profile_rows(label, prof) -> list[list]:
    if prof.withheld:
        return [[label, prof.respondents, "", "", "", "Withheld: fewer than 3 respondents", "", "", "", ""]]
    rows = []
    for theme in prof.themes:
        for code, s in [("All", theme.score)] + [(q.code, q.score) for q in theme.questions]:
            rows.append(
                [
                    label,
                    prof.respondents,
                    theme.name,
                    code,
                    "" if s.median is None else s.median,
                    prof.scale.label(s.median) or "Fewer than 3 answers",
                    prof.scale.label(s.low),
                    prof.scale.label(s.high),
                    s.rated,
                    s.dont_know,
                ]
            )
    return rows


@login_required
@require_GET
def team_result_csv(request, pk, slug):
    assessment_round, team = _round_team(pk, slug)
    require(request.user, "view_maturity_team_result", (assessment_round, team))
    prof = selectors.team_profile(assessment_round=assessment_round, team=team)
    return _csv([HEADER, *_profile_rows(team.name, prof)], f"maturity-{assessment_round.pk}-{team.slug}.csv")


@login_required
@never_cache
@require_GET
def council_report(request, pk):
    """The whole council's profile, every team side by side, the variance between teams, and the change."""
    require(request.user, "open_maturity_round")
    assessment_round = _round(pk)
    report = selectors.council_report(assessment_round=assessment_round)
    before_round = selectors.previous_round(assessment_round=assessment_round)
    before = selectors.council_report(assessment_round=before_round).council if before_round else None
    context = {
        "round": assessment_round,
        "report": report,
        "previous_round": before_round,
        "changes": selectors.compare(now=report.council, before=before),
        "breadcrumbs": [MATURITY_CRUMB],
    }
    return render(request, "maturity/council_report.html", context)


@login_required
@require_GET
def council_report_csv(request, pk):
    require(request.user, "open_maturity_round")
    assessment_round = _round(pk)
    report = selectors.council_report(assessment_round=assessment_round)
    rows = [HEADER, *_profile_rows("Whole council", report.council)]
    for team, prof in report.teams:
        rows.extend(_profile_rows(team.name, prof))
    return _csv(rows, f"maturity-{assessment_round.pk}-council.csv")


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def team_members(request, slug):
    """The team lead (or HR) adds members by work email and removes them."""
    team = get_object_or_404(MaturityTeam.objects.select_related("lead"), slug=slug)
    require(request.user, "manage_maturity_team", team)
    inviting = request.method == "POST" and "remove" not in request.POST
    form = InviteForm(request.POST if inviting else None)
    if request.method == "POST" and "remove" in request.POST:
        try:
            user_id = int(request.POST["remove"])
        except ValueError:
            user_id = 0
        if services.member_remove(team=team, user_id=user_id):
            messages.success(request, "The member is removed from the team.")
        else:
            messages.error(request, "That person is not a member of this team.")
        return redirect("maturity:team_members", slug=slug)
    if inviting and form.is_valid():
        try:
            membership = services.member_invite(
                team=team, email=form.cleaned_data["email"], actor=request.user
            )
        except ValidationError as exc:
            form.add_error("email", exc.messages[0])
        else:
            name = membership.user.get_full_name() or membership.user.email
            messages.success(request, f"{name} is now a member of {team.name}.")
            return redirect("maturity:team_members", slug=slug)
    members = team.memberships.select_related("user").order_by("user__first_name", "user__last_name")
    context = {"team": team, "members": members, "form": form, "breadcrumbs": [MATURITY_CRUMB]}
    return render(request, "maturity/team_members.html", context, status=400 if form.errors else 200)
