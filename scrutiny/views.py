"""NFA scrutiny panel pages: the Area's panels, drawing a sample, the redacted pack (for unit heads and panel
members, who see no case record) with its download, and recording findings."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from accounts.models import PoliceForce, User
from accounts.roles import Role
from accounts.scoping import signed_in_user
from audit.models import Purpose
from downloads.tables import Download, csv_download, xlsx_download
from scrutiny.forms import FindingForm, PanelForm, SampleForm
from scrutiny.models import Panel, Sample, SampledDecision
from scrutiny.pack import pack
from scrutiny.services import PANEL_CHAIRS, create_panel, draw_sample, record_finding
from web.steps import posted, put_errors_on_form, step_page

PACK_HEADERS = [
    "No.",
    "URN",
    "Police force",
    "Suspect",
    "Offences",
    "Flags",
    "Reported",
    "NFA by",
    "NFA on",
    "Decision",
    "Reasons (names removed)",
]


def _panel_reader(request: HttpRequest) -> User:
    """Unit heads and panel members of an Area; everyone else is refused."""
    user = signed_in_user(request)
    if user.role not in (Role.UNIT_HEAD, Role.PANEL_MEMBER) or user.cps_area_id is None:
        raise PermissionDenied("NFA scrutiny panels are for RASSO unit heads and panel members.")
    return user


def _panels(user: User) -> QuerySet[Panel]:
    return Panel.objects.filter(cps_area_id=user.cps_area_id)


def _forces(user: User) -> QuerySet[PoliceForce]:
    return PoliceForce.objects.filter(cps_areas__pk=user.cps_area_id or 0).order_by("name")


def panels(request: HttpRequest) -> HttpResponse:
    user = _panel_reader(request)
    form = PanelForm(posted(request), forces=_forces(user))
    if request.method == "POST":
        PANEL_CHAIRS.require(user.role)
        if form.is_valid():
            try:
                panel = create_panel(actor=user, **form.cleaned_data)
            except ValidationError as refused:
                put_errors_on_form(form, refused)
            else:
                messages.success(request, "Panel set up")
                return redirect("scrutiny:panel", pk=panel.pk)
    context = {
        "panels": _panels(user).prefetch_related("forces"),
        "form": form,
        "unit_head": user.role == Role.UNIT_HEAD,
    }
    return render(request, "scrutiny/panels.html", context)


def panel_page(request: HttpRequest, pk: int) -> HttpResponse:
    user = _panel_reader(request)
    panel = get_object_or_404(_panels(user).prefetch_related("forces"), pk=pk)
    form = SampleForm(posted(request), forces=panel.forces.all())
    if request.method == "POST" and form.is_valid():
        try:
            sample = draw_sample(actor=user, panel=panel, **form.cleaned_data)
        except ValidationError as refused:
            put_errors_on_form(form, refused)
        else:
            messages.success(request, f"Sample drawn with seed {sample.seed}")
            return redirect("scrutiny:pack", pk=sample.pk)
    in_area = SampledDecision.objects.in_area(panel.cps_area_id).select_related("finding", "police_force")
    samples = panel.samples.prefetch_related(Prefetch("decisions", queryset=in_area))
    context = {"panel": panel, "form": form, "samples": samples, "unit_head": user.role == Role.UNIT_HEAD}
    return render(request, "scrutiny/panel.html", context)


def _sample(request: HttpRequest, pk: int) -> tuple[User, Sample]:
    user = _panel_reader(request)
    return user, get_object_or_404(Sample.objects.select_related("panel"), pk=pk, panel__cps_area_id=user.cps_area_id)


def pack_page(request: HttpRequest, pk: int) -> HttpResponse:
    user, sample = _sample(request, pk)
    in_area = SampledDecision.objects.in_area(user.cps_area_id).filter(sample=sample).select_related("finding")
    decisions = {d.pk: d for d in in_area}
    entries = [(entry, decisions[entry.decision_id]) for entry in pack(sample)]
    context = {"sample": sample, "entries": entries, "unit_head": user.role == Role.UNIT_HEAD}
    return render(request, "scrutiny/pack.html", context)


def pack_download(request: HttpRequest, pk: int, file_format: str) -> HttpResponse:
    _, sample = _sample(request, pk)
    rows = [
        [
            e.number,
            e.urn,
            e.police_force,
            e.suspect,
            e.offences,
            e.flags,
            e.reported_on,
            e.nfa_by,
            e.nfa_on,
            e.decision,
            e.reasons,
        ]
        for e in pack(sample)
    ]
    filename = f"nfa-scrutiny-pack-{sample.panel.meets_on:%Y-%m-%d}-{sample.pk}.{file_format}"
    download = Download(request, f"NFA scrutiny panel pack, sample {sample.pk}", Purpose.SCRUTINY)
    if file_format == "csv":
        return csv_download(download, filename=filename, headers=PACK_HEADERS, rows=rows)
    if file_format == "xlsx":
        return xlsx_download(download, filename=filename, sheet="Panel pack", headers=PACK_HEADERS, rows=rows)
    raise Http404


def finding(request: HttpRequest, pk: int) -> HttpResponse:
    user = _panel_reader(request)
    decision = get_object_or_404(
        SampledDecision.objects.in_area(user.cps_area_id).select_related("sample__panel", "suspect__case"), pk=pk
    )
    return step_page(
        request,
        doers=PANEL_CHAIRS,
        title=f"Record the panel's finding on case {decision.suspect.case.urn}, {decision.suspect.label}",
        form=FindingForm(posted(request)),
        run=lambda data: record_finding(actor=user, decision=decision, **data),
        done="Finding recorded",
        done_url=reverse("scrutiny:pack", args=[decision.sample_id]),
        confirmation=lambda data: (
            f"Referring {decision.suspect.label} back reopens the police's review of the case."
            if data["verdict"] == "refer_back"
            else ""
        ),
    )
