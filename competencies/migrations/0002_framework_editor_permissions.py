"""HR and Academy admins edit the framework in the Wagtail admin: give both groups the model permissions."""

from django.db import migrations

EDITOR_GROUPS = ["HR", "Academy admin"]
MODEL_PERMISSIONS = {
    "competencyarea": ["add", "change", "delete", "view"],
    "competency": ["add", "change", "delete", "view", "publish"],
    "roleprofile": ["add", "change", "delete", "view", "publish"],
    "staffprofile": ["add", "change", "view"],
    "frameworkversion": ["view"],
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model, actions in MODEL_PERMISSIONS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="competencies", model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            for group in Group.objects.filter(name__in=EDITOR_GROUPS):
                group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="competencies")
    for group in Group.objects.filter(name__in=EDITOR_GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("competencies", "0001_initial"),
        ("home", "0003_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
