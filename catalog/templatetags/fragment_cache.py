"""``{% cached_fragment "name" part … %}…{% endcached_fragment %}``: HTML kept per content version.

The enclosed template is rendered once per content version, language and parts
(``catalog.content_version.cached``), with the surrogate keys its cards recorded; the
queries it would run (lazy context values, block contexts) run only on a miss.
"""

from django import template
from django.utils.safestring import mark_safe

from catalog import content_version

register = template.Library()


class CachedFragmentNode(template.Node):
    def __init__(self, nodelist, name, parts):
        self.nodelist = nodelist
        self.name = name
        self.parts = parts

    def render(self, context):
        name = self.name.resolve(context)
        parts = [part.resolve(context) for part in self.parts]
        html = content_version.cached(name, *parts, compute=lambda: self.nodelist.render(context))
        return mark_safe(html)  # noqa: S308 - rendered by the template engine, escaped there


@register.tag
def cached_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a fragment name")
    nodelist = parser.parse(("endcached_fragment",))
    parser.delete_first_token()
    return CachedFragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )
