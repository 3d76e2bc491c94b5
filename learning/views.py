"""Short views for learning: the catalogue, course and lesson pages (served through Wagtail), results,
certificates and their public verification, and a learner's own answer review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from competencies.levels import Level
from competencies.models import Competency
from home.hooks import help_links
from home.permissions import can

from . import services
from .blocks import is_question
from .completion import lesson_outstanding
from .forms import CatalogueFilterForm, CourseActionForm, LessonActionForm, VerifyForm
from .grading import (
    AnswerError,
    TamperedAnswer,
    accepted_answers,
    answer_text,
    correct_answer_text,
    question_state,
)
from .models import (
    Certificate,
    CourseAttempt,
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LessonPage,
    QuestionAttempt,
)
from .models.pages import DURATIONS, CatalogueFilters
from .outline import course_outline
from .selectors import course_progress

# --- Catalogue ------------------------------------------------------------------------------


def catalogue_serve(request, index_page: CourseIndexPage, *, preview_mode=None):
    """The catalogue page: the page's own context plus the filters and one page of courses."""
    context = index_page.get_context(request)
    context.update(catalogue_context(request, index_page=index_page))
    return TemplateResponse(request, index_page.get_template(request), context)


def catalogue_context(request, *, index_page) -> dict:
    """Everything the catalogue template needs: the filter form with counts and one page of courses."""
    competencies = Competency.objects.filter(course_links__course__live=True).distinct().order_by("code")
    form = CatalogueFilterForm(request.GET or None, competencies=competencies)
    filters = form.filters() if request.GET else CatalogueFilters()
    counts = index_page.facet_counts(filters=filters, user=request.user)
    _label_with_counts(form, counts)
    role_filter = index_page.role_filter_available(user=request.user)
    if not role_filter:
        del form.fields["for_my_role"]
        filters.for_my_role = False
    page_obj = index_page.catalogue(
        filters=filters,
        user=request.user,
        page_number=request.GET.get("page"),
        count=index_page.matching_count(filters=filters, counts=counts),
    )
    if request.user.is_authenticated:
        enrolled = dict(
            Enrolment.objects.filter(user=request.user, course__in=[c.pk for c in page_obj]).values_list(
                "course_id", "completed_at"
            )
        )
        for course in page_obj:
            if course.pk in enrolled:
                course.learner_status = "passed" if enrolled[course.pk] else "started"
    return {
        "filter_form": form,
        "page_obj": page_obj,
        "result_count": page_obj.paginator.count,
        "filtered": any([filters.levels, filters.competency, filters.durations, filters.for_my_role]),
    }


def _label_with_counts(form, counts) -> None:
    form.fields["level"].choices = [
        (value, f"{label} ({counts['levels'].get(value, 0)})") for value, label in Level.choices
    ]
    form.fields["time"].choices = [(d.slug, f"{d.label} ({counts['durations'][d.slug]})") for d in DURATIONS]
    form.fields["competency"].choices = [
        (value, f"{label} ({counts['competencies'].get(value, 0)})" if value else label)
        for value, label in form.fields["competency"].choices
    ]


# --- Course page ----------------------------------------------------------------------------


def course_serve(request, course: CoursePage, *, preview_mode=None):
    """GET: the course overview with the learner's progress. POST: start or re-take the course."""
    preview = preview_mode is not None
    if request.method == "POST" and not preview:
        return _course_action(request, course=course)
    lessons = list(course.lessons())
    progress = course_progress(user=request.user, course=course, lessons=lessons)
    prerequisites = list(course.prerequisites.live().order_by("path"))
    missing = (
        services.prerequisites_missing(user=request.user, course=course, required=prerequisites)
        if request.user.is_authenticated
        else []
    )
    context = course.get_context(request)
    context.update(
        {
            "lessons": lessons,
            "progress": progress,
            "prerequisites": prerequisites,
            "prerequisites_missing": missing,
            "competency_links": list(course.competency_links.select_related("competency")),
            "preview": preview,
        }
    )
    response = TemplateResponse(request, "learning/course_page.html", context)
    add_never_cache_headers(response)
    return response


