"""Forms for the profile pages (/account/profiles/); the rules are in services/profiles.py."""

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from engagement.models import Profile
from engagement.models.profiles import KIDS_CEILING
from subscriptions.maturity import MaturityRating

PIN_WIDGET = forms.PasswordInput(
    attrs={
        "inputmode": "numeric",
        "pattern": "[0-9]{4}",
        "maxlength": "4",
        "autocomplete": "off",
        "class": "pin-input",
    }
)


def _kids_help() -> str:
    return _(
        "Kids profiles watch shows rated up to %(rating)s at most; "
        "leaving one needs the main profile's PIN, when it has one."
    ) % {"rating": KIDS_CEILING}


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["name", "avatar", "language", "maturity_ceiling", "is_kids"]
        labels = {
            "name": _("Name"),
            "avatar": _("Avatar"),
            "language": _("Language"),
            "maturity_ceiling": _("Maturity rating (highest allowed)"),
            "is_kids": _("Kids profile"),
        }
        help_texts = {"is_kids": lazy(_kids_help, str)()}
        widgets = {"avatar": forms.RadioSelect(attrs={"class": "avatar-choice"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Blank means "the default": TV-PG for a kids profile, otherwise no cap (TV-MA).
        self.fields["maturity_ceiling"].required = False
        self.fields["maturity_ceiling"].choices = [("", _("Default")), *MaturityRating.choices]
        if self.instance.is_main:
            del self.fields["is_kids"]


class PinForm(forms.Form):
    pin = forms.CharField(label=_("PIN (4 digits)"), strip=True, widget=PIN_WIDGET)


class NewPinForm(forms.Form):
    pin = forms.CharField(label=_("New PIN (4 digits)"), strip=True, widget=PIN_WIDGET)
