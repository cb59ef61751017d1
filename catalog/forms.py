"""Admin forms that turn tree rules into field errors before the database sees them."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from catalog.media.errors import InvalidMedia
from catalog.media.uploads import validate_video_upload


class NumberedChildPageForm(WagtailAdminPageForm):
    """Seasons within a show and episodes within a season have unique numbers."""

    number_label = "number"

    def clean(self):
        cleaned_data = super().clean()
        number = cleaned_data.get("number")
        parent = self.parent_page
        if number is None or parent is None:
            return cleaned_data
        siblings = (
            type(self.instance)
            .objects.child_of(parent)
            .filter(number=number)
            .exclude(pk=self.instance.pk)
        )
        if siblings.exists():
            self.add_error(
                "number",
                forms.ValidationError(
                    f"{parent.title} already has {self.number_label} {number}.",
                    code="duplicate_number",
                ),
            )
        return cleaned_data


class SeasonPageForm(NumberedChildPageForm):
    number_label = "a season"


class EpisodePageForm(NumberedChildPageForm):
    number_label = "an episode"


class ShowPageForm(WagtailAdminPageForm):
    """Show slugs must not shadow the routes under /shows/."""

    reserved_slugs = frozenset({"genres"})

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("slug") in self.reserved_slugs:
            self.add_error("slug", f"“{cleaned_data['slug']}” is reserved; choose another slug.")
        return cleaned_data


class VideoAssetForm(WagtailAdminModelForm):
    """Checks an uploaded video before it is stored, so a bad file is a field error, not a job.

    Saving also re-reads the worker's columns (status, progress, output…) under a row lock,
    so an editor's save never writes back stale processing state.
    """

    def clean_source(self):
        upload = self.cleaned_data.get("source")
        if isinstance(upload, UploadedFile):
            try:
                validate_video_upload(upload)
            except InvalidMedia as exc:
                raise forms.ValidationError(exc.reason, code="invalid_video") from exc
        return upload

    @property
    def needs_processing(self) -> bool:
        """New video, new source file or changed subtitles (they are part of the HLS output)."""
        subtitles = self.formsets.get("subtitles")
        return (
            self.instance._state.adding
            or "source" in self.changed_data
            or bool(subtitles and subtitles.has_changed())
        )

    def save(self, commit=True):
        with transaction.atomic():
            if self.instance.pk:
                self._reload_worker_fields()
            return super().save(commit=commit)

    def _reload_worker_fields(self):
        fields = list(self.instance.WORKER_FIELDS)
        if "poster" in self.changed_data:
            self.instance.poster_generated = False
        else:
            fields += ["poster", "poster_generated"]
        current = (
            type(self.instance)
            .objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values(*[f"{name}_id" if name == "poster" else name for name in fields])
            .first()
        )
        for name, value in (current or {}).items():
            setattr(self.instance, name, value)
