"""The court API: hearings (numbered; held, or listed ahead and later recorded as held), pleas, prosecutions with
their outcomes and sentences, trials and readiness, judge's directions, on the court services with the same scoping as
the pages (out of scope is a 404; a move the suspect's status does not allow is a 409)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from cases.models import Case, Hearing, JudgeDirection, Prosecution, ReadinessCheck, Suspect, Trial
from cases.models.court import Court, HearingKind, Result, TrialOutcome
from cases.serializers import bounded_text, long_text_input
from cases.services import court
from cases.services.court import (
    COURT_NAME_MAX_LENGTH,
    COURT_NAME_TOO_LONG,
    DIRECTION_MAX_LENGTH,
    PLEAS,
    SENTENCE_MAX_LENGTH,
    SENTENCE_TOO_LONG,
)
from cases.transitions import Event, doers
from web.api import act


class HearingSerializer(serializers.ModelSerializer[Hearing]):
    number = serializers.IntegerField(read_only=True)
    plea = serializers.CharField(
        source="plea.plea", read_only=True, allow_null=True, help_text="null: no plea entered"
    )

    class Meta:
        model = Hearing
        fields = ["id", "suspect", "number", "court", "court_name", "kind", "held_on", "what_happened", "plea"]


class ProsecutionSerializer(serializers.ModelSerializer[Prosecution]):
    class Meta:
        model = Prosecution
        fields = "__all__"


class ReadinessCheckSerializer(serializers.ModelSerializer[ReadinessCheck]):
    text = serializers.CharField(source="item.text", read_only=True)

    class Meta:
        model = ReadinessCheck
        fields = ["item", "text", "done"]


class TrialSerializer(serializers.ModelSerializer[Trial]):
    readiness = ReadinessCheckSerializer(many=True, read_only=True)

    class Meta:
        model = Trial
        fields = ["id", "suspect", "listed_for", "outcome", "reason", "relisted_from", "readiness"]


class JudgeDirectionSerializer(serializers.ModelSerializer[JudgeDirection]):
    on_time = serializers.BooleanField(read_only=True, allow_null=True)

    class Meta:
        model = JudgeDirection
        exclude = ["recorded_by"]


class SendingInput(serializers.Serializer[dict[str, Any]]):
    suspect = serializers.PrimaryKeyRelatedField(queryset=Suspect.objects.none())
    sent_on = serializers.DateField()
    remanded_in_custody = serializers.BooleanField(default=False)


class HearingInput(serializers.Serializer[dict[str, Any]]):
    suspect = serializers.PrimaryKeyRelatedField(queryset=Suspect.objects.none())
    court = serializers.ChoiceField(choices=Court.choices)
    court_name = serializers.CharField(
        max_length=COURT_NAME_MAX_LENGTH,
        help_text="The court by name, e.g. Snaresbrook Crown Court",
        error_messages={"max_length": COURT_NAME_TOO_LONG},
    )
    kind = serializers.ChoiceField(choices=HearingKind.choices)
    held_on = serializers.DateField(help_text="The date it was held, or, listed ahead, the date it is listed for")
    what_happened = long_text_input(required=False, help_text="Only for a hearing that has been held")
    plea = serializers.ChoiceField(choices=PLEAS, required=False, help_text="Only for a hearing that has been held")


class HearingHeldInput(serializers.Serializer[dict[str, Any]]):
    what_happened = long_text_input()
    plea = serializers.ChoiceField(choices=PLEAS, required=False)


class OutcomeInput(serializers.Serializer[dict[str, Any]]):
    result = serializers.ChoiceField(choices=Result.choices)
    completed_on = serializers.DateField()
    hearing = serializers.PrimaryKeyRelatedField(queryset=Hearing.objects.none(), required=False, allow_null=True)


class SentenceInput(serializers.Serializer[dict[str, Any]]):
    sentence = serializers.CharField(max_length=SENTENCE_MAX_LENGTH, error_messages={"max_length": SENTENCE_TOO_LONG})
    sentenced_on = serializers.DateField()


class TrialInput(serializers.Serializer[dict[str, Any]]):
    suspect = serializers.PrimaryKeyRelatedField(queryset=Suspect.objects.none())
    listed_for = serializers.DateField()


class TrialOutcomeInput(serializers.Serializer[dict[str, Any]]):
    outcome = serializers.ChoiceField(choices=TrialOutcome.choices)
    reason = long_text_input(required=False, default="")
    relisted_for = serializers.DateField(required=False, allow_null=True)


class ReadinessInput(serializers.Serializer[dict[str, Any]]):
    done = serializers.ListField(child=serializers.IntegerField(), max_length=100)


class DirectionInput(serializers.Serializer[dict[str, Any]]):
    case = serializers.PrimaryKeyRelatedField(queryset=Case.objects.none())
    direction = bounded_text(DIRECTION_MAX_LENGTH, required=True)
    set_on = serializers.DateField()
    due_on = serializers.DateField()


class ComplianceInput(serializers.Serializer[dict[str, Any]]):
    complied_on = serializers.DateField()


def in_scope(request: Request, serializer: type[serializers.Serializer[Any]]) -> Any:
    """The input serializer with its related fields offering only what the user may see."""
    choices = {
        "suspect": lambda: Suspect.objects.visible_to(request.user),
        "case": lambda: Case.objects.visible_to(request.user),
        "hearing": lambda: Hearing.objects.visible_to(request.user),
    }

    def parse(*args: Any, **kwargs: Any) -> serializers.Serializer[Any]:
        parsed = serializer(*args, **kwargs)
        for name, queryset in choices.items():
            if name in parsed.fields:
                parsed.fields[name].queryset = queryset()  # type: ignore[attr-defined]
        return parsed

    return parse


class HearingViewSet(viewsets.ReadOnlyModelViewSet[Hearing]):
    serializer_class = HearingSerializer
    filterset_fields = ["suspect", "court", "kind"]

    def get_queryset(self) -> QuerySet[Hearing]:
        return Hearing.objects.visible_to(self.request.user).numbered().select_related("plea")

    @extend_schema(request=HearingInput, responses={201: HearingSerializer})
    def create(self, request: Request) -> Response:
        return act(
            request, in_scope(request, HearingInput), court.record_hearing, HearingSerializer, doers=court.RECORDERS
        )

    @extend_schema(request=HearingHeldInput, responses={201: HearingSerializer})
    @action(detail=True, methods=["post"])
    def held(self, request: Request, pk: str | None = None) -> Response:
        """A hearing listed ahead, now held: what happened and the plea."""
        hearing = self.get_object()
        return act(
            request,
            HearingHeldInput,
            lambda **kw: court.record_hearing_held(hearing=hearing, **kw),
            HearingSerializer,
            doers=court.RECORDERS,
        )


class ProsecutionViewSet(viewsets.ReadOnlyModelViewSet[Prosecution]):
    """Sending to the Crown Court, with its dates, and the case outcome."""

    serializer_class = ProsecutionSerializer
    filterset_fields = ["suspect", "remanded_in_custody", "result"]

    def get_queryset(self) -> QuerySet[Prosecution]:
        return Prosecution.objects.visible_to(self.request.user).order_by("id")

    @extend_schema(request=SendingInput, responses={201: ProsecutionSerializer})
    def create(self, request: Request) -> Response:
        return act(
            request,
            in_scope(request, SendingInput),
            court.record_sending,
            ProsecutionSerializer,
            doers=court.RECORDERS,
        )

    @extend_schema(request=OutcomeInput, responses={201: ProsecutionSerializer})
    @action(detail=True, methods=["post"])
    def outcome(self, request: Request, pk: str | None = None) -> Response:
        prosecution = self.get_object()
        return act(
            request,
            in_scope(request, OutcomeInput),
            lambda **kw: court.record_outcome(suspect=prosecution.suspect, **kw),
            ProsecutionSerializer,
            doers=court.RECORDERS,
        )

    @extend_schema(request=SentenceInput, responses={201: ProsecutionSerializer})
    @action(detail=True, methods=["post"])
    def sentence(self, request: Request, pk: str | None = None) -> Response:
        """The sentence passed on a convicted suspect (409 before a conviction)."""
        prosecution = self.get_object()
        return act(
            request,
            SentenceInput,
            lambda **kw: court.record_sentence(suspect=prosecution.suspect, **kw),
            ProsecutionSerializer,
            doers=doers(Event.SENTENCE),
        )


class TrialViewSet(viewsets.ReadOnlyModelViewSet[Trial]):
    serializer_class = TrialSerializer
    filterset_fields = ["suspect", "outcome"]

    def get_queryset(self) -> QuerySet[Trial]:
        return Trial.objects.visible_to(self.request.user).prefetch_related("readiness__item")

    @extend_schema(request=TrialInput, responses={201: TrialSerializer})
    def create(self, request: Request) -> Response:
        return act(request, in_scope(request, TrialInput), court.list_trial, TrialSerializer, doers=court.RECORDERS)

    @extend_schema(request=ReadinessInput, responses={201: TrialSerializer})
    @action(detail=True, methods=["post"])
    def readiness(self, request: Request, pk: str | None = None) -> Response:
        trial = self.get_object()
        return act(
            request,
            ReadinessInput,
            lambda **kw: court.update_readiness(trial=trial, **kw),
            TrialSerializer,
            doers=court.RECORDERS,
        )

    @extend_schema(request=TrialOutcomeInput, responses={201: TrialSerializer})
    @action(detail=True, methods=["post"])
    def outcome(self, request: Request, pk: str | None = None) -> Response:
        trial = self.get_object()
        return act(
            request,
            TrialOutcomeInput,
            lambda **kw: court.record_trial_outcome(trial=trial, **kw),
            TrialSerializer,
            doers=court.RECORDERS,
        )


class JudgeDirectionViewSet(viewsets.ReadOnlyModelViewSet[JudgeDirection]):
    serializer_class = JudgeDirectionSerializer
    filterset_fields = ["case"]

    def get_queryset(self) -> QuerySet[JudgeDirection]:
        return JudgeDirection.objects.visible_to(self.request.user)

    @extend_schema(request=DirectionInput, responses={201: JudgeDirectionSerializer})
    def create(self, request: Request) -> Response:
        return act(
            request,
            in_scope(request, DirectionInput),
            court.set_judge_direction,
            JudgeDirectionSerializer,
            doers=court.RECORDERS,
        )

    @extend_schema(request=ComplianceInput, responses={201: JudgeDirectionSerializer})
    @action(detail=True, methods=["post"])
    def complied(self, request: Request, pk: str | None = None) -> Response:
        direction = self.get_object()
        return act(
            request,
            ComplianceInput,
            lambda **kw: court.comply_with_direction(direction=direction, **kw),
            JudgeDirectionSerializer,
            doers=court.RECORDERS,
        )
