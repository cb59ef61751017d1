"""Editors and Publishers steer search: they add, change and delete promoted results.
Moderators do not; the search terms report stays Wagtail's superuser-only (docs/search.md)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMS = [f"{action}_searchpromotion" for action in ("add", "change", "delete")]
GROUPS = ("Editors", "Publishers")


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(
        content_type__app_label="wagtailsearchpromotions", codename__in=PERMS
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*perms)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(
        content_type__app_label="wagtailsearchpromotions", codename__in=PERMS
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_search_extensions"),
        ("catalog", "0006_role_permissions"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
