"""API representations of complainants' records, never their identity (which only the identity endpoint returns, and
logs), and input serializers that only parse and type; every rule is the services'."""

from typing import Any

from rest_framework import serializers

from cases.serializers import ProtectedCharacteristicsInput, bounded_text, long_text_input
from victims.models import (
    Communication,
    CommunicationKind,
    CommunicationWishes,
    Complainant,
    IdentityReadReason,
    Isva,
    MeasureStatus,
    PreTrialMeeting,
    SpecialMeasure,
    SpecialMeasureKind,
    SurveyResponse,
    VrrRequest,
)
from victims.models.complainant import AccessibleFormat, Channel, IsvaKind, WithdrawalStage
from victims.models.limits import DECISION_MAX_LENGTH, LANGUAGE_MAX_LENGTH, SAFE_TIMES_MAX_LENGTH
from victims.models.review import SurveyQuestion, VrrOutcome


class WishesSerializer(serializers.ModelSerializer[CommunicationWishes]):
    class Meta:
        model = CommunicationWishes
        exclude = ["id", "complainant"]


class IsvaSerializer(serializers.ModelSerializer[Isva]):
    class Meta:
        model = Isva
        exclude = ["id", "complainant"]


class SpecialMeasureSerializer(serializers.ModelSerializer[SpecialMeasure]):
    class Meta:
        model = SpecialMeasure
        fields = ["id", "complainant", "measure", "status", "decided_on", "s28_recording_on"]


class ComplainantSerializer(serializers.ModelSerializer[Complainant]):
    wishes = WishesSerializer(read_only=True)
    isva = IsvaSerializer(read_only=True)
    special_measures = SpecialMeasureSerializer(many=True, read_only=True)

    class Meta:
        model = Complainant
        exclude = ["name", "date_of_birth", "address", "phone", "email"]


class CommunicationSerializer(serializers.ModelSerializer[Communication]):
    on_time = serializers.BooleanField(read_only=True, allow_null=True)
    drafted = serializers.SerializerMethodField()

    class Meta:
        model = Communication
        fields = [
            "id",
            "complainant",
            "kind",
            "decision_on",
            "decision",
            "due_on",
            "channel",
            "sent_on",
            "on_time",
            "drafted",
        ]

    def get_drafted(self, letter: Communication) -> bool:
        return bool(letter.text)


class VrrRequestSerializer(serializers.ModelSerializer[VrrRequest]):
    class Meta:
        model = VrrRequest
        fields = "__all__"


class PreTrialMeetingSerializer(serializers.ModelSerializer[PreTrialMeeting]):
    class Meta:
        model = PreTrialMeeting
        fields = "__all__"


class SurveyResponseSerializer(serializers.ModelSerializer[SurveyResponse]):
    class Meta:
        model = SurveyResponse
        fields = "__all__"


class ComplainantInput(ProtectedCharacteristicsInput):
    name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    date_of_birth = serializers.DateField(required=False, allow_null=True)
    address = serializers.CharField(max_length=500, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    enhanced_rights = serializers.BooleanField(default=True)
    vulnerable = serializers.BooleanField(default=False)
    intimidated = serializers.BooleanField(default=True)


class IdentityReadInput(serializers.Serializer[dict[str, Any]]):
    reason = serializers.ChoiceField(choices=IdentityReadReason.choices)


class IdentitySerializer(serializers.Serializer[Any]):
    name = serializers.CharField()
    date_of_birth = serializers.CharField()
    address = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()


class WishesInput(serializers.Serializer[dict[str, Any]]):
    channel = serializers.ChoiceField(choices=Channel.choices)
    updated_on = serializers.DateField()
    safe_times = bounded_text(SAFE_TIMES_MAX_LENGTH, allow_blank=True)
    language = bounded_text(LANGUAGE_MAX_LENGTH, allow_blank=True, default="English")
    interpreter = serializers.BooleanField(default=False)
    no_contact = serializers.BooleanField(default=False)
    copy_isva = serializers.BooleanField(default=False)
    accessible_formats = serializers.ListField(
        child=serializers.ChoiceField(choices=AccessibleFormat.choices), required=False, max_length=4
    )
    others_who_may_be_told = long_text_input(required=False)


class IsvaInput(serializers.Serializer[dict[str, Any]]):
    kind = serializers.ChoiceField(choices=IsvaKind.choices, default=IsvaKind.ISVA)
    organisation = serializers.CharField(max_length=200)
    contact = serializers.CharField(max_length=200)
    consent_to_share = serializers.BooleanField(default=False)


class SpecialMeasureInput(serializers.Serializer[dict[str, Any]]):
    measure = serializers.ChoiceField(choices=SpecialMeasureKind.choices)
    status = serializers.ChoiceField(choices=MeasureStatus.choices)
    decided_on = serializers.DateField()
    s28_recording_on = serializers.DateField(required=False, allow_null=True)


class WithdrawalInput(serializers.Serializer[dict[str, Any]]):
    withdrew_on = serializers.DateField()
    stage = serializers.ChoiceField(choices=WithdrawalStage.choices)


class LetterOwedInput(serializers.Serializer[dict[str, Any]]):
    kind = serializers.ChoiceField(choices=CommunicationKind.choices)
    decision_on = serializers.DateField(required=False, allow_null=True)
    decision = bounded_text(DECISION_MAX_LENGTH, allow_blank=True)


class SendLetterInput(serializers.Serializer[dict[str, Any]]):
    sent_on = serializers.DateField()
    channel = serializers.ChoiceField(choices=Channel.choices)
    against_wishes_acknowledged = serializers.BooleanField(default=False)


class MeetingOfferInput(serializers.Serializer[dict[str, Any]]):
    offered_on = serializers.DateField()


class MeetingAnswerInput(serializers.Serializer[dict[str, Any]]):
    held = serializers.BooleanField()
    on = serializers.DateField()


class VrrRequestInput(serializers.Serializer[dict[str, Any]]):
    decision_letter_on = serializers.DateField()
    received_on = serializers.DateField()
    late_exceptional = serializers.BooleanField(default=False)


class VrrOutcomeInput(serializers.Serializer[dict[str, Any]]):
    outcome = serializers.ChoiceField(choices=VrrOutcome.choices)
    outcome_on = serializers.DateField()
    local_resolution = long_text_input(required=False, default="")


class SurveyResponseInput(serializers.Serializer[dict[str, Any]]):
    question = serializers.ChoiceField(choices=SurveyQuestion.choices)
    agree = serializers.BooleanField()
    responded_on = serializers.DateField()
