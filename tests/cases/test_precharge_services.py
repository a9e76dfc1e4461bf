"""The pre-charge journey through its services: rules, field errors, refused moves and the timeline."""

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import CpsArea, PoliceForce, User
from accounts.roles import Role
from cases.models import Case, ChargingDecision, Offence, Referral, Suspect
from cases.models.precharge import THRESHOLD_CONDITIONS, DecisionOutcome, DecisionTest, ReferralKind
from cases.services.precharge import (
    give_early_advice,
    prfi_referral,
    record_charging_decision,
    record_police_nfa,
    refer_for_charging_decision,
    reopen_referral,
    request_early_advice,
    triage_referral,
)
from cases.services.records import add_suspect, open_case
from cases.transitions import RoleNotAllowed, SuspectStatus, TransitionNotAllowed

pytestmark = pytest.mark.django_db


def _reported() -> date:
    return timezone.localdate() - timedelta(days=200)


WEST_YORKSHIRE = "West Yorkshire Police"


def _open(officer: User, **overrides: object) -> Case:
    arguments: dict[str, object] = {
        "actor": officer,
        "urn": "13AB1234524",
        "police_force": PoliceForce.objects.get(name=WEST_YORKSHIRE),
        "cps_area": CpsArea.objects.get(name="Yorkshire and Humberside"),
        "reported_on": _reported(),
        "offences": [Offence.objects.get(code="rape")],
    }
    arguments.update(overrides)
    return open_case(**arguments)  # type: ignore[arg-type]


@pytest.fixture
def suspect(officer: User) -> Suspect:
    return add_suspect(actor=officer, case=_open(officer), name="Named Suspect", in_custody=False)


def _full_code_charge(prosecutor: User, referral: Referral, **overrides: object) -> ChargingDecision:
    arguments: dict[str, object] = {
        "actor": prosecutor,
        "referral": referral,
        "test": DecisionTest.FULL_CODE,
        "outcome": DecisionOutcome.CHARGE,
        "decided_on": referral.received_on + timedelta(days=20),
        "evidential_reasons": "Consistent first account; forensic evidence.",
        "public_interest_reasons": "Serious offence; prosecution required.",
        "bad_character": "requested",
        "bad_character_rationale": "Previous complaint by another woman; requested from police.",
        "suspect_conduct": "Targeted the complainant; messages before and after.",
        "charged_offences": [Offence.objects.get(code="rape")],
    }
    arguments.update(overrides)
    return record_charging_decision(**arguments)  # type: ignore[arg-type]


def test_journey_early_advice_then_full_code_charge(officer: User, prosecutor: User, suspect: Suspect) -> None:
    requested = _reported() + timedelta(days=10)
    advice = request_early_advice(actor=officer, suspect=suspect, requested_on=requested, questions="Lines?")
    assert advice.due_on == requested + timedelta(days=21)
    assert suspect.status == SuspectStatus.EARLY_ADVICE_REQUESTED
    give_early_advice(
        actor=prosecutor,
        referral=advice,
        answered_on=requested + timedelta(days=14),
        advice="Obtain phone download",
        reasonable_lines_of_enquiry="Phone; CCTV",
    )
    referral = refer_for_charging_decision(actor=officer, suspect=suspect, received_on=requested + timedelta(days=40))
    assert referral.due_on == referral.received_on + timedelta(days=28)
    triage_referral(actor=prosecutor, referral=referral, accepted=True, on=referral.received_on)
    decision = _full_code_charge(prosecutor, referral)
    suspect.refresh_from_db()
    assert suspect.status == SuspectStatus.CHARGED
    assert [o.code for o in decision.charged_offences.all()] == ["rape"]
    timeline = [(event.verb, event.summary) for event in suspect.case.timeline.order_by("id")]
    assert [verb for verb, _ in timeline] == [
        "case_opened",
        "suspect_added",
        "early_advice_requested",
        "early_advice_given",
        "referred_for_charging_decision",
        "file_triaged",
        "charging_decision_recorded",
    ]
    assert timeline[-1][1] == "Suspect 1: Charge (Full Code Test)"
    assert all("Named Suspect" not in summary for _, summary in timeline)


def test_a_refused_move_says_what_is_allowed_and_changes_nothing(
    officer: User, prosecutor: User, suspect: Suspect
) -> None:
    advice = request_early_advice(actor=officer, suspect=suspect, requested_on=_reported(), questions="Q")
    with pytest.raises(TransitionNotAllowed, match="From here you can: give early advice"):
        refer_for_charging_decision(actor=officer, suspect=suspect, received_on=_reported())
    with pytest.raises(RoleNotAllowed):
        give_early_advice(
            actor=officer, referral=advice, answered_on=_reported(), advice="A", reasonable_lines_of_enquiry=""
        )
    assert Referral.objects.filter(suspect=suspect).count() == 1
    suspect.refresh_from_db()
    assert suspect.status == SuspectStatus.EARLY_ADVICE_REQUESTED


