"""Media blocks: captioned images and embeds."""

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock


class CaptionedImageBlock(blocks.StructBlock):
    """An image with alt text and an optional caption; cropped around its focal point."""

    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=200, required=False, help_text="Describe the image. Defaults to its title."
    )
    caption = blocks.CharBlock(max_length=250, required=False)

    class Meta:
        icon = "image"
        template = "blocks/captioned_image_block.html"
        description = "An image with a caption"
        group = "Media"


class VideoEmbedBlock(blocks.StructBlock):
    """An embedded video or post from an oEmbed provider (YouTube, Vimeo…)."""

    embed = EmbedBlock(help_text="A link to the video, e.g. on YouTube or Vimeo.")
    caption = blocks.CharBlock(max_length=250, required=False)

    class Meta:
        icon = "media"
        template = "blocks/video_embed_block.html"
        description = "An embedded video from YouTube, Vimeo and the like"
        group = "Media"


class VideoBlock(blocks.StructBlock):
    """One of our own videos (an extra, a featurette) in the HLS player; free to watch
    where the page's show plays, and on an episode page within the episode's window."""

    video = SnippetChooserBlock("catalog.VideoAsset")
    caption = blocks.CharBlock(max_length=250, required=False)

    class Meta:
        icon = "media"
        template = "blocks/video_block.html"
        description = "A video from the video library, played in the site's player"
        group = "Media"
