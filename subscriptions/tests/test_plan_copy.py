"""Plans' viewer-facing texts (PlanCopy): made with the plan, read in the viewer's language."""

from django.test import TestCase
from django.utils import translation

from wagtail.models import Locale

from subscriptions import selectors
from subscriptions.models import PlanCopy
from subscriptions.tests.utils import make_plan


class PlanCopyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.basic = make_plan("basic", tier=1, name="Basic", features="SD")
        cls.premium = make_plan("premium", tier=2, name="Premium", features="HD")
        fr = Locale.objects.get(language_code="fr")
        english = PlanCopy.objects.get(plan=cls.premium)
        english.description = "Everything, in HD."
        english.save()
        french = english.copy_for_translation(fr)
        french.name, french.description = "Premium FR", "Tout, en HD."
        french.features = "Haute définition\nSans pub"
        french.save()

    def texts(self, language):
        with translation.override(language):
            plans = selectors.plans_with_copy(selectors.plan_list())
        return [(p.display_name, p.display_features, p.description) for p in plans]

    def test_each_language_reads_its_copy_and_falls_back_to_the_default(self):
        self.assertEqual(
            self.texts("en"),
            [("Basic", ["SD"], ""), ("Premium", ["HD"], "Everything, in HD.")],
        )
        self.assertEqual(
            self.texts("fr"),
            [
                ("Basic", ["SD"], ""),
                ("Premium FR", ["Haute définition", "Sans pub"], "Tout, en HD."),
            ],
        )

    def test_one_query_for_the_copies_of_a_list(self):
        plans = list(selectors.plan_list())
        with self.assertNumQueries(1):
            plans = selectors.plans_with_copy(plans, "fr")
            [plan.display_name for plan in plans]

    def test_the_plans_page_shows_the_copy(self):
        copy = PlanCopy.objects.get(plan=self.basic)
        copy.name, copy.description = "Basic monthly", "The essentials."
        copy.save()
        response = self.client.get("/account/plans/")
        self.assertContains(response, '<h2 class="plan-card__name">Basic monthly</h2>', html=True)
        self.assertContains(response, "The essentials.")
        self.assertContains(response, "Sign up for Basic monthly")

    def test_a_plan_without_a_copy_reads_its_own_texts(self):
        PlanCopy.objects.filter(plan=self.basic).delete()
        plan = selectors.plan_by_slug("basic")
        self.assertEqual((plan.display_name, plan.display_features), ("Basic", ["SD"]))
