"""Allocation in the API, on the pages' service (``cases.services.allocation``): a case's allocation and officer in
charge (``POST /api/v1/cases/{id}/allocation/``, ``…/officer-in-charge/``) and a referral's own allocation
(``POST /api/v1/referrals/{id}/allocation/``), as actions of the case and referral resources. Out of scope is a 404;
a role that may not is a 403; a person the rules do not allow, or no reason, a 400."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from cases.models import Case, Referral
from cases.serializers import ReferralSerializer, bounded_text
from cases.services import allocation
from web.api import act


class CaseAllocationSerializer(serializers.ModelSerializer[Case]):
    class Meta:
        model = Case
        fields = ["id", "urn", "allocated_prosecutor", "officer_in_charge"]


def _reason() -> serializers.CharField:
    return bounded_text(allocation.REASON_MAX_LENGTH, required=True, help_text="Kept in the case's history")


class AllocationInput(serializers.Serializer[dict[str, Any]]):
    prosecutor = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.none(),
        help_text="A prosecutor or unit head of the case's CPS Area",
        error_messages={"does_not_exist": allocation.NOT_A_PROSECUTOR_OF_THE_AREA},
    )
    reason = _reason()


class OfficerInput(serializers.Serializer[dict[str, Any]]):
    officer = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.none(),
        help_text="An investigator or supervisor of the case's police force",
        error_messages={"does_not_exist": allocation.NOT_AN_OFFICER_OF_THE_FORCE},
    )
    reason = _reason()


def _choosing(serializer: type[serializers.Serializer[Any]], field: str, people: QuerySet[User]) -> Any:
    """The input serializer offering only the people the service allows."""

    def parse(*args: Any, **kwargs: Any) -> serializers.Serializer[Any]:
        parsed = serializer(*args, **kwargs)
        parsed.fields[field].queryset = people  # type: ignore[attr-defined]
        return parsed

    return parse


class CaseAllocationActions(viewsets.GenericViewSet[Case]):
    """The case resource's allocation actions (mixed into its view set)."""

    @extend_schema(request=AllocationInput, responses={201: CaseAllocationSerializer})
    @action(detail=True, methods=["post"])
    def allocation(self, request: Request, pk: str | None = None) -> Response:
        """Allocate the case to a prosecutor of its Area, or reallocate it (RASSO unit head of the Area)."""
        case = self.get_object()
        return act(
            request,
            _choosing(AllocationInput, "prosecutor", allocation.prosecutors_for(case)),
            lambda **kw: allocation.allocate_case(case=case, **kw),
            CaseAllocationSerializer,
            doers=allocation.ALLOCATORS,
        )

    @extend_schema(request=OfficerInput, responses={201: CaseAllocationSerializer})
    @action(detail=True, methods=["post"], url_path="officer-in-charge")
    def officer_in_charge(self, request: Request, pk: str | None = None) -> Response:
        """Put an officer of the case's force in charge of it (police supervisor of the force)."""
        case = self.get_object()
        return act(
            request,
            _choosing(OfficerInput, "officer", allocation.officers_for(case)),
            lambda **kw: allocation.change_officer_in_charge(case=case, **kw),
            CaseAllocationSerializer,
            doers=allocation.OFFICER_CHANGERS,
        )


class ReferralAllocationActions(viewsets.GenericViewSet[Referral]):
    """The referral resource's allocation action (mixed into its view set)."""

    @extend_schema(request=AllocationInput, responses={201: ReferralSerializer})
    @action(detail=True, methods=["post"])
    def allocation(self, request: Request, pk: str | None = None) -> Response:
        """Give the open referral to a prosecutor of the Area other than the case's (RASSO unit head of the Area);
        given to the case's prosecutor, it follows the case again (``allocated_prosecutor`` null)."""
        referral = self.get_object()
        return act(
            request,
            _choosing(AllocationInput, "prosecutor", allocation.prosecutors_for(referral.suspect.case)),
            lambda **kw: allocation.allocate_referral(referral=referral, **kw),
            ReferralSerializer,
            doers=allocation.ALLOCATORS,
        )
