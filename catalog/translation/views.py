"""Admin views in front of wagtail-localize's own, for what they leave to a 500.

- "Translate with <machine>" and "Sync translated pages" whose machine translator fails:
  an error message; the sync's transaction is rolled back, so nothing is saved or
  published (catalog/translation/machine.py).
- A translation whose source was deleted (``WAGTAILLOCALIZE_DISABLE_ON_DELETE`` stops
  it, and it becomes an ordinary page edited by hand): its edit view says so, and
  "Start synced translation" and "Sync translated pages" are refused with that message
  instead of failing on the missing source.
- Publishing a translation (or syncing and publishing) while its source page is
  unpublished: refused with a message, so no language shows what the source withdrew.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page

from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.views import edit_translation
from wagtail_localize.views.update_translations import UpdateTranslationsView

from catalog.translation.machine import MachineTranslationError

_update_view = UpdateTranslationsView.as_view()


def source_instance(source: TranslationSource):
    """The object a translation source was made from, or None once it was deleted."""
    try:
        return source.get_source_instance()
    except source.specific_content_type.model_class().DoesNotExist:
        return None


def withdrawn(instance) -> bool:
    """Whether the source is a page that is not live (unpublished, or never published)."""
    return isinstance(instance, Page) and not instance.live


def _back(request, fallback: str | None = None):
    return redirect(
        get_valid_next_url_from_request(request) or fallback or reverse("wagtailadmin_home")
    )


def detach_from_deleted_source(source: TranslationSource) -> int:
    """Stop the translations of a deleted source (if the delete signal did not)."""
    return source.translations.filter(enabled=True).update(enabled=False)


def deleted_message(request, source: TranslationSource) -> None:
    messages.warning(
        request,
        _(
            "“%(name)s”, the %(language)s original of this translation, was deleted. "
            "The translation is no longer synchronised: edit, unpublish or delete it here."
        )
        % {"name": source.object_repr, "language": source.locale.get_display_name()},
    )


def unpublished_message(request, instance) -> None:
    messages.error(
        request,
        _(
            "“%(name)s” in %(language)s is not published, so its translations cannot be "
            "published. Publish it first."
        )
        % {"name": instance, "language": instance.locale.get_display_name()},
    )


def machine_translate(request, translation_id):
    """wagtail-localize's "Translate with …": a failing translator is an error message."""
    try:
        return edit_translation.machine_translate(request, translation_id)
    except MachineTranslationError as error:
        messages.error(request, str(error))
        return _back(request)


def update_translations(request, translation_source_id):
    """wagtail-localize's "Sync translated pages", refusing what would fail or leak."""
    source = get_object_or_404(TranslationSource, id=translation_source_id)
    instance = source_instance(source)
    if instance is None:
        detach_from_deleted_source(source)
        deleted_message(request, source)
        return _back(request)
    if (
        request.method == "POST"
        and request.POST.get("publish_translations")
        and withdrawn(instance)
    ):
        unpublished_message(request, instance)
        return _back(request, request.path)
    try:
        return _update_view(request, translation_source_id=translation_source_id)
    except MachineTranslationError as error:
        # The sync is one transaction: nothing of it was saved.
        messages.error(request, str(error))
        return _back(request, request.path)


def check_translation_source(request, obj):
    """``before_edit_page`` / ``before_edit_snippet``: a translation whose source is gone.

    Runs before wagtail-localize's own hook, which would open its translation editor (or
    restart a stopped translation) on a deleted source, a 500, and would publish a
    translation of an unpublished page.
    """
    translation = (
        Translation.objects.filter(
            source__object_id=obj.translation_key, target_locale_id=obj.locale_id
        )
        .select_related("source", "source__locale")
        .order_by("-enabled")
        .first()
    )
    if translation is None:
        return None
    instance = source_instance(translation.source)
    if instance is None:
        detach_from_deleted_source(translation.source)
        deleted_message(request, translation.source)
        if request.method == "POST" and "localize-restart-translation" in request.POST:
            return redirect(request.get_full_path())
        return None  # Wagtail's own editor: the page is edited by hand now
    publishing = request.method == "POST" and request.POST.get("action") == "publish"
    if translation.enabled and publishing and withdrawn(instance):
        unpublished_message(request, instance)
        return redirect(request.get_full_path())
    return None
