"""The staff pages of a complainant's own view: where the complainant's and their ISVA's access stands, with Invite,
Send a new link and End access; ending asks for a reason and confirmation first; and recording that a request the
complainant made from their own view was answered. Only the letter writers (victim liaison officers, unit heads and
prosecutors of the Area) see them; a case outside the user's scope is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.scoping import signed_in_user
from cases.models import Case
from cases.views.steps import on_case
from govuk.wording import moment_in_words
from victims.forms import AnsweredForm, EndAccessForm, OwnViewForm
from victims.letters import LETTER_WRITERS
from victims.models import Invitation, OwnViewRequest
from victims.own_view import EndReason, eligibility_problems, invite, send_new_link
from victims.own_view import answer_request as answer_request_service
from victims.own_view import revoke as end_access
from victims.own_view_access import own_view_of
from victims.views.complainants import tab_url, visible_complainant
from web.steps import posted, put_errors_on_form, step_page


def own_view_url(case_id: int, complainant_id: int) -> str:
    return reverse("victims:own-view", args=[case_id, complainant_id])


def own_view(request: HttpRequest, pk: int, complainant_pk: int) -> HttpResponse:
    complainant = visible_complainant(request, pk, complainant_pk)
    actor = signed_in_user(request)
    LETTER_WRITERS.require(actor.role)
    form = OwnViewForm(posted(request))
    if request.method == "POST" and form.is_valid():
        for_isva = form.cleaned_data["who"] == "isva"
        try:
            if form.cleaned_data["action"] == "invite":
                invite(actor=actor, complainant=complainant, for_isva=for_isva)
                done = _("Invitation made: the link is being sent")
            else:
                standing = get_object_or_404(
                    Invitation, complainant=complainant, for_isva=for_isva, revoked_at__isnull=True
                )
                send_new_link(actor=actor, invitation=standing)
                done = _("A new link is being sent: the old one no longer works")
        except ValidationError as refused:
            put_errors_on_form(form, refused)
        else:
            messages.success(request, done)
            return redirect(own_view_url(pk, complainant_pk))
    view = own_view_of(pk, complainant.pk)
    context = {
        "case": complainant.case,
        "complainant": complainant,
        "form": form,
        "view": view,
        "people": [
            ("complainant", complainant.label, view.complainant, eligibility_problems(complainant, for_isva=False)),
            (
                "isva",
                _("The ISVA of {label}").format(label=complainant.label),
                view.isva,
                eligibility_problems(complainant, for_isva=True),
            ),
        ],
        "back_url": tab_url(pk),
    }
    return render(request, "victims/own_view.html", context)


def revoke(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.visible_to(request.user).with_header(), pk=pk)
    invitation = get_object_or_404(
        Invitation.objects.select_related("complainant__case"), pk=invitation_pk, complainant__case=case
    )
    actor = signed_in_user(request)
    label = invitation.complainant.label
    who = _("the ISVA of {label}").format(label=label) if invitation.for_isva else label
    return step_page(
        request,
        **on_case(case, done_url=own_view_url(case.pk, invitation.complainant_id)),
        doers=LETTER_WRITERS,
        title=_("End the access of {who}").format(who=who),
        form=EndAccessForm(posted(request)),
        run=lambda data: end_access(actor=actor, invitation=invitation, reason=EndReason(data["reason"]).label),
        done=_("Access of {who} ended").format(who=who),
        confirmation=_(
            "You are ending the access of {who} to the case: they will no longer see it, and any link not yet used "
            "stops working. To give access again you must send a new invitation."
        ).format(who=who),
    )


def answer_request(request: HttpRequest, pk: int, request_pk: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.visible_to(request.user).with_header(), pk=pk)
    own_request = get_object_or_404(
        OwnViewRequest.objects.select_related("invitation__complainant__case"),
        pk=request_pk,
        invitation__complainant__case=case,
    )
    actor = signed_in_user(request)
    label = own_request.invitation.complainant.label
    return step_page(
        request,
        **on_case(case, done_url=tab_url(case.pk)),
        doers=LETTER_WRITERS,
        title=_("Mark the request from {label} as answered").format(label=label),
        summary=[(_("Request"), own_request.get_kind_display()), (_("Made"), moment_in_words(own_request.made_at))],
        form=AnsweredForm(posted(request)),
        run=lambda _: answer_request_service(actor=actor, request=own_request),
        done=_("Request from {label} marked as answered").format(label=label),
        submit=_("Mark as answered"),
    )
