"""Complainants' identity: recorded encrypted, and read only here, each read written to the access log with its
reason. Nothing else in the service decrypts it for a person."""

from __future__ import annotations

import string
from collections.abc import Collection, Iterable
from dataclasses import asdict, dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from accounts.roles import CPS_CASEWORK_ROLES, POLICE_ROLES, Doers
from cases.identity_screen import Identity as ScreenedIdentity
from cases.identity_screen import identity_source
from cases.models import Case
from cases.models.timeline import Stage, Verb
from cases.services.common import check_within_a_lifetime, record_event, require_in_scope
from victims.models import IDENTITY_FIELDS, Complainant, IdentityRead, IdentityReadReason

CASEWORKERS = Doers(POLICE_ROLES | CPS_CASEWORK_ROLES, "record or read a complainant's details")


@dataclass(frozen=True)
class Identity:
    name: str
    date_of_birth: str
    address: str
    phone: str
    email: str


def require_caseworker(actor: User, case: Case) -> None:
    require_in_scope(actor, case)
    CASEWORKERS.require(actor.role)


def next_label(case: Case) -> str:
    """Complainant A, B, … Z, then AA, AB, …: never reused within the case."""
    count = Complainant.objects.filter(case=case).count()
    letters = string.ascii_uppercase
    label = letters[count % 26]
    if count >= len(letters):
        label = letters[count // 26 - 1] + label
    return f"Complainant {label}"


@transaction.atomic
def add_complainant(
    *,
    actor: User,
    case: Case,
    name: str = "",
    date_of_birth: date | None = None,
    address: str = "",
    phone: str = "",
    email: str = "",
    enhanced_rights: bool = True,
    vulnerable: bool = False,
    intimidated: bool = True,
    **characteristics: str,
) -> Complainant:
    require_caseworker(actor, case)
    if date_of_birth is not None:
        # A complainant can be a child, so there is no youngest.
        check_within_a_lifetime("date_of_birth", date_of_birth, label="The date of birth")
    locked = Case.objects.select_for_update().get(pk=case.pk)
    complainant = Complainant(
        case=locked,
        label=next_label(locked),
        name=name.strip() or None,
        date_of_birth=date_of_birth.isoformat() if date_of_birth else None,
        address=address.strip() or None,
        phone=phone.strip() or None,
        email=email.strip() or None,
        enhanced_rights=enhanced_rights,
        vulnerable=vulnerable,
        intimidated=intimidated,
        **characteristics,
    )
    complainant.full_clean(exclude=["case"])
    complainant.save()
    record_event(
        actor=actor,
        case=case,
        verb=Verb.COMPLAINANT_ADDED,
        stage=Stage.VICTIM,
        payload={"complainant": complainant.label},
    )
    return complainant


@transaction.atomic
def reader_name(actor: User) -> str:
    """The reader as the access log names them: name, role and organisation, kept though the account may change."""
    return f"{actor.get_full_name() or actor.username} ({actor.get_role_display()}, {actor.organisation_name})"


def read_identity(*, actor: User, complainant: Complainant, reason: str, via: str) -> Identity:
    """The complainant's identity for a caseworker who gives a reason; the read is logged before it is returned."""
    require_caseworker(actor, complainant.case)
    if reason not in IdentityReadReason.values:
        raise ValidationError({"reason": "Select why you need to see the details"})
    IdentityRead.objects.create(
        complainant=complainant,
        case_id=complainant.case_id,
        case_urn=complainant.case.urn,
        complainant_label=complainant.label,
        reader=actor,
        reader_name=reader_name(actor),
        reason=reason,
        via=via,
    )
    return _identity(complainant)


def read_to_send_message(*, complainant: Complainant, on_behalf_of: User) -> Identity:
    """The complainant's identity for the service itself, to address a message a caseworker asked it to send (the
    own view's invitation and its news; victims.own_view_outbox), logged before it is returned: the reader is that
    caseworker, named as the service acting for them, so the auditor sees every address read and on whose word. No
    scope check: the caseworker may have moved on since, and the message is still theirs."""
    IdentityRead.objects.create(
        complainant=complainant,
        case_id=complainant.case_id,
        case_urn=complainant.case.urn,
        complainant_label=complainant.label,
        reader=on_behalf_of,
        reader_name=f"The service, sending a message for {reader_name(on_behalf_of)}"[:300],
        reason=IdentityReadReason.CONTACT,
        via="message",
    )
    return _identity(complainant)


def _identity(complainant: Complainant) -> Identity:
    return Identity(**{field: getattr(complainant, field) or "" for field in IDENTITY_FIELDS})


@identity_source
def complainants(case_ids: Collection[int]) -> Iterable[tuple[int, ScreenedIdentity]]:
    """Complainants' identities for the identity screen: decrypted only to be removed from free text, never shown,
    so not a read for the access log."""
    for complainant in Complainant.objects.filter(case_id__in=case_ids).only("case_id", "label", *IDENTITY_FIELDS):
        yield complainant.case_id, ScreenedIdentity(label=complainant.label, **asdict(_identity(complainant)))