def _course_action(request, *, course):
    if not request.user.is_authenticated:
        return redirect_to_login(course.get_url(request))
    if not can(request.user, "take_course", course):
        raise Http404
    form = CourseActionForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Unknown action")
    action = form.cleaned_data["action"]
    try:
        if action == "start":
            enrolment = services.enrolment_start(user=request.user, course=course)
        else:
            enrolment = get_object_or_404(Enrolment, user=request.user, course=course)
            services.course_retake(enrolment=enrolment)
            messages.success(request, "You have started the course again. Your best result still counts.")
    except services.LearningError as exc:
        messages.error(request, str(exc))
        return redirect(course.get_url(request))
    first = course.lessons().first()
    progress = course_progress(user=request.user, course=course, lessons=list(course.lessons()))
    target = progress.next_lesson or first
    return redirect(target.get_url(request) if target else course.get_url(request))


# --- Lesson page ----------------------------------------------------------------------------


def lesson_serve(request, lesson: LessonPage, *, preview_mode=None):
    """A lesson with its questions. POST answers a question or completes the lesson, then redirects.

    Previewed in the admin as a learner sees it (mode "") or with the answers shown (mode "answers").
    """
    preview, show_answers = preview_mode is not None, preview_mode == "answers"
    outline = course_outline(request, lesson, cached=not preview and request.method == "GET")
    course = outline.course
    if preview:
        return _lesson_render(
            request, lesson=lesson, course=course, preview=True, show_answers=show_answers, outline=outline
        )
    if not request.user.is_authenticated:
        return redirect_to_login(lesson.get_url(request))
    attempt = (  # the current take with its enrolment, in one query
        CourseAttempt.objects.filter(enrolment__user=request.user, enrolment__course=course)
        .select_related("enrolment")
        .order_by("-number")
        .first()
    )
    if attempt is None:
        messages.info(request, "Start the course to open its lessons and save your answers.")
        return redirect(course.get_url(request))
    if request.method == "POST":
        return _lesson_action(request, lesson=lesson, course=course, attempt=attempt)
    services.lesson_visit(enrolment=attempt.enrolment, lesson=lesson)
    return _lesson_render(request, lesson=lesson, course=course, attempt=attempt, outline=outline)


def _lesson_action(request, *, lesson, course, attempt):
    form = LessonActionForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Unknown action")
    if form.cleaned_data["action"] == "answer":
        question_id = form.cleaned_data["question"]
        was_finished = attempt.finished_at is not None
        try:
            services.answer_submit(
                course_attempt=attempt, lesson=lesson, question_id=question_id, data=request.POST
            )
        except TamperedAnswer:
            return HttpResponseBadRequest("That answer does not belong to this question.")
        except AnswerError as exc:
            errors = {question_id: str(exc)}
            return _lesson_render(request, lesson=lesson, course=course, attempt=attempt, errors=errors)
        except services.LearningError as exc:
            messages.error(request, str(exc), extra_tags=f"{AT_QUESTION} question-{question_id}")
        else:
            _note_what_the_answer_finished(
                request, lesson=lesson, attempt=attempt, question_id=question_id, was_finished=was_finished
            )
        return redirect(f"{lesson.get_url(request)}#question-{question_id}")
    try:
        services.lesson_complete(course_attempt=attempt, lesson=lesson)
    except services.LessonIncomplete as exc:
        messages.error(request, str(exc), extra_tags=AT_LESSON_END)
        return redirect(f"{lesson.get_url(request)}#lesson-end")
    except services.LearningError as exc:
        messages.error(request, str(exc))
        return redirect(course.get_url(request))
    attempt.refresh_from_db()
    if attempt.finished_at:
        return redirect("learning:course_result", course_id=course.pk)
    following = lesson.get_next_siblings().live().type(LessonPage).first()
    return redirect(following.get_url(request) if following else course.get_url(request))


# Messages shown where the learner is looking (by the question they answered, or by the Complete button)
# rather than in the banner at the top of the page; includes/messages.html leaves these out.
AT_QUESTION = "academy-at-question"
AT_LESSON_END = "academy-at-lesson-end"


def _note_what_the_answer_finished(request, *, lesson, attempt, question_id: str, was_finished: bool) -> None:
    """After an answer closed the lesson's last open question, say so beside that question."""
    attempt.refresh_from_db(fields=["finished_at", "score", "passed"])
    tags = f"{AT_QUESTION} question-{question_id}"
    if attempt.finished_at is not None and not was_finished:
        if attempt.passed:
            text = f"That was the last question. You have finished the course and passed with {attempt.score:.0f}%."
        else:
            text = (
                f"That was the last question. You have finished this take of the course with "
                f"{attempt.score:.0f}%, below the pass mark."
            )
        messages.success(request, text, extra_tags=tags)
    elif attempt.lesson_completions.filter(lesson=lesson).exists():
        messages.success(
            request, "You have answered every question: this lesson is complete.", extra_tags=tags
        )


