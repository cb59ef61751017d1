"""The subscriber's account area (/account/): profile, plan, data export, deletion.

Every view acts on ``request.user`` only (no ids in URLs); the logic lives in
subscriptions/account_services.py. These URLs are in the private list
(``Cache-Control: private, no-store``).
"""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from subscriptions.account_services import account_delete, account_export
from subscriptions.forms import DeleteAccountForm, ProfileForm


@login_required
@require_http_methods(["GET", "POST"])
def account_home(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your profile is saved.")
        return redirect("account:home")
    return render(
        request,
        "account/home.html",
        {
            "page_title": "Your account",
            "form": form,
            "subscription": getattr(request.user, "subscription", None),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def account_export_view(request):
    if request.method == "GET":
        return render(request, "account/export.html", {"page_title": "Download your data"})
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
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        account_delete(request.user)
        logout(request)
        messages.success(request, "Your account and personal data are deleted.")
        return redirect("/")
    return render(
        request, "account/delete.html", {"page_title": "Delete your account", "form": form}
    )
