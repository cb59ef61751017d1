"""Admin views for video assets: create/edit that enqueue processing, status JSON, retry, and
the chooser's listing (poster, status, duration) and upload."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views import View

from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetCreateView
from wagtail.snippets.views.snippets import CreateView, EditView

from catalog.admin_columns import VideoPosterColumn, VideoStatusColumn
from catalog.media.services import (
    enqueue_video_processing,
    retry_video_processing,
    video_status,
)
from catalog.models import VideoAsset


class EnqueueOnSaveMixin:
    """Send a new or changed video to the pipeline once, after the save commits."""

    def save_instance(self):
        needs_processing = self.form.needs_processing
        instance = super().save_instance()
        if needs_processing:
            enqueue_video_processing(instance)
        return instance


class VideoAssetCreateView(EnqueueOnSaveMixin, CreateView):
    """After the upload, the new video's edit page, where its processing status stays current."""

    def get_success_url(self):
        return self.get_edit_url()


class VideoAssetEditView(EnqueueOnSaveMixin, EditView):
    """The edit form with the processing status above it (polled while processing)."""

    template_name = "catalog/admin/video_asset_edit.html"
    status_url_name = None
    retry_url_name = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["video_status"] = video_status(self.object)
        context["status_url"] = self._url(self.status_url_name)
        context["retry_url"] = self._url(self.retry_url_name)
        return context

    def _url(self, url_name):
        return reverse(url_name, args=[self.object.pk]) if url_name else ""


class VideoAssetStatusView(PermissionCheckedMixin, View):
    """``GET`` the processing status as JSON, for the edit page's poller."""

    model = VideoAsset
    any_permission_required = ["change", "view"]

    def get(self, request, pk):
        asset = get_object_or_404(VideoAsset, pk=pk)
        response = JsonResponse(video_status(asset))
        add_never_cache_headers(response)
        return response


class VideoAssetRetryView(PermissionCheckedMixin, View):
    """``POST`` to process a failed or stuck video again."""

    model = VideoAsset
    permission_required = "change"
    edit_url_name = None

    def post(self, request, pk):
        asset = get_object_or_404(VideoAsset, pk=pk)
        if not self.user_has_permission_for_instance("change", asset):
            raise PermissionDenied
        try:
            retry_video_processing(asset)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("“%(asset)s” will be processed again.") % {"asset": asset})
        return redirect(self.edit_url_name, asset.pk)


# --- the chooser ------------------------------------------------------------------------------


class VideoChooserColumnsMixin:
    """What an editor needs to pick the right video: its poster, status and length."""

    @property
    def columns(self):
        return [
            VideoPosterColumn("poster", label="Poster", width="1%"),
            self.title_column,
            VideoStatusColumn("status", label="Status"),
            Column("duration_display", label="Duration"),
        ]

    def get_object_list(self):
        return VideoAsset.objects.select_related("poster").prefetch_related("poster__renditions")


class VideoChooseView(VideoChooserColumnsMixin, ChooseView):
    pass


class VideoChooseResultsView(VideoChooserColumnsMixin, ChooseResultsView):
    pass


class VideoChooserCreateView(SnippetCreateView):
    """The chooser's upload tab: the validated upload form, then the pipeline, as "Add" does."""

    def save_form(self, form):
        needs_processing = form.needs_processing
        instance = super().save_form(form)
        if needs_processing:
            enqueue_video_processing(instance)
        return instance
