"""The victims API: the pages' services behind REST endpoints, with the same scoping (out of scope is a 404). A
complainant's identity is returned only by POST to …/identity/ with a reason, and that read is logged."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.cache import patch_cache_control
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.roles import Doers
from cases.models import Case
from victims import services
from victims.identity import CASEWORKERS, add_complainant, read_identity
from victims.letters import LETTER_WRITERS, draft_letter, record_letter_owed, send_letter
from victims.models import Communication, Complainant, PreTrialMeeting, SurveyResponse, VrrRequest
from victims.serializers import (
    CommunicationSerializer,
    ComplainantInput,
    ComplainantSerializer,
    IdentityReadInput,
    IdentitySerializer,
    IsvaInput,
    IsvaSerializer,
    LetterOwedInput,
    MeetingAnswerInput,
    MeetingOfferInput,
    PreTrialMeetingSerializer,
    SendLetterInput,
    SpecialMeasureInput,
    SpecialMeasureSerializer,
    SurveyResponseInput,
    SurveyResponseSerializer,
    VrrOutcomeInput,
    VrrRequestInput,
    VrrRequestSerializer,
    WishesInput,
    WishesSerializer,
    WithdrawalInput,
)
from web.api import act, api_actor


class ComplainantCreateInput(ComplainantInput):
    case = serializers.PrimaryKeyRelatedField(queryset=Case.objects.none())


class ComplainantViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet[Complainant]):
    serializer_class = ComplainantSerializer
    filterset_fields = ["case"]

    def get_queryset(self) -> QuerySet[Complainant]:
        complainants = Complainant.objects.visible_to(self.request.user)
        identity_left_out = complainants.defer("name", "date_of_birth", "address", "phone", "email")
        return identity_left_out.select_related("wishes", "isva").prefetch_related("special_measures")

    def _parse(self, *args: Any, **kwargs: Any) -> ComplainantCreateInput:
        parsed = ComplainantCreateInput(*args, **kwargs)
        parsed.fields["case"].queryset = Case.objects.visible_to(self.request.user)  # type: ignore[attr-defined]
        return parsed

    @extend_schema(request=ComplainantCreateInput, responses={201: ComplainantSerializer})
    def create(self, request: Request, *args: object, **kwargs: object) -> Response:
        return act(request, self._parse, add_complainant, ComplainantSerializer, doers=CASEWORKERS)  # type: ignore[arg-type]

    @extend_schema(request=IdentityReadInput, responses={200: IdentitySerializer})
    @action(detail=True, methods=["post"])
    def identity(self, request: Request, pk: str | None = None) -> Response:
        """The complainant's identity, for a reason; the read is written to the access log first."""
        complainant = self.get_object()
        CASEWORKERS.require(api_actor(request).role)
        parsed = IdentityReadInput(data=request.data)
        parsed.is_valid(raise_exception=True)
        identity = read_identity(
            actor=api_actor(request), complainant=complainant, reason=parsed.validated_data["reason"], via="api"
        )
        response = Response(IdentitySerializer(identity).data)
        patch_cache_control(response, no_store=True, private=True)
        return response

    def _record(
        self,
        request: Request,
        parse: type[serializers.Serializer[Any]],
        run: Any,
        answer: Any,
        doers: Doers,
    ) -> Response:
        complainant = self.get_object()
        return act(request, parse, lambda **kw: run(complainant=complainant, **kw), answer, doers=doers)

    @extend_schema(request=WishesInput, responses={201: WishesSerializer})
    @action(detail=True, methods=["post"])
    def wishes(self, request: Request, pk: str | None = None) -> Response:
        return self._record(request, WishesInput, services.record_wishes, WishesSerializer, CASEWORKERS)

    @extend_schema(request=IsvaInput, responses={201: IsvaSerializer})
    @action(detail=True, methods=["post"])
    def isva(self, request: Request, pk: str | None = None) -> Response:
        return self._record(request, IsvaInput, services.record_isva, IsvaSerializer, CASEWORKERS)

    @extend_schema(request=SpecialMeasureInput, responses={201: SpecialMeasureSerializer})
    @action(detail=True, methods=["post"], url_path="special-measures")
    def special_measures(self, request: Request, pk: str | None = None) -> Response:
        return self._record(
            request, SpecialMeasureInput, services.record_special_measure, SpecialMeasureSerializer, LETTER_WRITERS
        )

    @extend_schema(request=WithdrawalInput, responses={201: ComplainantSerializer})
    @action(detail=True, methods=["post"])
    def withdrawal(self, request: Request, pk: str | None = None) -> Response:
        return self._record(request, WithdrawalInput, services.record_withdrawal, ComplainantSerializer, CASEWORKERS)

    @extend_schema(request=LetterOwedInput, responses={201: CommunicationSerializer})
    @action(detail=True, methods=["post"])
    def letters(self, request: Request, pk: str | None = None) -> Response:
        return self._record(request, LetterOwedInput, record_letter_owed, CommunicationSerializer, LETTER_WRITERS)

    @extend_schema(request=MeetingOfferInput, responses={201: PreTrialMeetingSerializer})
    @action(detail=True, methods=["post"])
    def meetings(self, request: Request, pk: str | None = None) -> Response:
        return self._record(
            request, MeetingOfferInput, services.offer_meeting, PreTrialMeetingSerializer, LETTER_WRITERS
        )

    @extend_schema(request=VrrRequestInput, responses={201: VrrRequestSerializer})
    @action(detail=True, methods=["post"], url_path="vrr-requests")
    def vrr_requests(self, request: Request, pk: str | None = None) -> Response:
        return self._record(
            request, VrrRequestInput, services.record_vrr_request, VrrRequestSerializer, LETTER_WRITERS
        )


