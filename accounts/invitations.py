"""Invitations to people an administrator added (accounts.people): a single-use link that expires, to set a password
and then an authenticator app. Only a hash of the link's secret is kept; the secret is in the e-mail alone. Sending
the e-mail is the caller's (the administration pages, which use the service's e-mail): accounts sends nothing."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.history import record
from accounts.local_sign_in import may_use_password
from accounts.middleware import second_factor_not_required
from accounts.models import StaffInvitation, User
from govuk.forms import GovukFormMixin

SECRET_BYTES = 32
LIFETIME = timedelta(days=3)


def link_hash(secret: str) -> str:
    """What is kept of an invitation link's secret (a colleague's here, a complainant's in victims.invitations)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def new_link_secret() -> str:
    """A new secret for an invitation link, to be sent and kept nowhere but as its hash."""
    return secrets.token_urlsafe(SECRET_BYTES)


@transaction.atomic
def issue(person: User, *, by: User) -> str:
    """A new invitation for the person, ending any earlier one that was not used; its link's secret, to be sent to
    them and kept nowhere."""
    now = timezone.now()
    StaffInvitation.objects.filter(user=person, accepted_at__isnull=True, expires_at__gt=now).update(expires_at=now)
    secret = new_link_secret()
    StaffInvitation.objects.create(user=person, invited_by=by, token_hash=link_hash(secret), expires_at=now + LIFETIME)
    return secret


def invitation_url(secret: str) -> str:
    return settings.SERVICE_URL + reverse("accounts:accept-invitation", kwargs={"token": secret})


def _found(secret: str) -> StaffInvitation | None:
    return (
        StaffInvitation.objects.select_related("user").filter(token_hash=link_hash(secret)).first() if secret else None
    )


def why_not_usable(invitation: StaffInvitation | None) -> str:
    """Why the link cannot be used, in words, or "" when it can."""
    if invitation is None:
        return "This link is not a valid invitation. Check you copied the whole link from the email."
    if invitation.accepted_at is not None:
        return "This invitation has already been used. Sign in with the password you set."
    if not invitation.user.is_active:
        return "This account has been disabled. Ask your administrator if you still need it."
    if invitation.expires_at <= timezone.now():
        return "This invitation has expired. Ask your administrator to send you a new one."
    return ""


@transaction.atomic
def accept(secret: str, *, password: str) -> User | None:
    """Use the link, once: the person's password is set. None when the link can no longer be used."""
    invitation = StaffInvitation.objects.select_for_update().filter(token_hash=link_hash(secret)).first()
    if invitation is None or why_not_usable(invitation):
        return None
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    person = invitation.user
    person.set_password(password)
    record(person, by=person, change="Password set from the invitation")
    person.save()
    return person


class NewPasswordForm(GovukFormMixin, SetPasswordForm):
    """Django's form for a new password, typed twice and checked by AUTH_PASSWORD_VALIDATORS."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "Password"
        self.fields[
            "new_password1"
        ].help_text = (
            "At least 12 characters, not all numbers, not a common password and not like your name or email address."
        )
        self.fields["new_password2"].label = "Type the password again"
        self.fields["new_password2"].help_text = ""
        for field in self.fields.values():
            field.widget.attrs.update(autocomplete="new-password", spellcheck="false")
        self.word_required_messages()


@login_not_required
@second_factor_not_required
@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The invited person's page: a password, then straight on to setting up their authenticator app (signed in
    with their password only until then). Where they sign in with their organisation's account, the password is
    only for when it is down, and the page says so."""
    invitation = _found(token)
    problem = why_not_usable(invitation)
    if problem or invitation is None:
        return render(request, "accounts/accept_invitation_unusable.html", {"problem": problem})
    form = NewPasswordForm(invitation.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = accept(token, password=form.cleaned_data["new_password1"])
        if person is None:
            problem = why_not_usable(_found(token))
            return render(request, "accounts/accept_invitation_unusable.html", {"problem": problem})
        if may_use_password(person):
            login(request, person, backend="accounts.local_sign_in.PasswordBackend")
            return HttpResponseRedirect(resolve_url("accounts:set-up-authenticator"))
        return render(request, "accounts/accept_invitation_done.html", {"person": person})
    return render(request, "accounts/accept_invitation.html", {"form": form, "person": invitation.user})
