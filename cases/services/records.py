"""Opening a case and adding its suspects."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import CpsArea, PoliceForce, User
from accounts.roles import POLICE_ROLES, Doers
from cases.limits import FLAGS_NOT_IN_USE, OFFENCES_NOT_IN_USE, check_in_use
from cases.models import Case, CaseFlag, Offence, Suspect
from cases.models.timeline import Stage, Verb
from cases.services.common import check_date, check_within_a_lifetime, record_event, require_in_scope

SUSPECT_ADDERS = Doers(POLICE_ROLES, "add a suspect")
CASE_OPENERS = Doers(POLICE_ROLES, "open a case")


def _check_urn(urn: str, police_force: PoliceForce) -> None:
    try:
        Case._meta.get_field("urn").run_validators(urn)
    except ValidationError as invalid:
        raise ValidationError({"urn": invalid.messages}) from invalid
    if not urn.startswith(police_force.code):
        raise ValidationError({"urn": f"A {police_force.name} URN starts with its force code, {police_force.code}."})
    if Case.objects.filter(urn=urn).exists():
        raise ValidationError({"urn": "A case with this URN already exists."})


@transaction.atomic
def open_case(
    *,
    actor: User,
    urn: str,
    police_force: PoliceForce,
    cps_area: CpsArea,
    reported_on: date,
    offence_date_from: date | None = None,
    offence_date_to: date | None = None,
    offences: Iterable[Offence] = (),
    flags: Iterable[CaseFlag] = (),
    officer_in_charge: User | None = None,
) -> Case:
    CASE_OPENERS.require(actor.role)
    if actor.police_force_id != police_force.pk:
        raise PermissionDenied("Only an officer of the force can open its case.")
    urn = urn.strip().upper()
    _check_urn(urn, police_force)
    if cps_area.is_cps_direct:
        raise ValidationError({"cps_area": "Select a CPS Area: CPS Direct gives charging advice but holds no cases."})
    if not cps_area.forces.filter(pk=police_force.pk).exists():
        raise ValidationError({"cps_area": f"CPS {cps_area.name} does not serve {police_force.name}."})
    check_within_a_lifetime("reported_on", reported_on, label="The date reported")
    if offence_date_from is not None:
        check_within_a_lifetime("offence_date_from", offence_date_from, label="The date of the offence")
        if offence_date_from > reported_on:
            raise ValidationError({"offence_date_from": "The offence must be on or before the day it was reported."})
    if offence_date_to is not None:
        if offence_date_from is None:
            raise ValidationError({"offence_date_from": "Enter the first date of the range."})
        check_date("offence_date_to", offence_date_to, not_before=offence_date_from, before_what="the first date")
    offences = list(offences)
    if not offences:
        raise ValidationError({"offences": "Select at least one offence."})
    flags = list(flags)
    today = timezone.localdate()
    check_in_use("offences", offences, on=today, message=OFFENCES_NOT_IN_USE)
    check_in_use("flags", flags, on=today, message=FLAGS_NOT_IN_USE)
    case = Case.objects.create(
        urn=urn,
        police_force=police_force,
        cps_area=cps_area,
        rasso_unit=cps_area.rasso_units.first(),
        reported_on=reported_on,
        offence_date_from=offence_date_from,
        offence_date_to=offence_date_to,
        officer_in_charge=officer_in_charge or actor,
    )
    case.offences.set(offences)
    case.flags.set(flags)
    record_event(actor=actor, case=case, verb=Verb.CASE_OPENED, stage=Stage.CASE, payload={"urn": urn})
    return case


@transaction.atomic
def add_suspect(
    *, actor: User, case: Case, name: str = "", in_custody: bool = False, **characteristics: str
) -> Suspect:
    require_in_scope(actor, case)
    SUSPECT_ADDERS.require(actor.role)
    number = Suspect.objects.select_for_update().filter(case=case).count() + 1
    suspect = Suspect(
        case=case, label=f"Suspect {number}", name=name.strip(), in_custody=in_custody, **characteristics
    )
    suspect.full_clean()
    suspect.save()
    record_event(
        actor=actor,
        suspect=suspect,
        verb=Verb.SUSPECT_ADDED,
        stage=Stage.CASE,
        payload={"suspect": suspect.label},
    )
    return suspect
