"""/account/alerts/: each profile's new-episode alert setting and the recent alerts; and
the one-click unsubscribe link every alert carries (no sign-in: the signature is the key).

These URLs are under /account/, in the private list (``Cache-Control: private, no-store``).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from engagement.models import AlertFrequency
from engagement.profiles import active_profile
from engagement.selectors.alerts import profile_frequencies, recent_alerts
from engagement.services import alerts


def _field(profile) -> str:
    return f"frequency-{profile.pk}"


@login_required
@require_http_methods(["GET", "POST"])
def alerts_page(request):
    rows = profile_frequencies(user=request.user)
    locked = bool(getattr(active_profile(request), "is_kids", False))
    if request.method == "POST":
        if locked:
            messages.error(request, _("Switch to a grown-up profile to change alerts."))
            return redirect("account:alerts")
        for profile, frequency in rows:
            chosen = request.POST.get(_field(profile), frequency)
            if chosen not in AlertFrequency.values:
                messages.error(
                    request, _("Choose how often to alert %(name)s.") % {"name": profile.name}
                )
                return redirect("account:alerts")
            if chosen != frequency:
                alerts.alert_preference_set(profile=profile, frequency=chosen)
        messages.success(request, _("Your alert settings are saved."))
        return redirect("account:alerts")
    context = {
        "page_title": _("New-episode alerts"),
        "locked": locked,
        "choices": AlertFrequency.choices,
        "profiles": [{"profile": p, "field": _field(p), "frequency": f} for p, f in rows],
        "recent": recent_alerts(user=request.user),
    }
    return render(request, "engagement/alerts.html", context)


@csrf_exempt  # mail clients' one-click POST has no token; the signed link is the key
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    try:
        user = alerts.unsubscribe_user(token)
    except alerts.BadUnsubscribeLink:
        return render(
            request,
            "engagement/unsubscribe.html",
            {"page_title": _("Link not valid"), "invalid": True},
            status=400,
        )
    done = request.method == "POST"
    if done:
        alerts.alerts_unsubscribe(user=user)
    context = {"page_title": _("Unsubscribe from alerts"), "done": done, "token": token}
    return render(request, "engagement/unsubscribe.html", context)


urlpatterns = [
    path("", alerts_page, name="alerts"),
    path("unsubscribe/<str:token>/", unsubscribe, name="alerts_unsubscribe"),
]
