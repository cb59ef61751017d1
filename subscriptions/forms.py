"""Forms for the account area (/account/)."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _


class ProfileForm(forms.ModelForm):
    language = forms.ChoiceField(
        label=_("Language"),
        choices=lambda: settings.LANGUAGES,
        required=False,  # left out (an older form, a script): the language stays as it is
        help_text=_("The language of your account pages and of the e-mails we send you."),
    )

    class Meta:
        model = get_user_model()
        fields = ["display_name", "language"]
        labels = {"display_name": _("Display name")}
        help_texts = {
            "display_name": _(
                "Shown next to your reviews. Leave blank to use the part of your e-mail before the @."
            )
        }

    def clean_language(self):
        return self.cleaned_data.get("language") or self.instance.language


class DeleteAccountForm(forms.Form):
    """Deleting needs the password, or the e-mail address typed out for accounts without one."""

    confirmation = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, rate_limited=False, **kwargs):
        self.user = user
        self.rate_limited = rate_limited
        super().__init__(*args, **kwargs)
        if not user.has_usable_password():
            self.fields["confirmation"].label = _("Type your e-mail address")
            self.fields["confirmation"].widget = forms.EmailInput(attrs={"autocomplete": "off"})

    def clean_confirmation(self):
        value = self.cleaned_data["confirmation"]
        if self.rate_limited:
            # Checked first: a refused attempt must not tell whether the password was right.
            raise forms.ValidationError(_("Too many attempts. Try again in a few minutes."))
        if self.user.has_usable_password():
            if not self.user.check_password(value):
                raise forms.ValidationError(_("That is not your password."))
        elif value.strip().lower() != self.user.email.lower():
            raise forms.ValidationError(_("That is not your e-mail address."))
        return value


class PlanChoiceForm(forms.Form):
    """The plan a subscriber picks in /account/plans/ (by slug; only active plans)."""

    plan = forms.ModelChoiceField(
        queryset=None,
        to_field_name="slug",
        error_messages={
            "required": _("Choose a plan."),
            "invalid_choice": _("That plan does not exist or is no longer offered."),
        },
    )

    def __init__(self, *args, **kwargs):
        from subscriptions.selectors import plan_list

        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plan_list()
