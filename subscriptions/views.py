"""The subscriber's account area (/account/): profile, plan, billing, data export, deletion.

Every view acts on ``request.user`` only (no ids in URLs); the logic lives in
subscriptions/account_services.py. These URLs are in the private list
(``Cache-Control: private, no-store``).
"""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from allauth.core import ratelimit

from subscriptions import return_to, selectors, services
from subscriptions.account_services import account_delete, account_export
from subscriptions.billing import CheckoutRedirect, checkout_provider, get_provider, managed_on_site
from subscriptions.entitlements import email_verified, subscription_decision
from subscriptions.forms import DeleteAccountForm, PlanChoiceForm, ProfileForm


@login_required
@require_http_methods(["GET", "POST"])
def account_home(request):
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=request.user)
    subscription = selectors.subscription_get_for_user(user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("account:home")
    if request.method == "GET" and request.GET.get("checkout") == "done":
        messages.info(
            request, _("Thank you! Your plan starts as soon as the payment is confirmed.")
        )
    return render(
        request,
        "account/home.html",
        {
            "page_title": _("Your account"),
            "form": form,
            "subscription": subscription,
            "managed_here": subscription is None or managed_on_site(subscription.provider),
            "billing_history": selectors.billing_history(user=request.user),
        },
    )


def _chosen_message(before, after) -> str:
    plan = after.plan.display_name
    if after.status == after.Status.TRIALING and (before is None or before.trial_ends_at is None):
        return _("Your %(plan)s trial has started. Enjoy watching!") % {"plan": plan}
    if before is not None and before.plan_id == after.plan_id and before.cancel_at_period_end:
        return _("Welcome back: your %(plan)s plan continues.") % {"plan": plan}
    if before is not None and before.is_running():
        return _("Your plan is now %(plan)s.") % {"plan": plan}
    return _("You are subscribed to %(plan)s. Enjoy watching!") % {"plan": plan}


def _plan_rows(plans, subscription, required_tier: int | None = None) -> list[dict]:
    """Each plan with whether it is the subscriber's, what choosing it would do and, when
    the viewer came from a locked episode, whether it is the plan that unlocks it (the
    first, lowest-tier plan at or above ``required_tier``) or too low for it."""
    rows = []
    unlocking = next((p for p in plans if required_tier and p.tier >= required_tier), None)
    for plan in plans:
        current = subscription is not None and subscription.plan_id == plan.pk
        if current:
            action = f"Keep {plan.display_name}" if subscription.cancel_at_period_end else None
        elif subscription is None:
            action = f"Choose {plan.display_name}"
        elif plan.tier > subscription.plan.tier:
            action = f"Upgrade to {plan.display_name}"
        else:
            action = f"Switch to {plan.display_name}"
        rows.append(
            {
                "plan": plan,
                "current": current,
                "action": action,
                "unlocks": unlocking is not None and plan.pk == unlocking.pk,
                "too_low": bool(required_tier) and plan.tier < required_tier,
            }
        )
    return rows


def _came_from(request) -> dict:
    """The local page to return to after choosing (``next``) and the tier it needs
    (``tier``), from the query string or the form; anything else is dropped."""
    data = request.POST if request.method == "POST" else request.GET
    return {
        "next": return_to.local_url(data.get("next")),
        "tier": return_to.required_tier(data.get("tier")),
    }


@require_http_methods(["GET", "POST"])
def account_plans(request):
    """Pick, change or resume a plan. Subscribing needs a verified e-mail address.

    Anybody may look at the plans; choosing one needs an account. Coming from a locked
    episode (``?next=<its URL>&tier=<the tier it needs>``) the plan that unlocks it is
    marked, and choosing a plan returns to the episode.
    """
    if request.method == "POST" and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    came_from = _came_from(request)
    form = PlanChoiceForm(request.POST if request.method == "POST" else None)
    before = selectors.subscription_get_for_user(user=request.user)
    provider = checkout_provider()
    if request.method == "POST" and form.is_valid():
        try:
            after = services.plan_choose(
                user=request.user, plan=form.cleaned_data["plan"], provider=provider
            )
        except services.SubscriptionError as exc:
            form.add_error(None, exc.message)
        else:
            if isinstance(after, CheckoutRedirect):  # pay on the provider's page
                return redirect(after.url)
            if came_from["next"]:
                # Back to the episode, which starts playing. No message: public pages never
                # show messages, so it would pop up later, stale, on some account page.
                return redirect(came_from["next"])
            messages.success(request, _chosen_message(before, after))
            return redirect("account:home")
    now = timezone.now()
    current = before if services.is_changeable(before, now) else None
    tier = came_from["tier"]
    return render(
        request,
        "account/plans.html",
        {
            "page_title": _("Plans"),
            "form": form,
            "plans": _plan_rows(selectors.plans_with_copy(selectors.plan_list()), current, tier),
            "subscription": current,
            "email_verified": request.user.is_authenticated and email_verified(request.user),
            "provider": provider,
            "came_from": came_from["next"],
            "required_tier": tier,
            # The plan they have already plays it (e.g. they came back from another tab).
            "covered": bool(tier and subscription_decision(current, tier, now).allowed),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def account_cancel(request):
    """Cancel at the end of the paid period."""
    try:
        subscription = services.subscription_cancel(user=request.user)
    except services.SubscriptionError as exc:
        messages.error(request, exc.message)
    else:
        if subscription.cancel_at_period_end:
            end = timezone.localtime(subscription.current_period_end)
            messages.success(
                request,
                _("Your plan is canceled; you can watch until %(day)s.")
                % {"day": date_format(end, "j F Y")},
            )
        else:
            messages.success(request, _("Your plan is canceled."))
    return redirect("account:home")


@login_required
@require_POST
def account_billing_portal(request):
    """Off to the payment provider's portal for a subscription it bills (cards, plan, cancel)."""
    subscription = selectors.subscription_get_for_user(user=request.user)
    provider = get_provider(subscription.provider) if subscription else None
    try:
        if provider is None or managed_on_site(subscription.provider):
            raise services.SubscriptionError("Your plan is managed here, on this page.")
        url = provider.portal_url(
            subscription=subscription,
            return_url=settings.BASE_URL + reverse("account:home"),
        )
    except services.SubscriptionError as exc:
        messages.error(request, exc.message)
        return redirect("account:home")
    return redirect(url)


@login_required
@require_POST
def account_resume(request):
    """Withdraw a cancellation while the period runs."""
    try:
        subscription = services.subscription_resume(user=request.user)
    except services.SubscriptionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Your %(plan)s plan continues.") % {"plan": subscription.plan.display_name}
        )
    return redirect("account:home")


@login_required
@require_http_methods(["GET", "POST"])
def account_export_view(request):
    if request.method == "GET":
        return render(request, "account/export.html", {"page_title": _("Download your data")})
    data = account_export(request.user)
    filename = f"mediasite-export-{timezone.localdate().isoformat()}.json"
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def account_delete_view(request):
    # Typing the password again is a reauthentication: allauth's limit for it applies.
    rate_limited = request.method == "POST" and not ratelimit.consume(
        request, action="reauthenticate", user=request.user
    )
    form = DeleteAccountForm(request.POST or None, user=request.user, rate_limited=rate_limited)
    if request.method == "POST" and form.is_valid():
        try:
            account_delete(request.user)
        except services.SubscriptionError as exc:
            form.add_error(None, f"{exc.message} Your account was not deleted.")
        else:
            logout(request)
            messages.success(request, _("Your account and personal data are deleted."))
            return redirect("/")
    return render(
        request, "account/delete.html", {"page_title": _("Delete your account"), "form": form}
    )
