"""Moderation in the Wagtail admin: the queue's URLs and menu item (with a badge of open
items), the dashboard panel, and the audit-log actions (``moderation.<action>``)."""

from django.urls import include, path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from engagement import admin_views as views
from engagement.services.moderation.actions import ACTIONS, LOG_PREFIX
from engagement.services.moderation.targets import may_use_queue

item = "item/<str:target_type>/<int:target_id>/"
urlpatterns = [
    path("", views.queue_view, name="queue"),
    path("bulk/", views.bulk_view, name="bulk"),
    path("log/", views.log_view, name="log"),
    path("terms/", views.terms_view, name="terms"),
    path("terms/<int:pk>/delete/", views.term_delete_view, name="term_delete"),
    path(item, views.item_view, name="item"),
    path(item + "act/", views.act_view, name="act"),
    path(item + "claim/", views.claim_view, name="claim"),
    path(item + "note/", views.note_view, name="note"),
]


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [path("moderation/", include((urlpatterns, "moderation"), namespace="moderation"))]


class ModerationMenuItem(MenuItem):
    """ "Moderation", with the number of open items the user's roles handle."""

    def is_shown(self, request):
        return may_use_queue(request.user)

    def render_component(self, request):
        from engagement.selectors.moderation import queue_count

        count = queue_count(request.user)
        label = f"{self.label} ({count})" if count else self.label
        component = super().render_component(request)
        component.label = label
        component.attrs = {**self.attrs, "data-open-items": str(count)}
        return component


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModerationMenuItem(
        "Moderation",
        reverse("moderation:queue"),
        name="moderation",
        icon_name="warning",
        order=250,
    )


class ModerationPanel(Component):
    """The admin home's panel: the user's open items and the oldest one."""

    name = "moderation"
    order = 90
    template_name = "engagement/admin/home_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        from engagement.selectors.moderation import oldest_open, queue_count

        return {
            "count": queue_count(self.user),
            "oldest": oldest_open(self.user),
            "queue_url": reverse("moderation:queue"),
        }


@hooks.register("construct_homepage_panels")
def add_moderation_panel(request, panels):
    if may_use_queue(request.user):
        panels.append(ModerationPanel(request.user))


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    for name, (label, message) in ACTIONS.items():
        actions.register_action(LOG_PREFIX + name, label, message)
