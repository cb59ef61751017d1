"""Template tags for the engagement parts of shared (cached) pages.

The catalog's templates load these; the catalog's Python never imports engagement.
Only what is the same for every visitor is rendered here (a page's summary); each
viewer's own state comes from the API after load.
"""

from django import template

from engagement.selectors.ratings import page_summary

register = template.Library()

STARS = range(1, 6)


@register.simple_tag
def rating_summary(page):
    """The page's ``RatingSummary`` (an empty unsaved one when nobody rated it): one query."""
    return page_summary(page.pk)


@register.filter
def star_fill(average, star: int) -> str:
    """``full``, ``half`` or ``empty`` for star number ``star`` of an ``average`` rating."""
    if not average:
        return "empty"
    if average >= star - 0.25:
        return "full"
    return "half" if average >= star - 0.75 else "empty"


@register.simple_tag
def star_numbers():
    return STARS


@register.simple_tag
def report_reasons() -> dict:
    """The report reasons in the API's two groups, with their labels, for the report
    dialog (static/js/engagement/reports.js reads them from a json_script): one list,
    ``engagement.models.moderation.ReportReason``."""
    from engagement.models.moderation import CONDUCT_REASONS, EPISODE_REASONS, ReportReason

    def group(allowed):
        return [[value, str(label)] for value, label in ReportReason.choices if value in allowed]

    return {"conduct": group(CONDUCT_REASONS), "episode": group(EPISODE_REASONS)}
