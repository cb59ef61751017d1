"""``{% surrogate_key "p" card.page.pk %}``: record that this response shows an item.

Used by the templates that draw one item (card, episode row, article card, credit,
rating summary, search result), so every page that shows it carries its key
(catalog/surrogate_keys.py). Renders nothing.
"""

from django import template

from catalog import surrogate_keys

register = template.Library()


@register.simple_tag
def surrogate_key(prefix: str, value) -> str:
    if value not in (None, ""):
        surrogate_keys.record(f"{prefix}{value}")
    return ""
