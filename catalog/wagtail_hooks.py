from django.urls import path

from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from catalog import surrogate_keys
from catalog.languages import check_page_language
from catalog.permissions import DeleteNeedsDeletePermissionPolicy
from catalog.translation import views as translation_views
from catalog.viewsets import CatalogViewSetGroup

register_snippet(CatalogViewSetGroup)

# Deleting images and documents needs delete_image / delete_document (catalog/permissions.py).
# exact_class: wins over Wagtail's own registration whichever runs last.
for _model, _auth_model in (
    (get_image_model(), "wagtailimages.Image"),
    (get_document_model(), "wagtaildocs.Document"),
):
    register_permission_policy(
        _model,
        DeleteNeedsDeletePermissionPolicy(
            _model, auth_model=_auth_model, owner_field_name="uploaded_by_user"
        ),
        exact_class=True,
    )


@hooks.register("before_serve_page")
def serve_pages_in_their_own_language(page, request, serve_args, serve_kwargs):
    """/fr/… serves French pages only: 404, not the English page Wagtail falls back to."""
    check_page_language(page)


@hooks.register("before_serve_page")
def record_page_surrogate_keys(page, request, serve_args, serve_kwargs):
    """A served page carries its own key (and its listing key: home, /shows/)."""
    surrogate_keys.record(*surrogate_keys.page_keys(page))


@hooks.register("register_admin_urls", order=-1)
def guard_translation_views():
    """Ahead of wagtail-localize's patterns at these paths (catalog/translation/views.py)."""
    return [
        path(
            "localize/translate/<int:translation_id>/machine_translate/",
            translation_views.machine_translate,
            name="catalog_machine_translate",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            translation_views.update_translations,
            name="catalog_update_translations",
        ),
    ]


@hooks.register("before_edit_page", order=-1)
def check_page_translation_source(request, page):
    return translation_views.check_translation_source(request, page)


@hooks.register("before_edit_snippet", order=-1)
def check_snippet_translation_source(request, instance):
    if hasattr(instance, "translation_key"):
        return translation_views.check_translation_source(request, instance)
    return None
