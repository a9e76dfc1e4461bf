"""The cases API: the pages' services behind REST endpoints, with the same scoping (out of scope is a 404)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from accounts.roles import Doers
from accounts.scoping import case_scope
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

_Q = TypeVar("_Q", bound=QuerySet[Any])


def api_actor(request: Request) -> User:
    if not isinstance(request.user, User):
        raise NotAuthenticated
    return request.user


def scoped(request: Request, queryset: _Q, path: str) -> _Q:
    """The rows in the user's scope; ``path`` leads to the case, or to a record that carries the case's force and
    Area (``InCaseOrganisations``), which the lists read without joining the suspects and cases."""
    return case_scope(request.user).apply(queryset, force_field=f"{path}police_force", area_field=f"{path}cps_area")


def act(
    request: Request,
    parse: type[serializers.Serializer[Any]],
    run: Callable[..., Model],
    answer: type[serializers.ModelSerializer[Any]],
    *,
    doers: Doers,
) -> Response:
    """Refuse a role the service does not let take the step (403, before the input is read); parse the input, call
    the service (which enforces every rule), answer with what it wrote."""
    doers.require(api_actor(request).role)
    data = parse(data=request.data, context={"request": request})
    data.is_valid(raise_exception=True)
    written = run(actor=api_actor(request), **data.validated_data)
    return Response(answer(written).data, status=status.HTTP_201_CREATED)


class CaseViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet[Case]):
    serializer_class = CaseSerializer
    filterset_fields = ["police_force", "cps_area"]

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
        return scoped(self.request, Suspect.objects.all(), "")

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


class ReferralViewSet(viewsets.ReadOnlyModelViewSet[Referral]):
    """Early advice requests and referrals for a charging decision (``kind``)."""

    serializer_class = ReferralSerializer
    filterset_fields = ["kind", "suspect", "suspect__case", "triage"]

    def get_queryset(self) -> QuerySet[Referral]:
        return scoped(self.request, Referral.objects.all(), "")

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
        return scoped(
            self.request,
            ChargingDecision.objects.prefetch_related("charged_offences").order_by("id"),
            "referral__",
        )


class PrfiViewSet(viewsets.ReadOnlyModelViewSet[Prfi]):
    serializer_class = PrfiSerializer
    filterset_fields = ["referral", "referral__suspect"]

    def get_queryset(self) -> QuerySet[Prfi]:
        return scoped(self.request, Prfi.objects.all(), "referral__")

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
        return scoped(self.request, TimelineEvent.objects.all(), "case__")
