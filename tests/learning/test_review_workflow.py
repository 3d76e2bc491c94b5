"""The "Academy review" workflow: on the course tree, approved by a second Academy admin, author notified."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Page, Workflow, WorkflowState

from home import roles
from learning.models import CourseIndexPage
from tests.factories.home import make_user


@pytest.fixture
def reviewer(db):
    return make_user("reviewer@test.gov.uk", roles.ACADEMY_ADMIN, first_name="Rita", last_name="Reviewer")


def _submit(lesson, author, django_capture_on_commit_callbacks):
    """The author saves a change and submits it, as "Submit to Academy review" in the page editor does."""
    lesson.title = "Lesson 1, improved"
    revision = lesson.save_revision(user=author)
    workflow = lesson.get_workflow()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.start(lesson, author)
    return revision


def test_migration_puts_academy_review_on_the_course_tree_only(catalogue, course, lessons):
    workflow = Workflow.objects.get(name="Academy review")
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [roles.ACADEMY_ADMIN]
    assert lessons[0].get_workflow() == workflow
    assert CourseIndexPage.objects.get().get_workflow() == workflow
    # Wagtail's default "Moderators approval" (an empty group) is on no page any more.
    assert Page.objects.get(depth=1).get_workflow() is None
    assert not Workflow.objects.filter(name="Moderators approval", active=True).exists()


def test_editor_offers_submit_to_academy_review(client_for, admin_user, lessons):
    response = client_for(admin_user).get(reverse("wagtailadmin_pages:edit", args=[lessons[0].pk]))
    assert response.status_code == 200
    assert "Submit to Academy review" in response.content.decode()


def test_second_admin_approves_and_the_lesson_is_published(
    client_for, admin_user, reviewer, lessons, django_capture_on_commit_callbacks
):
    lesson = lessons[0]
    _submit(lesson, admin_user, django_capture_on_commit_callbacks)
    state = WorkflowState.objects.get(object_id=str(lesson.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    # The reviewer (another Academy admin) was told there is something to review.
    assert any(reviewer.email in message.to for message in mail.outbox)
    mail.outbox.clear()

    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[lesson.pk, "approve", state.current_task_state.pk]
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(reviewer).post(url, {"comment": "Clear and correct."})
    assert response.status_code == 302

    lesson.refresh_from_db()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert lesson.live and lesson.title == "Lesson 1, improved" and not lesson.has_unpublished_changes
    assert [m.to for m in mail.outbox if admin_user.email in m.to], "the author is told it was approved"
    assert "approved" in " ".join(m.subject.lower() for m in mail.outbox if admin_user.email in m.to)


def test_second_admin_requests_changes_and_the_lesson_stays_a_draft(
    client_for, admin_user, reviewer, lessons, django_capture_on_commit_callbacks
):
    lesson = lessons[0]
    _submit(lesson, admin_user, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    state = WorkflowState.objects.get(object_id=str(lesson.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[lesson.pk, "reject", state.current_task_state.pk]
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(reviewer).post(url, {"comment": "Please define 'median' first."})
    assert response.status_code == 302

    lesson.refresh_from_db()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert lesson.title == "Lesson 1" and lesson.has_unpublished_changes  # live version unchanged
    assert state.current_task_state.comment == "Please define 'median' first."
    to_author = [m for m in mail.outbox if admin_user.email in m.to]
    assert to_author and "Please define 'median' first." in to_author[0].body
    # Not locked for good: the author can edit again and resubmit.
    assert not lesson.get_lock() or not lesson.get_lock().for_user(admin_user)


def test_people_outside_the_academy_admin_group_cannot_approve(
    client_for, admin_user, hr_user, lessons, django_capture_on_commit_callbacks
):
    lesson = lessons[0]
    _submit(lesson, admin_user, django_capture_on_commit_callbacks)
    state = WorkflowState.objects.get(object_id=str(lesson.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[lesson.pk, "approve", state.current_task_state.pk]
    )
    client_for(hr_user).post(url, {"comment": ""})
    state.refresh_from_db()
    lesson.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS and lesson.title == "Lesson 1"
