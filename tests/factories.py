"""Factories for the records tests need; organisations come from the data migration."""

from datetime import date, timedelta
from functools import cache

import factory
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts.models import CpsArea, PoliceForce, User
from accounts.roles import CPS_ROLES, POLICE_ROLES, Role
from actionplans.services import PlannedAction
from cases.models import Case, ChargingDecision, Offence, Referral, Suspect
from cases.services.court import record_sending
from cases.services.precharge import record_charging_decision, refer_for_charging_decision, request_early_advice
from scorecards import journey_facts

PASSWORD = "a-long-test-password-42"


@cache
def _hashed(password: str | None) -> str:
    """A password hashed as the service hashes it (Argon2, about a tenth of a second each time), once for the whole
    suite: every user the factories make with it shares the hash."""
    return make_password(password)


def force(name: str) -> PoliceForce:
    return PoliceForce.objects.get(name=name)


def area(name: str) -> CpsArea:
    return CpsArea.objects.get(name=name)


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.gov.uk")
    role = Role.INVESTIGATOR
    password = factory.django.Password(PASSWORD, transform=_hashed)


def make_user(role: Role, *, police_force: str = "", cps_area: str = "", **kwargs: object) -> User:
    """A user of ``role`` in the named organisation (police roles need a force, CPS roles an Area)."""
    if role in POLICE_ROLES:
        kwargs["police_force"] = force(police_force or "West Yorkshire Police")
    elif role in CPS_ROLES or cps_area:
        kwargs["cps_area"] = area(cps_area or "Yorkshire and Humberside")
    return UserFactory.create(role=role, **kwargs)


_serial = iter(range(1, 10_000_000))


def make_case(
    *,
    police_force: str = "West Yorkshire Police",
    cps_area: str = "",
    reported_on: date = date(2024, 5, 1),
    **kwargs: object,
) -> Case:
    """A case in the named force, allocated to the named Area (by default the first Area that serves the force)."""
    the_force = force(police_force)
    the_area = area(cps_area) if cps_area else the_force.cps_areas.filter(is_cps_direct=False).order_by("name")[0]
    case = Case.objects.create(
        urn=f"{the_force.code}AB{next(_serial):05d}24",
        police_force=the_force,
        cps_area=the_area,
        reported_on=reported_on,
        **kwargs,
    )
    suspect_with_facts(case=case, label="Suspect 1")
    return case


def suspect_with_facts(**fields: object) -> Suspect:
    """A suspect written straight to the table, and the case's journey facts kept as a service's timeline event keeps
    them (scorecards.journey_facts), so the measures count them."""
    suspect = Suspect.objects.create(**fields)
    journey_facts.refresh([suspect.case_id])
    return suspect


def referred_suspect(case: Case, *, officer: User, received_on: date, early_advice: bool = False) -> Suspect:
    """The case's first suspect, referred to the CPS (for a charging decision, or for early advice)."""
    suspect = Suspect.objects.get(case=case, label="Suspect 1")
    if early_advice:
        request_early_advice(actor=officer, suspect=suspect, requested_on=received_on, questions="Lines of enquiry?")
    else:
        refer_for_charging_decision(actor=officer, suspect=suspect, received_on=received_on)
    suspect.refresh_from_db()
    return suspect


def planned_actions(count: int, *, due_on: date) -> list[PlannedAction]:
    return [
        PlannedAction(
            request=f"Obtain item {n}",
            line_of_enquiry="Corroboration of the account",
            proportionality="Directly relevant to consent",
            due_on=due_on,
        )
        for n in range(1, count + 1)
    ]


def sent_to_crown_court(*, officer: User, prosecutor: User) -> Suspect:
    """A suspect of a new case, reported 300 days ago, charged 150 days ago and sent to the Crown Court 140."""
    today = timezone.localdate()
    case = make_case(officer_in_charge=officer, reported_on=today - timedelta(days=300))
    suspect = referred_suspect(case, officer=officer, received_on=today - timedelta(days=200))
    full_code_decision(
        prosecutor=prosecutor,
        referral=suspect.referrals.get(),
        outcome="charge",
        decided_on=today - timedelta(days=150),
    )
    record_sending(actor=prosecutor, suspect=suspect, sent_on=today - timedelta(days=140), remanded_in_custody=False)
    return suspect


def full_code_decision(*, prosecutor: User, referral: Referral, outcome: str, decided_on: date) -> ChargingDecision:
    """A Full Code Test decision with every reason the service requires; a charge is for rape."""
    return record_charging_decision(
        actor=prosecutor,
        referral=referral,
        test="full_code",
        outcome=outcome,
        decided_on=decided_on,
        bad_character="not_applicable",
        bad_character_rationale="None known",
        suspect_conduct="Denies; messages after the evening",
        evidential_reasons="Assessed",
        public_interest_reasons="Serious offence",
        charged_offences=Offence.objects.filter(code="rape") if outcome == "charge" else [],
    )
