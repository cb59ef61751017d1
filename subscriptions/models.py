"""Accounts, plans, subscriptions, billing events and the notices we e-mailed about them."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.models import TranslatableMixin

from wagtail_localize.fields import SynchronizedField


class UserManager(BaseUserManager):
    """Creates users keyed by e-mail address (there is no username)."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError(_("An e-mail address is required."))
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not extra_fields["is_staff"] or not extra_fields["is_superuser"]:
            raise ValueError(_("A superuser needs is_staff and is_superuser."))
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractUser):
    """A person with an account: viewer, subscriber or staff. Signs in with e-mail."""

    username = None
    email = models.EmailField("e-mail address", unique=True)
    display_name = models.CharField(max_length=80, blank=True)
    # The language of the account area, sign-in pages and e-mails (subscriptions/languages.py);
    # public pages take theirs from the URL. A code of settings.LANGUAGES.
    language = models.CharField(max_length=10, default="en")

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.email

    def save(self, *args, **kwargs):
        if self.email:
            self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def public_name(self) -> str:
        """The name shown next to a user's reviews: never the e-mail address."""
        return self.display_name or self.email.split("@", 1)[0]


class Plan(models.Model):
    """A subscription plan, edited by staff as a snippet. Higher ``tier`` unlocks more."""

    class Interval(models.TextChoices):
        MONTH = "month", _("Monthly")
        YEAR = "year", _("Yearly")

    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=80, unique=True)
    tier = models.PositiveSmallIntegerField(
        default=1, help_text="Rank: higher tiers unlock everything lower tiers do."
    )
    price = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    currency = models.CharField(max_length=3, default="EUR", help_text="ISO 4217 code, e.g. EUR.")
    interval = models.CharField(max_length=5, choices=Interval.choices, default=Interval.MONTH)
    trial_days = models.PositiveSmallIntegerField(default=0)
    features = models.TextField(blank=True, help_text="One feature per line.")
    stripe_price_id = models.CharField(
        "Stripe price id",
        max_length=255,
        blank=True,
        help_text="The recurring price in Stripe (price_…) that Checkout sells for this plan.",
    )
    is_active = models.BooleanField("active", default=True)

    class Meta:
        ordering = ["tier", "price"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(currency__regex=r"^[A-Z]{3}$"), name="plan_currency_iso4217"
            ),
            models.CheckConstraint(
                condition=models.Q(price__gte=0), name="plan_price_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        self.currency = (self.currency or "").upper()

    @property
    def is_free(self) -> bool:
        return self.price == 0

    @property
    def feature_list(self) -> list[str]:
        return [line.strip() for line in self.features.splitlines() if line.strip()]

    @property
    def period_length(self) -> timedelta:
        """One billing period of this plan (a year or 30 days)."""
        return timedelta(days=365 if self.interval == self.Interval.YEAR else 30)

    # What viewers read: the plan's copy in their language (PlanCopy), else its own
    # name and features. Lists set ``copy`` for all their plans in one query
    # (selectors.plans_with_copy); a lone plan reads its own.
    @cached_property
    def copy(self) -> PlanCopy | None:
        return PlanCopy.objects.for_plans([self.pk]).get(self.pk)

    @property
    def display_name(self) -> str:
        return self.copy.name if self.copy else self.name

    @property
    def description(self) -> str:
        return self.copy.description if self.copy else ""

    @property
    def display_features(self) -> list[str]:
        return self.copy.feature_list if self.copy else self.feature_list


class PlanCopyQuerySet(models.QuerySet):
    def for_plans(self, plan_ids, language: str | None = None) -> dict[int, PlanCopy]:
        """Each plan's copy in ``language`` (default: the active one), else in the
        default locale's: one query."""
        language = language or get_language() or settings.LANGUAGE_CODE
        default = settings.LANGUAGE_CODE
        copies = {}
        rows = self.filter(plan_id__in=plan_ids, locale__language_code__in={language, default})
        for copy in rows.select_related("locale"):
            if copy.locale.language_code == language or copy.plan_id not in copies:
                copies[copy.plan_id] = copy
        return copies


class PlanCopy(TranslatableMixin, models.Model):
    """A plan's viewer-facing texts in one language, translated with wagtail-localize.

    The billing data (price, tier, Stripe price) stays single on :class:`Plan`; each
    plan has a copy in the default locale (made with the plan) that editors submit for
    translation like any snippet. The plan link is the same in every language.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="copies")
    name = models.CharField(max_length=80, help_text="The plan's name as viewers see it.")
    description = models.TextField(blank=True, help_text="A sentence or two for the plans page.")
    features = models.TextField(blank=True, help_text="One feature per line.")

    override_translatable_fields = [SynchronizedField("plan", overridable=False)]

    objects = PlanCopyQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        verbose_name = "plan text"
        ordering = ["plan__tier", "plan__price"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "locale"], name="plancopy_once_per_locale")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def feature_list(self) -> list[str]:
        return [line.strip() for line in self.features.splitlines() if line.strip()]


def grace_period() -> timedelta:
    """How long a subscription keeps playing past its period end while payment may arrive."""
    return timedelta(days=settings.SUBSCRIPTION_GRACE_DAYS)


class SubscriptionState(StrEnum):
    """Whether a subscription runs: the one reading (:meth:`Subscription.state`)."""

    RUNNING = "running"  # within its period, or without an end
    IN_GRACE = "in_grace"  # past its period end, still playing while a payment may arrive
    ENDED = "ended"


class SubscriptionQuerySet(models.QuerySet):
    def ended(self, now: datetime) -> SubscriptionQuerySet:
        """Rows whose :meth:`Subscription.state` is ENDED at ``now``, as one query.

        The same rules as ``state()`` (a test holds the two to agree), for the expiry job.
        """
        S = Subscription.Status
        lapsed = Q(current_period_end__lte=now - grace_period())
        set_to_end = Q(current_period_end__lte=now, cancel_at_period_end=True) & ~Q(
            status=S.PAST_DUE
        )
        return self.filter(
            Q(status=S.EXPIRED)
            | (Q(status=S.CANCELED) & ~Q(current_period_end__gt=now))
            | (~Q(status__in=[S.EXPIRED, S.CANCELED]) & (lapsed | set_to_end))
        )


class Subscription(models.Model):
    """One user's subscription (at most one per user)."""

    class Status(models.TextChoices):
        TRIALING = "trialing", _("Trialing")
        ACTIVE = "active", _("Active")
        PAST_DUE = "past_due", _("Past due")
        CANCELED = "canceled", _("Canceled")
        EXPIRED = "expired", _("Expired")

    class Provider(models.TextChoices):
        DEV = "dev", _("Development (no charge)")
        STRIPE = "stripe", _("Stripe")
        COMP = "comp", _("Complimentary")

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="subscription")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="subscriptions")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    current_period_end = models.DateTimeField(null=True, blank=True)
    cancel_at_period_end = models.BooleanField(default=False)
    trial_ends_at = models.DateTimeField(
        null=True, blank=True, help_text="Set once a trial starts; kept so a user trials once."
    )
    canceled_at = models.DateTimeField(null=True, blank=True)
    provider = models.CharField(max_length=10, choices=Provider.choices, default=Provider.COMP)
    provider_customer_id = models.CharField(max_length=255, blank=True)
    provider_subscription_id = models.CharField(max_length=255, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"{self.user} – {self.plan} ({self.get_status_display()})"

    def state(self, now: datetime | None = None) -> SubscriptionState:
        """Whether this subscription runs at ``now``: the one place that decides it.

        Expired: ended. Canceled (by the provider, paid-up time left): until the period
        end. Otherwise until the period end (no end: always), then for the grace period
        while a renewal or a late payment may still arrive: past due always, trialing
        and active unless set to cancel (docs/billing.md, "Subscription states").
        """
        now = now or timezone.now()
        end = self.current_period_end
        if self.status == self.Status.EXPIRED:
            return SubscriptionState.ENDED
        if self.status == self.Status.CANCELED:
            in_period = end is not None and now < end
            return SubscriptionState.RUNNING if in_period else SubscriptionState.ENDED
        if end is None or now < end:
            return SubscriptionState.RUNNING
        may_still_pay = self.status == self.Status.PAST_DUE or not self.cancel_at_period_end
        if may_still_pay and now < end + grace_period():
            return SubscriptionState.IN_GRACE
        return SubscriptionState.ENDED

    def is_running(self, now: datetime | None = None) -> bool:
        """Whether it still plays and counts as the subscriber's plan (in grace too)."""
        return self.state(now) is not SubscriptionState.ENDED


class BillingEvent(models.Model):
    """Every event a billing provider sent us; (provider, event_id) is processed once."""

    provider = models.CharField(max_length=20)
    event_id = models.CharField(max_length=255)
    type = models.CharField(max_length=100)
    user = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="billing_events",
        help_text="Whose subscription the event was about, once known.",
    )
    amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    description = models.CharField(max_length=200, blank=True)
    payload = models.JSONField(default=dict)
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "event_id"], name="billingevent_provider_event_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider}:{self.event_id} {self.type}"


class SubscriptionNotice(models.Model):
    """An e-mail we sent about a subscription; (subscription, kind, key) is sent once.

    ``key`` names the occasion, e.g. the trial's end or the unpaid period's end, so a
    second trial or a later failed payment gets its own notice.
    """

    class Kind(models.TextChoices):
        TRIAL_ENDING = "trial_ending", _("Trial ending")
        PAYMENT_FAILED = "payment_failed", _("Payment failed")
        EXPIRED = "expired", _("Subscription ended")

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    key = models.CharField(max_length=64)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "kind", "key"], name="subscriptionnotice_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.key})"
