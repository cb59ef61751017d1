"""Text blocks: headings, rich text, pull quotes and calls to action."""

from wagtail import blocks

from catalog.choices import HEADING_LEVELS

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.StructBlock):
    """A section heading; level 2 or 3 keeps the page outline correct."""

    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(choices=HEADING_LEVELS, default="h2")

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        description = "A section heading"
        preview_value = {"text": "Behind the scenes", "level": "h2"}
        group = "Text"


class ParagraphBlock(blocks.RichTextBlock):
    """Paragraphs of text with links and lists."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        description = "Paragraphs of text with links and lists"
        preview_value = "<p>The writers' room met for the first time in a rented barn.</p>"
        group = "Text"


class QuoteBlock(blocks.StructBlock):
    """A pull quote with its attribution."""

    quote = blocks.TextBlock(max_length=500)
    attribution = blocks.CharBlock(max_length=120, required=False)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        description = "A pull quote with attribution"
        preview_value = {
            "quote": "The best thing on television this year.",
            "attribution": "A critic",
        }
        group = "Text"


class CallToActionBlock(blocks.StructBlock):
    """A highlighted box with a heading, a line of text and one button."""

    heading = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(max_length=300, required=False)
    button_label = blocks.CharBlock(max_length=40)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, help_text="Used when no page is chosen.")

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action_block.html"
        description = "A heading, a line of text and a button"
        preview_value = {
            "heading": "Start watching today",
            "text": "Free episodes every week.",
            "button_label": "Browse shows",
            "url": "https://example.com/shows/",
        }
        group = "Text"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ["Choose a page or enter a URL for the button."]}
            )
        return value
