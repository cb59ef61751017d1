"""Editorial groups and the review workflow.

Wagtail's own initial data creates "Moderators" (page publishers) and "Editors".
Here "Moderators" means the people who triage user reports, so Wagtail's group
is renamed "Publishers", and a new "Moderators" group gets admin access only.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PAGE_PERMS = {
    "Editors": ["add_page", "change_page"],
    "Publishers": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
IMAGE_PERMS = {
    "Editors": ["add_image", "change_image", "choose_image"],
    "Publishers": ["add_image", "change_image", "choose_image", "delete_image"],
}
SNIPPETS = ["genre", "person", "showcollection"]
SNIPPET_ACTIONS = {
    "Editors": ["add", "change", "view"],
    "Publishers": ["add", "change", "delete", "view"],
}


def _perm(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def create_roles(apps, schema_editor):
    # Permissions for models in this migration run are created after migrate; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    wagtail_moderators = Group.objects.filter(name="Moderators").first()
    if wagtail_moderators and not Group.objects.filter(name="Publishers").exists():
        wagtail_moderators.name = "Publishers"
        wagtail_moderators.save()

    access_admin = _perm(apps, "wagtailadmin", "access_admin")
    root = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)

    for name in ("Editors", "Publishers"):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)
        for codename in PAGE_PERMS[name]:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root, permission=_perm(apps, "wagtailcore", codename)
            )
        for codename in IMAGE_PERMS[name]:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=_perm(apps, "wagtailimages", codename),
            )
        for model in SNIPPETS:
            for action in SNIPPET_ACTIONS[name]:
                group.permissions.add(_perm(apps, "catalog", f"{action}_{model}"))

    # Report moderators get into the admin and nothing else (the engagement app
    # adds their queue permissions).
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    moderators.permissions.set([access_admin])
    GroupPagePermission.objects.filter(group=moderators).delete()
    GroupCollectionPermission.objects.filter(group=moderators).delete()

    publishers = Group.objects.get(name="Publishers")
    ContentType = apps.get_model("contenttypes", "ContentType")
    task = GroupApprovalTask.objects.filter(name="Publisher approval").first()
    if task is None:
        task_type, _ = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(
            name="Publisher approval", active=True, content_type=task_type
        )
        task.groups.add(publishers)
    workflow, created = Workflow.objects.get_or_create(name="Catalog review")
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)

    # Wagtail's default workflow names the old group; keep it pointing at Publishers.
    Workflow.objects.filter(name="Moderators approval").update(name="Publisher approval (site)")


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0001_initial"),
        ("home", "0002_create_homepage"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailadmin", "0006_formstate"),
        # Wagtail apps whose migrations grant permissions to groups by name run first.
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailusers", "0015_userprofile_keyboard_shortcuts"),
        ("wagtailembeds", "0009_embed_cache_until"),
        ("wagtailforms", "0005_alter_formsubmission_form_data"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailsearch", "0010_add_text_fields"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
