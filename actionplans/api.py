"""The action-plan API: the pages' services behind REST endpoints, with the same scoping (out of scope is a 404)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from accounts.roles import POLICE_ROLES, Role
from accounts.scoping import case_scope
from actionplans.models import Action, ActionPlan, ProportionalityReview, ReviewPoint
from actionplans.proportionality import REVIEWERS, record_review
from actionplans.serializers import (
    ActionPlanInput,
    ActionPlanSerializer,
    ActionSerializer,
    AdviceWithPlanInput,
    AnswerInput,
    CloseInput,
    ProportionalityReviewInput,
    ProportionalityReviewSerializer,
    ReviewPointSerializer,
    WithdrawInput,
)
from actionplans.services import (
    ANSWERERS,
    PLANNERS,
    PlannedAction,
    answer_action,
    close_plan,
    give_early_advice_with_plan,
    set_action_plan,
    withdraw_action,
)
from cases.models import Referral
from web.api import act


class ActionPlanViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet[ActionPlan]):
    serializer_class = ActionPlanSerializer
    filterset_fields = ["suspect", "suspect__case", "referral", "status"]

    def get_queryset(self) -> QuerySet[ActionPlan]:
        plans = ActionPlan.objects.visible_to(self.request.user)
        return plans.select_related("suspect__case").prefetch_related("actions")

    def _parse_plan(self, *args: Any, parser: type[ActionPlanInput | AdviceWithPlanInput] = ActionPlanInput,
                    **kwargs: Any) -> ActionPlanInput | AdviceWithPlanInput:  # fmt: skip
        """The plan's referral from those in scope, and each action's owner from the officers of the forces in scope
        (the service then requires the case's own force): another force's officer is refused as one that does not
        exist."""
        parsed = parser(*args, **kwargs)
        parsed.fields["referral"].queryset = Referral.objects.visible_to(self.request.user)  # type: ignore[attr-defined]
        owners = User.objects.filter(role__in=POLICE_ROLES, police_force__in=case_scope(self.request.user).forces())
        parsed.fields["actions"].child.fields["owner"].queryset = owners  # type: ignore[attr-defined]
        return parsed

    @extend_schema(request=ActionPlanInput, responses={201: ActionPlanSerializer})
    def create(self, request: Request, *args: object, **kwargs: object) -> Response:
        def run(*, actions: list[dict[str, Any]], **kw: Any) -> ActionPlan:
            return set_action_plan(actions=[PlannedAction(**a) for a in actions], **kw)

        return act(request, self._parse_plan, run, ActionPlanSerializer, doers=PLANNERS)  # type: ignore[arg-type]

    @extend_schema(request=AdviceWithPlanInput, responses={201: ActionPlanSerializer})
    @action(detail=False, methods=["post"], url_path="with-early-advice")
    def with_early_advice(self, request: Request) -> Response:
        """Give early advice on an open early-advice referral with the action plan it sets out, in one step."""

        def run(*, actions: list[dict[str, Any]], **kw: Any) -> ActionPlan:
            return give_early_advice_with_plan(actions=[PlannedAction(**a) for a in actions], **kw)

        def parse(*args: Any, **kwargs: Any) -> ActionPlanInput | AdviceWithPlanInput:
            return self._parse_plan(*args, parser=AdviceWithPlanInput, **kwargs)

        return act(request, parse, run, ActionPlanSerializer, doers=PLANNERS)  # type: ignore[arg-type]

    @extend_schema(request=CloseInput, responses={201: ActionPlanSerializer})
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        plan = self.get_object()
        return act(request, CloseInput, lambda **kw: close_plan(plan=plan, **kw), ActionPlanSerializer, doers=PLANNERS)


class ActionViewSet(viewsets.ReadOnlyModelViewSet[Action]):
    serializer_class = ActionSerializer
    filterset_fields = ["plan", "status", "owner"]

    def get_queryset(self) -> QuerySet[Action]:
        return Action.objects.visible_to(self.request.user)

    @extend_schema(request=AnswerInput, responses={201: ActionSerializer})
    @action(detail=True, methods=["post"])
    def answer(self, request: Request, pk: str | None = None) -> Response:
        item = self.get_object()
        return act(
            request, AnswerInput, lambda **kw: answer_action(action=item, **kw), ActionSerializer, doers=ANSWERERS
        )

    @extend_schema(request=WithdrawInput, responses={201: ActionSerializer})
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        item = self.get_object()
        return act(
            request, WithdrawInput, lambda **kw: withdraw_action(action=item, **kw), ActionSerializer, doers=PLANNERS
        )


class ReviewPointViewSet(viewsets.ReadOnlyModelViewSet[ReviewPoint]):
    """Each plan's 28/56/90-day review points: when due, when raised, or cancelled because the plan closed."""

    serializer_class = ReviewPointSerializer
    filterset_fields = ["plan"]

    def get_queryset(self) -> QuerySet[ReviewPoint]:
        return ReviewPoint.objects.visible_to(self.request.user).select_related("level")


class ProportionalityReviewViewSet(viewsets.ReadOnlyModelViewSet[ProportionalityReview]):
    """The unit head's dip-sample reviews of their Area (sampling itself is on the page)."""

    serializer_class = ProportionalityReviewSerializer
    filterset_fields = ["sample", "proportionate"]

    def get_queryset(self) -> QuerySet[ProportionalityReview]:
        user = self.request.user
        if not isinstance(user, User) or user.role != Role.UNIT_HEAD:
            return ProportionalityReview.objects.none()
        return ProportionalityReview.objects.filter(sample__cps_area_id=user.cps_area_id).select_related("sample")

    @extend_schema(request=ProportionalityReviewInput, responses={201: ProportionalityReviewSerializer})
    @action(detail=True, methods=["post"])
    def record(self, request: Request, pk: str | None = None) -> Response:
        item = self.get_object()
        return act(
            request,
            ProportionalityReviewInput,
            lambda **kw: record_review(review=item, **kw),
            ProportionalityReviewSerializer,
            doers=REVIEWERS,
        )
