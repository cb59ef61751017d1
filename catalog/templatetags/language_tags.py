"""The language switcher's and the alternates' data (prepared in catalog/languages.py)."""

from django import template

from catalog import languages

register = template.Library()


@register.simple_tag(takes_context=True)
def page_languages(context):
    """``{% page_languages as languages %}``: switcher, hreflang and og:locale data."""
    return languages.page_languages(context)
