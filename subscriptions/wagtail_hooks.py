"""Admin registration for subscriptions: snippets and the comp-grant audit-log action."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from subscriptions.services import COMP_GRANT_ACTION
from subscriptions.viewsets import SubscriptionsViewSetGroup

register_snippet(SubscriptionsViewSetGroup)


@hooks.register("register_log_actions")
def register_comp_grant_action(actions):
    actions.register_action(
        COMP_GRANT_ACTION, "Grant complimentary plan", "Granted a complimentary plan"
    )
