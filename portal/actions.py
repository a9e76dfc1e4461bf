"""What the complainant does from their own view: change their communication wishes, ask to be called, ask for a
Victims' Right to Review, say they no longer support the prosecution. Each page is reached only through the user's
standing invitation (anything else is a 404); the ISVA may ask to be called, and the rest is the complainant's own to
ask, so an ISVA gets a 404 there as for any page not theirs. The rules are the services' (victims.own_requests); after
each request the page shows what happens next, and asking again while a request waits says so."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.scoping import signed_in_user
from portal.forms import OwnWishesForm, initial_from
from victims.invitations import invitation_for, record_look
from victims.models import CommunicationWishes, Invitation
from victims.models.own_view import OwnViewRequestKind
from victims.own_requests import (
    ask_for_review,
    ask_to_be_called,
    change_own_wishes,
    open_review,
    say_no_longer_supports,
    vrr_deadline,
    waiting_request,
)
from web.steps import put_errors_on_form


def _invitation(request: HttpRequest, access: UUID, *, page: str, complainant_only: bool = True) -> Invitation:
    """The user's standing invitation named in the URL, its look logged; an ISVA's is a 404 on the complainant's
    own pages."""
    invitation = invitation_for(signed_in_user(request), access)
    if complainant_only and invitation.for_isva:
        raise Http404
    record_look(invitation, page=page)
    return invitation


def _journey_url(invitation: Invitation) -> str:
    return reverse("portal:journey", args=[invitation.public_id])


def _done(request: HttpRequest, template: str, invitation: Invitation, **context: object) -> HttpResponse:
    """What happens next, shown in answer to the request (sending it again is refused: one is waiting)."""
    return render(request, template, {"invitation": invitation, "back_url": _journey_url(invitation), **context})


@require_http_methods(["GET", "POST"])
def wishes(request: HttpRequest, access: UUID) -> HttpResponse:
    invitation = _invitation(request, access, page="wishes")
    complainant = invitation.complainant
    current: CommunicationWishes | None = getattr(complainant, "wishes", None)
    form = OwnWishesForm(
        request.POST if request.method == "POST" else None,
        initial=initial_from(current),
        has_isva=complainant.shares_with_isva,
    )
    if request.method == "POST" and form.is_valid():
        language_before = current.language if current else None
        try:
            saved = change_own_wishes(invitation=invitation, **form.wishes())
        except ValidationError as refused:
            put_errors_on_form(form, refused)
        else:
            messages.success(request, _("Your wishes are saved. We have told your victim liaison officer."))
            response = redirect(_journey_url(invitation))
            if saved.language != language_before:
                # The page's language follows the wishes (portal.language) unless the switch chose one: a new
                # language wished for is used from the next page on.
                response.delete_cookie(
                    settings.LANGUAGE_COOKIE_NAME,
                    path=settings.LANGUAGE_COOKIE_PATH,
                    domain=settings.LANGUAGE_COOKIE_DOMAIN,
                )
            return response
    return render(request, "portal/wishes.html", {"form": form, "back_url": _journey_url(invitation)})


def _ask(
    request: HttpRequest,
    invitation: Invitation,
    ask: Callable[..., object],
    *,
    page: str,
    context: dict[str, object],
) -> HttpResponse:
    """A page that asks one thing of a victim liaison officer: shown, then on confirmation asked through the service
    and answered with what happens next, or shown again with why it was refused."""
    refused = None
    if request.method == "POST":
        try:
            asked = ask(invitation=invitation)
        except ValidationError as refusal:
            refused = refusal.messages
        else:
            return _done(request, f"portal/{page}_done.html", invitation, asked=asked)
    shown = {"invitation": invitation, "refused": refused, "back_url": _journey_url(invitation), **context}
    return render(request, f"portal/{page}.html", shown)


@require_http_methods(["GET", "POST"])
def call_me(request: HttpRequest, access: UUID) -> HttpResponse:
    """A short confirmation, then what happens next; the ISVA may ask too."""
    invitation = _invitation(request, access, page="call me", complainant_only=False)
    waiting = waiting_request(invitation, OwnViewRequestKind.CALL_ME)
    return _ask(request, invitation, ask_to_be_called, page="call_me", context={"waiting": waiting})


@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, access: UUID) -> HttpResponse:
    """Asking for a Victims' Right to Review: offered only while its time limit runs, with the last day shown."""
    invitation = _invitation(request, access, page="review")
    complainant = invitation.complainant
    context: dict[str, object] = {
        "asked": open_review(complainant),
        "deadline": vrr_deadline(complainant),
        "today": timezone.localdate(),
    }
    return _ask(request, invitation, ask_for_review, page="review", context=context)


@require_http_methods(["GET", "POST"])
def no_longer_support(request: HttpRequest, access: UUID) -> HttpResponse:
    """An interruption page saying what it means (a victim liaison officer talks it through; nothing changes until
    then) before the complainant tells us."""
    invitation = _invitation(request, access, page="no longer support")
    waiting = waiting_request(invitation, OwnViewRequestKind.NO_LONGER_SUPPORTS)
    return _ask(request, invitation, say_no_longer_supports, page="no_longer_support", context={"waiting": waiting})
