"""Slow work of the forums, run by the task queue (django-tasks) rather than inside a request: every email.

With the immediate backend (the default) a task runs at once, after the post's transaction commits; its
failures are recorded on the notification and never reach the request. With the database backend a worker
runs them, and failed emails are retried later (`manage.py retry_community_emails` does the same from cron).
"""

from django_tasks import task

from . import notifications


@task()
def send_notification_emails(post_id: int, recipient_ids: list[int]) -> int:
    """Email the members told about one post (those who want immediate email)."""
    return notifications.send_immediate(post_id=post_id, recipient_ids=recipient_ids)


@task()
def retry_notification_emails() -> int:
    """Try again every notification email whose retry is due."""
    return notifications.send_due_retries()


@task()
def send_daily_digests() -> int:
    """The daily digest for members who chose it."""
    return notifications.send_daily_digests()


@task()
def send_member_email(user_id: int, subject: str, text: str) -> bool:
    """A one-off community email to one member (champion applications and decisions)."""
    return notifications.send_member_email(user_id=user_id, subject=subject, text=text)
