"""The NFA scrutiny API: panels, samples (with their redacted pack) and findings, for the Area's unit head (who
writes) and panel members (who read), on the same services as the pages."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import PoliceForce, User
from accounts.roles import Role
from cases.models import CaseFlag
from cases.serializers import bounded_text, long_text_input
from scrutiny.models import Finding, Panel, ReferBackReason, Sample, SampledDecision, Verdict
from scrutiny.pack import pack
from scrutiny.services import PANEL_CHAIRS, THEME_MAX_LENGTH, create_panel, draw_sample, record_finding
from web.api import act


def _area(request: Request) -> int | None:
    user = request.user
    if isinstance(user, User) and user.role in (Role.UNIT_HEAD, Role.PANEL_MEMBER):
        return user.cps_area_id
    return None


class PanelSerializer(serializers.ModelSerializer[Panel]):
    class Meta:
        model = Panel
        fields = ["id", "cps_area", "meets_on", "theme", "forces", "members"]


class SampledDecisionSerializer(serializers.ModelSerializer[SampledDecision]):
    class Meta:
        model = SampledDecision
        fields = ["id", "suspect", "nfa_by", "nfa_on", "police_force"]


class SampleSerializer(serializers.ModelSerializer[Sample]):
    decisions = SampledDecisionSerializer(many=True, read_only=True)

    class Meta:
        model = Sample
        fields = [
            "id",
            "panel",
            "period_from",
            "period_to",
            "theme_flag",
            "police_force",
            "per_force",
            "seed",
            "decisions",
        ]


class FindingSerializer(serializers.ModelSerializer[Finding]):
    class Meta:
        model = Finding
        exclude = ["recorded_by"]


class PackEntrySerializer(serializers.Serializer[Any]):
    decision_id = serializers.IntegerField()
    number = serializers.IntegerField()
    urn = serializers.CharField()
    police_force = serializers.CharField()
    suspect = serializers.CharField()
    offences = serializers.CharField()
    flags = serializers.CharField()
    reported_on = serializers.CharField()
    nfa_by = serializers.CharField()
    nfa_on = serializers.CharField()
    decision = serializers.CharField()
    reasons = serializers.CharField()


class PanelInput(serializers.Serializer[dict[str, Any]]):
    meets_on = serializers.DateField()
    theme = bounded_text(THEME_MAX_LENGTH)
    forces = serializers.PrimaryKeyRelatedField(queryset=PoliceForce.objects.all(), many=True)
    members = long_text_input()


class SampleInput(serializers.Serializer[dict[str, Any]]):
    period_from = serializers.DateField()
    period_to = serializers.DateField()
    per_force = serializers.IntegerField()
    theme_flag = serializers.PrimaryKeyRelatedField(queryset=CaseFlag.objects.all(), required=False, allow_null=True)
    police_force = serializers.PrimaryKeyRelatedField(
        queryset=PoliceForce.objects.all(), required=False, allow_null=True
    )
    seed = serializers.IntegerField(required=False, allow_null=True)


class FindingInput(serializers.Serializer[dict[str, Any]]):
    verdict = serializers.ChoiceField(choices=Verdict.choices)
    refer_back_reason = serializers.ChoiceField(choices=ReferBackReason.choices, required=False, default="")
    learning = long_text_input(required=False, default="")
    actions = long_text_input(required=False, default="")
    recorded_on = serializers.DateField()


class _InAreaFilterSet(django_filters.FilterSet):
    """A filter naming a panel or a sample offers only the user's Area's: another Area's is refused just as one that
    does not exist, so a filter does not tell whether it exists."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area = _area(self.request) if self.request is not None else None
        for filtered in self.filters.values():
            if filtered.field_name.endswith("sample"):
                filtered.queryset = Sample.objects.filter(panel__cps_area_id=area)
            elif filtered.field_name.endswith("panel"):
                filtered.queryset = Panel.objects.filter(cps_area_id=area)


class SampleFilter(_InAreaFilterSet):
    class Meta:
        model = Sample
        fields = ["panel"]


class SampledDecisionFilter(_InAreaFilterSet):
    class Meta:
        model = SampledDecision
        fields = ["sample"]


class FindingFilter(_InAreaFilterSet):
    class Meta:
        model = Finding
        fields = ["decision__sample", "verdict"]


class PanelViewSet(viewsets.ReadOnlyModelViewSet[Panel]):
    serializer_class = PanelSerializer

    def get_queryset(self) -> QuerySet[Panel]:
        return Panel.objects.filter(cps_area_id=_area(self.request)).prefetch_related("forces")

    @extend_schema(request=PanelInput, responses={201: PanelSerializer})
    def create(self, request: Request) -> Response:
        return act(request, PanelInput, create_panel, PanelSerializer, doers=PANEL_CHAIRS)

    @extend_schema(request=SampleInput, responses={201: SampleSerializer})
    @action(detail=True, methods=["post"])
    def samples(self, request: Request, pk: str | None = None) -> Response:
        panel = self.get_object()
        return act(
            request, SampleInput, lambda **kw: draw_sample(panel=panel, **kw), SampleSerializer, doers=PANEL_CHAIRS
        )


class SampleViewSet(viewsets.ReadOnlyModelViewSet[Sample]):
    serializer_class = SampleSerializer
    filterset_class = SampleFilter

    def get_queryset(self) -> QuerySet[Sample]:
        area = _area(self.request)
        return (
            Sample.objects.filter(panel__cps_area_id=area)
            .select_related("panel")
            .prefetch_related(Prefetch("decisions", queryset=SampledDecision.objects.in_area(area)))
        )

    @extend_schema(responses={200: PackEntrySerializer(many=True)})
    @action(detail=True, methods=["get"])
    def pack(self, request: Request, pk: str | None = None) -> Response:
        """The redacted panel pack: no complainant's identity, no suspect's name."""
        return Response(PackEntrySerializer(pack(self.get_object()), many=True).data)


class SampledDecisionViewSet(viewsets.ReadOnlyModelViewSet[SampledDecision]):
    """The sampled NFA decisions; the unit head records the panel's finding on each."""

    serializer_class = SampledDecisionSerializer
    filterset_class = SampledDecisionFilter

    def get_queryset(self) -> QuerySet[SampledDecision]:
        return SampledDecision.objects.in_area(_area(self.request)).select_related("sample__panel", "suspect")

    @extend_schema(request=FindingInput, responses={201: FindingSerializer})
    @action(detail=True, methods=["post"])
    def finding(self, request: Request, pk: str | None = None) -> Response:
        decision = self.get_object()
        return act(
            request,
            FindingInput,
            lambda **kw: record_finding(decision=decision, **kw),
            FindingSerializer,
            doers=PANEL_CHAIRS,
        )


class FindingViewSet(viewsets.ReadOnlyModelViewSet[Finding]):
    serializer_class = FindingSerializer
    filterset_class = FindingFilter

    def get_queryset(self) -> QuerySet[Finding]:
        return Finding.objects.in_area(_area(self.request)).order_by("id")
