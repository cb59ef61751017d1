"""Editorial groups from the data migration, and what each can do in the admin."""

from django.contrib.auth.models import Group
from django.test import TestCase

from wagtail.models import GroupPagePermission, Locale, Workflow

from catalog.models import Genre
from catalog.tests import factories
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
