"""Exercises get Wagtail drafts, revisions, locking and the Academy review workflow; datasets get versions;
questions get declarative answer recipes.

Data: every dataset's file becomes its version 1 and every exercise pins version 1 of its datasets; an
exercise is live if it was published; each question answered by a Python computation that a recipe can
now say gets that recipe (jupyterlite.exercise_specs.RECIPES) instead; the "Academy review" workflow
(made here if the learning app has not made it yet: same name, same task) also covers exercises; the
Academy admin group may lock, unlock and publish exercises (publishing is what approving a review does),
but not "publish without review", which is given to people one by one.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import jupyterlite.computations

ACADEMY_ADMIN = "Academy admin"
WORKFLOW_NAME = "Academy review"


def forwards(apps, schema_editor):
    from jupyterlite.exercise_specs import RECIPES

    Dataset = apps.get_model("jupyterlite", "Dataset")
    DatasetVersion = apps.get_model("jupyterlite", "DatasetVersion")
    Exercise = apps.get_model("jupyterlite", "Exercise")
    Question = apps.get_model("jupyterlite", "Question")
    for dataset in Dataset.objects.all():
        DatasetVersion.objects.get_or_create(
            dataset=dataset,
            number=1,
            defaults={
                "csv_text": dataset.csv_text,
                "columns": dataset.columns,
                "row_count": dataset.row_count,
                "note": "The file before versions were kept",
            },
        )
    Dataset.objects.update(version=1)
    for exercise in Exercise.objects.all():
        exercise.live = exercise.is_published
        exercise.has_unpublished_changes = not exercise.is_published
        exercise.dataset_versions = {d.slug: 1 for d in exercise.datasets.all()}
        exercise.save(update_fields=["live", "has_unpublished_changes", "dataset_versions"])
    slugs = set(Dataset.objects.values_list("slug", flat=True))
    for question in Question.objects.filter(computation__in=list(RECIPES)):
        recipe = RECIPES[question.computation]
        if recipe["dataset"] in slugs:
            question.recipe, question.computation = {**recipe, "version": 1}, ""
            question.save(update_fields=["recipe", "computation"])

    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    group, _ = Group.objects.get_or_create(name=ACADEMY_ADMIN)
    task_ct, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME, content_type=task_ct, active=True)
    task.groups.add(group)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    exercise_ct, _ = ContentType.objects.get_or_create(app_label="jupyterlite", model="exercise")
    WorkflowContentType.objects.update_or_create(content_type=exercise_ct, defaults={"workflow": workflow})
    for action in ("publish", "lock", "unlock"):
        perm, _ = Permission.objects.get_or_create(
            content_type=exercise_ct,
            codename=f"{action}_exercise",
            defaults={"name": f"Can {action} exercise"},
        )
        group.permissions.add(perm)
    Permission.objects.get_or_create(
        content_type=exercise_ct,
        codename="publish_without_review_exercise",
        defaults={"name": "Can publish an exercise without Academy review"},
    )


def backwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    WorkflowContentType.objects.filter(
        content_type__in=ContentType.objects.filter(app_label="jupyterlite", model="exercise")
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("jupyterlite", "0003_academy_admin_snippet_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="exercise",
            options={
                "ordering": ["title"],
                "permissions": [
                    ("publish_without_review_exercise", "Can publish an exercise without Academy review")
                ],
            },
        ),
        migrations.AddField(
            model_name="dataset",
            name="version",
            field=models.PositiveIntegerField(
                default=1,
                editable=False,
                help_text="The current version: the file the catalogue offers. Each replacement adds one.",
            ),
        ),
        migrations.AddField(
            model_name="exercise",
            name="dataset_versions",
            field=models.JSONField(
                blank=True,
                default=dict,
                editable=False,
                help_text="The version of each dataset the exercise uses, as {slug: number}. Fixed by the question recipes; a new dataset version is used once the exercise is republished on it.",
            ),
        ),
        migrations.AddField(
            model_name="exercise",
            name="expire_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="expiry date/time"),
        ),
        migrations.AddField(
            model_name="exercise",
            name="expired",
            field=models.BooleanField(default=False, editable=False, verbose_name="expired"),
        ),
        migrations.AddField(
            model_name="exercise",
            name="first_published_at",
            field=models.DateTimeField(
                blank=True, db_index=True, null=True, verbose_name="first published at"
            ),
        ),
        migrations.AddField(
            model_name="exercise",
            name="go_live_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="go live date/time"),
        ),
        migrations.AddField(
            model_name="exercise",
            name="has_unpublished_changes",
            field=models.BooleanField(default=False, editable=False, verbose_name="has unpublished changes"),
        ),
        migrations.AddField(
            model_name="exercise",
            name="last_published_at",
            field=models.DateTimeField(editable=False, null=True, verbose_name="last published at"),
        ),
        migrations.AddField(
            model_name="exercise",
            name="latest_revision",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailcore.revision",
                verbose_name="latest revision",
            ),
        ),
        migrations.AddField(
            model_name="exercise",
            name="live",
            field=models.BooleanField(default=True, editable=False, verbose_name="live"),
        ),
        migrations.AddField(
            model_name="exercise",
            name="live_revision",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailcore.revision",
                verbose_name="live revision",
            ),
        ),
        migrations.AddField(
            model_name="exercise",
            name="locked",
            field=models.BooleanField(default=False, editable=False, verbose_name="locked"),
        ),
        migrations.AddField(
            model_name="exercise",
            name="locked_at",
            field=models.DateTimeField(editable=False, null=True, verbose_name="locked at"),
        ),
        migrations.AddField(
            model_name="exercise",
            name="locked_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="locked_%(class)ss",
                to=settings.AUTH_USER_MODEL,
                verbose_name="locked by",
            ),
        ),
        migrations.AddField(
            model_name="question",
            name="recipe",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text="Work the right answer out from a dataset on the server: filters, a measure, groups.",
            ),
        ),
        migrations.AlterField(
            model_name="exercise",
            name="is_published",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="Kept in step with live (published), for older readers. Learners see live exercises.",
            ),
        ),
        migrations.AlterField(
            model_name="question",
            name="computation",
            field=models.CharField(
                blank=True,
                choices=jupyterlite.computations.choices,
                help_text="For what a recipe cannot say: a Python computation written by a developer.",
                max_length=80,
            ),
        ),
        migrations.AlterField(
            model_name="question",
            name="expected_value",
            field=models.CharField(
                blank=True,
                help_text="The right answer, typed in. Leave blank to work it out with a recipe or a computation.",
                max_length=200,
            ),
        ),
        migrations.CreateModel(
            name="DatasetVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.PositiveIntegerField()),
                ("csv_text", models.TextField(editable=False)),
                (
                    "columns",
                    models.JSONField(default=list, help_text="The columns' names and types in this file."),
                ),
                ("row_count", models.PositiveIntegerField(default=0)),
                (
                    "note",
                    models.CharField(blank=True, help_text="What changed in this version.", max_length=300),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "dataset",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="versions",
                        to="jupyterlite.dataset",
                    ),
                ),
            ],
            options={
                "ordering": ["dataset", "-number"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("dataset", "number"), name="one_dataset_version_per_number"
                    )
                ],
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
