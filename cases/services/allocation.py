"""Who a case is with: a RASSO unit head allocates a case, or one suspect's referral, to a prosecutor of the case's
CPS Area, and a police supervisor puts an officer of the case's force in charge of it. Each change is kept in the
case's history with its reason (the change reason of the history row) and on its timeline, and tells the person who
takes the work and the one who gives it up (``NoticeKind.ALLOCATION``), naming the case by its URN only.

Unit heads take casework steps as prosecutors do (``cases.transitions.CPS``), so a case may be allocated to one."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model, QuerySet

from accounts.models import User
from accounts.roles import POLICE_ROLES, UNIT_HEADS, Doers, Role
from cases.limits import check_lengths
from cases.models import Case, Referral
from cases.models.timeline import Stage, Verb
from cases.services.common import record_event, require_in_scope, require_text
from cases.transitions import CPS, ReferralKind
from reminders.models import NoticeKind
from reminders.services import Notice, notify

ALLOCATORS = Doers(UNIT_HEADS, "allocate cases or referrals")
OFFICER_CHANGERS = Doers(frozenset({Role.POLICE_SUPERVISOR}), "change the officer in charge")

# The reason is kept whole in the change history, whose rows hold 100 characters of it (django-simple-history).
REASON_MAX_LENGTH = 100
NOT_A_PROSECUTOR_OF_THE_AREA = "Select a prosecutor of the case's CPS Area."
NOT_AN_OFFICER_OF_THE_FORCE = "Select an officer of the case's police force."
CASE_ALREADY_ALLOCATED = "The case is already allocated to this prosecutor: select another prosecutor."
REFERRAL_ALREADY_ALLOCATED = "The referral is already with this prosecutor: select another prosecutor."
ALREADY_IN_CHARGE = "This officer is already in charge of the case: select another officer."


def prosecutors_for(case: Case) -> QuerySet[User]:
    """Who a case of this Area (or one of its referrals) may be allocated to: the Area's active prosecutors and unit
    heads."""
    return User.objects.filter(is_active=True, role__in=CPS, cps_area_id=case.cps_area_id).order_by(
        "last_name", "first_name", "pk"
    )


def officers_for(case: Case) -> QuerySet[User]:
    """Who may be put in charge of a case of this force: its active investigators and supervisors."""
    return User.objects.filter(is_active=True, role__in=POLICE_ROLES, police_force_id=case.police_force_id).order_by(
        "last_name", "first_name", "pk"
    )


def _check_reason(reason: str) -> str:
    require_text(reason=reason)
    reason = reason.strip()
    check_lengths(limit=REASON_MAX_LENGTH, reason=reason)
    return reason


def _save_with_reason(record: Model, field: str, *, actor: User, reason: str) -> None:
    """Save the one field, with the person and the reason the case's change history shows."""
    record._history_user = actor  # type: ignore[attr-defined]
    record._change_reason = reason  # type: ignore[attr-defined]
    record.save(update_fields=[field])


def _tell(case: Case, *, actor: User, told: Iterable[tuple[User | None, str]]) -> None:
    """Tell each person their message about the case, except the person who made the change."""
    notify(
        Notice(person, case.pk, message, NoticeKind.ALLOCATION)
        for person, message in told
        if person is not None and person.pk != actor.pk
    )


def _require_unit_head_of(actor: User, case: Case) -> None:
    require_in_scope(actor, case)
    ALLOCATORS.require(actor.role)
    if actor.cps_area_id != case.cps_area_id:
        raise PermissionDenied("Only a unit head of the case's CPS Area can allocate its work.")


def _require_prosecutor_of(case: Case, prosecutor: User) -> None:
    if not prosecutors_for(case).filter(pk=prosecutor.pk).exists():
        raise ValidationError({"prosecutor": NOT_A_PROSECUTOR_OF_THE_AREA})


def _give_case(
    *, actor: User, case: Case, field: str, to: User, reason: str, refused: tuple[str, str], verb: Verb, changed: str
) -> tuple[Case, User | None]:
    """Put ``to`` in the case's ``field`` (locked), refusing the person who already holds it (``refused``: the input
    named and the message), and record it on the timeline with the reason and whether someone held it before
    (``changed`` names that fact)."""
    locked = Case.objects.select_for_update(of=("self",)).select_related(field).get(pk=case.pk)
    previous = getattr(locked, field)
    if previous is not None and previous.pk == to.pk:
        named, message = refused
        raise ValidationError({named: message})
    setattr(locked, field, to)
    _save_with_reason(locked, field, actor=actor, reason=reason)
    record_event(
        actor=actor,
        case=locked,
        verb=verb,
        stage=Stage.CASE,
        payload={"reason": reason, changed: previous is not None},
    )
    return locked, previous


