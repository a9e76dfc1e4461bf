"""Every correction, from a page or the API: the actor's scope and role, a reason, the values passing the rules they
passed when first recorded, and the journey kept intact (``corrections.table``); then the record is saved with the
person and the reason in its change history, the correction logged with its reason in full, and the timeline told.
Nothing is deleted by a correction."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Model

from accounts.models import User
from cases.identity_screen import screened
from cases.models.timeline import Stage, Verb
from cases.services.common import check_within_a_lifetime, record_event, require_in_scope
from corrections.details import Detail, Kind, Proposal
from corrections.journey import Followed, save_corrected
from corrections.models import REASON_FIELD, REASON_MAX_LENGTH, Correction
from corrections.table import CORRECTABLE, IDENTITY, Correctable
from victims.identity import reader_name
from victims.models import Complainant, IdentityRead, IdentityReadReason

HISTORY_REASON_LENGTH = 100  # django-simple-history's column; the correction log keeps the reason in full
IDENTITY_HISTORY_REASON = "Correction of the complainant's details"


REASON_TOO_LONG = f"The reason must be {REASON_MAX_LENGTH:,} characters or fewer."


def _reason_errors(reason: str) -> dict[str, str]:
    if not reason.strip():
        return {REASON_FIELD: "Enter the reason for the correction."}
    if len(reason.strip()) > REASON_MAX_LENGTH:
        return {REASON_FIELD: REASON_TOO_LONG}
    return {}


def history_reason(reason: str) -> str:
    """The reason as the history row's 100 characters hold it; the change history shows it in full from the log."""
    text = f"Correction: {' '.join(reason.split())}"
    return text if len(text) <= HISTORY_REASON_LENGTH else f"{text[: HISTORY_REASON_LENGTH - 1]}…"


def _propose(spec: Correctable, record: Any, values: Mapping[str, Any], errors: dict[str, Any]) -> Proposal:
    """The record as the correction would leave it (unsaved), with each given value checked by its detail's rule;
    a value that is what is recorded already is no change."""
    details = {detail.name: detail for detail in spec.details_of(record)}
    for name in set(values) - set(details):
        errors[name] = f"The {spec.noun} has no detail “{name}” that can be corrected."
    before = {name: detail.current(record) for name, detail in details.items()}
    proposal = Proposal(record=record, before=before, after=dict(before), new={})
    for name, value in values.items():
        detail = details.get(name)
        if detail is None or detail.normal(value) == detail.normal(before[name]):
            continue
        try:
            detail.check_value(value)
        except ValidationError as refused:
            errors.update(refused.message_dict)
            continue
        proposal.changed.append(detail)
        proposal.new[name] = value
        proposal.after[name] = detail.normal(value)
        if detail.kind != Kind.OFFENCES:
            setattr(record, name, detail.recorded(value))
    return proposal


def _prepare(*, actor: User, kind: str, record: Any, values: Mapping[str, Any], reason: str) -> Proposal:
    spec = CORRECTABLE[kind]
    require_in_scope(actor, spec.case_of(record))
    spec.doers.require(actor.role)
    refusal = spec.refusal(record)
    if refusal:
        raise ValidationError(refusal)
    errors: dict[str, Any] = _reason_errors(reason)
    proposal = _propose(spec, record, values, errors)
    if errors:
        raise ValidationError(errors)
    if not proposal.changed:
        raise ValidationError("Nothing has changed: correct at least one detail, or go back.")
    spec.check(proposal)
    return proposal


def check_correction(*, actor: User, kind: str, record: Model, values: Mapping[str, Any], reason: str) -> Proposal:
    """What the correction would change, checked as ``correct`` checks it, for the page that asks the person to
    check it before it is saved. Nothing is written (the record is read afresh and left as it is)."""
    fresh = type(record)._default_manager.get(pk=record.pk)
    return _prepare(actor=actor, kind=kind, record=fresh, values=values, reason=reason)


def changed_rows(proposal: Proposal) -> list[tuple[str, str, str]]:
    """Each detail the correction changes: its label, the value as recorded, the value as corrected, in words."""
    return [
        (
            detail.label,
            detail.shown(proposal.before[detail.name], proposal.record),
            detail.shown(proposal.after[detail.name], proposal.record),
        )
        for detail in proposal.changed
    ]


def _latest_history_id(record: Model) -> int | None:
    return record.history.order_by("-history_id").values_list("history_id", flat=True).first()  # type: ignore[attr-defined]


