"""Admin forms bound to catalog models (catalog.forms is imported by the page models, so the
forms that name a model live here)."""

from catalog.forms import VideoAssetForm
from catalog.models import VideoAsset


class VideoAssetUploadForm(VideoAssetForm):
    """The video chooser's upload tab: a title and a file, checked as the Videos "Add" form
    checks them (size, extension, then ffprobe: a video stream, the duration limit)."""

    class Meta:
        model = VideoAsset
        fields = ["title", "source"]
