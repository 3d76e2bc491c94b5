"""Create the platform's roles as Django groups and give each the permissions it needs."""

from django.db import migrations

LEARNER, CHAMPION, HR, ACADEMY_ADMIN = "Learner", "Champion", "HR", "Academy admin"
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image", "delete_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document", "delete_document"],
}


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in (LEARNER, CHAMPION, HR, ACADEMY_ADMIN)}
    admin_ct, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_ct, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    groups[ACADEMY_ADMIN].permissions.add(access_admin)
    groups[HR].permissions.add(access_admin)

    # Academy admins author every page: grant the page permissions on the tree's root.
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        page_ct, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
        for codename in PAGE_PERMISSIONS:
            perm, _ = Permission.objects.get_or_create(content_type=page_ct, codename=codename, defaults={"name": codename})
            GroupPagePermission.objects.get_or_create(group=groups[ACADEMY_ADMIN], page=root, permission=perm)

    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for app_label, codenames in COLLECTION_PERMISSIONS.items():
            for codename in codenames:
                model = codename.split("_", 1)[1]
                ct, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
                perm, _ = Permission.objects.get_or_create(content_type=ct, codename=codename, defaults={"name": codename})
                GroupCollectionPermission.objects.get_or_create(
                    group=groups[ACADEMY_ADMIN], collection=root_collection, permission=perm
                )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[LEARNER, CHAMPION, HR, ACADEMY_ADMIN]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_pages_and_settings"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]
    operations = [migrations.RunPython(create_roles, remove_roles)]