@transaction.atomic
def allocate_case(*, actor: User, case: Case, prosecutor: User, reason: str) -> Case:
    """Allocate the case to a prosecutor of its Area, or reallocate it from the one who has it."""
    _require_unit_head_of(actor, case)
    _require_prosecutor_of(case, prosecutor)
    reason = _check_reason(reason)
    locked, previous = _give_case(
        actor=actor,
        case=case,
        field="allocated_prosecutor",
        to=prosecutor,
        reason=reason,
        refused=("prosecutor", CASE_ALREADY_ALLOCATED),
        verb=Verb.CASE_ALLOCATED,
        changed="reallocated",
    )
    _tell(
        locked,
        actor=actor,
        told=[
            (prosecutor, f"Case {locked.urn} has been allocated to you."),
            (previous, f"Case {locked.urn} has been reallocated to another prosecutor."),
        ],
    )
    return locked


@transaction.atomic
def allocate_referral(*, actor: User, referral: Referral, prosecutor: User, reason: str) -> Referral:
    """Give one suspect's open referral to a prosecutor of the Area other than the case's (given back to the case's
    prosecutor, the referral follows the case again)."""
    case = referral.suspect.case
    _require_unit_head_of(actor, case)
    _require_prosecutor_of(case, prosecutor)
    reason = _check_reason(reason)
    case = Case.objects.select_for_update(of=("self",)).select_related("allocated_prosecutor").get(pk=case.pk)
    locked = (
        Referral.objects.select_for_update(of=("self",)).select_related("allocated_prosecutor").get(pk=referral.pk)
    )
    if locked.closed_on is not None:
        raise ValidationError(
            f"This referral was closed on {locked.closed_on:%-d %B %Y}: only an open referral can be allocated."
        )
    current = locked.allocated_prosecutor or case.allocated_prosecutor
    if current is not None and current.pk == prosecutor.pk:
        raise ValidationError({"prosecutor": REFERRAL_ALREADY_ALLOCATED})
    locked.allocated_prosecutor = None if case.allocated_prosecutor_id == prosecutor.pk else prosecutor
    _save_with_reason(locked, "allocated_prosecutor", actor=actor, reason=reason)
    label, kind = referral.suspect.label, ReferralKind(locked.kind)
    record_event(
        actor=actor,
        suspect=referral.suspect,
        verb=Verb.REFERRAL_ALLOCATED,
        stage=Stage.EARLY_ADVICE if kind == ReferralKind.EARLY_ADVICE else Stage.CHARGING,
        payload={"suspect": label, "referral_kind": kind, "reason": reason, "reallocated": current is not None},
    )
    what = f"The {kind.label.lower()} referral for {label} on case {case.urn}"
    _tell(
        case,
        actor=actor,
        told=[
            (prosecutor, f"{what} has been allocated to you."),
            (current, f"{what} has been reallocated to another prosecutor."),
        ],
    )
    return locked


@transaction.atomic
def change_officer_in_charge(*, actor: User, case: Case, officer: User, reason: str) -> Case:
    """Put an officer of the case's force in charge of it."""
    require_in_scope(actor, case)
    OFFICER_CHANGERS.require(actor.role)
    if actor.police_force_id != case.police_force_id:
        raise PermissionDenied("Only a supervisor of the case's police force can change its officer in charge.")
    if not officers_for(case).filter(pk=officer.pk).exists():
        raise ValidationError({"officer": NOT_AN_OFFICER_OF_THE_FORCE})
    reason = _check_reason(reason)
    locked, previous = _give_case(
        actor=actor,
        case=case,
        field="officer_in_charge",
        to=officer,
        reason=reason,
        refused=("officer", ALREADY_IN_CHARGE),
        verb=Verb.OFFICER_IN_CHARGE_CHANGED,
        changed="changed",
    )
    _tell(
        locked,
        actor=actor,
        told=[
            (officer, f"You are now the officer in charge of case {locked.urn}."),
            (previous, f"Case {locked.urn} has a new officer in charge."),
        ],
    )
    return locked
