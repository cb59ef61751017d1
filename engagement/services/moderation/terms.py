"""Blocked terms: words or phrases that hold a review for approval (edited by moderators)."""

from __future__ import annotations

import re

from django.utils.translation import gettext

from engagement.models import BlockedTerm


def blocked_term_in(text: str) -> str | None:
    """The first blocked term ``text`` contains (whole words, any case), or None."""
    terms = list(BlockedTerm.objects.values_list("term", flat=True))
    if not terms or not text:
        return None
    for term in terms:
        if re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text, flags=re.IGNORECASE):
            return term
    return None


def term_add(term: str) -> BlockedTerm:
    term = " ".join(term.split())[:100]
    if not term:
        raise ValueError(gettext("Enter a word or phrase."))
    found, _ = BlockedTerm.objects.get_or_create(term__iexact=term, defaults={"term": term})
    return found


def term_delete(term_id: int) -> None:
    BlockedTerm.objects.filter(pk=term_id).delete()
