"""Make the three editorial groups carry what docs/roles-and-workflow.md says.

Wagtail's and wagtail-localize's own data migrations grant permissions to groups by name:
Editors got ``delete_image`` and ``delete_document`` (as model permissions, which count in
every collection), and the report Moderators created in 0002 got
``wagtail_localize.submit_translation``. Images and documents are now granted per
collection only (on the root collection), so one place decides them. Only the permissions
named here are added or taken away: what other apps grant these groups stays.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MEDIA = (("wagtailimages", "image"), ("wagtaildocs", "document"))
# Model permissions on images and documents: taken from every group (collections decide).
MEDIA_MODEL_PERMS = {
    f"{app}.{action}_{model}"
    for app, model in MEDIA
    for action in ("add", "change", "choose", "delete")
}
ADD_MODEL_PERMS = {
    "Editors": {"wagtail_localize.submit_translation", "subscriptions.view_plan"},
    "Publishers": {"wagtail_localize.submit_translation", "subscriptions.view_plan"},
    "Moderators": set(),
}
REMOVE_MODEL_PERMS = {
    "Editors": MEDIA_MODEL_PERMS,
    "Publishers": MEDIA_MODEL_PERMS,
    "Moderators": MEDIA_MODEL_PERMS | {"wagtail_localize.submit_translation"},
}
COLLECTION_PERMS = {
    "Editors": {
        f"{app}.{action}_{model}" for app, model in MEDIA for action in ("add", "change", "choose")
    },
    "Publishers": {
        f"{app}.{action}_{model}"
        for app, model in MEDIA
        for action in ("add", "change", "choose", "delete")
    },
    "Moderators": set(),
}


def _perms(apps, names):
    Permission = apps.get_model("auth", "Permission")
    perms = []
    for name in sorted(names):
        app_label, codename = name.split(".")
        perms.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return perms


def set_role_permissions(apps, schema_editor):
    # Model permissions are made after migrate; make the ones named here now (as 0002 does).
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_collection = Collection.objects.get(depth=1)
    media_perms = _perms(apps, MEDIA_MODEL_PERMS)
    for name, wanted in COLLECTION_PERMS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        group.permissions.remove(*_perms(apps, REMOVE_MODEL_PERMS[name]))
        group.permissions.add(*_perms(apps, ADD_MODEL_PERMS[name]))
        GroupCollectionPermission.objects.filter(group=group, permission__in=media_perms).delete()
        for permission in _perms(apps, wanted):
            GroupCollectionPermission.objects.create(
                group=group, collection=root_collection, permission=permission
            )


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0005_minimum_plan_and_regions"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("subscriptions", "0004_plan_stripe_price_id"),
    ]

    operations = [migrations.RunPython(set_role_permissions, migrations.RunPython.noop)]
