"""HR and Academy admins author the maturity model and its teams in the Wagtail admin."""

from django.db import migrations

EDITOR_GROUPS = ["HR", "Academy admin"]
MODEL_PERMISSIONS = {
    "maturitymodel": ["add", "change", "delete", "view"],
    "maturitytheme": ["add", "change", "delete", "view"],
    "maturityteam": ["add", "change", "delete", "view"],
    "maturityversion": ["view"],
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model, actions in MODEL_PERMISSIONS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="maturity", model=model)
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
    codenames = [f"{a}_{m}" for m, actions in MODEL_PERMISSIONS.items() for a in actions]
    permissions = Permission.objects.filter(content_type__app_label="maturity", codename__in=codenames)
    for group in Group.objects.filter(name__in=EDITOR_GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("maturity", "0001_initial"),
        ("home", "0003_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
