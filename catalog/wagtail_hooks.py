from django.urls import path

from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from catalog.languages import check_page_language
from catalog.permissions import DeleteNeedsDeletePermissionPolicy
from catalog.translation import machine
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


@hooks.register("register_admin_urls", order=-1)
def guard_machine_translation():
    """Ahead of wagtail-localize's own pattern at this path: a translator failure is a message."""
    return [
        path(
            "localize/translate/<int:translation_id>/machine_translate/",
            machine.machine_translate,
            name="catalog_machine_translate",
        )
    ]
