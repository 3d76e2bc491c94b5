"""Course reports in the Wagtail admin, for Academy admins: totals per course, question statistics, CSV."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse

from home.csv import csv_response
from home.permissions import require

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
