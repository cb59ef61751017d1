"""Admin form widgets."""

from django import forms
from django.forms.widgets import Script


class FilterableCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """A checkbox list with a text filter above it, for long choice lists (countries).

    Without JavaScript it is a plain checkbox list. ``checkbox-filter.js`` (an ES module, no
    inline script, so it runs under the admin's CSP) adds a labelled search box that hides
    the options not matching what is typed, ignoring case and accents, and a live summary
    of what is selected; the checkboxes stay the form's inputs, so the values are unchanged.
    """

    # Under the app (form widgets render with the app directories, not templates/).
    template_name = "catalog/widgets/filterable_checkbox_select.html"

    def __init__(self, attrs=None, choices=(), *, filter_label="Filter", noun="items"):
        super().__init__(attrs, choices)
        self.filter_label = filter_label
        self.noun = noun

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"].update(filter_label=self.filter_label, noun=self.noun)
        return context

    class Media:
        js = [Script("catalog/admin/checkbox-filter.js", type="module")]
        css = {"all": ["catalog/admin/checkbox-filter.css"]}
