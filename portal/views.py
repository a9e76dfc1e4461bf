"""The complainant's and ISVA's own view of a case: their home (straight to the journey when there is one case to
see), the journey in plain words, and a letter sent to the complainant. Each page reaches the case only through the
user's standing invitation (``victims.invitations``), so anything else is a 404, and each view of a case is written
to the access log the auditor reads (``record_look``)."""

from __future__ import annotations

from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from accounts.models import User
from accounts.roles import OWN_VIEW_ROLES, Role
from portal.journey import journey_of
from portal.wording import LETTERS
from victims.invitations import invitation_for, letters_shown, record_look, record_looks, standing_invitations
from victims.models import CommunicationKind


def _own_view_user(request: HttpRequest) -> User:
    """The signed-in complainant or ISVA; anyone else is a 404 (the own-view middleware sends visitors to sign in)."""
    user = request.user
    if not user.is_authenticated or user.role not in OWN_VIEW_ROLES:
        raise Http404
    return user


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """A complainant with one case goes straight to it. An ISVA (or a complainant with several cases) chooses one,
    each told apart by the police force and the day it was reported: no name, so nobody's identity is read or shown
    on a list that may be seen over a shoulder."""
    user = _own_view_user(request)
    invitations = list(
        standing_invitations(user)
        .select_related("complainant__case__police_force")
        .order_by("complainant__case__reported_on", "pk")
    )
    if user.role == Role.COMPLAINANT and len(invitations) == 1:
        return redirect("portal:journey", access=invitations[0].public_id)
    record_looks(invitations, page="home")
    return render(request, "portal/home.html", {"invitations": invitations, "for_isva": user.role == Role.ISVA})


@require_GET
def journey(request: HttpRequest, access: UUID) -> HttpResponse:
    invitation = invitation_for(_own_view_user(request), access)
    record_look(invitation, page="journey")
    return render(request, "portal/journey.html", {"journey": journey_of(invitation)})


@require_GET
def letter(request: HttpRequest, access: UUID, letter: int) -> HttpResponse:
    """A letter sent to the complainant, as it was sent: their own letter, read under the look the log records."""
    invitation = invitation_for(_own_view_user(request), access)
    sent = letters_shown(invitation).filter(pk=letter).first()
    if sent is None:
        raise Http404
    record_look(invitation, page="letter")
    return render(
        request,
        "portal/letter.html",
        {"invitation": invitation, "letter": sent, "kind": LETTERS[CommunicationKind(sent.kind)]},
    )
