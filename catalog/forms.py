"""Admin forms that turn tree rules into field errors before the database sees them."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.models import Page

from catalog.media.errors import InvalidMedia
from catalog.media.uploads import validate_video_upload


class NumberedChildPageForm(WagtailAdminPageForm):
    """Seasons within a show and episodes within a season have unique numbers.

    A new page is numbered after the highest sibling (drafts included), and a clash with a
    sibling, by number or by slug, names that sibling and links to its edit view: an add form
    left behind leaves a draft (Wagtail autosaves new pages), and the editor should find it.
    """

    number_label = "number"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        adding = self.instance._state.adding and self.parent_page is not None
        if adding and not self.is_bound and self.initial.get("number") is None:
            self.initial["number"] = self._next_number()

    def _siblings(self):
        return type(self.instance).objects.child_of(self.parent_page).exclude(pk=self.instance.pk)

    def _next_number(self) -> int:
        highest = self._siblings().aggregate(highest=Max("number"))["highest"]
        return (highest or 0) + 1

    def clean_slug(self):
        self._submitted_slug = self.cleaned_data.get("slug")
        return self._submitted_slug

    def clean(self):
        cleaned_data = super().clean()
        parent = self.parent_page
        if parent is None:
            return cleaned_data
        self._link_slug_clash()
        number = cleaned_data.get("number")
        clash = number is not None and self._siblings().filter(number=number).first()
        if clash:
            message = f"{parent.title} already has {self.number_label} {number}"
            self.add_error("number", _clash_error(message, clash, code="duplicate_number"))
        return cleaned_data

    def _link_slug_clash(self):
        """Wagtail refuses a slug in use; say which page has it and link to it."""
        slug = getattr(self, "_submitted_slug", None)
        if not slug or "slug" not in self._errors:
            return
        siblings = Page.objects.child_of(self.parent_page).exclude(pk=self.instance.pk)
        clash = siblings.filter(slug=slug).first()
        if clash:
            error = _clash_error(f"The slug “{slug}” is in use", clash, code="slug_in_use")
            self._errors["slug"] = self.error_class(error.error_list)


def _clash_error(message: str, page, *, code: str) -> forms.ValidationError:
    """“<message>: “Title” (a draft). Edit that page, …” with a link to its edit view."""
    if not page.live:
        state = "a draft"
    else:
        state = "live, with unpublished changes" if page.has_unpublished_changes else "live"
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    return forms.ValidationError(
        format_html(
            '{}: “<a href="{}">{}</a>” ({}). Edit that page, or choose another.',
            message,
            edit_url,
            page.get_admin_display_title(),
            state,
        ),
        code=code,
    )


class SeasonPageForm(NumberedChildPageForm):
    """The title may be left empty: SeasonPage.full_clean makes it “Season <number>”."""

    number_label = "a season"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "title" in self.fields:
            self.fields["title"].required = False
            self.fields["title"].help_text = "Leave empty for “Season <number>”."
            self.fields["title"].widget.attrs["placeholder"] = "Season title (optional)"


class EpisodePageForm(NumberedChildPageForm):
    """An empty runtime is the video's length; a typed one must be near it."""

    number_label = "an episode"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "runtime_minutes" not in self.fields:
            return
        self.fields["runtime_minutes"].help_text = "Minutes. Empty: the video's length."
        video = self.instance.video if self.instance.video_id else None
        if not self.is_bound and self.initial.get("runtime_minutes") is None and video:
            self.initial["runtime_minutes"] = video.duration_minutes

    def clean(self):
        cleaned_data = super().clean()
        video = cleaned_data.get("video")
        if "runtime_minutes" not in self.fields or not video or not video.duration_minutes:
            return cleaned_data
        runtime = cleaned_data.get("runtime_minutes")
        if runtime is None and "runtime_minutes" not in self._errors:
            cleaned_data["runtime_minutes"] = video.duration_minutes
        elif runtime and not video.fits_runtime(runtime):
            self.add_error(
                "runtime_minutes",
                forms.ValidationError(
                    _(
                        "The video “%(video)s” is %(duration)s long, not %(runtime)s min: "
                        "correct the runtime, or leave it empty to use the video's length."
                    )
                    % {"video": video, "duration": video.duration_display, "runtime": runtime},
                    code="runtime_mismatch",
                ),
            )
        return cleaned_data


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
