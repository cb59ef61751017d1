"""Admin forms that turn tree rules into field errors before the database sees them."""

from django import forms

from wagtail.admin.forms import WagtailAdminPageForm


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
