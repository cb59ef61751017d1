"""allauth's account adapter: our rules for the e-mail addresses people sign up with."""

from allauth.account.adapter import DefaultAccountAdapter

from subscriptions.email_rules import validate_account_email


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email: str) -> str:
        # Sign-up and "add e-mail address" both ask here; the error shows on the form.
        validate_account_email(email)
        return super().clean_email(email)
