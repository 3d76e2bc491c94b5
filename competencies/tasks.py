"""Slow work of the framework, run by the task queue (django-tasks): importing a framework file uploaded in the
admin. The DDaT file has thousands of rows; the request only stores the upload and shows a progress page."""

from django_tasks import task

from . import transfer


@task()
def import_framework_file(import_id: int) -> str:
    """Run one queued FrameworkImport; its row records progress and the outcome for the result page."""
    return transfer.run_queued_import(import_id)
