"""Early advice, referrals for a charging decision, triage, charging decisions, PRFI and police NFA."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from cases.limits import FILE_ITEMS_NOT_LISTED, OFFENCES_NOT_IN_USE, check_in_use, check_lengths
from cases.models import ChargingDecision, Offence, PoliceNfa, Prfi, Referral, Suspect
from cases.models.precharge import (
    THRESHOLD_CONDITIONS,
    CrimeOutcome,
    DecisionOutcome,
    DecisionTest,
    FileItem,
    ReferralKind,
    RejectionReason,
    Triage,
    in_file_order,
)
from cases.models.timeline import Stage, Verb
from cases.services.common import (
    check_date,
    move,
    record_event,
    require_in_scope,
    require_text,
    require_the_file,
)
from cases.signals import charging_decision_recorded, file_closed
from cases.transitions import Event
from deadlines import Due, charging_decision_due, early_advice_due, threshold_review_due


def _require_open(referral: Referral, kind: ReferralKind) -> None:
    if referral.kind != kind:
        raise ValidationError(f"This is a {referral.get_kind_display().lower()} referral.")
    if referral.closed_on is not None:
        raise ValidationError("This referral is already closed.")


def _awaiting_reopening(suspect: Suspect) -> Prfi | None:
    """The PRFI that closed the suspect's most recent file, while the police have not yet responded."""
    latest = suspect.referrals.order_by("received_on", "id").last()
    return None if latest is None else latest.prfis.filter(reopened_on__isnull=True).first()


def _check_proposed_offences(offences: list[Offence]) -> None:
    check_in_use("proposed_offences", offences, on=timezone.localdate(), message=OFFENCES_NOT_IN_USE)


def _check_file_contents(codes: list[str]) -> None:
    if set(codes) - set(FileItem.values):
        raise ValidationError({"file_contents": FILE_ITEMS_NOT_LISTED})


def check_arrest(arrested_at: datetime | None, *, in_custody: bool, reported_on: date) -> None:
    """The time of arrest, which starts the custody clock: required for a suspect in custody, not in the future, and
    not on a day before the offence was reported."""
    if arrested_at is None:
        if in_custody:
            raise ValidationError({"arrested_at": "Enter the date and time of arrest, as the suspect is in custody"})
        return
    if arrested_at > timezone.now():
        raise ValidationError({"arrested_at": "The time of arrest must be in the past"})
    if timezone.localdate(arrested_at) < reported_on:
        raise ValidationError(
            {"arrested_at": f"The date of arrest must be on or after the date reported ({reported_on:%-d %B %Y})"}
        )


def _receive(
    *,
    actor: User,
    suspect: Suspect,
    kind: ReferralKind,
    on: date,
    due: Due,
    questions: str = "",
    proposed_offences: Iterable[Offence] = (),
    arrested_at: datetime | None = None,
    file_contents: Iterable[str] = (),
) -> Referral:
    """A new referral, received on its own date with its own deadline, with what the police send (the offences they
    propose, the time of arrest, what the file holds); after a PRFI it is the police's response, which reopens the CPS
    file (and counts as a referral received that day)."""
    prfi = _awaiting_reopening(suspect)
    if prfi is not None:
        check_date("received_on", on, not_before=prfi.prfi_on, before_what="the PRFI")
    referral = Referral.objects.create(
        suspect=suspect,
        kind=kind,
        received_on=on,
        due_on=due.on,
        priority=due.priority,
        questions=questions,
        arrested_at=arrested_at,
        file_contents=in_file_order(file_contents),
        created_by=actor,
    )
    referral.proposed_offences.set(list(proposed_offences))
    if prfi is not None:
        prfi.reopened_on, prfi.reopened_as = on, referral
        prfi.save(update_fields=["reopened_on", "reopened_as"])
    return referral


@transaction.atomic
def request_early_advice(
    *, actor: User, suspect: Suspect, requested_on: date, questions: str, proposed_offences: Iterable[Offence] = ()
) -> Referral:
    require_in_scope(actor, suspect.case)
    check_date("requested_on", requested_on, not_before=suspect.case.reported_on, before_what="the date reported")
    require_text(questions=questions)
    check_lengths(questions=questions)
    offences = list(proposed_offences)
    _check_proposed_offences(offences)
    move(actor=actor, suspect=suspect, event=Event.REQUEST_EARLY_ADVICE)
    due = early_advice_due(requested_on)
    referral = _receive(
        actor=actor,
        suspect=suspect,
        kind=ReferralKind.EARLY_ADVICE,
        on=requested_on,
        due=due,
        questions=questions,
        proposed_offences=offences,
    )
    record_event(
        actor=actor,
        suspect=suspect,
        verb=Verb.EARLY_ADVICE_REQUESTED,
        stage=Stage.EARLY_ADVICE,
        payload={"suspect": suspect.label, "due_on": due.on},
    )
    return referral


