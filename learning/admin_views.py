"""Wagtail admin screens for Academy admins: course reports (totals, question statistics, CSV) and course
packs (export a course as a .zip, import one)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse

from home.csv import csv_response
from home.permissions import require

from .coursepacks import PackRejected, export_course, import_pack
from .coursepacks.files import FORMAT_VERSION, to_zip
from .coursepacks.importer import read_pack
from .forms import CoursePackImportForm
from .models import CoursePage
from .selectors import course_report, courses_with_totals


def report_index(request):
    """Every course with its enrolments and completions."""
    require(request.user, "view_course_reports")
    rows = []
    for course in courses_with_totals():
        rate = (
            round(100 * course.completion_count / course.enrolment_count, 1)
            if course.enrolment_count
            else None
        )
        rows.append({"course": course, "rate": rate})
    return TemplateResponse(
        request,
        "learning/admin/report_index.html",
        {"rows": rows, "page_title": "Course reports", "header_icon": "table"},
    )


def report_detail(request, course_id: int):
    """One course: enrolments, completions, rate, average best score, first-try success per question."""
    require(request.user, "view_course_reports")
    course = get_object_or_404(CoursePage, pk=course_id)
    return TemplateResponse(
        request,
        "learning/admin/report_detail.html",
        {
            "course": course,
            "report": course_report(course=course),
            "page_title": f"Course report: {course.title}",
            "header_icon": "table",
            "index_url": reverse("learning_reports:index"),
        },
    )


def report_csv(request, course_id: int):
    """The course report as CSV: the totals, then one row per question. No learner is named."""
    require(request.user, "view_course_reports")
    course = get_object_or_404(CoursePage, pk=course_id)
    report = course_report(course=course)
    header = ["Course", "Enrolments", "Completions", "Completion rate (%)", "Average best score (%)"]
    rows = [
        [
            course.title,
            report["enrolments"],
            report["completions"],
            report["completion_rate"],
            report["average_score"],
        ],
        [],
        ["Lesson", "Question", "First attempts", "Right first time", "Right first time (%)"],
    ]
    rows += [
        [row.lesson.title, row.prompt, row.first_attempts, row.first_correct, row.share]
        for row in report["questions"]
    ]
    return csv_response(f"course-{course.pk}-report.csv", header, rows)


def course_pack_export(request, course_id: int):
    """The course as one .zip course pack (docs/course-packs.md), downloaded."""
    require(request.user, "export_course_pack")
    course = get_object_or_404(CoursePage, pk=course_id)
    try:
        files = export_course(course, exported_from=request.get_host())
    except PackRejected as error:
        messages.error(request, "This course cannot be exported: " + " ".join(error.errors))
        return TemplateResponse(
            request,
            "learning/admin/course_pack_import.html",
            {"form": CoursePackImportForm(), "errors": error.errors, "page_title": "Course packs"},
            status=400,
        )
    response = HttpResponse(to_zip(files), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{course.slug}.course-pack.zip"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def course_pack_import(request):
    """Upload a pack: everything is checked and applied in one transaction, then the report is shown."""
    require(request.user, "import_course_pack")
    form = CoursePackImportForm(request.POST or None, request.FILES or None)
    errors, report, status = [], None, 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["pack"]
            try:
                report = import_pack(read_pack(upload), user=request.user)
            except PackRejected as error:
                errors, status = error.errors, 400
                messages.error(request, f"Nothing was imported: {upload.name} has {len(errors)} problem(s).")
            else:
                messages.success(request, report.summary())
        else:
            status = 400
    return TemplateResponse(
        request,
        "learning/admin/course_pack_import.html",
        {
            "form": form,
            "errors": errors,
            "report": report,
            "format_version": FORMAT_VERSION,
            "page_title": "Import a course pack",
            "header_icon": "upload",
        },
        status=status,
    )
