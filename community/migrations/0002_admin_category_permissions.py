"""Academy admins manage forum categories (and their champion moderators) in the Wagtail admin."""

from django.db import migrations

ACADEMY_ADMIN = "Academy admin"
CODENAMES = ["add_category", "change_category", "delete_category", "view_category"]


def grant(apps, schema_editor):
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    create_permissions(global_apps.get_app_config("community"), verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=ACADEMY_ADMIN)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="community", codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [("community", "0001_initial"), ("home", "0003_roles"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
