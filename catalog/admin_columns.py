"""Listing columns for videos, shared by the Videos listing and the video chooser."""

from wagtail.admin.ui.tables import Column


class VideoStatusColumn(Column):
    """The status as a tag, with the progress while processing and the reason when failed."""

    cell_template_name = "catalog/admin/video_status_cell.html"

    def get_value(self, instance):
        return instance


class VideoPosterColumn(Column):
    """A small thumbnail of the poster (the editor's or the frame the pipeline took)."""

    cell_template_name = "catalog/admin/video_poster_cell.html"

    def get_value(self, instance):
        return instance.poster
