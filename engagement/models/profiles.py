"""Household profiles: who in an account is watching, and what they may watch."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from subscriptions.maturity import MaturityRating

MAX_PROFILES = 5
KIDS_CEILING = MaturityRating.TV_PG


class Avatar(models.TextChoices):
    """The shipped avatars: a colour each (static/img/avatars/<value>.svg)."""

    TEAL = "teal", _("Teal")
    AMBER = "amber", _("Amber")
    CORAL = "coral", _("Coral")
    VIOLET = "violet", _("Violet")
    LIME = "lime", _("Lime")
    SKY = "sky", _("Sky")


class ProfileLanguage(models.TextChoices):
    EN = "en", "English"
    FR = "fr", "Français"
    ES = "es", "Español"


class Profile(models.Model):
    """One viewer in a household; every piece of viewing state belongs to a profile.

    An account has 1 to ``MAX_PROFILES`` of them. The ``is_main`` one is created with the
    account and named after it; a PIN on it guards profile management and leaving a
    kids profile. ``pin_hash`` holds a Django password hash of the 4-digit PIN.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profiles"
    )
    name = models.CharField(max_length=40)
    avatar = models.CharField(max_length=16, choices=Avatar.choices, default=Avatar.TEAL)
    language = models.CharField(
        max_length=8, choices=ProfileLanguage.choices, default=ProfileLanguage.EN
    )
    maturity_ceiling = models.CharField(
        max_length=8, choices=MaturityRating.choices, default=MaturityRating.TV_MA
    )
    is_kids = models.BooleanField(default=False)
    is_main = models.BooleanField(default=False)
    pin_hash = models.CharField(max_length=128, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_main", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="profile_name_per_account"),
            models.UniqueConstraint(
                fields=["user"], condition=Q(is_main=True), name="one_main_profile_per_account"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def has_pin(self) -> bool:
        return bool(self.pin_hash)