def _placed_messages(request) -> tuple[dict[str, list], list]:
    """The messages meant for one question (by question id) and for the end of the lesson."""
    by_question: dict[str, list] = {}
    at_end = []
    for message in messages.get_messages(request):
        tags = message.extra_tags.split()
        if AT_QUESTION in tags:
            for tag in tags:
                if tag.startswith("question-"):
                    by_question.setdefault(tag.removeprefix("question-"), []).append(message)
        elif AT_LESSON_END in tags:
            at_end.append(message)
    return by_question, at_end


def _lesson_render(
    request, *, lesson, course, attempt=None, errors=None, preview=False, show_answers=False, outline=None
):
    lessons = outline.lessons if outline is not None else list(course.lessons())
    index = next((i for i, item in enumerate(lessons) if item.pk == lesson.pk), None)
    attempts_by_question: dict[str, list[QuestionAttempt]] = {}
    completed_ids: set[int] = set()
    if attempt is not None:
        for answer in QuestionAttempt.objects.filter(course_attempt=attempt, lesson=lesson).order_by(
            "number"
        ):
            attempts_by_question.setdefault(answer.question_id, []).append(answer)
        completed_ids = set(attempt.lesson_completions.values_list("lesson_id", flat=True))
    notes, end_notes = _placed_messages(request)
    items = _lesson_items(
        request,
        lesson=lesson,
        attempts_by_question=attempts_by_question,
        errors=errors or {},
        notes=notes,
        preview=preview,
        finished=attempt is not None and attempt.finished_at is not None and lesson.pk in completed_ids,
        show_answers=show_answers,
    )
    results = {key: [a.correct for a in answers] for key, answers in attempts_by_question.items()}
    outstanding = (
        lesson_outstanding(lesson=lesson, course_attempt=attempt, results=results) if attempt else []
    )
    required = [item for item in lessons if item.required]
    previous_lesson = lessons[index - 1] if index else None
    next_lesson = lessons[index + 1] if index is not None and index + 1 < len(lessons) else None
    context = lesson.get_context(request)
    context.update(
        {
            "course": course,
            "items": items,
            "errors": errors or {},
            "error_links": [
                {"href": f"#question-{question_id}-answer", "text": message}
                for question_id, message in (errors or {}).items()
            ],
            "preview": preview,
            "show_answers": show_answers,
            "attempt": attempt,
            "outstanding": outstanding,
            "end_notes": end_notes,
            "lesson_done": lesson.pk in completed_ids,
            # A lesson published after the learner's take finished: optional until they take the course again.
            "added_since": attempt is not None
            and attempt.finished_at is not None
            and lesson.pk not in completed_ids,
            "position": (index or 0) + 1,
            "in_course": index is not None,  # False for a draft lesson previewed before it is published
            "lesson_total": len(lessons),
            "previous_lesson": previous_lesson,
            "previous_url": previous_lesson.get_url(request) if previous_lesson else None,
            "next_lesson": next_lesson,
            "next_url": next_lesson.get_url(request) if next_lesson else None,
            "percent": 100
            if attempt is not None and attempt.finished_at
            else round(100 * sum(1 for item in required if item.pk in completed_ids) / len(required))
            if required
            else 0,
            # "Stuck?": help (e.g. champions) with what this course develops.
            "help_links": [
                link
                for competency in (
                    outline.competencies
                    if outline is not None
                    else Competency.objects.filter(course_links__course=course).order_by("code").distinct()
                )
                for link in help_links(request, competency=competency)
            ],
        }
    )
    response = TemplateResponse(request, "learning/lesson_page.html", context)
    add_never_cache_headers(response)
    return response


