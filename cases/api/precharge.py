"""The cases API before charge: cases, suspects, referrals, charging decisions, PRFIs and the timeline, on the pages'
services with the same scoping (out of scope is a 404; a move the suspect's status does not allow is a 409)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from cases.api.allocation import CaseAllocationActions, ReferralAllocationActions
from cases.filters import CaseFilter, CaseFilterBackend
from cases.models import Case, ChargingDecision, Prfi, Referral, Suspect, TimelineEvent
from cases.serializers import (
    CaseInput,
    CaseSerializer,
    ChargingDecisionSerializer,
    ChargingReferralInput,
    DecisionInput,
    EarlyAdviceInput,
    EarlyAdviceRequestInput,
    PoliceNfaInput,
    PrfiInput,
    PrfiSerializer,
    ReferralSerializer,
    ReopenInput,
    SuspectInput,
    SuspectSerializer,
    TimelineEventSerializer,
    TriageInput,
)
from cases.services import precharge, records
from cases.transitions import Event, doers
from web.api import act


class CaseViewSet(CaseAllocationActions, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet[Case]):
    serializer_class = CaseSerializer
    # The case list page's search and filters (cases.filters), for the requesting user.
    filterset_class = CaseFilter
    filter_backends = [CaseFilterBackend]

    def get_queryset(self) -> QuerySet[Case]:
        return (
            Case.objects.visible_to(self.request.user)
            .select_related("police_force", "cps_area")
            .prefetch_related("suspects", "offences", "flags")
        )

    @extend_schema(request=CaseInput, responses={201: CaseSerializer})
    def create(self, request: Request, *args: object, **kwargs: object) -> Response:
        return act(request, CaseInput, records.open_case, CaseSerializer, doers=records.CASE_OPENERS)


class SuspectViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet[Suspect]):
    serializer_class = SuspectSerializer
    filterset_fields = ["case", "status"]

    def get_queryset(self) -> QuerySet[Suspect]:
        return Suspect.objects.visible_to(self.request.user)

    def _parse_suspect(self, *args: Any, **kwargs: Any) -> SuspectInput:
        parsed = SuspectInput(*args, **kwargs)
        parsed.fields["case"].queryset = Case.objects.visible_to(self.request.user)  # type: ignore[attr-defined]
        return parsed

    @extend_schema(request=SuspectInput, responses={201: SuspectSerializer})
    def create(self, request: Request, *args: object, **kwargs: object) -> Response:
        return act(
            request,
            self._parse_suspect,  # type: ignore[arg-type]
            records.add_suspect,
            SuspectSerializer,
            doers=records.SUSPECT_ADDERS,
        )

    @extend_schema(request=EarlyAdviceRequestInput, responses={201: ReferralSerializer})
    @action(detail=True, methods=["post"], url_path="early-advice-requests")
    def early_advice_requests(self, request: Request, pk: str | None = None) -> Response:
        suspect = self.get_object()
        return act(
            request,
            EarlyAdviceRequestInput,
            lambda **kw: precharge.request_early_advice(suspect=suspect, **kw),
            ReferralSerializer,
            doers=doers(Event.REQUEST_EARLY_ADVICE),
        )

    @extend_schema(request=ChargingReferralInput, responses={201: ReferralSerializer})
    @action(detail=True, methods=["post"], url_path="charging-referrals")
    def charging_referrals(self, request: Request, pk: str | None = None) -> Response:
        suspect = self.get_object()
        return act(
            request,
            ChargingReferralInput,
            lambda **kw: precharge.refer_for_charging_decision(suspect=suspect, **kw),
            ReferralSerializer,
            doers=doers(Event.REFER_FOR_CHARGING_DECISION),
        )

    @extend_schema(request=PoliceNfaInput, responses={201: SuspectSerializer})
    @action(detail=True, methods=["post"], url_path="police-nfa")
    def police_nfa(self, request: Request, pk: str | None = None) -> Response:
        suspect = self.get_object()

        def run(**kw: Any) -> Suspect:
            precharge.record_police_nfa(suspect=suspect, **kw)
            return suspect

        return act(request, PoliceNfaInput, run, SuspectSerializer, doers=doers(Event.RECORD_POLICE_NFA))


class ReferralViewSet(ReferralAllocationActions, viewsets.ReadOnlyModelViewSet[Referral]):
    """Early advice requests and referrals for a charging decision (``kind``)."""

    serializer_class = ReferralSerializer
    filterset_fields = ["kind", "suspect", "suspect__case", "triage"]

    def get_queryset(self) -> QuerySet[Referral]:
        return Referral.objects.visible_to(self.request.user).prefetch_related("proposed_offences")

    @extend_schema(request=EarlyAdviceInput, responses={201: ReferralSerializer})
    @action(detail=True, methods=["post"])
    def advice(self, request: Request, pk: str | None = None) -> Response:
        referral = self.get_object()
        return act(
            request,
            EarlyAdviceInput,
            lambda **kw: precharge.give_early_advice(referral=referral, **kw),
            ReferralSerializer,
            doers=doers(Event.GIVE_EARLY_ADVICE),
        )

    @extend_schema(request=TriageInput, responses={201: ReferralSerializer})
    @action(detail=True, methods=["post"])
    def triage(self, request: Request, pk: str | None = None) -> Response:
        referral = self.get_object()
        return act(
            request,
            TriageInput,
            lambda **kw: precharge.triage_referral(referral=referral, **kw),
            ReferralSerializer,
            doers=doers(Event.REJECT_FILE),
        )

    @extend_schema(request=DecisionInput, responses={201: ChargingDecisionSerializer})
    @action(detail=True, methods=["post"])
    def decision(self, request: Request, pk: str | None = None) -> Response:
        referral = self.get_object()
        return act(
            request,
            DecisionInput,
            lambda **kw: precharge.record_charging_decision(referral=referral, **kw),
            ChargingDecisionSerializer,
            doers=doers(Event.RECORD_DECISION),
        )

    @extend_schema(request=PrfiInput, responses={201: PrfiSerializer})
    @action(detail=True, methods=["post"])
    def prfi(self, request: Request, pk: str | None = None) -> Response:
        referral = self.get_object()
        return act(
            request,
            PrfiInput,
            lambda **kw: precharge.prfi_referral(referral=referral, **kw),
            PrfiSerializer,
            doers=doers(Event.PRFI),
        )


class ChargingDecisionViewSet(viewsets.ReadOnlyModelViewSet[ChargingDecision]):
    serializer_class = ChargingDecisionSerializer
    filterset_fields = ["outcome", "test", "referral__suspect"]

    def get_queryset(self) -> QuerySet[ChargingDecision]:
        return (
            ChargingDecision.objects.visible_to(self.request.user).prefetch_related("charged_offences").order_by("id")
        )


class PrfiViewSet(viewsets.ReadOnlyModelViewSet[Prfi]):
    serializer_class = PrfiSerializer
    filterset_fields = ["referral", "referral__suspect"]

    def get_queryset(self) -> QuerySet[Prfi]:
        return Prfi.objects.visible_to(self.request.user)

    @extend_schema(request=ReopenInput, responses={201: ReferralSerializer})
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, pk: str | None = None) -> Response:
        prfi = self.get_object()
        return act(
            request,
            ReopenInput,
            lambda **kw: precharge.reopen_referral(prfi=prfi, **kw),
            ReferralSerializer,
            doers=doers(Event.REOPEN_AFTER_PRFI),
        )


class TimelineEventViewSet(viewsets.ReadOnlyModelViewSet[TimelineEvent]):
    serializer_class = TimelineEventSerializer
    filterset_fields = ["case", "suspect", "stage"]

    def get_queryset(self) -> QuerySet[TimelineEvent]:
        return TimelineEvent.objects.visible_to(self.request.user)
