"""``{% account_menu %}``: the account area's menu, built from what every app registered.

Used by the account pages of every app (templates/account/…); private pages only.
"""

from django import template
from django.urls import reverse

from mediasite.registry import registry

register = template.Library()


@register.inclusion_tag("account/_menu.html", takes_context=True)
def account_menu(context):
    match = getattr(context.get("request"), "resolver_match", None)
    current = match.view_name if match else None
    return {
        "entries": [
            {
                "label": entry.label,
                "url": reverse(entry.view_name),
                "current": entry.view_name == current,
            }
            for entry in registry.menu()
        ]
    }
