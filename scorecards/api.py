"""The scorecards API: the measures, periods and places a user may ask for, the figures of a period (aggregates
only, never a case or a person), and published snapshots, on the same services as the pages and downloads."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from scorecards import exports, services
from scorecards.forms import periods_offered
from scorecards.measures import MEASURES
from scorecards.models import Snapshot
from scorecards.periods import Period, PeriodError, parse_period
from web.api import api_actor


class MeasureSerializer(serializers.Serializer[dict[str, str]]):
    measure_id = serializers.CharField()
    title = serializers.CharField()
    group = serializers.CharField()
    kind = serializers.CharField()
    unit = serializers.CharField()
    definition = serializers.CharField()
    numerator = serializers.CharField()
    denominator = serializers.CharField()
    reads = serializers.CharField()
    in_version_1 = serializers.CharField()


class PeriodSerializer(serializers.Serializer[Period]):
    period = serializers.CharField(source="label")
    start = serializers.DateField()
    end = serializers.DateField()
    is_quarter = serializers.BooleanField()


class PlaceSerializer(serializers.Serializer[dict[str, Any]]):
    key = serializers.CharField()
    name = serializers.CharField()
    level = serializers.CharField()
    cps_area = serializers.CharField(allow_blank=True)
    police_force = serializers.CharField(allow_blank=True)


class FigureSerializer(serializers.Serializer[exports.Row]):
    measure_id = serializers.CharField()
    period = serializers.CharField()
    cps_area = serializers.CharField(allow_blank=True)
    police_force = serializers.CharField(allow_blank=True)
    numerator = serializers.IntegerField(allow_null=True)
    denominator = serializers.IntegerField(allow_null=True)
    value = serializers.FloatField(allow_null=True)
    suppressed = serializers.BooleanField()


class SnapshotSerializer(serializers.ModelSerializer[Snapshot]):
    class Meta:
        model = Snapshot
        fields = ["id", "period", "period_start", "period_end", "computed_at", "measures_version", "threshold",
                  "suppression_rule"]  # fmt: skip


class SnapshotDetailSerializer(SnapshotSerializer):
    figures = serializers.SerializerMethodField()

    class Meta(SnapshotSerializer.Meta):
        fields = [*SnapshotSerializer.Meta.fields, "definitions", "figures"]

    @extend_schema_field(FigureSerializer(many=True))
    def get_figures(self, snapshot: Snapshot) -> list[dict[str, Any]]:
        request: Request = self.context["request"]
        external = request.query_params.get("version", "published") != "internal"
        area = services.area_of(api_actor(request))
        scorecard = services.snapshot_scorecard(snapshot, external=external, area=area)
        return [asdict(row) for row in scorecard.rows]


class PublishInput(serializers.Serializer[dict[str, Any]]):
    period = serializers.CharField(help_text="A financial-year quarter that has ended, such as 2024-25 Q1.")

    def validate_period(self, value: str) -> Period:
        try:
            return parse_period(value)
        except PeriodError as error:
            raise serializers.ValidationError(str(error)) from None


PERIOD = OpenApiParameter("period", str, required=True, description='"2024-25 Q1" or "12m to 2024-06-30"')
PLACE = OpenApiParameter("place", str, description="A place key from places/; every place in scope when absent")


class ScorecardViewSet(viewsets.ViewSet):
    """Aggregates only. Analysts, unit heads and administrators; an Area's users see their Area and its forces."""

    @extend_schema(responses=MeasureSerializer(many=True))
    @action(detail=False)
    def measures(self, request: Request) -> Response:
        services.scope_of(api_actor(request))
        return Response([exports.definition(measure) for measure in MEASURES])

    @extend_schema(responses=PeriodSerializer(many=True))
    @action(detail=False)
    def periods(self, request: Request) -> Response:
        services.scope_of(api_actor(request))
        return Response(PeriodSerializer(periods_offered(timezone.localdate()), many=True).data)  # type: ignore[arg-type]

    @extend_schema(responses=PlaceSerializer(many=True))
    @action(detail=False)
    def places(self, request: Request) -> Response:
        places = services.places_for(api_actor(request))
        return Response(
            [
                {
                    "key": services.place_key(p),
                    "name": p.name,
                    "level": p.level,
                    "cps_area": p.area_name,
                    "police_force": p.force_name,
                }
                for p in places
            ]
        )

    @extend_schema(parameters=[PERIOD, PLACE], responses=FigureSerializer(many=True))
    @action(detail=False)
    def figures(self, request: Request) -> Response:
        user = api_actor(request)
        try:
            period = parse_period(request.query_params.get("period", ""))
        except PeriodError as error:
            raise serializers.ValidationError({"period": [str(error)]}) from None
        key = request.query_params.get("place")
        places = [services.place_for(user, key)] if key else services.places_for(user)
        scorecard = services.live_scorecard(period, places)
        return Response(FigureSerializer(scorecard.rows, many=True).data)  # type: ignore[arg-type]


class SnapshotViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet[Snapshot]):
    """Published quarters: frozen figures, with small numbers withheld (``?version=published``, the default) or
    every figure (``?version=internal``). POST publishes a quarter (national analysts and administrators)."""

    queryset = Snapshot.objects.none()  # for the schema; every request reads get_queryset()

    def get_queryset(self) -> QuerySet[Snapshot]:
        return services.snapshots_for(api_actor(self.request))

    def get_serializer_class(self) -> type[serializers.BaseSerializer[Snapshot]]:
        return SnapshotDetailSerializer if self.action == "retrieve" else SnapshotSerializer

    @extend_schema(
        parameters=[OpenApiParameter("version", str, enum=["published", "internal"])],
        responses=SnapshotDetailSerializer,
    )
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(request=PublishInput, responses={201: SnapshotSerializer})
    def create(self, request: Request, *args: object, **kwargs: object) -> Response:
        if not services.can_publish(api_actor(request)):
            raise PermissionDenied("Only a national analyst or an administrator publishes scorecards.")
        data = PublishInput(data=request.data)
        data.is_valid(raise_exception=True)
        snapshot = services.publish_snapshot(actor=api_actor(request), period=data.validated_data["period"])
        return Response(SnapshotSerializer(snapshot).data, status=status.HTTP_201_CREATED)
