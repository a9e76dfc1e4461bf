"""The second step of signing in (an authenticator app's code, or a recovery code) and setting the app up."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.template.defaultfilters import pluralize
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from accounts import second_factor
from accounts.forms import CodeForm
from accounts.middleware import second_factor_not_required
from accounts.scoping import signed_in_user

WRONG_CODE = "Enter a correct code. Codes from the app change every 30 seconds; each recovery code works once."


@second_factor_not_required
@require_http_methods(["GET", "POST"])
def set_up_authenticator(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if second_factor.has_authenticator(user) and not user.is_verified():  # type: ignore[attr-defined]
        # Replacing an app needs the present one (or a recovery code) first; a lost phone is an administrator's reset.
        return HttpResponseRedirect(resolve_url("accounts:verify"))
    device = second_factor.enrolment_device(user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        codes = second_factor.confirm_enrolment(request, user=user, token=form.cleaned_data["code"])
        if codes is not None:
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": _next(request)})
        form.add_error("code", WRONG_CODE)
    context = {
        "form": form,
        "qr_code": second_factor.qr_code_data_url(device),
        "secret": second_factor.secret_for_typing(device),
        "next": _next(request),
    }
    return render(request, "accounts/set_up_authenticator.html", context)


@second_factor_not_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if not second_factor.has_authenticator(user):
        return HttpResponseRedirect(resolve_url("accounts:set-up-authenticator"))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        verification = second_factor.verify(request, user=user, token=form.cleaned_data["code"])
        if verification.verified:
            return HttpResponseRedirect(_next(request))
        if verification.wait_seconds:
            wait = f"{verification.wait_seconds} second{pluralize(verification.wait_seconds)}"
            form.add_error("code", f"Wait {wait} after a wrong code, then enter the code your app shows then")
        else:
            form.add_error("code", WRONG_CODE)
    return render(request, "accounts/verify.html", {"form": form, "next": _next(request)})


@require_http_methods(["GET", "POST"])
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """How many recovery codes are left, and a fresh set on request (the old ones stop working)."""
    user = signed_in_user(request)
    if request.method == "POST":
        codes = second_factor.issue_recovery_codes(user)
        return render(
            request, "accounts/recovery_codes.html", {"codes": codes, "next": resolve_url("dashboards:home")}
        )
    return render(request, "accounts/recovery_codes_left.html", {"left": second_factor.recovery_codes_left(user)})


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)
