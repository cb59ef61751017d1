"""``/account/list/``: the active profile's My List, sortable and paged, with remove buttons.

Mounted by the registry (engagement/contributions.py) in the ``account`` namespace; the
whole of ``/account/`` is private (``private, no-store``). Removing is a POST with CSRF.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from engagement.guards import write_refusal
from engagement.profiles import active_profile
from engagement.selectors import watchlist as selectors
from engagement.services.watchlist import watchlist_remove


@login_required
@require_GET
def account_list(request):
    profile = active_profile(request)
    sort = request.GET.get("sort")
    if sort not in selectors.Sort.CHOICES:
        sort = selectors.Sort.ADDED
    page = selectors.watchlist_page(profile=profile, sort=sort, number=request.GET.get("page"))
    return render(
        request,
        "account/list.html",
        {
            "page_title": _("My List"),
            "profile": profile,
            "sort": sort,
            "sorts": list(selectors.Sort.CHOICES.items()),
            "page_obj": page,
            "entries": page.object_list,
        },
    )


@login_required
@require_POST
def account_list_remove(request):
    profile = active_profile(request)
    refusal = write_refusal(request.user)
    raw = request.POST.get("page_id", "")
    if refusal:
        messages.error(request, refusal)
    elif raw.isascii() and raw.isdigit() and selectors.valid_id(int(raw)):
        if watchlist_remove(profile=profile, page_id=int(raw)):
            messages.success(request, _("Removed from your list."))
    else:
        messages.error(request, _("That is not an item of your list."))
    back = {key: request.POST[key] for key in ("sort", "page") if request.POST.get(key)}
    url = reverse("account:list")
    return redirect(f"{url}?{urlencode(back)}" if back else url)


urlpatterns = [
    path("", account_list, name="list"),
    path("remove/", account_list_remove, name="list_remove"),
]
