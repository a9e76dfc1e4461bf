"""API representations of action plans: output serializers, and input serializers that only parse and type;
every rule is the services'."""

from typing import Any

from rest_framework import serializers

from accounts.models import User
from accounts.roles import POLICE_ROLES
from actionplans.models import Action, ActionPlan, ProportionalityReview, ReviewPoint
from cases.models import Referral

LONG_TEXT = 20_000


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
    request = serializers.CharField(max_length=LONG_TEXT, allow_blank=True)
    line_of_enquiry = serializers.CharField(max_length=LONG_TEXT, allow_blank=True)
    proportionality = serializers.CharField(max_length=LONG_TEXT, allow_blank=True)
    due_on = serializers.DateField()
    owner = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(role__in=POLICE_ROLES), required=False, allow_null=True
    )


class ActionPlanInput(serializers.Serializer[dict[str, Any]]):
    referral = serializers.PrimaryKeyRelatedField(queryset=Referral.objects.none())
    set_on = serializers.DateField()
    actions = serializers.ListField(child=PlannedActionInput(), max_length=50)


class AdviceWithPlanInput(serializers.Serializer[dict[str, Any]]):
    """Early advice and the plan it sets out: the plan is set the day the advice is given."""

    referral = serializers.PrimaryKeyRelatedField(queryset=Referral.objects.none())
    answered_on = serializers.DateField()
    advice = serializers.CharField(max_length=LONG_TEXT, allow_blank=True)
    reasonable_lines_of_enquiry = serializers.CharField(
        max_length=LONG_TEXT, required=False, allow_blank=True, default=""
    )
    actions = serializers.ListField(child=PlannedActionInput(), max_length=50)


class AnswerInput(serializers.Serializer[dict[str, Any]]):
    answered_on = serializers.DateField()
    response = serializers.CharField(max_length=LONG_TEXT)
    exhibit_reference = serializers.CharField(max_length=100, required=False, allow_blank=True)
    evidence_description = serializers.CharField(max_length=500, required=False, allow_blank=True)
    evidence_held_at = serializers.CharField(max_length=200, required=False, allow_blank=True)


class WithdrawInput(serializers.Serializer[dict[str, Any]]):
    withdrawn_on = serializers.DateField()
    reason = serializers.CharField(max_length=LONG_TEXT)


class CloseInput(serializers.Serializer[dict[str, Any]]):
    closed_on = serializers.DateField()
    reason = serializers.CharField(max_length=LONG_TEXT)


class ProportionalityReviewInput(serializers.Serializer[dict[str, Any]]):
    proportionate = serializers.BooleanField()
    learning = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True, default="")
    reviewed_on = serializers.DateField()
