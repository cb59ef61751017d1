"""Every new account gets its main profile at once (named after the account)."""

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from engagement.profiles import ensure_main_profile


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="engagement-main-profile")
def create_main_profile(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        ensure_main_profile(instance)
