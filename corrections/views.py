"""The correction pages: one per record, a GOV.UK form filled in with what is recorded and a reason, then "Check your
correction" (each detail as recorded and as corrected) before it is saved. Outside the user's scope a record is a
404, a role that may not correct it a 403; every rule is the service's."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from accounts.models import User
from accounts.roles import Role
from accounts.scoping import signed_in_user
from cases.models import Case
from corrections.forms import CorrectionForm, IdentityCorrectionForm
from corrections.models import REASON_FIELD
from corrections.services import (
    changed_rows,
    check_correction,
    check_identity_correction,
    correct,
    correct_identity,
    identity_rows,
)
from corrections.table import CORRECTABLE, IDENTITY
from victims.models import Complainant
from web.steps import posted, put_errors_on_form


def _record(request: HttpRequest, kind: str, pk: int, record_pk: int | None) -> tuple[Case, Any]:
    case = get_object_or_404(Case.objects.visible_to(request.user).with_header(), pk=pk)
    spec = CORRECTABLE[kind]
    if spec.model is Case:
        return case, case
    return case, get_object_or_404(spec.model._default_manager.all(), pk=record_pk, **{spec.case_path: case})


def _after_saving(actor: User, case: Case, tab_url: str) -> str:
    """The unit head sees the correction in the case's change history; others go back to where the record is."""
    return reverse("cases:history", args=[case.pk]) if actor.role == Role.UNIT_HEAD else tab_url


def _carried(request: HttpRequest) -> list[tuple[str, str]]:
    """What was typed, carried by the check page back to the form or on to be saved."""
    skip = {"csrfmiddlewaretoken", "confirmed", "change"}
    return [(name, value) for name, values in request.POST.lists() if name not in skip for value in values]


def _check_page(
    request: HttpRequest, *, case: Case, title: str, rows: list[tuple[str, str, str]], reason: str, **more: Any
) -> HttpResponse:
    context = {"case": case, "title": title, "rows": rows, "reason": reason, "posted": _carried(request), **more}
    return render(request, "corrections/check.html", context)


def _form_page(request: HttpRequest, *, case: Case, title: str, form: forms.Form, **more: Any) -> HttpResponse:
    return render(request, "corrections/correct.html", {"case": case, "title": title, "form": form, **more})


def correct_record(request: HttpRequest, pk: int, kind: str, **record_pk: int) -> HttpResponse:
    """``record_pk`` is the record's id by the name its address gives it (``hearing_pk``); none for the case."""
    case, record = _record(request, kind, pk, next(iter(record_pk.values()), None))
    spec = CORRECTABLE[kind]
    actor = signed_in_user(request)
    spec.doers.require(actor.role)
    refusal = spec.refusal(record)
    if refusal:
        raise Http404(refusal)
    form = CorrectionForm(posted(request), details=spec.details_of(record), record=record)
    title = f"Correct {spec.describe(record)}"
    back_url = reverse(spec.tab(record), args=[case.pk])
    if request.method == "POST" and form.is_valid():
        arguments = {"actor": actor, "kind": kind, "record": record, "values": form.values()}
        reason = form.cleaned_data[REASON_FIELD]
        try:
            if request.POST.get("confirmed") == "yes":
                correction = correct(**arguments, reason=reason)
                messages.success(request, f"{correction.record_label} corrected")
                return redirect(_after_saving(actor, case, back_url))
            if request.POST.get("change") != "yes":
                proposal = check_correction(**arguments, reason=reason)
                rows = changed_rows(proposal)
                what = spec.describe(record)
                return _check_page(request, case=case, title=title, what=what, rows=rows, reason=reason)
        except ValidationError as refused:
            put_errors_on_form(form, refused)
    return _form_page(request, case=case, title=title, form=form, back_url=back_url)


@never_cache
def correct_complainant(request: HttpRequest, pk: int, complainant_pk: int) -> HttpResponse:
    """The complainant's details by POST only, never in an address; the page never reads them to show them."""
    case = get_object_or_404(Case.objects.visible_to(request.user).with_header(), pk=pk)
    complainant = get_object_or_404(Complainant.objects.select_related("case"), pk=complainant_pk, case=case)
    actor = signed_in_user(request)
    IDENTITY.doers.require(actor.role)
    form = IdentityCorrectionForm(posted(request))
    title = f"Correct {complainant.label}'s details"
    back_url = reverse("victims:case-complainants", args=[case.pk])
    page = {"back_url": back_url, "exit_this_page": True, "identity": True}
    if request.method == "POST" and form.is_valid():
        values, reason = form.values(), form.cleaned_data[REASON_FIELD]
        try:
            if request.POST.get("confirmed") == "yes":
                correction = correct_identity(
                    actor=actor, complainant=complainant, values=values, reason=reason, via="page"
                )
                messages.success(request, f"{correction.record_label} corrected")
                return redirect(_after_saving(actor, case, back_url))
            if request.POST.get("change") != "yes":
                given = check_identity_correction(actor=actor, complainant=complainant, values=values, reason=reason)
                rows = identity_rows(given)
                what = f"{complainant.label}'s details"
                return _check_page(request, case=case, title=title, what=what, rows=rows, reason=reason, **page)
        except ValidationError as refused:
            put_errors_on_form(form, refused)
    return _form_page(request, case=case, title=title, form=form, **page)