class CommunicationViewSet(viewsets.ReadOnlyModelViewSet[Communication]):
    """Letters owed and sent, with their Victims' Code clock; the text itself stays in the service's pages."""

    serializer_class = CommunicationSerializer
    filterset_fields = ["complainant", "kind"]

    def get_queryset(self) -> QuerySet[Communication]:
        return Communication.objects.visible_to(self.request.user)

    @extend_schema(request=None, responses={201: CommunicationSerializer})
    @action(detail=True, methods=["post"])
    def draft(self, request: Request, pk: str | None = None) -> Response:
        letter = self.get_object()
        draft_letter(actor=api_actor(request), letter=letter)
        return Response(CommunicationSerializer(letter).data, status=201)

    @extend_schema(request=SendLetterInput, responses={201: CommunicationSerializer})
    @action(detail=True, methods=["post"])
    def send(self, request: Request, pk: str | None = None) -> Response:
        letter = self.get_object()
        return act(
            request,
            SendLetterInput,
            lambda **kw: send_letter(letter=letter, **kw),
            CommunicationSerializer,
            doers=LETTER_WRITERS,
        )


class VrrRequestViewSet(viewsets.ReadOnlyModelViewSet[VrrRequest]):
    serializer_class = VrrRequestSerializer
    filterset_fields = ["complainant", "outcome"]

    def get_queryset(self) -> QuerySet[VrrRequest]:
        return VrrRequest.objects.visible_to(self.request.user)

    @extend_schema(request=VrrOutcomeInput, responses={201: VrrRequestSerializer})
    @action(detail=True, methods=["post"])
    def outcome(self, request: Request, pk: str | None = None) -> Response:
        vrr = self.get_object()
        return act(
            request,
            VrrOutcomeInput,
            lambda **kw: services.record_vrr_outcome(request=vrr, **kw),
            VrrRequestSerializer,
            doers=LETTER_WRITERS,
        )


class PreTrialMeetingViewSet(viewsets.ReadOnlyModelViewSet[PreTrialMeeting]):
    serializer_class = PreTrialMeetingSerializer
    filterset_fields = ["complainant"]

    def get_queryset(self) -> QuerySet[PreTrialMeeting]:
        return PreTrialMeeting.objects.visible_to(self.request.user)

    @extend_schema(request=MeetingAnswerInput, responses={201: PreTrialMeetingSerializer})
    @action(detail=True, methods=["post"])
    def answer(self, request: Request, pk: str | None = None) -> Response:
        meeting = self.get_object()
        return act(
            request,
            MeetingAnswerInput,
            lambda **kw: services.answer_meeting(meeting=meeting, **kw),
            PreTrialMeetingSerializer,
            doers=LETTER_WRITERS,
        )


class SurveyResponseViewSet(mixins.CreateModelMixin, viewsets.GenericViewSet[SurveyResponse]):
    """Anonymous survey answers, recorded by the CPS for their Area."""

    serializer_class = SurveyResponseSerializer

    def get_queryset(self) -> QuerySet[SurveyResponse]:
        return SurveyResponse.objects.none()

    @extend_schema(request=SurveyResponseInput, responses={201: SurveyResponseSerializer})
    def create(self, request: Request, *args: object, **kwargs: object) -> Response:
        return act(
            request,
            SurveyResponseInput,
            services.record_survey_response,
            SurveyResponseSerializer,
            doers=LETTER_WRITERS,
        )