@transaction.atomic
def correct(*, actor: User, kind: str, record: Model, values: Mapping[str, Any], reason: str) -> Correction:
    """Correct the given details of a record of the kind ``CORRECTABLE`` names, for the reason given."""
    spec = CORRECTABLE[kind]
    locked = type(record)._default_manager.select_for_update().get(pk=record.pk)
    described = spec.describe(locked)  # the record as it was recorded, before the correction
    proposal = _prepare(actor=actor, kind=kind, record=locked, values=values, reason=reason)
    case = spec.case_of(locked)
    reason = screened(case.pk, reason.strip())
    columns = [d.name for d in proposal.changed if d.kind != Kind.OFFENCES] + spec.derive(proposal)
    locked.validate_constraints()
    change_reason = history_reason(reason)
    # Only offences changed: the record is saved whole, so that its history has a row for the correction.
    save_corrected(locked, columns or None, actor=actor, change_reason=change_reason)
    for detail in proposal.changed:
        if detail.kind == Kind.OFFENCES:
            getattr(locked, detail.name).set(proposal.new[detail.name])
    labels = [detail.label for detail in proposal.changed]
    correction = Correction.objects.create(
        case=case,
        record=kind,
        record_id=locked.pk,
        record_label=described[:1].upper() + described[1:200],
        fields=labels,
        reason=reason,
        made_by=actor,
        history_model=type(locked)._meta.label_lower,
        history_id=_latest_history_id(locked),
    )
    spec.follow(proposal, Followed(actor=actor, change_reason=change_reason, correction=correction))
    record_event(
        actor=actor,
        case=case,
        suspect=spec.suspect_of(locked),
        verb=Verb.CORRECTED,
        stage=spec.stage,
        payload={"record": correction.record_label, "fields": labels, "reason": reason},
    )
    return correction


def _identity_errors(values: Mapping[str, Any]) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    details = {detail.name: detail for detail in IDENTITY.details}
    for name, value in values.items():
        detail: Detail | None = details.get(name)
        if detail is None:
            errors[name] = f"A complainant has no detail “{name}” that can be corrected."
            continue
        try:
            detail.check_value(value)
            if name == "date_of_birth":
                check_within_a_lifetime("date_of_birth", value, label="The date of birth")
            if name == "email":
                validate_email(value)
        except ValidationError as refused:
            errors[name] = refused.message_dict[name] if hasattr(refused, "error_dict") else refused.messages
    return errors


def check_identity_correction(
    *, actor: User, complainant: Complainant, values: Mapping[str, Any], reason: str
) -> dict[str, Any]:
    """The details a correction of the complainant's identity would replace (those given; details left empty stay
    as they are), checked as when first recorded. Nothing is read or written."""
    require_in_scope(actor, complainant.case)
    IDENTITY.doers.require(actor.role)
    given = {name: value for name, value in values.items() if value not in (None, "")}
    errors: dict[str, Any] = _reason_errors(reason) | _identity_errors(given)
    if errors:
        raise ValidationError(errors)
    if not given:
        raise ValidationError("Enter the details to correct: details left empty stay as they are.")
    return given


def identity_rows(given: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """Each detail to be replaced, and what replaces it; what is recorded is not shown (that would be a read)."""
    return [
        (detail.label, "Not shown", detail.shown(given[detail.name], None))
        for detail in IDENTITY.details
        if detail.name in given
    ]


@transaction.atomic
def correct_identity(
    *, actor: User, complainant: Complainant, values: Mapping[str, Any], reason: str, via: str
) -> Correction:
    """Replace the given details of a complainant's identity; details left empty stay as they are (so the page
    never reads the identity to show it). The access log records who corrected which complainant and why; the
    change history records that the details changed, for the reason logged, never what they were or are."""
    given = check_identity_correction(actor=actor, complainant=complainant, values=values, reason=reason)
    case = complainant.case
    locked = Complainant.objects.select_for_update().select_related("case").get(pk=complainant.pk)
    reason = screened(case.pk, reason.strip())  # the identity as it was
    for name, value in given.items():
        setattr(locked, name, value.isoformat() if name == "date_of_birth" else value.strip())
    save_corrected(locked, list(given), actor=actor, change_reason=IDENTITY_HISTORY_REASON)
    reason = screened(case.pk, reason)  # and as it now is
    logged = IdentityRead.objects.create(
        complainant=locked,
        case_id=case.pk,
        case_urn=case.urn,
        complainant_label=locked.label,
        reader=actor,
        reader_name=reader_name(actor),
        reason=IdentityReadReason.CORRECTION,
        note=reason,
        via=via,
    )
    labels = [detail.label for detail in IDENTITY.details if detail.name in given]
    correction = Correction.objects.create(
        case=case,
        record="complainant",
        record_id=locked.pk,
        record_label=f"{locked.label}'s details",
        fields=labels,
        reason=reason,
        made_by=actor,
        history_model=Complainant._meta.label_lower,
        history_id=_latest_history_id(locked),
        identity_read=logged,
    )
    record_event(
        actor=actor,
        case=case,
        verb=Verb.CORRECTED,
        stage=Stage.VICTIM,
        payload={"record": correction.record_label, "fields": labels, "reason": reason},
    )
    return correction
