"""Managing the people who use the service, as an administrator does it from the administration pages: adding a
person, changing their role and organisation, disabling and enabling them, and resetting a lost second factor. Each
change is kept in the person's history (accounts.history) with who made it and why.

Which role needs which organisation is the User model's constraint (``user_organisation_matches_role``): it is
checked here before saving, and a breach is reported in words for the role asked for. Complainants' and ISVAs'
accounts are not managed here: victim liaison officers invite them to the own view. Nor are superusers': they are
the service's operators, not its administrators' to disable or change. Only administrators make these changes
(accounts.roles.ADMINISTRATORS), whichever page, API or command asks."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from accounts import api_tokens
from accounts.history import record
from accounts.models import CpsArea, PoliceForce, RassoUnit, User
from accounts.roles import ADMINISTRATORS, CPS_ROLES, OWN_VIEW_ROLES, POLICE_ROLES, STAFF_ROLES, Role
from accounts.second_factor import reset_second_factor as remove_second_factor

# What each kind of role needs, said when the model's constraint refuses a role and organisation together.
NEEDS_A_FORCE = "A police role needs a police force, and no CPS Area"
NEEDS_AN_AREA = "A CPS role needs a CPS Area, and no police force"
NATIONAL_OR_AREA = "An analyst or auditor works for a CPS Area or nationally: choose no police force"
NATIONAL = "An administrator is national: choose no police force, CPS Area or RASSO unit"


@dataclass(frozen=True)
class Organisation:
    """Where a person works: a police force, or a CPS Area and perhaps its RASSO unit, or neither (national)."""

    police_force: PoliceForce | None = None
    cps_area: CpsArea | None = None
    rasso_unit: RassoUnit | None = None


def _check(person: User) -> None:
    """The person's role, organisation and address as the model allows them; ValidationError by field otherwise."""
    if person.role not in STAFF_ROLES:
        raise ValidationError({"role": "Select a role of the police, the CPS or the service"})
    try:
        person.validate_constraints()
    except ValidationError as error:
        raise ValidationError({"__all__": _organisation_problem(person.role)}) from error
    unit = person.rasso_unit
    if unit is not None and (person.role not in CPS_ROLES or unit.cps_area_id != person.cps_area_id):
        raise ValidationError({"rasso_unit": "Select a RASSO unit of the person's CPS Area, or none"})
    if User.objects.filter(email__iexact=person.email).exclude(pk=person.pk).exists():
        raise ValidationError({"email": "Someone already uses this email address: enter another"})


def _organisation_problem(role: str) -> str:
    if role in POLICE_ROLES:
        return NEEDS_A_FORCE
    if role in CPS_ROLES:
        return NEEDS_AN_AREA
    if role == Role.ADMINISTRATOR:
        return NATIONAL
    return NATIONAL_OR_AREA


def _place(person: User, role: str, organisation: Organisation) -> None:
    person.role = role
    person.police_force = organisation.police_force
    person.cps_area = organisation.cps_area
    person.rasso_unit = organisation.rasso_unit


@transaction.atomic
def add_person(
    *, by: User, first_name: str, last_name: str, email: str, role: str, organisation: Organisation
) -> User:
    """A new person with no password yet (they set one from their invitation). Their e-mail address is their
    username. ValidationError when the role, organisation or address cannot be."""
    ADMINISTRATORS.require(by.role)
    email = email.strip()
    person = User(username=email.lower(), first_name=first_name.strip(), last_name=last_name.strip(), email=email)
    _place(person, role, organisation)
    _check(person)
    person.set_unusable_password()
    record(person, by=by, change="Added")
    person.save()
    return person


@transaction.atomic
def change_role(person: User, *, by: User, role: str, organisation: Organisation, reason: str) -> User:
    """A new role or organisation for a person. An administrator's own role, or the last active administrator's,
    stays: someone must be left to administer the service."""
    person = _locked(person, by=by)
    if person.role == Role.ADMINISTRATOR and role != Role.ADMINISTRATOR:
        if person.pk == by.pk:
            raise ValidationError({"role": "You cannot change your own role: ask another administrator"})
        _keep_an_administrator(person)
    _place(person, role, organisation)
    _check(person)
    record(person, by=by, change="Role or organisation changed", reason=reason)
    person.save()
    return person


@transaction.atomic
def disable(person: User, *, by: User, reason: str) -> User:
    """The person can no longer sign in by password, single sign-on or API token: their sessions end (the accounts
    receiver does that on save) and their API tokens are revoked, so enabling them again revives none."""
    person = _locked(person, by=by)
    if person.pk == by.pk:
        raise ValidationError("You cannot disable yourself: ask another administrator")
    if person.role == Role.ADMINISTRATOR:
        _keep_an_administrator(person)
    person.is_active = False
    record(person, by=by, change="Disabled", reason=reason)
    person.save()
    api_tokens.revoke_all(person)
    return person


@transaction.atomic
def enable(person: User, *, by: User, reason: str) -> User:
    person = _locked(person, by=by)
    person.is_active = True
    record(person, by=by, change="Enabled", reason=reason)
    person.save()
    return person


@transaction.atomic
def reset_second_factor(person: User, *, by: User, reason: str) -> User:
    """A lost phone: the person's authenticator app and recovery codes go and their sessions end, so their next
    sign-in sets up a new app. API tokens are a system's, not the person's second factor: they stay."""
    person = _locked(person, by=by)
    remove_second_factor(person)
    record(person, by=by, change="Second factor reset", reason=reason)
    person.save()
    return person


@transaction.atomic
def note_invitation(person: User, *, by: User) -> None:
    """Keep in the person's history that an invitation was sent to them."""
    person = _locked(person, by=by)
    record(person, by=by, change="Invitation sent")
    person.save()


def _locked(person: User, *, by: User) -> User:
    """The person's row, locked for the change, once ``by`` is known to be an administrator and the person one they
    manage. Every active administrator's row is locked with it (in one order, so two changes cannot deadlock): two
    administrators disabling each other at once then take turns, and the second sees the first's change."""
    ADMINISTRATORS.require(by.role)
    _check_manageable(person)
    wanted = Q(pk=person.pk) | Q(role=Role.ADMINISTRATOR, is_active=True)
    rows = User.objects.select_for_update().filter(wanted).order_by("pk")
    locked = next((row for row in rows if row.pk == person.pk), None)
    if locked is None:
        raise User.DoesNotExist
    _check_manageable(locked)
    return locked


def _check_manageable(person: User) -> None:
    if person.role in OWN_VIEW_ROLES:
        raise ValidationError("Complainants' and ISVAs' accounts are managed from their invitations")
    if person.is_superuser:
        raise ValidationError("Superusers' accounts are not managed from the administration pages")


def _keep_an_administrator(person: User) -> None:
    """Refuse to take away the last active administrator (the rows were locked by ``_locked``)."""
    others = User.objects.filter(role=Role.ADMINISTRATOR, is_active=True).exclude(pk=person.pk)
    if not others.exists():
        raise ValidationError("This is the last active administrator: add or enable another administrator first")
