"""Editorial groups from the data migration, and what each can do in the admin."""

from django.contrib.auth.models import Group
from django.test import TestCase

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Locale, Workflow

from catalog.models import Genre
from catalog.tests import factories
from catalog.tests.media_fixtures import tiny_image_file
from mediasite.tests.factories import UserFactory


class EditorialRoleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = factories.ShowIndexPageFactory()
        cls.show = factories.publish(factories.ShowPageFactory(parent=cls.index))
        cls.editor = UserFactory(email="ed@example.com", is_staff=True)
        cls.editor.groups.add(Group.objects.get(name="Editors"))
        cls.publisher = UserFactory(email="pub@example.com", is_staff=True)
        cls.publisher.groups.add(Group.objects.get(name="Publishers"))
        cls.moderator = UserFactory(email="mod@example.com", is_staff=True)
        cls.moderator.groups.add(Group.objects.get(name="Moderators"))

    def _page_perms(self, group_name):
        return set(
            GroupPagePermission.objects.filter(group__name=group_name).values_list(
                "permission__codename", flat=True
            )
        )

    def test_groups_and_their_page_rights(self):
        self.assertEqual(self._page_perms("Editors"), {"add_page", "change_page"})
        self.assertIn("publish_page", self._page_perms("Publishers"))
        self.assertEqual(self._page_perms("Moderators"), set())

    def test_editor_can_edit_but_not_publish(self):
        perms = self.show.permissions_for_user(self.editor)
        self.assertTrue(perms.can_edit())
        self.assertFalse(perms.can_publish())
        self.assertTrue(self.show.permissions_for_user(self.publisher).can_publish())

    def test_moderator_gets_into_the_admin_but_not_the_pages(self):
        self.client.force_login(self.moderator)
        self.assertEqual(self.client.get("/admin/").status_code, 200)
        self.assertFalse(self.show.permissions_for_user(self.moderator).can_edit())
        response = self.client.get(f"/admin/pages/{self.show.pk}/edit/")
        self.assertIn(response.status_code, (302, 403))

    def test_editor_manages_genres_in_the_admin(self):
        self.client.force_login(self.editor)
        self.assertEqual(self.client.get("/admin/snippets/catalog/genre/").status_code, 200)
        response = self.client.post(
            "/admin/snippets/catalog/genre/add/",
            {"name": "Western", "slug": "", "description": "", "locale": Locale.get_default().pk},
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Genre.objects.get(name="Western").slug, "western")

    def test_review_workflow_has_publisher_approval(self):
        workflow = Workflow.objects.get(name="Catalog review")
        task = workflow.tasks.get().specific
        self.assertEqual(list(task.groups.values_list("name", flat=True)), ["Publishers"])


class DocumentedRolePermissionTests(TestCase):
    """The groups carry what docs/roles-and-workflow.md says (catalog 0006), nothing more."""

    def _model_perms(self, name):
        # Other apps (the engagement queue) may add their own permissions to these groups.
        return {
            f"{p.content_type.app_label}.{p.codename}"
            for p in Group.objects.get(name=name).permissions.select_related("content_type")
            if p.content_type.app_label != "engagement"
        }

    def _collection_perms(self, name):
        return set(
            GroupCollectionPermission.objects.filter(group__name=name).values_list(
                "permission__codename", flat=True
            )
        )

    def test_model_permissions(self):
        snippets = ("genre", "person", "showcollection", "videoasset")
        common = {
            "wagtailadmin.access_admin",
            "wagtail_localize.submit_translation",
            "subscriptions.view_plan",
            # Promoted search results (search 0002).
            *(f"wagtailsearchpromotions.{a}_searchpromotion" for a in ("add", "change", "delete")),
        }
        editors = {f"subscriptions.{a}_plancopy" for a in ("add", "change", "view")}
        publishers = editors | {"subscriptions.delete_plancopy"}
        self.assertEqual(
            self._model_perms("Editors"),
            common
            | editors
            | {f"catalog.{a}_{m}" for a in ("add", "change", "view") for m in snippets},
        )
        self.assertEqual(
            self._model_perms("Publishers"),
            common
            | publishers
            | {f"catalog.{a}_{m}" for a in ("add", "change", "delete", "view") for m in snippets},
        )
        self.assertEqual(self._model_perms("Moderators"), {"wagtailadmin.access_admin"})

    def test_image_and_document_permissions(self):
        editors = {f"{a}_{m}" for a in ("add", "change", "choose") for m in ("image", "document")}
        self.assertEqual(self._collection_perms("Editors"), editors)
        self.assertEqual(
            self._collection_perms("Publishers"), editors | {"delete_image", "delete_document"}
        )
        self.assertEqual(self._collection_perms("Moderators"), set())

    def test_only_publishers_delete_images_and_documents(self):
        editor = UserFactory(email="ed-del@example.com", is_staff=True)
        editor.groups.add(Group.objects.get(name="Editors"))
        publisher = UserFactory(email="pub-del@example.com", is_staff=True)
        publisher.groups.add(Group.objects.get(name="Publishers"))
        image = get_image_model().objects.create(
            title="Keep me", file=tiny_image_file("keep.png"), width=4, height=4
        )
        self.addCleanup(image.file.delete, save=False)
        document = get_document_model().objects.create(
            title="Keep me too", file=tiny_image_file("keep.txt")
        )
        self.addCleanup(document.file.delete, save=False)
        delete_urls = [
            f"/admin/images/{image.pk}/delete/",
            f"/admin/documents/delete/{document.pk}/",
        ]

        self.client.force_login(editor)
        for url in delete_urls:
            self.client.post(url)
        self.assertTrue(get_image_model().objects.filter(pk=image.pk).exists())
        self.assertTrue(get_document_model().objects.filter(pk=document.pk).exists())

        self.client.force_login(publisher)
        for url in delete_urls:
            self.client.post(url)
        self.assertFalse(get_image_model().objects.filter(pk=image.pk).exists())
        self.assertFalse(get_document_model().objects.filter(pk=document.pk).exists())
