"""API representations of the case records: output serializers, and input serializers that only parse and type;
every rule is the services' (cases/services/), and the limits and choices they read are the services' too
(``cases.limits``), which the pages' forms share."""

from typing import Any

from django.utils import timezone
from rest_framework import serializers

from accounts.models import CpsArea, PoliceForce
from cases.characteristics import AgeBand, Ethnicity, Religion, Sex, SexualOrientation, YesNo
from cases.limits import FILE_ITEMS_NOT_LISTED, LONG_TEXT, NAME_MAX_LENGTH, OFFENCES_NOT_IN_USE, too_long
from cases.models import Case, CaseFlag, ChargingDecision, Offence, Prfi, Referral, Suspect, TimelineEvent
from cases.models.precharge import (
    THRESHOLD_CONDITIONS,
    BadCharacter,
    CrimeOutcome,
    DecisionOutcome,
    DecisionTest,
    DisclosureManagementDocument,
    FileItem,
    RejectionReason,
)


def bounded_text(limit: int, *, required: bool = False, **kwargs: Any) -> serializers.CharField:
    """Text of at most ``limit`` characters, as the services bound it, refused in their words (optional, and so
    allowed blank, unless ``required``)."""
    if not required:
        kwargs.setdefault("allow_blank", True)
    return serializers.CharField(
        max_length=limit, required=required, error_messages={"max_length": too_long(limit)}, **kwargs
    )


def long_text_input(*, required: bool = True, **kwargs: Any) -> serializers.CharField:
    """Free text: reasons, advice, questions, responses (``cases.limits.LONG_TEXT``)."""
    return bounded_text(LONG_TEXT, required=required, **kwargs)


class SuspectSerializer(serializers.ModelSerializer[Suspect]):
    class Meta:
        model = Suspect
        exclude = ["name"]


class CaseSerializer(serializers.ModelSerializer[Case]):
    police_force = serializers.CharField(source="police_force.name", read_only=True)
    cps_area = serializers.CharField(source="cps_area.name", read_only=True)
    offences = serializers.SlugRelatedField[Offence](slug_field="code", many=True, read_only=True)
    flags = serializers.SlugRelatedField[CaseFlag](slug_field="code", many=True, read_only=True)
    suspects = SuspectSerializer(many=True, read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "urn",
            "police_force",
            "cps_area",
            "reported_on",
            "offence_date_from",
            "offence_date_to",
            "offences",
            "flags",
            "suspects",
        ]


class ReferralSerializer(serializers.ModelSerializer[Referral]):
    overdue = serializers.SerializerMethodField()
    proposed_offences = serializers.SlugRelatedField[Offence](slug_field="code", many=True, read_only=True)

    class Meta:
        model = Referral
        exclude = ["created_by"]

    def get_overdue(self, referral: Referral) -> bool:
        return referral.is_overdue(timezone.localdate())


class ChargingDecisionSerializer(serializers.ModelSerializer[ChargingDecision]):
    charged_offences = serializers.SlugRelatedField[Offence](slug_field="code", many=True, read_only=True)

    class Meta:
        model = ChargingDecision
        exclude = ["decided_by"]


class PrfiSerializer(serializers.ModelSerializer[Prfi]):
    class Meta:
        model = Prfi
        exclude = ["recorded_by"]


class TimelineEventSerializer(serializers.ModelSerializer[TimelineEvent]):
    summary = serializers.CharField(read_only=True, help_text="The event as a person reads it.")

    class Meta:
        model = TimelineEvent
        fields = ["id", "case", "suspect", "verb", "stage", "occurred_at", "summary"]


class CaseInput(serializers.Serializer[dict[str, Any]]):
    urn = serializers.CharField(max_length=20)
    police_force = serializers.PrimaryKeyRelatedField(queryset=PoliceForce.objects.all())
    cps_area = serializers.PrimaryKeyRelatedField(queryset=CpsArea.objects.all())
    reported_on = serializers.DateField()
    offence_date_from = serializers.DateField(required=False, allow_null=True)
    offence_date_to = serializers.DateField(required=False, allow_null=True)
    offences = serializers.SlugRelatedField(slug_field="code", many=True, queryset=Offence.objects.all())
    flags = serializers.SlugRelatedField(slug_field="code", many=True, queryset=CaseFlag.objects.all(), required=False)