def _lesson_items(request, *, lesson, attempts_by_question, errors, notes, preview, finished, show_answers):
    """The lesson body as render items; questions carry their learner-safe state (answers only when closed)."""
    items, number = [], 0
    seed = str(request.user.pk or "preview")
    for child in lesson.body:
        if not is_question(child):
            items.append({"child": child, "question": None})
            continue
        number += 1
        question_id = str(child.id)
        view = child.block.public_view(child.value, block_id=question_id, seed=seed)
        answers = attempts_by_question.get(question_id, [])
        latest = answers[-1] if answers else None
        progress = question_state(question=view, results=[a.correct for a in answers])
        state = {
            **view,
            "number": number,
            "error": errors.get(question_id),
            "submitted": request.POST if question_id in errors else {},
            "latest": latest,
            "used": progress.used,
            "remaining": progress.remaining,
            "next_worth": round(progress.next_worth * 100),
            "closed": progress.closed,
            "can_answer": not preview and not progress.closed and not finished,
            "take_finished": finished,
            "notes": notes.get(question_id, []),
        }
        if latest is not None:
            state["answer_text"] = answer_text(latest.snapshot, latest.answer)
        reveal = latest.snapshot if latest is not None and progress.may_show_answer else None
        if show_answers:
            reveal = child.block.snapshot(child.value, block_id=question_id)
        if reveal is not None:
            state["correct_answer"] = correct_answer_text(reveal)
            state["explanation"] = reveal.get("explanation", "")
        items.append({"child": child, "question": state})
    return items


# --- Results, certificates, verification, answer review -----------------------------------


@login_required
@never_cache
def course_result(request, course_id: int):
    """The completion page for the learner's latest finished take of a course."""
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    enrolment = get_object_or_404(
        Enrolment.objects.prefetch_related("certificates"), user=request.user, course=course
    )
    attempt = enrolment.attempts.filter(finished_at__isnull=False).order_by("-number").first()
    if attempt is None:
        messages.info(request, "You have not finished this course yet.")
        return redirect(course.get_url(request))
    certificate = enrolment.certificate if enrolment.completed_at else None
    return TemplateResponse(
        request,
        "learning/course_result.html",
        {
            "course": course,
            "enrolment": enrolment,
            "attempt": attempt,
            "certificate": certificate,
            "competency_links": list(course.competency_links.select_related("competency")),
            "breadcrumbs": [{"label": course.title, "url": course.get_url(request)}],
        },
    )


@login_required
@never_cache
def certificate_detail(request, code: str):
    """The learner's own printable certificate. Anyone else gets 404: the public view is verify."""
    certificate = get_object_or_404(Certificate.objects.select_related("enrolment"), code=code.upper())
    if certificate.enrolment.user_id != request.user.pk:
        raise Http404
    return TemplateResponse(
        request,
        "learning/certificate.html",
        {"certificate": certificate, "level": Level(certificate.level).label},
    )


@require_GET
def verify(request, code: str | None = None):
    """Public: confirm a certificate is genuine, showing only name, course, level and date."""
    form = VerifyForm(request.GET or None)
    if code is None and form.is_valid():
        return redirect("learning:verify_code", code=form.cleaned_data["code"])
    certificate = None
    if code is not None:
        certificate = (
            Certificate.objects.filter(code=code.upper())
            .only("code", "learner_name", "course_title", "level", "issued_at", "expires_at")
            .first()
        )
    return TemplateResponse(
        request,
        "learning/verify.html",
        {
            "form": form,
            "code": code,
            "certificate": certificate,
            "level": Level(certificate.level).label if certificate else "",
        },
        status=404 if code is not None and certificate is None else 200,
    )


@login_required
@never_cache
def answer_detail(request, pk: int):
    """One of the learner's own answers, reviewed against the question as it was asked."""
    answer = get_object_or_404(QuestionAttempt.objects.for_user(request.user).select_related("lesson"), pk=pk)
    snapshot = answer.snapshot
    results = QuestionAttempt.objects.filter(
        course_attempt_id=answer.course_attempt_id, question_id=answer.question_id
    ).values_list("correct", flat=True)
    closed = question_state(question=snapshot, results=list(results)).may_show_answer
    return TemplateResponse(
        request,
        "learning/answer_detail.html",
        {
            "answer": answer,
            "prompt": snapshot.get("prompt", ""),
            "answer_text": answer_text(snapshot, answer.answer),
            "correct_answer": correct_answer_text(snapshot) if closed else "",
            # Short text: every answer that was accepted, so a refused answer can be compared with them.
            "accepted": accepted_answers(snapshot) if closed else [],
            "explanation": snapshot.get("explanation", "") if closed else "",
            "breadcrumbs": [{"label": answer.lesson.title, "url": answer.lesson.get_url(request)}],
        },
    )