@transaction.atomic
def give_early_advice(
    *, actor: User, referral: Referral, answered_on: date, advice: str, reasonable_lines_of_enquiry: str = ""
) -> Referral:
    suspect = referral.suspect
    require_in_scope(actor, suspect.case)
    move(actor=actor, suspect=suspect, event=Event.GIVE_EARLY_ADVICE)  # the tables' refusal first: advice given twice
    _require_open(referral, ReferralKind.EARLY_ADVICE)
    check_date("answered_on", answered_on, not_before=referral.received_on, before_what="the request")
    require_text(advice=advice)
    check_lengths(advice=advice, reasonable_lines_of_enquiry=reasonable_lines_of_enquiry)
    referral.advice = advice
    referral.reasonable_lines_of_enquiry = reasonable_lines_of_enquiry
    referral.closed_on = answered_on
    referral.save(update_fields=["advice", "reasonable_lines_of_enquiry", "closed_on"])
    record_event(
        actor=actor,
        suspect=suspect,
        verb=Verb.EARLY_ADVICE_GIVEN,
        stage=Stage.EARLY_ADVICE,
        payload={"suspect": suspect.label, "late": answered_on > referral.due_on},
    )
    return referral


@transaction.atomic
def refer_for_charging_decision(
    *,
    actor: User,
    suspect: Suspect,
    received_on: date,
    proposed_offences: Iterable[Offence] = (),
    in_custody: bool | None = None,
    arrested_at: datetime | None = None,
    file_contents: Iterable[str] = (),
) -> Referral:
    """The police send the file: the offences they propose, whether the suspect is in custody (a priority referral,
    and the suspect's record says so from now; left out, as the record says) and when they were arrested (required
    in custody: it starts the detention clock), and what the file holds (the checklist triage reads)."""
    require_in_scope(actor, suspect.case)
    check_date("received_on", received_on, not_before=suspect.case.reported_on, before_what="the date reported")
    custody = suspect.in_custody if in_custody is None else in_custody
    check_arrest(arrested_at, in_custody=custody, reported_on=suspect.case.reported_on)
    offences, contents = list(proposed_offences), list(file_contents)
    _check_proposed_offences(offences)
    _check_file_contents(contents)
    move(actor=actor, suspect=suspect, event=Event.REFER_FOR_CHARGING_DECISION)
    if custody != suspect.in_custody:
        suspect.in_custody = custody
        suspect.save(update_fields=["in_custody"])
    due = charging_decision_due(received_on, in_custody=custody)
    referral = _receive(
        actor=actor,
        suspect=suspect,
        kind=ReferralKind.CHARGING_DECISION,
        on=received_on,
        due=due,
        proposed_offences=offences,
        arrested_at=arrested_at,
        file_contents=contents,
    )
    record_event(
        actor=actor,
        suspect=suspect,
        verb=Verb.REFERRED_FOR_CHARGING_DECISION,
        stage=Stage.CHARGING,
        payload={"suspect": suspect.label, "priority": due.priority, "due_on": due.on},
    )
    return referral


@transaction.atomic
def triage_referral(
    *, actor: User, referral: Referral, accepted: bool, rejection_reasons: Iterable[str] = (), on: date
) -> Referral:
    """Accept the file for review, or reject it with reasons (it goes back to the police)."""
    suspect = referral.suspect
    require_in_scope(actor, suspect.case)
    _require_open(referral, ReferralKind.CHARGING_DECISION)
    check_date("on", on, not_before=referral.received_on, before_what="receipt")
    reasons = sorted(set(rejection_reasons))
    if accepted:
        if reasons:
            raise ValidationError({"rejection_reasons": "An accepted file has no rejection reasons."})
        referral.triage = Triage.ACCEPTED
        referral.save(update_fields=["triage"])
    else:
        unknown = set(reasons) - set(RejectionReason.values)
        if not reasons or unknown:
            raise ValidationError({"rejection_reasons": "Select at least one reason for rejecting the file."})
        move(actor=actor, suspect=suspect, event=Event.REJECT_FILE)
        referral.triage = Triage.REJECTED
        referral.rejection_reasons = reasons
        referral.closed_on = on
        referral.save(update_fields=["triage", "rejection_reasons", "closed_on"])
    record_event(
        actor=actor,
        suspect=suspect,
        verb=Verb.FILE_TRIAGED,
        stage=Stage.CHARGING,
        payload={"suspect": suspect.label, "rejection_reasons": reasons},
    )
    return referral


