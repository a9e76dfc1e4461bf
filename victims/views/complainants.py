"""A case's complainants: the tab (by label only, with each one's own view: who has access, when they last looked,
what they changed and what they asked), adding one, and showing identity after a reason is given."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts.scoping import signed_in_user
from cases.models import Case
from cases.views.steps import on_case
from victims.forms import ComplainantForm, IdentityReasonForm
from victims.identity import CASEWORKERS, add_complainant, read_identity
from victims.letters import LETTER_WRITERS
from victims.models import Complainant
from victims.own_view_access import own_views
from victims.queries import complainants_of_case
from web.steps import posted, put_errors_on_form, step_page


def visible_complainant(request: HttpRequest, pk: int, complainant_pk: int) -> Complainant:
    case = get_object_or_404(Case.objects.visible_to(request.user).with_header(), pk=pk)
    return get_object_or_404(Complainant.objects.select_related("case"), pk=complainant_pk, case=case)


def tab_url(case_id: int) -> str:
    return reverse("victims:case-complainants", args=[case_id])


def case_complainants(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.visible_to(request.user).with_header(), pk=pk)
    user = signed_in_user(request)
    complainants = list(complainants_of_case(case.pk))
    views = own_views(case.pk)
    for complainant in complainants:  # the own view of each: access, last looked, changes, open requests
        complainant.own_view = views.get(complainant.pk)  # type: ignore[attr-defined]
    context = {
        "case": case,
        "tab": "complainants",
        "complainants": complainants,
        "today": timezone.localdate(),
        "caseworker": user.role in CASEWORKERS.roles,
        "cps": user.role in LETTER_WRITERS.roles,
        "own_view_on": bool(settings.ONE_LOGIN_CLIENT_ID),
    }
    return render(request, "victims/case_complainants.html", context)


def new_complainant(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.visible_to(request.user).with_header(), pk=pk)
    actor = signed_in_user(request)
    return step_page(
        request,
        doers=CASEWORKERS,
        **on_case(case, done_url=tab_url(case.pk)),
        title=_("Add a complainant"),
        form=ComplainantForm(posted(request)),
        run=lambda data: add_complainant(actor=actor, case=case, **data),
        done=_("Complainant added"),
    )


@never_cache
def show_identity(request: HttpRequest, pk: int, complainant_pk: int) -> HttpResponse:
    """Identity only after a reason, by POST so that nothing identifying is ever in a URL; the read is logged."""
    complainant = visible_complainant(request, pk, complainant_pk)
    CASEWORKERS.require(signed_in_user(request).role)
    actor = signed_in_user(request)
    form = IdentityReasonForm(posted(request))
    context = {"case": complainant.case, "complainant": complainant, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            context["identity"] = read_identity(
                actor=actor, complainant=complainant, reason=form.cleaned_data["reason"], via="page"
            )
        except ValidationError as refused:
            put_errors_on_form(form, refused)
    return render(request, "victims/show_identity.html", context)