class ProtectedCharacteristicsInput(serializers.Serializer[dict[str, Any]]):
    """The nine protected characteristics, each optional (not recorded when left out): suspects and complainants."""

    sex = serializers.ChoiceField(choices=Sex.choices, required=False)
    age_band = serializers.ChoiceField(choices=AgeBand.choices, required=False)
    ethnicity = serializers.ChoiceField(choices=Ethnicity.choices, required=False)
    disability = serializers.ChoiceField(choices=YesNo.choices, required=False)
    religion_or_belief = serializers.ChoiceField(choices=Religion.choices, required=False)
    sexual_orientation = serializers.ChoiceField(choices=SexualOrientation.choices, required=False)
    gender_reassignment = serializers.ChoiceField(choices=YesNo.choices, required=False)
    marriage_or_civil_partnership = serializers.ChoiceField(choices=YesNo.choices, required=False)
    pregnancy_or_maternity = serializers.ChoiceField(choices=YesNo.choices, required=False)


class SuspectInput(ProtectedCharacteristicsInput):
    case = serializers.PrimaryKeyRelatedField(queryset=Case.objects.none())
    name = bounded_text(NAME_MAX_LENGTH)
    in_custody = serializers.BooleanField(default=False)


def proposed_offences_input() -> serializers.SlugRelatedField[Offence]:
    """The offences the police propose, by code (the service refuses any an administrator has retired)."""
    return serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        queryset=Offence.objects.all(),
        required=False,
        error_messages={"does_not_exist": OFFENCES_NOT_IN_USE},
    )


class EarlyAdviceRequestInput(serializers.Serializer[dict[str, Any]]):
    requested_on = serializers.DateField()
    questions = long_text_input()
    proposed_offences = proposed_offences_input()


class ChargingReferralInput(serializers.Serializer[dict[str, Any]]):
    received_on = serializers.DateField()
    proposed_offences = proposed_offences_input()
    in_custody = serializers.BooleanField(
        required=False, help_text="Whether the suspect is in custody; left out, as the suspect's record says."
    )
    arrested_at = serializers.DateTimeField(
        required=False, allow_null=True, help_text="When the suspect was arrested; required in custody."
    )
    file_contents = serializers.ListField(
        child=serializers.ChoiceField(
            choices=FileItem.choices, error_messages={"invalid_choice": FILE_ITEMS_NOT_LISTED}
        ),
        required=False,
        max_length=len(FileItem),
        help_text="What the file holds: the checklist triage reads.",
    )


class EarlyAdviceInput(serializers.Serializer[dict[str, Any]]):
    answered_on = serializers.DateField()
    advice = long_text_input()
    reasonable_lines_of_enquiry = long_text_input(required=False)


class TriageInput(serializers.Serializer[dict[str, Any]]):
    accepted = serializers.BooleanField()
    rejection_reasons = serializers.ListField(
        child=serializers.ChoiceField(choices=RejectionReason.choices), required=False, max_length=10
    )
    on = serializers.DateField()


class DecisionInput(serializers.Serializer[dict[str, Any]]):
    test = serializers.ChoiceField(choices=DecisionTest.choices)
    outcome = serializers.ChoiceField(choices=DecisionOutcome.choices)
    decided_on = serializers.DateField()
    evidential_reasons = long_text_input(required=False)
    public_interest_reasons = long_text_input(required=False)
    bad_character = serializers.ChoiceField(choices=BadCharacter.choices)
    bad_character_rationale = long_text_input(required=False, default="")
    suspect_conduct = long_text_input(required=False, default="")
    disclosure_management_document = serializers.ChoiceField(
        choices=DisclosureManagementDocument.choices, default=DisclosureManagementDocument.NOT_STARTED
    )
    charged_offences = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=Offence.objects.all(), required=False
    )
    threshold_conditions = serializers.DictField(child=serializers.BooleanField(), required=False)

    def validate_threshold_conditions(self, value: dict[str, bool]) -> dict[str, bool]:
        unknown = set(value) - set(THRESHOLD_CONDITIONS)
        if unknown:
            raise serializers.ValidationError(f"Unknown conditions: {', '.join(sorted(unknown))}.")
        return value


class PrfiInput(serializers.Serializer[dict[str, Any]]):
    prfi_on = serializers.DateField()
    reason = long_text_input()


class ReopenInput(serializers.Serializer[dict[str, Any]]):
    reopened_on = serializers.DateField()


class PoliceNfaInput(serializers.Serializer[dict[str, Any]]):
    nfa_on = serializers.DateField()
    outcome_code = serializers.ChoiceField(
        choices=CrimeOutcome.choices,
        help_text="The Home Office crime outcome code of the decision.",
        error_messages={
            "required": "Select the Home Office outcome",
            "invalid_choice": "Select the Home Office outcome",
        },
    )
    reason = long_text_input()
