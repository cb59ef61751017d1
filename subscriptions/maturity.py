"""The maturity scale shows are rated on and profiles are capped at (TV-Y … TV-MA).

One scale for the catalog (a show's ``maturity_rating``), engagement (a profile's
``maturity_ceiling``) and the entitlement rule that compares them
(``entitlements.can_play``). It lives here, beside that rule, because subscriptions
imports neither catalog nor engagement and both of them import it. The values are
stored in the database and in migrations: change a label freely, never a value.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MaturityRating(models.TextChoices):
    TV_Y = "TV-Y", _("TV-Y (all children)")
    TV_G = "TV-G", _("TV-G (general audience)")
    TV_PG = "TV-PG", _("TV-PG (parental guidance)")
    TV_14 = "TV-14", _("TV-14 (14 and over)")
    TV_MA = "TV-MA", _("TV-MA (mature audience)")


# Lowest first: a ceiling allows every rating at or below its own place.
SCALE: tuple[str, ...] = tuple(MaturityRating.values)


def rank(code: str | None) -> int:
    """The place of ``code`` on the scale; an unknown or missing rating counts as the top
    (so an unrated item is never shown to a capped profile by mistake)."""
    try:
        return SCALE.index(code)
    except ValueError:
        return len(SCALE) - 1


def allows(ceiling: str | None, rating: str | None) -> bool:
    """Whether a profile capped at ``ceiling`` (None: no cap) may watch ``rating``."""
    if ceiling is None:
        return True
    return rank(rating) <= rank(ceiling)
