"""Admin for plans, subscriptions and billing events, under one "Subscriptions" menu.

Adding a subscription in the admin is a complimentary grant: the form asks for the
user, the plan and an optional end, and :func:`services.subscription_grant_comp`
saves it with provider "comp" and writes ``mediasite.comp_grant`` to the audit log.
Every view needs the model's Django permissions, so staff without them see nobody's
subscription.
"""

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet, SnippetViewSetGroup

from subscriptions import services
from subscriptions.models import BillingEvent, Plan, PlanCopy, Subscription


class PlanViewSet(SnippetViewSet):
    model = Plan
    icon = "tag"
    list_display = ["name", "slug", "tier", "price", "currency", "interval", "is_active"]
    list_filter = ["is_active", "interval"]
    search_fields = ["name", "slug"]
    ordering = ["tier", "price"]
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("tier"), FieldPanel("is_active")]),
        FieldRowPanel([FieldPanel("price"), FieldPanel("currency"), FieldPanel("interval")]),
        FieldPanel("trial_days"),
        FieldPanel("features"),
        FieldPanel("stripe_price_id"),
    ]


class PlanCopyViewSet(SnippetViewSet):
    """What viewers read about each plan, per language (translated with wagtail-localize).

    Each plan's copy in the default locale is made with the plan (signal_handlers.py).
    """

    model = PlanCopy
    icon = "doc-full"
    menu_label = "Plan texts"
    list_display = ["name", Column("plan", label="Plan"), "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]
    copy_view_enabled = False
    panels = [
        FieldPanel("plan"),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("features"),
    ]


class CompGrantCreateView(CreateView):
    """ "Add subscription" grants a complimentary plan through the service."""

    def save_instance(self):
        data = self.form.cleaned_data
        return services.subscription_grant_comp(
            user=data["user"],
            plan=data["plan"],
            period_end=data.get("current_period_end"),
            granted_by=self.request.user,
        )


class SubscriptionViewSet(SnippetViewSet):
    model = Subscription
    icon = "user"
    add_to_admin_menu = False
    list_display = [
        Column("user", label="User"),
        Column("plan", label="Plan"),
        "status",
        "provider",
        DateColumn("current_period_end", label="Period ends", sort_key="current_period_end"),
    ]
    list_filter = ["status", "provider", "plan"]
    search_fields = ["user__email", "provider_subscription_id"]
    ordering = ["-updated_at"]
    add_view_class = CompGrantCreateView
    copy_view_enabled = False
    comp_grant_panel = ObjectList(
        [
            FieldPanel("user"),
            FieldPanel("plan"),
            FieldPanel("current_period_end", help_text="Empty: no end."),
        ]
    )
    edit_handler = ObjectList(
        [
            FieldPanel("user", read_only=True),
            FieldPanel("plan"),
            FieldRowPanel([FieldPanel("status"), FieldPanel("cancel_at_period_end")]),
            FieldPanel("current_period_end"),
            FieldRowPanel(
                [
                    FieldPanel("trial_ends_at", read_only=True),
                    FieldPanel("canceled_at", read_only=True),
                ]
            ),
            MultiFieldPanel(
                [
                    FieldPanel("provider", read_only=True),
                    FieldPanel("provider_customer_id", read_only=True),
                    FieldPanel("provider_subscription_id", read_only=True),
                ],
                heading="Provider",
            ),
        ]
    )

    def get_add_view_kwargs(self, **kwargs):
        panel = self.comp_grant_panel.bind_to_model(self.model)
        return super().get_add_view_kwargs(panel=panel, form_class=panel.get_form_class(), **kwargs)


class BillingEventViewSet(SnippetViewSet):
    model = BillingEvent
    icon = "list-ul"
    menu_label = "Billing events"
    list_display = [
        "event_id",
        "provider",
        "type",
        Column("user", label="User"),
        "amount",
        "currency",
        DateColumn("received_at", label="Received", sort_key="received_at"),
        DateColumn("processed_at", label="Processed", sort_key="processed_at"),
        "error",
    ]
    list_filter = ["provider", "type"]
    search_fields = ["event_id", "type", "user__email"]
    ordering = ["-received_at"]
    inspect_view_enabled = True
    copy_view_enabled = False


class SubscriptionsViewSetGroup(SnippetViewSetGroup):
    menu_label = "Subscriptions"
    menu_icon = "user"
    menu_order = 250
    items = (PlanViewSet, PlanCopyViewSet, SubscriptionViewSet, BillingEventViewSet)
