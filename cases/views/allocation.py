"""The allocation pages: a unit head allocates a case, or one suspect's open referral, to a prosecutor of the Area;
a police supervisor changes the officer in charge. Each calls its service (``cases.services.allocation``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse

from accounts.scoping import signed_in_user
from cases.forms.allocation import AllocationForm, OfficerForm, display_name
from cases.models import Case, Referral
from cases.services import allocation
from cases.transitions import ReferralKind
from cases.views.steps import on_case
from web.steps import posted, step_page

NOT_ALLOCATED = "Not allocated"


def _case(request: HttpRequest, pk: int) -> Case:
    return get_object_or_404(Case.objects.visible_to(request.user).with_header(), pk=pk)


def allocate(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    actor = signed_in_user(request)
    current = case.allocated_prosecutor
    return step_page(
        request,
        **on_case(case),
        doers=allocation.ALLOCATORS,
        title="Allocate the case to a prosecutor" if current is None else "Reallocate the case",
        summary=[("Allocated prosecutor", display_name(current) if current else NOT_ALLOCATED)],
        form=AllocationForm(posted(request), people=allocation.prosecutors_for(case), current=current),
        run=lambda data: allocation.allocate_case(actor=actor, case=case, **data),
        done=f"Case {case.urn} allocated. The prosecutor has been told.",
        submit="Allocate",
    )


def allocate_referral(request: HttpRequest, pk: int, referral_pk: int) -> HttpResponse:
    case = _case(request, pk)
    referral = get_object_or_404(
        Referral.objects.select_related("suspect", "allocated_prosecutor"), pk=referral_pk, suspect__case=case
    )
    actor = signed_in_user(request)
    current = referral.allocated_prosecutor or case.allocated_prosecutor
    kind = ReferralKind(referral.kind)
    tab = "cases:early-advice" if kind == ReferralKind.EARLY_ADVICE else "cases:charging"
    return step_page(
        request,
        **on_case(case, done_url=reverse(tab, args=[case.pk])),
        doers=allocation.ALLOCATORS,
        title=f"Allocate the {kind.label.lower()} referral for {referral.suspect.label}",
        summary=[
            ("Received", f"{referral.received_on:%-d %B %Y}"),
            ("Due", f"{referral.due_on:%-d %B %Y}"),
            ("Prosecutor", display_name(current) if current else NOT_ALLOCATED),
            (
                "Case's prosecutor",
                display_name(case.allocated_prosecutor) if case.allocated_prosecutor else NOT_ALLOCATED,
            ),
        ],
        form=AllocationForm(posted(request), people=allocation.prosecutors_for(case), current=current),
        run=lambda data: allocation.allocate_referral(actor=actor, referral=referral, **data),
        done=f"Referral for {referral.suspect.label} allocated. The prosecutor has been told.",
        submit="Allocate",
    )


def change_officer(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    actor = signed_in_user(request)
    current = case.officer_in_charge
    return step_page(
        request,
        **on_case(case),
        doers=allocation.OFFICER_CHANGERS,
        title="Change the officer in charge",
        summary=[("Officer in charge", display_name(current) if current else "Not recorded")],
        form=OfficerForm(posted(request), people=allocation.officers_for(case), current=current),
        run=lambda data: allocation.change_officer_in_charge(actor=actor, case=case, **data),
        done=f"Officer in charge of case {case.urn} changed. The officer has been told.",
        submit="Change the officer",
    )
