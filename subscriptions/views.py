"""The subscriber's account area. Plans and billing arrive with the accounts issue."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def account_home(request):
    return render(request, "account/home.html", {"page_title": "Your account"})
