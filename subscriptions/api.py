"""What subscriptions adds to ``GET /api/v1/me``: the ``plan`` field.

Registered in subscriptions/contributions.py; the endpoint itself is composed in
mediasite/api.py from every app's fields. ``PUT /api/v1/me/language`` sets the user's
language (subscriptions/languages.py).
"""

from typing import Any

from ninja import Router, Schema
from ninja.errors import HttpError

from mediasite.api_auth import session_write
from subscriptions.languages import UnknownLanguage, user_language_set


def _plan_slug(user) -> str | None:
    """The plan that currently unlocks episodes for the user, if any (ended plans: None)."""
    from subscriptions.selectors import subscription_get_for_user

    subscription = subscription_get_for_user(user=user)
    if subscription is None or not subscription.is_running():
        return None
    return subscription.plan.slug


def me_plan(request) -> str | None:
    """The ``plan`` field of ``/api/v1/me``: the slug of the plan that plays, or None."""
    return _plan_slug(request.user)


class LanguageIn(Schema):
    # Any, so that a wrong type gets the same readable 422 as an unknown code.
    language: Any = None


class LanguageOut(Schema):
    language: str


class Detail(Schema):
    detail: str


router = Router(tags=["me"])


@router.put(
    "/me/language",
    auth=session_write,
    response={200: LanguageOut, 401: Detail, 403: Detail, 422: Detail},
    summary="Choose the language of the account area and e-mails",
)
def put_language(request, payload: LanguageIn):
    """``{"language": "fr"}``: one of settings.LANGUAGES, else 422."""
    try:
        language = user_language_set(user=request.user, language=payload.language)
    except UnknownLanguage as exc:
        raise HttpError(422, str(exc)) from exc
    return {"language": language}
