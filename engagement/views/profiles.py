"""The profile pages: /account/profiles/ (list, add, edit, delete, PINs) and the
"Who's watching?" picker at /account/profiles/pick/.

Thin views over engagement/services/profiles.py: each rule's refusal (ProfileError)
becomes a form error or a message. Private pages (all of /account/ is ``no-store``).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from engagement.forms import NewPinForm, PinForm, ProfileForm
from engagement.models.profiles import MAX_PROFILES
from engagement.profiles import active_profile
from engagement.services import profiles as services
from subscriptions.return_to import local_url

INDEX = "account:profiles"


def _own_or_404(request, profile_id: int):
    profile = services.profile_for(request.user, profile_id)
    if profile is None:
        raise Http404(_("No such profile."))
    return profile


def _form_error(form, error: services.ProfileError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


def _status(form) -> int:
    return 400 if form.errors else 200


def _locked_page(request):
    """Management needs the main profile's PIN: ask for it, then come back here."""
    return render(
        request,
        "engagement/profiles/unlock.html",
        {"form": PinForm(), "next": request.get_full_path()},
        status=403,
    )


@login_required
@require_http_methods(["GET"])
def profiles_index(request):
    current = active_profile(request)
    profiles = services.profiles_for(request.user)
    unlocked = services.management_unlocked(request)
    return render(
        request,
        "engagement/profiles/index.html",
        {
            "profiles": profiles,
            "current": current,
            "unlocked": unlocked,
            "unlock_form": None if unlocked else PinForm(),
            "can_add": len(profiles) < MAX_PROFILES,
            "max_profiles": MAX_PROFILES,
        },
    )


@login_required
@require_POST
def profiles_unlock(request):
    form = PinForm(request.POST)
    next_url = local_url(request.POST.get("next")) or reverse(INDEX)
    status = 400
    if form.is_valid():
        try:
            services.unlock_management(request, form.cleaned_data["pin"])
        except services.ProfileError as error:
            _form_error(form, error)
            status = 429 if error.status == 429 else 400
        else:
            return redirect(next_url)
    return render(
        request,
        "engagement/profiles/unlock.html",
        {"form": form, "next": next_url},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile_add(request):
    if not services.management_unlocked(request):
        return _locked_page(request)
    form = ProfileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            profile = services.profile_create(request.user, **form.cleaned_data)
        except services.ProfileError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Profile “%(name)s” added.") % {"name": profile.name})
            return redirect(INDEX)
    return render(
        request,
        "engagement/profiles/form.html",
        {"form": form, "profile": None, "page_title": _("Add a profile")},
        status=_status(form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request, profile_id: int):
    profile = _own_or_404(request, profile_id)
    if not services.management_unlocked(request):
        return _locked_page(request)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(profile, **form.cleaned_data)
        except services.ProfileError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Profile saved."))
            return redirect(INDEX)
    profile.refresh_from_db()  # the form wrote its values onto the instance
    return render(
        request,
        "engagement/profiles/form.html",
        {
            "form": form,
            "profile": profile,
            "pin_form": NewPinForm(),
            "page_title": f"Edit {profile.name}",
        },
        status=_status(form),
    )


@login_required
@require_POST
def profile_pin(request, profile_id: int):
    """Set (``pin``) or remove (``remove``) a profile's PIN."""
    profile = _own_or_404(request, profile_id)
    if not services.management_unlocked(request):
        return _locked_page(request)
    if "remove" in request.POST:
        services.pin_clear(profile)
        messages.success(request, _("The PIN of “%(name)s” is removed.") % {"name": profile.name})
        return redirect(INDEX)
    pin_form = NewPinForm(request.POST)
    if pin_form.is_valid():
        try:
            services.pin_set(profile, pin_form.cleaned_data["pin"])
            if profile.is_main:
                services.keep_unlocked(request)
        except services.ProfileError as error:
            _form_error(pin_form, error)
        else:
            messages.success(request, _("The PIN of “%(name)s” is set.") % {"name": profile.name})
            return redirect(INDEX)
    return render(
        request,
        "engagement/profiles/form.html",
        {
            "form": ProfileForm(instance=profile),
            "profile": profile,
            "pin_form": pin_form,
            "page_title": f"Edit {profile.name}",
        },
        status=400,
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile_delete(request, profile_id: int):
    profile = _own_or_404(request, profile_id)
    if not services.management_unlocked(request):
        return _locked_page(request)
    error = None
    if request.method == "POST":
        try:
            services.profile_delete(profile)
        except services.ProfileError as refused:
            error = refused.message
        else:
            messages.success(request, _("Profile “%(name)s” deleted.") % {"name": profile.name})
            return redirect(INDEX)
    return render(
        request,
        "engagement/profiles/delete.html",
        {"profile": profile, "error": error},
        status=403 if error else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile_pick(request):
    """ "Who's watching?": every profile as a button; a PIN field where switching asks one."""
    data = request.POST if request.method == "POST" else request.GET
    next_url = local_url(data.get("next")) or "/"
    errors: dict[int, str] = {}
    status = 200
    if request.method == "POST":
        raw_id = request.POST.get("profile", "")
        target = (
            services.profile_for(request.user, int(raw_id))
            if raw_id.isascii() and raw_id.isdigit()
            else None
        )
        if target is None:
            raise Http404(_("No such profile."))
        try:
            services.profile_switch(request, target, request.POST.get("pin"))
        except services.ProfileError as error:
            errors[target.pk] = error.message
            status = 429 if error.status == 429 else 400
        else:
            return redirect(next_url)
    current = active_profile(request)
    choices = []
    for profile in services.profiles_for(request.user):
        holder = services.switch_pin_holder(current, profile)
        choices.append(
            {
                "profile": profile,
                "needs_pin": holder is not None,
                "main_pin": holder is not None and holder.is_main and not profile.is_main,
                "error": errors.get(profile.pk),
            }
        )
    return render(
        request,
        "engagement/profiles/pick.html",
        {"choices": choices, "current": current, "next": next_url},
        status=status,
    )


def login_redirect(request, url: str) -> str | None:
    """After sign-in, an account with more than one profile picks who is watching first
    (registered with the registry; subscriptions' adapter asks it); ``url`` (``next`` or
    the default) is where the picker continues."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    if user.profiles.count() <= 1:
        return None
    return f"{reverse('account:profile_pick')}?{urlencode({'next': url})}"
