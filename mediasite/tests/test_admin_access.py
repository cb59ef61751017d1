"""Every /admin/ URL, for every role, answers as docs/roles-and-workflow.md says.

The URLs come from the resolver (Wagtail's admin and every app's additions), their ids
from real objects made here; each is requested (GET) as an editor, a publisher, a
moderator, a plain subscriber and an anonymous visitor. The expected answers are the table
between the ``admin-access`` markers in docs/roles-and-workflow.md, read by this test:
the first row whose pattern matches the URL pattern decides.
"""

import re
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client, TestCase
from django.urls import URLPattern, URLResolver, get_resolver

from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Site, Task, TaskState, Workflow

from wagtail_localize.models import Translation, TranslationSource

from catalog.models import ShowCollection, VideoAsset
from catalog.tests import factories
from catalog.tests.media_fixtures import tiny_image_file
from engagement.models import Review
from mediasite.tests.factories import UserFactory
from subscriptions.models import BillingEvent, PlanCopy
from subscriptions.tests.utils import make_plan, subscribe

DOC = Path(settings.BASE_DIR) / "docs" / "roles-and-workflow.md"
ROLES = ["editor", "publisher", "moderator", "subscriber", "anonymous"]
LOGIN = settings.LOGIN_URL
MISSING = 2**31 - 1


def expected_answers() -> list[tuple[re.Pattern, dict[str, str]]]:
    """The rows of the documented table: (URL pattern regex, {role: yes|no|login})."""
    text = DOC.read_text()
    table = text.split("<!-- admin-access:start -->")[1].split("<!-- admin-access:end -->")[0]
    rows = []
    for line in table.strip().splitlines()[2:]:
        cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip()[1:-1])]
        pattern = cells[0].strip("`").replace("\\|", "|")
        rows.append((re.compile(pattern), dict(zip(ROLES, cells[1:], strict=True))))
    return rows


def admin_patterns():
    """(pattern string, URLPattern) for every URL under /admin/, from the resolver."""

    def walk(patterns, prefix):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                yield prefix + str(entry.pattern), entry

    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and str(entry.pattern) == "admin/":
            yield from walk(entry.url_patterns, "admin/")


def answer_class(response) -> str:
    """yes (served), no (refused), login (sent to sign in), allauth (handed over to /accounts/)."""
    status = response.status_code
    location = response.get("Location", "")
    if status == 302 and location.startswith(LOGIN):
        return "login"
    if status == 302 and location.startswith("/accounts/"):
        return "allauth"
    # Wagtail answers a refusal with 403 or a redirect to the dashboard (with a message);
    # objects a role may not see are 404.
    if status in (403, 404) or (status == 302 and location == "/admin/"):
        return "no"
    if status >= 500:
        return f"error {status}"
    return "yes"


class AdminAccessWalkTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.users = {}
        for role, group in (
            ("editor", "Editors"),
            ("publisher", "Publishers"),
            ("moderator", "Moderators"),
        ):
            user = UserFactory(email=f"walk-{role}@example.com", is_staff=True)
            user.groups.add(Group.objects.get(name=group))
            cls.users[role] = user
        cls.users["subscriber"] = UserFactory(email="walk-subscriber@example.com")

        cls.image = get_image_model().objects.create(
            title="Walk poster", file=tiny_image_file("walk.png"), width=4, height=4
        )
        cls.document = get_document_model().objects.create(
            title="Walk press kit", file=tiny_image_file("walk-doc.txt")
        )
        show = factories.publish(factories.ShowPageFactory(poster=cls.image))
        season = factories.publish(factories.SeasonPageFactory(parent=show))
        cls.episode = factories.publish(factories.EpisodePageFactory(parent=season))
        cls.draft = factories.EpisodePageFactory(parent=season, live=False, title="Secret draft")
        cls.revision = cls.draft.save_revision()
        cls.genre = factories.GenreFactory()
        cls.person = factories.PersonFactory()
        cls.show_collection = ShowCollection.objects.create(name="Walk picks", slug="walk-picks")
        cls.collection = Collection.get_first_root_node().add_child(name="Walk collection")
        cls.video = VideoAsset.objects.create(title="Walk video", source="walk/source.mp4")
        plan = make_plan()
        cls.subscription = subscribe(cls.users["subscriber"], plan)
        cls.plan_copy = PlanCopy.objects.get(plan=plan)
        cls.billing_event = BillingEvent.objects.create(
            provider="dev",
            event_id="evt_walk",
            type="invoice.paid",
            user=cls.users["subscriber"],
        )
        cls.redirect = Redirect.objects.create(old_path="/old-walk", redirect_link="/")
        cls.review = Review.objects.create(
            user=cls.users["subscriber"], page=show, score=3, body="Walk review"
        )
        cls.workflow = Workflow.objects.get(name="Catalog review")
        cls.task = Task.objects.filter(active=True).first().specific
        cls.workflow_state = cls.workflow.start(cls.draft, cls.users["editor"])
        cls.task_state = TaskState.objects.filter(workflow_state=cls.workflow_state).first()
        cls.locale_fr = Locale.objects.get_or_create(language_code="fr")[0]
        source, _ = TranslationSource.get_or_create_from_instance(cls.genre)
        cls.translation = Translation.objects.create(source=source, target_locale=cls.locale_fr)
        cls.translation.save_target(user=cls.users["editor"])
        cls.search_query = Query.get("secret")
        SearchPromotion.objects.create(query=cls.search_query, page=cls.draft, sort_order=0)

    def ids(self):
        site = Site.objects.get(is_default_site=True)
        ids = {
            # Ordered: the first (pattern regex, kwarg) that matches gives the value.
            "kwargs": [
                (r"/unlock/|/unpublish/", "page_id", self.episode.pk),
                (r"^admin/pages/create/", "model_name", "episodepage"),
                (r"^admin/settings/", "model_name", "sitebranding"),
                (r"^admin/tag-autocomplete/", "app_name", "taggit"),
                (r"^admin/tag-autocomplete/", "model_name", "tag"),
                (r"snippets/choose/catalog/genre|snippets/catalog/genre", "pk", self.genre.pk),
                (r"snippets/choose/catalog/person|snippets/catalog/person", "pk", self.person.pk),
                (r"catalog/showcollection", "pk", self.show_collection.pk),
                (r"catalog/videoasset", "pk", self.video.pk),
                (r"subscriptions/plancopy", "pk", self.plan_copy.pk),
                (r"subscriptions/plan", "pk", self.subscription.plan_id),
                (r"subscriptions/subscription", "pk", self.subscription.pk),
                (r"subscriptions/billingevent", "pk", self.billing_event.pk),
                (r"^admin/collections/", "pk", self.collection.pk),
                (r"^admin/workflows/tasks/", "pk", self.task.pk),
                (
                    r"^admin/workflows/usage/|^admin/workflows/(edit|enable|disable)",
                    "pk",
                    self.workflow.pk,
                ),
                (r"^admin/users/", "pk", self.users["editor"].pk),
                (r"^admin/groups/", "pk", Group.objects.get(name="Editors").pk),
                (r"^admin/locales/", "pk", self.locale_fr.pk),
                (r"^admin/sites/", "pk", site.pk),
                (r"^admin/settings/", "pk", site.pk),
                (r"^admin/(api/main/\^)?documents", "pk", self.document.pk),
                (r"^admin/(api/main/\^)?images", "pk", self.image.pk),
                (r"^admin/documents/chooser", "pk", self.document.pk),
                (r"^admin/images/chooser", "pk", self.image.pk),
                (r"localize/.*snippet", "pk", self.genre.pk),
                (r"", "pk", self.draft.pk),
            ],
            "page_id": self.draft.pk,
            "parent_page_id": self.draft.get_parent().pk,
            "page_to_move_id": self.draft.pk,
            "destination_id": self.draft.get_parent().pk,
            "page_pk": self.draft.get_parent().get_parent().pk,
            "workflow_pk": self.workflow.pk,
            "revision_id": self.revision.pk,
            "revision_id_a": "earliest",
            "revision_id_b": "latest",
            "image_id": self.image.pk,
            "document_id": self.document.pk,
            "doc_id": self.document.pk,
            "collection_id": self.collection.pk,
            "redirect_id": self.redirect.pk,
            "query_id": self.search_query.pk,
            "task_id": self.task.pk,
            "task_state_id": self.task_state.pk,
            "workflow_state_id": self.workflow_state.pk,
            "translation_id": self.translation.pk,
            "translation_source_id": self.translation.source_id,
            # No such object in the fixtures (genres have no translatable segments, nothing
            # is mid-upload): an id that never exists, so the answer cannot depend on rows
            # other tests leave behind.
            "string_segment_id": MISSING,
            "overridable_segment_id": MISSING,
            "uploaded_file_id": MISSING,
            "session_id": MISSING,
            # The moderation queue's items (engagement): a review report, moderators' kind.
            "target_type": "review",
            "target_id": self.review.pk,
            "content_type_app_name": "catalog",
            "content_type_model_name": "episodepage",
            "app_label": "catalog",
            "app_name": "home",
            "model_name": "genre",
            "object_id": str(self.genre.pk),
            "action": "delete",
            "action_name": "approve",
            "filter_spec": "fill-10x10",
            "mode": "default",
            "uidb64": "MQ",
            "token": "x-y",
        }
        return ids

    @staticmethod
    def value_for(name: str, pattern: str, ids) -> str:
        specific = [v for r, k, v in ids["kwargs"] if k == name and re.search(r, pattern)]
        return str(specific[0] if specific else ids[name])

    def url_for(self, pattern: str, entry: URLPattern, ids) -> str:
        regex = entry.pattern.regex
        names = list(regex.groupindex)
        url = pattern
        for name in names:
            value = self.value_for(name, pattern, ids)
            url = re.sub(rf"<(?:\w+:)?{name}>|\(\?P<{name}>[^)]*\)", value, url, count=1)
        url = "/" + url.replace("^", "").replace("$", "").replace("\\.", ".")
        # Choosers that return what they are given or find: give them something to return.
        if url.endswith(("chosen-multiple/", "/find/")):
            url += f"?id={self.value_for('pk', pattern, ids)}"
        elif url.endswith("choose-page/search/"):
            url += "?q=Secret"
        return url

    def test_every_admin_url_answers_as_documented_for_every_role(self):
        rows = expected_answers()
        ids = self.ids()
        clients = {"anonymous": Client()}
        for role, user in self.users.items():
            clients[role] = Client()
            clients[role].force_login(user)
        mismatches, seen = [], 0
        for pattern, entry in admin_patterns():
            if pattern == "admin/^.*/$":
                continue
            url = self.url_for(pattern, entry, ids)
            expected = next((answers for regex, answers in rows if regex.search(pattern)), None)
            for role in ROLES:
                # Each request is undone afterwards, so no answer depends on the ones before.
                sid = transaction.savepoint()
                try:
                    response = clients[role].get(url)
                    if response.status_code == 405:
                        # POST-only (lock, enable, ping…) or PUT-only actions: an empty
                        # request of the allowed method asks the same permission question.
                        allowed = [m.strip().lower() for m in response["Allow"].split(",")]
                        method = next(m for m in allowed if m in ("post", "put", "patch", "delete"))
                        response = getattr(clients[role], method)(url)
                    got = answer_class(response)
                    detail = f"{response.status_code} {response.get('Location', '')}"
                except Exception as exc:  # noqa: BLE001 - recorded as a mismatch below
                    got, detail = "raises", f"raises {type(exc).__name__}"
                finally:
                    transaction.savepoint_rollback(sid)
                seen += 1
                want = expected[role] if expected else "(no row)"
                if got != want:
                    mismatches.append(
                        f"{pattern} [{url}] {role}: documented {want}, got {got} ({detail})"
                    )
        self.assertGreater(seen, 1000)
        self.assertEqual(mismatches, [], "\n".join(mismatches))


