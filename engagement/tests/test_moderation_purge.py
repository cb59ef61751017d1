"""Hiding and restoring a review purge its show page (real HTTP PURGE requests)."""

from django.test import override_settings

from catalog.tests import factories
from catalog.tests.test_purging import PurgeRecorder, PurgeTestCase
from engagement.services.moderation.actions import act
from engagement.tests.moderation_helpers import make_review, staff, verified_user


class ModerationPurgeTests(PurgeTestCase):
    def test_hide_and_restore_purge_the_show_page(self):
        show = factories.publish(factories.ShowPageFactory(title="Salt Marsh"))
        review = make_review(verified_user(), show)
        moderator = staff("Moderators", "purge-mod@example.com")
        for name in ("hide", "restore"):
            PurgeRecorder.received.clear()
            with (
                override_settings(WAGTAILFRONTENDCACHE=self._backend()),
                self.captureOnCommitCallbacks(execute=True),
            ):
                act(name, moderator=moderator, target_type="review", target_id=review.pk)
            self.assertIn(f"localhost{show.url}", set(PurgeRecorder.received), name)