def test_custody_referral_is_a_priority_due_the_same_day(officer: User) -> None:
    held = add_suspect(actor=officer, case=_open(officer), in_custody=True)
    arrested_at = timezone.now() - timedelta(hours=3)
    referral = refer_for_charging_decision(
        actor=officer, suspect=held, received_on=timezone.localdate(), arrested_at=arrested_at
    )
    assert referral.priority
    assert referral.due_on == timezone.localdate()


def test_prfi_then_reopen_is_a_new_referral_received_that_day(
    officer: User, prosecutor: User, suspect: Suspect
) -> None:
    advice = request_early_advice(actor=officer, suspect=suspect, requested_on=_reported(), questions="Q")
    prfi = prfi_referral(
        actor=prosecutor, referral=advice, prfi_on=_reported() + timedelta(days=30), reason="No reply"
    )
    suspect.refresh_from_db()
    assert suspect.status == SuspectStatus.PRFI
    reopened_on = _reported() + timedelta(days=45)
    again = reopen_referral(actor=officer, prfi=prfi, reopened_on=reopened_on)
    suspect.refresh_from_db()
    assert suspect.status == SuspectStatus.EARLY_ADVICE_REQUESTED
    assert (again.kind, again.received_on, again.due_on, again.questions) == (
        "early_advice",
        reopened_on,
        reopened_on + timedelta(days=21),
        "Q",
    )
    advice.refresh_from_db()
    assert advice.closed_on == _reported() + timedelta(days=30)
    prfi.refresh_from_db()
    assert (prfi.reopened_on, prfi.reopened_as) == (reopened_on, again)
    with pytest.raises(ValidationError, match="already been reopened"):
        reopen_referral(actor=officer, prfi=prfi, reopened_on=timezone.localdate())
    assert suspect.case.timeline.filter(verb="reopened_after_prfi").count() == 1


def test_rejected_file_goes_back_to_police_with_reasons(officer: User, prosecutor: User, suspect: Suspect) -> None:
    referral = refer_for_charging_decision(actor=officer, suspect=suspect, received_on=_reported())
    with pytest.raises(ValidationError) as no_reason:
        triage_referral(actor=prosecutor, referral=referral, accepted=False, on=_reported())
    assert "rejection_reasons" in no_reason.value.message_dict
    triage_referral(actor=prosecutor, referral=referral, accepted=False, rejection_reasons=["no_mg3"], on=_reported())
    suspect.refresh_from_db()
    assert suspect.status == SuspectStatus.WITH_POLICE
    assert any("no mg3" in event.summary for event in suspect.case.timeline.all())


def test_police_nfa(officer: User, suspect: Suspect) -> None:
    record_police_nfa(
        actor=officer,
        suspect=suspect,
        nfa_on=timezone.localdate(),
        outcome_code="16",
        reason="Complainant withdrew support",
    )
    suspect.refresh_from_db()
    assert suspect.status == SuspectStatus.POLICE_NFA


@pytest.mark.parametrize(
    ("urn", "field_error"),
    [
        ("13AB123452", "Enter a URN of 11 characters"),
        ("13ab12345-4", "Enter a URN of 11 characters"),
        ("14AB1234524", "starts with its force code, 13"),
    ],
)
def test_urn_is_validated(officer: User, urn: str, field_error: str) -> None:
    with pytest.raises(ValidationError) as refused:
        _open(officer, urn=urn)
    assert field_error in refused.value.message_dict["urn"][0]
    assert not Case.objects.exists()


def test_urn_is_unique(officer: User) -> None:
    _open(officer)
    with pytest.raises(ValidationError, match="already exists"):
        _open(officer)


