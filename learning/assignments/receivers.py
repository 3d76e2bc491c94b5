"""Keep each person's assigned learning in step with their passes and certificates, and with the staff list.

These receivers only refresh stored dates (a denormalisation, like a counter); the rules are in services.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail import hooks

from competencies.staff.services import STAFF_CHANGED_HOOK
from learning.models import Certificate, CourseAttempt

from . import services


@receiver(post_save, sender=CourseAttempt, dispatch_uid="assignments_after_pass")
def after_pass(sender, instance: CourseAttempt, **kwargs):
    if instance.passed and instance.finished_at:
        enrolment = instance.enrolment
        services.assigned_learning_refresh(user_id=enrolment.user_id, course_id=enrolment.course_id)


@receiver(post_save, sender=Certificate, dispatch_uid="assignments_after_certificate")
def after_certificate(sender, instance: Certificate, created: bool, **kwargs):
    if created and instance.expires_at:
        enrolment = instance.enrolment
        services.assigned_learning_refresh(user_id=enrolment.user_id, course_id=enrolment.course_id)


@hooks.register(STAFF_CHANGED_HOOK)
def after_staff_changed(*, staff_ids):
    services.assignments_sync(staff_ids=staff_ids, recompute=True)
