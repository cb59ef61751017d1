"""Admin listings for the catalog's snippets, grouped under one "Catalog" menu."""

from django.urls import path

from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from catalog.admin_columns import VideoStatusColumn
from catalog.admin_forms import VideoAssetUploadForm
from catalog.admin_views import (
    VideoAssetCreateView,
    VideoAssetEditView,
    VideoAssetRetryView,
    VideoAssetStatusView,
    VideoChooserCreateView,
    VideoChooseResultsView,
    VideoChooseView,
)
from catalog.forms import VideoAssetForm
from catalog.models import Genre, Person, ShowCollection, VideoAsset


class GenreViewSet(SnippetViewSet):
    model = Genre
    icon = "tag"
    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]
    ordering = ["name"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    list_display = ["name", "slug", "birth_year"]
    search_fields = ["name"]
    ordering = ["name"]
    list_per_page = 50


class ShowCollectionViewSet(SnippetViewSet):
    model = ShowCollection
    icon = "list-ul"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class VideoAssetChooserViewSet(SnippetChooserViewSet):
    """The chooser pages open: poster, title, status and duration, and an upload tab that
    validates like the Videos "Add" form and sends the new video to the pipeline."""

    choose_view_class = VideoChooseView
    choose_results_view_class = VideoChooseResultsView
    create_view_class = VideoChooserCreateView
    creation_form_class = VideoAssetUploadForm
    creation_tab_label = "Upload"
    create_action_label = "Upload"
    create_action_clicked_label = "Uploading…"


class VideoAssetViewSet(SnippetViewSet):
    """Uploaded videos: upload, watch their processing, retry; pages choose them by chooser."""

    model = VideoAsset
    icon = "media"
    menu_label = "Videos"
    list_display = [
        "title",
        VideoStatusColumn("status", label="Status"),
        Column("duration_display", label="Duration"),
        Column("resolution", label="Resolution"),
        DateColumn("updated_at", label="Updated", sort_key="updated_at"),
    ]
    list_filter = ["status"]
    search_fields = ["title"]
    ordering = ["-created_at"]
    edit_handler = ObjectList(VideoAsset.panels, base_form_class=VideoAssetForm)
    chooser_viewset_class = VideoAssetChooserViewSet
    add_view_class = VideoAssetCreateView
    edit_view_class = VideoAssetEditView
    edit_template_name = "catalog/admin/video_asset_edit.html"
    # A copy would share the original's source and HLS prefix, and its processing would
    # delete the original's output.
    copy_view_enabled = False

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(
            status_url_name=self.get_url_name("status"),
            retry_url_name=self.get_url_name("retry"),
            **kwargs,
        )

    @property
    def status_view(self):
        return self.construct_view(VideoAssetStatusView)

    @property
    def retry_view(self):
        return self.construct_view(VideoAssetRetryView, edit_url_name=self.get_url_name("edit"))

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("status/<int:pk>/", self.status_view, name="status"),
            path("retry/<int:pk>/", self.retry_view, name="retry"),
        ]


class CatalogViewSetGroup(SnippetViewSetGroup):
    menu_label = "Catalog"
    menu_icon = "media"
    menu_order = 200
    items = (GenreViewSet, PersonViewSet, ShowCollectionViewSet, VideoAssetViewSet)
