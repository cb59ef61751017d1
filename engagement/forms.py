"""Forms for the profile pages (/account/profiles/); the rules are in services/profiles.py."""

from django import forms

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


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["name", "avatar", "language", "maturity_ceiling", "is_kids"]
        labels = {
            "maturity_ceiling": "Maturity rating (highest allowed)",
            "is_kids": "Kids profile",
        }
        help_texts = {
            "is_kids": f"Kids profiles watch shows rated up to {KIDS_CEILING} at most; "
            "leaving one needs the main profile's PIN, when it has one.",
        }
        widgets = {"avatar": forms.RadioSelect(attrs={"class": "avatar-choice"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Blank means "the default": TV-PG for a kids profile, otherwise no cap (TV-MA).
        self.fields["maturity_ceiling"].required = False
        self.fields["maturity_ceiling"].choices = [("", "Default"), *MaturityRating.choices]
        if self.instance.is_main:
            del self.fields["is_kids"]


class PinForm(forms.Form):
    pin = forms.CharField(label="PIN (4 digits)", strip=True, widget=PIN_WIDGET)


class NewPinForm(forms.Form):
    pin = forms.CharField(label="New PIN (4 digits)", strip=True, widget=PIN_WIDGET)
