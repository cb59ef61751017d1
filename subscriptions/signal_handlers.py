"""Reactions to model events in subscriptions (connected in ``SubscriptionsConfig.ready``)."""

from django.db.models.signals import post_save


def give_a_new_plan_its_copy(sender, instance, created, raw=False, **kwargs):
    """A new plan gets its viewer-facing texts in the default locale, ready to translate."""
    if created and not raw:
        from subscriptions.services import plan_copy_ensure

        plan_copy_ensure(plan=instance)


def register_signal_handlers():
    from subscriptions.models import Plan

    post_save.connect(give_a_new_plan_its_copy, sender=Plan, dispatch_uid="plan_copy_ensure")
