"""The corrections API: PATCH /api/v1/corrections/<records>/<id>/ with the details to correct and the reason, for
each kind of record the table declares, and /api/v1/corrections/complainants/<id>/ for a complainant's details. The
same service as the pages; a record outside the user's scope is a 404, a role that may not correct it a 403, a
refusal of the input or of the journey a 400 that says why. The answer is the correction: who, when, which
details, why (never a complainant's identity)."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import Model, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.scoping import ScopedQuerySet
from cases.limits import too_long
from cases.models import Hearing, Offence
from corrections.details import Detail, Kind
from corrections.models import REASON_FIELD, REASON_MAX_LENGTH, Correction
from corrections.services import REASON_TOO_LONG, correct, correct_identity
from corrections.table import CORRECTABLE, IDENTITY, Correctable
from victims.models import Complainant
from web.api import api_actor


class CorrectionSerializer(serializers.ModelSerializer[Correction]):
    class Meta:
        model = Correction
        fields = ["id", "case", "record", "record_id", "record_label", "fields", "reason", "made_by", "made_at"]


def _input_field(detail: Detail) -> serializers.Field:
    common: dict[str, Any] = {"required": False, "help_text": detail.label}
    if detail.is_date or detail.kind == Kind.DATE_TIME:
        if detail.kind == Kind.DATE_TIME:
            common["allow_null"] = not detail.required
        return (serializers.DateTimeField if detail.kind == Kind.DATE_TIME else serializers.DateField)(**common)
    if detail.kind == Kind.CHOICE:
        return serializers.ChoiceField(choices=list(detail.choices), allow_blank=not detail.required, **common)
    if detail.kind == Kind.CHOICES:
        return serializers.ListField(child=serializers.ChoiceField(choices=list(detail.choices)), **common)
    if detail.kind == Kind.OFFENCES:
        return serializers.PrimaryKeyRelatedField(many=True, queryset=Offence.objects.all(), **common)
    if detail.kind == Kind.HEARING:
        return serializers.PrimaryKeyRelatedField(queryset=Hearing.objects.none(), allow_null=True, **common)
    return serializers.CharField(
        max_length=detail.max_length,
        allow_blank=True,
        trim_whitespace=False,
        error_messages={"max_length": too_long(detail.max_length)},
        **common,
    )


def _reason() -> serializers.CharField:
    return serializers.CharField(
        max_length=REASON_MAX_LENGTH,
        help_text="Why the record is corrected.",
        error_messages={"max_length": REASON_TOO_LONG},
    )


def _name(kind: str) -> str:
    return "".join(part.capitalize() for part in kind.split("-"))


def _input(kind: str, details: tuple[Detail, ...]) -> type[serializers.Serializer[dict[str, Any]]]:
    """The details that may be corrected, each optional (only those given are corrected), and the reason."""
    fields: dict[str, Any] = {detail.name: _input_field(detail) for detail in details}
    return type(f"{_name(kind)}CorrectionInput", (serializers.Serializer,), {**fields, REASON_FIELD: _reason()})


class RecordCorrections(viewsets.GenericViewSet[Model]):
    """Correct one record: give the details to correct (any of them) and the reason."""

    kind: str
    spec: Correctable
    parse: type[serializers.Serializer[dict[str, Any]]]

    def get_queryset(self) -> QuerySet[Model]:
        records = cast(ScopedQuerySet[Model], self.spec.model._default_manager.all())
        return records.visible_to(self.request.user)

    def correct(self, request: Request) -> Response:
        record = self.get_object()
        actor = api_actor(request)
        self.spec.doers.require(actor.role)
        refusal = self.spec.refusal(record)
        if refusal:  # nothing recorded to correct: no such correction, as on the pages
            raise NotFound(refusal)
        parsed = self.parse(data=request.data)
        if "result_hearing" in parsed.fields:
            hearings = Hearing.objects.filter(suspect_id=record.suspect_id)  # type: ignore[attr-defined]
            parsed.fields["result_hearing"].queryset = hearings  # type: ignore[attr-defined]
        parsed.is_valid(raise_exception=True)
        values = dict(parsed.validated_data)
        reason = values.pop(REASON_FIELD)
        correction = correct(actor=actor, kind=self.kind, record=record, values=values, reason=reason)
        return Response(CorrectionSerializer(correction).data)


def _viewset(kind: str, spec: Correctable) -> type[RecordCorrections]:
    parse = _input(kind, spec.details)

    class Corrections(RecordCorrections):
        __doc__ = f"Corrections of a {spec.noun}."

        @extend_schema(
            request=parse,
            responses={200: CorrectionSerializer},
            summary=f"Correct a {spec.noun}",
            description=f"Correct the details of a {spec.noun}, for a reason, as the correction page does.",
        )
        def partial_update(self, request: Request, pk: str | None = None) -> Response:
            return self.correct(request)

    Corrections.kind, Corrections.spec, Corrections.parse = kind, spec, parse
    Corrections.__name__ = Corrections.__qualname__ = f"{_name(kind)}Corrections"
    return Corrections


IdentityCorrectionInput = _input("identity", IDENTITY.details)


class IdentityCorrections(viewsets.GenericViewSet[Complainant]):
    """Correct a complainant's details: those given replace what is recorded; the access log records who, when and
    why, and the answer never includes the details."""

    def get_queryset(self) -> QuerySet[Complainant]:
        return Complainant.objects.visible_to(self.request.user).select_related("case")

    @extend_schema(request=IdentityCorrectionInput, responses={200: CorrectionSerializer})
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        complainant = self.get_object()
        actor = api_actor(request)
        IDENTITY.doers.require(actor.role)
        parsed = IdentityCorrectionInput(data=request.data)
        parsed.is_valid(raise_exception=True)
        values = dict(parsed.validated_data)
        reason = values.pop(REASON_FIELD)
        correction = correct_identity(actor=actor, complainant=complainant, values=values, reason=reason, via="api")
        return Response(CorrectionSerializer(correction).data)


# (prefix, viewset, basename) for the API router (rasso/api_urls.py).
ROUTES: list[tuple[str, type[viewsets.GenericViewSet[Any]], str]] = [
    *((f"corrections/{spec.path}", _viewset(kind, spec), f"{kind}-correction") for kind, spec in CORRECTABLE.items()),
    ("corrections/complainants", IdentityCorrections, "complainant-correction"),
]
