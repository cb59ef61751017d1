"""API endpoints about the signed-in person (``/api/v1/me``)."""

from django.middleware.csrf import get_token

from ninja import Router, Schema

router = Router(tags=["me"])


class MeOut(Schema):
    authenticated: bool
    username: str | None
    plan: str | None
    csrf_token: str
    is_staff: bool
    admin_url: str | None


def _plan_slug(user) -> str | None:
    """The plan that currently unlocks episodes for the user, if any (ended plans: None)."""
    from subscriptions.selectors import subscription_get_for_user

    subscription = subscription_get_for_user(user=user)
    if subscription is None or not subscription.is_running():
        return None
    return subscription.plan.slug


@router.get("/me", response=MeOut, summary="Who is signed in")
def me(request):
    """Who the visitor is, for the scripts that decorate cached pages."""
    user = request.user
    signed_in = user.is_authenticated
    can_edit = signed_in and user.is_active and user.has_perm("wagtailadmin.access_admin")
    return {
        "authenticated": signed_in,
        "username": user.public_name if signed_in else None,
        "plan": _plan_slug(user),
        "csrf_token": get_token(request),
        "is_staff": bool(can_edit),
        "admin_url": "/admin/" if can_edit else None,
    }
