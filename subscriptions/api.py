"""What subscriptions adds to ``GET /api/v1/me``: the ``plan`` field.

Registered in subscriptions/contributions.py; the endpoint itself is composed in
mediasite/api.py from every app's fields.
"""


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
