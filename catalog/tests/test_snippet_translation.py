"""Snippets translated in the admin: genres, people, collections and plans' texts.

Plans keep one row of billing data; what viewers read (name, description, features) is a
translatable ``subscriptions.PlanCopy``, translated with the same editor as the genres,
and shown in the viewer's language (here: a French episode page's access note).
"""

from django.contrib.auth.models import Group
from django.test import TestCase

from wagtail_localize.models import StringSegment, Translation

from catalog.models import AccessLevel, Genre, Person, ShowCollection
from catalog.tests import factories, translations
from mediasite.tests.factories import UserFactory
from subscriptions.models import Plan, PlanCopy
from subscriptions.tests.utils import make_plan


class SnippetTranslationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.fr = translations.locale("fr")
        cls.editor = UserFactory(email="snippets@example.com", is_staff=True)
        cls.editor.groups.add(Group.objects.get(name="Editors"))
        cls.premium = make_plan("premium", tier=2, name="Premium", features="HD\nNo ads")

    def setUp(self):
        self.client.force_login(self.editor)

    def submit(self, obj):
        label = obj._meta
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                f"/admin/localize/submit/snippet/{label.app_label}/{label.model_name}/{obj.pk}/",
                {"locales": [self.fr.pk]},
            )
        self.assertEqual(response.status_code, 302, response.content[:300])
        return type(obj).objects.get(translation_key=obj.translation_key, locale=self.fr)

    def translate(self, obj, path, value):
        translation = Translation.objects.get(
            source__object_id=obj.translation_key, target_locale=self.fr
        )
        segment = StringSegment.objects.get(source=translation.source, context__path=path)
        response = self.client.put(
            f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
            f"value={value}",
            content_type="application/x-www-form-urlencoded",
        )
        self.assertIn(response.status_code, (200, 201), response.content)
        target = type(obj).objects.get(translation_key=obj.translation_key, locale=self.fr)
        label = obj._meta
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                f"/admin/snippets/{label.app_label}/{label.model_name}/edit/{target.pk}/",
                {"action": "publish"},
            )
        target.refresh_from_db()
        return target

    def test_genres_people_and_collections_are_submitted(self):
        genre = factories.GenreFactory(name="Drama")
        person = factories.PersonFactory(name="Ada Byrne", birth_year=1980)
        show = factories.publish(factories.ShowPageFactory())
        collection = ShowCollection.objects.create(name="Award winners", slug="award-winners")
        collection.items.create(show=show)
        for obj in (genre, person, collection):
            self.assertEqual(self.submit(obj).locale, self.fr)
        self.assertEqual(self.translate(genre, "name", "Drame").name, "Drame")
        self.assertEqual(Genre.objects.get(pk=genre.pk).name, "Drama")
        fr_person = Person.objects.get(translation_key=person.translation_key, locale=self.fr)
        self.assertEqual(fr_person.birth_year, 1980)  # synchronised

    def test_a_plan_gets_its_copy_and_its_translation_keeps_one_plan(self):
        copy = PlanCopy.objects.get(plan=self.premium, locale__language_code="en")
        self.assertEqual((copy.name, copy.feature_list), ("Premium", ["HD", "No ads"]))

        self.submit(copy)
        fr_copy = self.translate(copy, "name", "Premium (fr)")
        self.assertEqual((fr_copy.name, fr_copy.plan_id), ("Premium (fr)", self.premium.pk))
        # Billing data stays single: one plan, its own name untouched.
        self.assertEqual(Plan.objects.count(), 1)
        self.assertEqual(Plan.objects.get().name, "Premium")
        self.assertEqual(PlanCopy.objects.filter(plan=self.premium).count(), 2)

    def test_a_french_episode_names_the_plan_in_french(self):
        copy = PlanCopy.objects.get(plan=self.premium)
        translations.translate_snippet(copy, "fr", name="Premium Français")
        episode = factories.publish(
            factories.EpisodePageFactory(
                access_level=AccessLevel.SUBSCRIBERS, minimum_plan=self.premium
            )
        )
        fr_episode = translations.translate_page(episode, "fr")
        english = self.client.get(episode.url)
        self.assertContains(english, "For subscribers on Premium or higher.")
        french = self.client.get(fr_episode.url)
        self.assertEqual(french.status_code, 200)
        self.assertContains(french, "Premium Français")
        self.assertNotContains(french, "on Premium or higher")