def _test_errors(*, test: str, outcome: str, reasons: dict[str, str], conditions: dict[str, bool]) -> dict[str, str]:
    """What the chosen test requires: Full Code reasons per stage, or every Threshold Test condition confirmed."""
    errors: dict[str, str] = {}
    if test == DecisionTest.FULL_CODE:
        if not reasons["evidential_reasons"].strip():
            errors["evidential_reasons"] = "Give the reasons for the evidential stage."
        if outcome != DecisionOutcome.NFA_EVIDENTIAL and not reasons["public_interest_reasons"].strip():
            errors["public_interest_reasons"] = "Give the reasons for the public interest stage."
    elif test == DecisionTest.THRESHOLD:
        if outcome != DecisionOutcome.CHARGE:
            errors["outcome"] = "The Threshold Test is only for a decision to charge."
        for condition in THRESHOLD_CONDITIONS:
            if not conditions.get(condition):
                errors[condition] = "Every Threshold Test condition must be met and confirmed."
    else:
        errors["test"] = "Select the test applied."
    return errors


def _check_decision(
    *, test: str, outcome: str, reasons: dict[str, str], conditions: dict[str, bool], offences: list[Offence]
) -> None:
    errors = _test_errors(test=test, outcome=outcome, reasons=reasons, conditions=conditions)
    if outcome not in DecisionOutcome.values:
        errors["outcome"] = "Select the outcome."
    if outcome == DecisionOutcome.CHARGE and not offences:
        errors["charged_offences"] = "Select the offences charged."
    if not reasons["bad_character_rationale"].strip():
        errors["bad_character_rationale"] = "Explain the bad character decision: it is required in every rape case."
    if not reasons["suspect_conduct"].strip():
        errors["suspect_conduct"] = "Describe the suspect's conduct before, during and after the offence."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_charging_decision(
    *,
    actor: User,
    referral: Referral,
    test: str,
    outcome: str,
    decided_on: date,
    bad_character: str,
    bad_character_rationale: str,
    suspect_conduct: str,
    evidential_reasons: str = "",
    public_interest_reasons: str = "",
    threshold_conditions: dict[str, bool] | None = None,
    charged_offences: Iterable[Offence] = (),
    disclosure_management_document: str = "not_started",
) -> ChargingDecision:
    suspect = referral.suspect
    require_in_scope(actor, suspect.case)
    _require_open(referral, ReferralKind.CHARGING_DECISION)
    check_date("decided_on", decided_on, not_before=referral.received_on, before_what="the referral")
    conditions = threshold_conditions or {}
    offences = list(charged_offences)
    check_in_use("charged_offences", offences, on=timezone.localdate(), message=OFFENCES_NOT_IN_USE)
    _check_decision(
        test=test,
        outcome=outcome,
        reasons={
            "evidential_reasons": evidential_reasons,
            "public_interest_reasons": public_interest_reasons,
            "bad_character_rationale": bad_character_rationale,
            "suspect_conduct": suspect_conduct,
        },
        conditions=conditions,
        offences=offences,
    )
    check_lengths(
        evidential_reasons=evidential_reasons,
        public_interest_reasons=public_interest_reasons,
        bad_character_rationale=bad_character_rationale,
        suspect_conduct=suspect_conduct,
    )
    move(
        actor=actor,
        suspect=suspect,
        event=Event.CHARGE if outcome == DecisionOutcome.CHARGE else Event.RECORD_DECISION,
    )
    decision = ChargingDecision(
        referral=referral,
        test=test,
        outcome=outcome,
        evidential_reasons=evidential_reasons,
        public_interest_reasons=public_interest_reasons,
        full_code_review_due_on=threshold_review_due(decided_on) if test == DecisionTest.THRESHOLD else None,
        bad_character=bad_character,
        bad_character_rationale=bad_character_rationale,
        disclosure_management_document=disclosure_management_document,
        suspect_conduct=suspect_conduct,
        decided_on=decided_on,
        decided_by=actor,
        **{condition: bool(conditions.get(condition)) for condition in THRESHOLD_CONDITIONS},
    )
    decision.full_clean(exclude=["referral"])
    decision.save()
    decision.charged_offences.set(offences)
    referral.closed_on = decided_on
    referral.save(update_fields=["closed_on"])
    file_closed.send(
        sender=Referral,
        suspect=suspect,
        actor=actor,
        closed_on=decided_on,
        prfi=False,
        reason="Closed by the charging decision",
    )
    charging_decision_recorded.send(sender=ChargingDecision, decision=decision, actor=actor)
    record_event(
        actor=actor,
        suspect=suspect,
        verb=Verb.CHARGING_DECISION_RECORDED,
        stage=Stage.CHARGING,
        payload={"suspect": suspect.label, "decision_outcome": outcome, "decision_test": test},
    )
    return decision


