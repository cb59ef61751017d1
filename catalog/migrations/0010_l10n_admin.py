"""Editors and Publishers edit (and so translate) plans' viewer-facing texts.

``subscriptions.PlanCopy`` (subscriptions 0006) is a translatable snippet: editors
submit it for translation and edit its translations like genres and people; Publishers
may also delete one. docs/roles-and-workflow.md has the table. Depends on 0008; the
coordinator chains it after the catalog migrations of other branches.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Editors": ("add", "change", "view"),
    "Publishers": ("add", "change", "delete", "view"),
}


def grant_plan_copy(apps, schema_editor):
    app_config = apps.get_app_config("subscriptions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, actions in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        codenames = [f"{action}_plancopy" for action in actions]
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="subscriptions", codename__in=codenames
            )
        )


def revoke_plan_copy(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(
        content_type__app_label="subscriptions", codename__endswith="_plancopy"
    )
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0009_l10n_media"),
        ("subscriptions", "0006_plan_copy"),
    ]

    operations = [migrations.RunPython(grant_plan_copy, revoke_plan_copy)]
