"""The viewing history at /account/history/: the active profile's watched and started
episodes, newest first, with removal of one entry and of all (POST with CSRF; clearing
asks first). Private like all of /account/ (mounted through the registry)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from engagement.profiles import active_profile
from engagement.selectors.progress import history_page
from engagement.services.progress import clear_history, remove_history_entry


@login_required
def history(request):
    profile = active_profile(request)
    page, cards = history_page(profile, request, request.GET.get("page"))
    return render(
        request,
        "account/history.html",
        {"page_title": _("Viewing history"), "profile": profile, "page_obj": page, "cards": cards},
    )


@login_required
@require_POST
def history_remove(request, entry_id: int):
    if not remove_history_entry(active_profile(request), entry_id):
        raise Http404(_("No such entry in this profile's history."))
    messages.success(request, _("Removed from your viewing history."))
    return redirect("account:history")


@login_required
@require_http_methods(["GET", "POST"])
def history_clear(request):
    profile = active_profile(request)
    if request.method == "POST":
        clear_history(profile)
        messages.success(request, _("Your viewing history is cleared."))
        return redirect("account:history")
    return render(
        request,
        "account/history_clear.html",
        {"page_title": _("Clear viewing history"), "profile": profile},
    )