@transaction.atomic
def prfi_referral(*, actor: User, referral: Referral, prfi_on: date, reason: str) -> Prfi:
    """Close the CPS file pending the police's response (the open referral, or the file of the most recent one, whose
    plans wait on the police); not a prosecutorial decision. Its kind is that referral's kind."""
    suspect = referral.suspect
    require_in_scope(actor, suspect.case)
    require_the_file(referral, rule="PRFI closes the suspect's current file")
    check_date("prfi_on", prfi_on, not_before=referral.received_on, before_what="the referral")
    require_text(reason=reason)
    check_lengths(reason=reason)
    move(actor=actor, suspect=suspect, event=Event.PRFI)
    prfi = Prfi.objects.create(referral=referral, prfi_on=prfi_on, reason=reason, recorded_by=actor)
    if referral.closed_on is None:
        referral.closed_on = prfi_on
        referral.save(update_fields=["closed_on"])
    file_closed.send(
        sender=Referral, suspect=suspect, actor=actor, closed_on=prfi_on, prfi=True, reason="Closed as PRFI"
    )
    record_event(
        actor=actor,
        suspect=suspect,
        verb=Verb.PRFI,
        stage=Stage.PRFI,
        payload={"referral_kind": referral.kind, "suspect": suspect.label},
    )
    return prfi


@transaction.atomic
def reopen_referral(*, actor: User, prfi: Prfi, reopened_on: date) -> Referral:
    """The police have responded to a PRFI: a new referral of the same kind, received that day with its own
    deadline (the questions for early advice, the proposed offences and what the file holds stand as they were
    sent; the police's response adds to the file, and triage reads it again)."""
    referral = prfi.referral
    suspect = referral.suspect
    require_in_scope(actor, suspect.case)
    if _awaiting_reopening(suspect) != prfi:
        raise ValidationError("This PRFI has already been reopened.")
    check_date("reopened_on", reopened_on, not_before=prfi.prfi_on, before_what="the PRFI")
    move(actor=actor, suspect=suspect, event=Event.REOPEN_AFTER_PRFI)
    if referral.kind == ReferralKind.EARLY_ADVICE:
        due = early_advice_due(reopened_on)
    else:
        due = charging_decision_due(reopened_on, in_custody=suspect.in_custody)
    reopened = _receive(
        actor=actor, suspect=suspect, kind=ReferralKind(referral.kind), on=reopened_on, due=due,
        questions=referral.questions, proposed_offences=referral.proposed_offences.all(),
        file_contents=referral.file_contents,
    )  # fmt: skip
    record_event(
        actor=actor,
        suspect=suspect,
        verb=Verb.REOPENED_AFTER_PRFI,
        stage=Stage.PRFI,
        payload={"referral_kind": referral.kind, "suspect": suspect.label, "due_on": due.on},
    )
    return reopened


@transaction.atomic
def record_police_nfa(*, actor: User, suspect: Suspect, nfa_on: date, reason: str, outcome_code: str) -> PoliceNfa:
    """The police take no further action, with the Home Office crime outcome the decision carries (only an imported
    history may lack one)."""
    require_in_scope(actor, suspect.case)
    check_date("nfa_on", nfa_on, not_before=suspect.case.reported_on, before_what="the date reported")
    require_text(reason=reason)
    check_lengths(reason=reason)
    if outcome_code not in CrimeOutcome.values:
        raise ValidationError({"outcome_code": "Select the Home Office outcome"})
    move(actor=actor, suspect=suspect, event=Event.RECORD_POLICE_NFA)
    nfa = PoliceNfa.objects.create(
        suspect=suspect, nfa_on=nfa_on, outcome_code=outcome_code, reason=reason, recorded_by=actor
    )
    file_closed.send(
        sender=PoliceNfa, suspect=suspect, actor=actor, closed_on=nfa_on, prfi=False, reason="Closed by the police NFA"
    )
    record_event(
        actor=actor,
        suspect=suspect,
        verb=Verb.POLICE_NFA,
        stage=Stage.NFA,
        payload={"suspect": suspect.label, "crime_outcome": outcome_code},
    )
    return nfa


@transaction.atomic
def refer_back_for_review(*, actor: User, suspect: Suspect, on: date, reason: str) -> Suspect:
    """An NFA scrutiny panel refers the decision back: the police's review of the suspect is open again."""
    require_in_scope(actor, suspect.case)
    check_date("on", on)
    require_text(reason=reason)
    check_lengths(reason=reason)
    move(actor=actor, suspect=suspect, event=Event.REFER_BACK_FOR_REVIEW)
    record_event(
        actor=actor,
        suspect=suspect,
        verb=Verb.REFERRED_BACK_FOR_REVIEW,
        stage=Stage.SCRUTINY,
        payload={"suspect": suspect.label},
    )
    return suspect
