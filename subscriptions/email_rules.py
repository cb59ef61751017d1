"""Which e-mail addresses an account may use, beyond being well-formed.

Django's EmailValidator accepts address literals (``x@[127.0.0.1]``) and any Unicode
letters, so ``admin@exаmple.com`` with a Cyrillic "а" passes as a different address that
looks like ours. An account address must name a domain, and no label of its domain may mix
scripts with look-alike letters (confusable-homoglyphs, the check django-registration uses;
the validator already keeps local parts ASCII). Single-script international names (``münchen.de``,
``日本語.jp``, ``ελληνικά.gr``) stay allowed.
"""

from django.core.exceptions import ValidationError

from confusable_homoglyphs import confusables

ADDRESS_LITERAL_MESSAGE = "Use an address with a domain name, not an IP address."
LOOKALIKE_MESSAGE = (
    "This address mixes letters from different alphabets that look alike "
    "(for example a Cyrillic “а” among Latin letters). Type it again in one alphabet."
)


def validate_account_email(email: str) -> None:
    """Raises ValidationError (with a message for the form) if the address may not be used."""
    domain = email.rpartition("@")[2]
    if domain.startswith("[") or domain.endswith("]"):
        raise ValidationError(ADDRESS_LITERAL_MESSAGE, code="address_literal")
    for label in domain.split("."):
        if label and confusables.is_dangerous(label):
            raise ValidationError(LOOKALIKE_MESSAGE, code="mixed_script")
