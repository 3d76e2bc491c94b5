"""The "Academy review" workflow: one group approval task, approved by Academy admins, on the course tree.

Wagtail's default "Moderators approval" workflow sits on the root page with an empty Moderators group, so
"Submit for review" locked a page for good. It is taken off every page here; the course index (and any
course index created later, see `learning.services.assign_review_workflow`) gets Academy review instead.
"""

from django.db import migrations

ACADEMY_ADMIN = "Academy admin"
WORKFLOW_NAME = "Academy review"
DEFAULT_WORKFLOW_NAME = "Moderators approval"


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    CourseIndexPage = apps.get_model("learning", "CourseIndexPage")

    group, _ = Group.objects.get_or_create(name=ACADEMY_ADMIN)
    task_ct, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME, content_type=task_ct, active=True)
    task.groups.set([group])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    WorkflowPage.objects.filter(workflow__name=DEFAULT_WORKFLOW_NAME).delete()
    Workflow.objects.filter(name=DEFAULT_WORKFLOW_NAME).update(active=False)
    for catalogue in CourseIndexPage.objects.all():
        WorkflowPage.objects.update_or_create(page_id=catalogue.pk, defaults={"workflow": workflow})


def remove_workflow(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Workflow.objects.filter(name=WORKFLOW_NAME).delete()
    apps.get_model("wagtailcore", "GroupApprovalTask").objects.filter(name=WORKFLOW_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0003_recertification"),
        ("home", "0003_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]
    operations = [migrations.RunPython(create_workflow, remove_workflow)]
