"""API representations of action plans: output serializers, and input serializers that only parse and type;
every rule is the services'."""

from typing import Any

from rest_framework import serializers

from accounts.models import User
from accounts.roles import POLICE_ROLES
from actionplans.models import Action, ActionPlan, ProportionalityReview, ReviewPoint
from actionplans.services import (
    EVIDENCE_DESCRIPTION_MAX_LENGTH,
    EVIDENCE_HELD_AT_MAX_LENGTH,
    EXHIBIT_REFERENCE_MAX_LENGTH,
    MAX_ACTIONS,
    TOO_MANY_ACTIONS,
)
from cases.models import Referral
from cases.serializers import bounded_text, long_text_input


class ActionSerializer(serializers.ModelSerializer[Action]):
    class Meta:
        model = Action
        exclude = ["answered_by"]


class ActionPlanSerializer(serializers.ModelSerializer[ActionPlan]):
    case = serializers.IntegerField(source="suspect.case_id", read_only=True)
    case_urn = serializers.CharField(source="suspect.case.urn", read_only=True)
    actions = ActionSerializer(many=True, read_only=True)

    class Meta:
        model = ActionPlan
        fields = [
            "id",
            "case",
            "case_urn",
            "suspect",
            "referral",
            "label",
            "set_on",
            "status",
            "closed_on",
            "closing_reason",
            "actions",
        ]


class ReviewPointSerializer(serializers.ModelSerializer[ReviewPoint]):
    days = serializers.IntegerField(source="level.days", read_only=True)

    class Meta:
        model = ReviewPoint
        fields = ["id", "plan", "days", "due_on", "raise_on", "raised_at", "cancelled_at"]


class ProportionalityReviewSerializer(serializers.ModelSerializer[ProportionalityReview]):
    seed = serializers.IntegerField(source="sample.seed", read_only=True)

    class Meta:
        model = ProportionalityReview
        fields = ["id", "sample", "seed", "suspect", "proportionate", "learning", "reviewed_on"]


class PlannedActionInput(serializers.Serializer[dict[str, Any]]):
    request = long_text_input(allow_blank=True)
    line_of_enquiry = long_text_input(allow_blank=True)
    proportionality = long_text_input(allow_blank=True)
    due_on = serializers.DateField()
    owner = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(role__in=POLICE_ROLES), required=False, allow_null=True
    )


class ActionPlanInput(serializers.Serializer[dict[str, Any]]):
    referral = serializers.PrimaryKeyRelatedField(queryset=Referral.objects.none())
    set_on = serializers.DateField()
    actions = serializers.ListField(
        child=PlannedActionInput(), max_length=MAX_ACTIONS, error_messages={"max_length": TOO_MANY_ACTIONS}
    )


class AdviceWithPlanInput(serializers.Serializer[dict[str, Any]]):
    """Early advice and the plan it sets out: the plan is set the day the advice is given."""

    referral = serializers.PrimaryKeyRelatedField(queryset=Referral.objects.none())
    answered_on = serializers.DateField()
    advice = long_text_input(allow_blank=True)
    reasonable_lines_of_enquiry = long_text_input(required=False, default="")
    actions = serializers.ListField(
        child=PlannedActionInput(), max_length=MAX_ACTIONS, error_messages={"max_length": TOO_MANY_ACTIONS}
    )


class AnswerInput(serializers.Serializer[dict[str, Any]]):
    answered_on = serializers.DateField()
    response = long_text_input()
    exhibit_reference = bounded_text(EXHIBIT_REFERENCE_MAX_LENGTH)
    evidence_description = bounded_text(EVIDENCE_DESCRIPTION_MAX_LENGTH)
    evidence_held_at = bounded_text(EVIDENCE_HELD_AT_MAX_LENGTH)


class WithdrawInput(serializers.Serializer[dict[str, Any]]):
    withdrawn_on = serializers.DateField()
    reason = long_text_input()


class CloseInput(serializers.Serializer[dict[str, Any]]):
    closed_on = serializers.DateField()
    reason = long_text_input()


class ProportionalityReviewInput(serializers.Serializer[dict[str, Any]]):
    proportionate = serializers.BooleanField()
    learning = long_text_input(required=False, default="")
    reviewed_on = serializers.DateField()