class ChooserPermissionTests(TestCase):
    """Choosers show what the listing behind them shows, to the same people."""

    @classmethod
    def setUpTestData(cls):
        cls.staff = {}
        for group in ("Editors", "Publishers", "Moderators"):
            user = UserFactory(email=f"chooser-{group.lower()}@example.com", is_staff=True)
            user.groups.add(Group.objects.get(name=group))
            cls.staff[group] = user
        cls.subscriber = UserFactory(email="paying.subscriber@example.com")
        cls.subscription = subscribe(cls.subscriber, make_plan())
        cls.billing_event = BillingEvent.objects.create(
            provider="dev", event_id="evt_chooser", type="invoice.paid", user=cls.subscriber
        )
        season = factories.SeasonPageFactory()
        cls.draft = factories.EpisodePageFactory(parent=season, live=False, title="Unaired twist")

    def test_subscription_and_billing_choosers_refuse_every_staff_role(self):
        urls = [
            "/admin/snippets/choose/subscriptions/subscription/",
            "/admin/snippets/choose/subscriptions/subscription/results/?q=paying",
            f"/admin/snippets/choose/subscriptions/subscription/chosen/{self.subscription.pk}/",
            "/admin/snippets/choose/subscriptions/billingevent/",
            f"/admin/snippets/choose/subscriptions/billingevent/chosen/{self.billing_event.pk}/",
        ]
        for group, user in self.staff.items():
            self.client.force_login(user)
            for url in urls:
                response = self.client.get(url)
                self.assertEqual(response.status_code, 403, f"{group} {url}")
                self.assertNotContains(response, "paying.subscriber", status_code=403)

    def test_superusers_still_choose_subscriptions(self):
        admin = UserFactory(email="chooser-admin@example.com", is_staff=True, is_superuser=True)
        self.client.force_login(admin)
        response = self.client.get("/admin/snippets/choose/subscriptions/subscription/")
        self.assertContains(response, "paying.subscriber")

    def test_page_chooser_search_shows_no_titles_to_moderators(self):
        self.client.force_login(self.staff["Moderators"])
        for url in (
            "/admin/choose-page/search/?q=Unaired",
            f"/admin/choose-page/chosen-multiple/?id={self.draft.pk}",
            f"/admin/api/main/pages/{self.draft.pk}/",
        ):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 403, url)
            self.assertNotContains(response, "Unaired twist", status_code=403)

    def test_editors_choose_pages_and_plans(self):
        self.client.force_login(self.staff["Editors"])
        self.assertContains(
            self.client.get("/admin/choose-page/search/?q=Unaired"), "Unaired twist"
        )
        self.assertEqual(
            self.client.get("/admin/snippets/choose/subscriptions/plan/").status_code, 200
        )