def test_area_must_serve_the_force(officer: User) -> None:
    with pytest.raises(ValidationError) as refused:
        _open(officer, cps_area=CpsArea.objects.get(name="North East"))
    assert refused.value.message_dict["cps_area"] == ["CPS North East does not serve West Yorkshire Police."]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        (lambda: {"reported_on": timezone.localdate() + timedelta(days=1)}, "reported_on"),
        (lambda: {"offence_date_from": _reported() + timedelta(days=1)}, "offence_date_from"),
        (
            lambda: {
                "offence_date_from": _reported() - timedelta(days=5),
                "offence_date_to": _reported() - timedelta(days=9),
            },
            "offence_date_to",
        ),
        (lambda: {"offence_date_to": _reported()}, "offence_date_from"),
        (lambda: {"offences": []}, "offences"),
    ],
)
def test_case_dates_and_offences_are_checked(
    officer: User, overrides: Callable[[], dict[str, object]], field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        _open(officer, **overrides())
    assert field in refused.value.message_dict


def test_non_recent_case_takes_an_offence_date_range(officer: User) -> None:
    case = _open(officer, offence_date_from=date(1998, 1, 1), offence_date_to=date(1999, 12, 31))
    assert (case.offence_date_from, case.offence_date_to) == (date(1998, 1, 1), date(1999, 12, 31))


def test_only_the_forces_own_officers_open_its_cases(user_of: Callable[..., User]) -> None:
    with pytest.raises(PermissionDenied):
        _open(user_of(Role.INVESTIGATOR, police_force="Kent Police"))
    with pytest.raises(PermissionDenied):
        _open(user_of(Role.PROSECUTOR, cps_area="Yorkshire and Humberside"))


def test_actor_outside_the_case_scope_cannot_write(
    officer: User, suspect: Suspect, user_of: Callable[..., User]
) -> None:
    stranger = user_of(Role.INVESTIGATOR, police_force="Kent Police")
    with pytest.raises(PermissionDenied):
        request_early_advice(actor=stranger, suspect=suspect, requested_on=_reported(), questions="Q")


def _referred(officer: User, suspect: Suspect) -> Referral:
    return refer_for_charging_decision(actor=officer, suspect=suspect, received_on=_reported())


def test_threshold_test_needs_every_condition_and_sets_the_review_date(
    officer: User, prosecutor: User, suspect: Suspect
) -> None:
    referral = _referred(officer, suspect)
    some = {condition: True for condition in THRESHOLD_CONDITIONS[:4]}
    with pytest.raises(ValidationError) as refused:
        _full_code_charge(prosecutor, referral, test=DecisionTest.THRESHOLD, threshold_conditions=some)
    assert list(refused.value.message_dict) == ["threshold_public_interest"]
    every = {condition: True for condition in THRESHOLD_CONDITIONS}
    decision = _full_code_charge(prosecutor, referral, test=DecisionTest.THRESHOLD, threshold_conditions=every)
    assert decision.full_code_review_due_on == decision.decided_on + timedelta(days=28)


def test_threshold_test_is_only_for_a_charge(officer: User, prosecutor: User, suspect: Suspect) -> None:
    every = {condition: True for condition in THRESHOLD_CONDITIONS}
    with pytest.raises(ValidationError) as refused:
        _full_code_charge(
            prosecutor,
            _referred(officer, suspect),
            test=DecisionTest.THRESHOLD,
            outcome=DecisionOutcome.NFA_EVIDENTIAL,
            threshold_conditions=every,
        )
    assert "outcome" in refused.value.message_dict


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        (lambda: {"bad_character_rationale": "  "}, "bad_character_rationale"),
        (lambda: {"suspect_conduct": ""}, "suspect_conduct"),
        (lambda: {"evidential_reasons": ""}, "evidential_reasons"),
        (lambda: {"public_interest_reasons": ""}, "public_interest_reasons"),
        (lambda: {"charged_offences": []}, "charged_offences"),
        (lambda: {"bad_character": "unknown"}, "bad_character"),
        (lambda: {"decided_on": timezone.localdate() + timedelta(days=1)}, "decided_on"),
        (lambda: {"decided_on": _reported() - timedelta(days=1)}, "decided_on"),
    ],
)
def test_decision_requirements(
    officer: User, prosecutor: User, suspect: Suspect, overrides: Callable[[], dict[str, object]], field: str
) -> None:
    referral = _referred(officer, suspect)
    with pytest.raises(ValidationError) as refused:
        _full_code_charge(prosecutor, referral, **overrides())
    assert field in refused.value.message_dict
    assert not ChargingDecision.objects.exists()
    suspect.refresh_from_db()
    assert suspect.status == SuspectStatus.REFERRED


def test_evidential_nfa_needs_no_public_interest_reasons(officer: User, prosecutor: User, suspect: Suspect) -> None:
    decision = _full_code_charge(
        prosecutor,
        _referred(officer, suspect),
        outcome=DecisionOutcome.NFA_EVIDENTIAL,
        public_interest_reasons="",
        charged_offences=[],
    )
    assert decision.get_outcome_display() == "No further action – evidential"


def test_database_refuses_what_code_must_never_write(officer: User, prosecutor: User, suspect: Suspect) -> None:
    """Constraints hold the rules even if a future code path forgets them."""
    referral = _referred(officer, suspect)
    with transaction.atomic(), pytest.raises(IntegrityError):
        Referral.objects.create(
            suspect=suspect,
            kind=ReferralKind.EARLY_ADVICE,
            received_on=timezone.localdate(),
            due_on=timezone.localdate(),
            created_by=officer,
        )
    with transaction.atomic(), pytest.raises(IntegrityError):
        Referral.objects.filter(pk=referral.pk).update(closed_on=referral.received_on - timedelta(days=1))
    with transaction.atomic(), pytest.raises(IntegrityError):
        ChargingDecision.objects.create(
            referral=referral,
            test=DecisionTest.THRESHOLD,
            outcome=DecisionOutcome.CHARGE,
            bad_character="provided",
            bad_character_rationale="r",
            suspect_conduct="c",
            decided_on=timezone.localdate(),
            decided_by=prosecutor,
        )
    with transaction.atomic(), pytest.raises(IntegrityError):
        Case.objects.filter(pk=suspect.case_id).update(
            offence_date_from=_reported(), offence_date_to=_reported() - timedelta(days=1)
        )
