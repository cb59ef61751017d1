"""``{% srcset_image %}`` without repeated widths.

Load it after Wagtail's library (``{% load wagtailimages_tags responsive_images %}``) and it
takes over the tag, same syntax. Wagtail never enlarges an image, so for an original smaller
than the larger specs (``fill-{300x450,600x900}`` of a 300-pixel-wide poster) several
renditions come out the same width, and Wagtail's srcset names that width twice, which HTML
forbids (the Nu HTML Checker reports it). Here each width is named once, the first rendition
of that width kept; the srcset keeps its width descriptor even when one is left, so ``sizes``
stays valid. With ``as name``, ``{{ name.srcset }}`` is that srcset, for hand-written tags.
"""

from django import template
from django.utils.safestring import mark_safe

from wagtail.images.models import AbstractRendition, ResponsiveImage
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.images.templatetags.wagtailimages_tags import SrcsetImageNode, image

register = template.Library()


def distinct_widths(renditions: list[AbstractRendition]) -> list[AbstractRendition]:
    """The first rendition of each width, in the given order."""
    by_width: dict[int, AbstractRendition] = {}
    for rendition in renditions:
        by_width.setdefault(rendition.width, rendition)
    return list(by_width.values())


class DistinctWidthsImage(ResponsiveImage):
    def __init__(self, renditions, attrs=None):
        super().__init__(renditions, attrs)
        self.renditions = distinct_widths(self.renditions)

    @property
    def srcset(self) -> str:
        return ", ".join(f"{rendition.url} {rendition.width}w" for rendition in self.renditions)

    def __html__(self):
        attrs = {**(self.attrs or {}), "srcset": self.srcset}
        return mark_safe(self.renditions[0].img_tag(attrs))  # noqa: S308 - img_tag escapes


class DistinctSrcsetImageNode(SrcsetImageNode):
    def render(self, context):
        chosen = self.validate_image(context)
        if not chosen:
            return ""
        responsive = DistinctWidthsImage(get_renditions_or_not_found(chosen, self.get_filters()))
        if self.output_var_name:
            context[self.output_var_name] = responsive
            return ""
        responsive.attrs = {key: value.resolve(context) for key, value in self.attrs.items()}
        return responsive.__html__()


@register.tag("srcset_image")
def srcset_image(parser, token):
    parsed = image(parser, token)
    return DistinctSrcsetImageNode(
        parsed.image_expr,
        parsed.filter_specs,
        attrs=parsed.attrs,
        output_var_name=parsed.output_var_name,
    )
