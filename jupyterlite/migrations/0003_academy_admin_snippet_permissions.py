"""Give the Academy admin group the model permissions for datasets and exercises (the snippet admin checks them)."""

from django.db import migrations

ACADEMY_ADMIN = "Academy admin"
MODELS = ["dataset", "exercise", "question"]
ACTIONS = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _ = Group.objects.get_or_create(name=ACADEMY_ADMIN)
    for model in MODELS:
        ct, _ = ContentType.objects.get_or_create(app_label="jupyterlite", model=model)
        for action in ACTIONS:
            perm, _ = Permission.objects.get_or_create(
                content_type=ct, codename=f"{action}_{model}", defaults={"name": f"Can {action} {model}"}
            )
            group.permissions.add(perm)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=ACADEMY_ADMIN).first()
    if group is not None:
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="jupyterlite"))


class Migration(migrations.Migration):
    dependencies = [
        ("jupyterlite", "0002_lab_feedback_and_saved_notebooks"),
        ("home", "0003_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
