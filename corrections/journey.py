"""What keeps the journey intact when a record is corrected, record by record: the dates a corrected date must sit
between (never before what it follows, never after what follows it), the values that follow from a corrected one
(a referral's due date), and the records that move with it (the referral a decision closed, the PRFI a referral
reopened, the reminders of a date that moved). The checks read a ``Proposal``: the record as it would be."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Max, Min, Model
from django.utils import timezone

from accounts.models import User
from actionplans.models import Action, PlanStatus
from cases.limits import OFFENCES_NOT_IN_USE
from cases.models import (
    Case,
    ChargingDecision,
    Hearing,
    JudgeDirection,
    Offence,
    Plea,
    PoliceNfa,
    Prfi,
    Prosecution,
    Referral,
    Trial,
)
from cases.models.court import RESULTS_AT_A_HEARING, HearingKind, Result, TrialOutcome
from cases.models.precharge import DecisionOutcome, DecisionTest, ReferralKind, Triage
from cases.services.common import check_date, check_within_a_lifetime
from cases.services.court import (
    HELD_HEARING_EVENTS,
    OUTCOME_EVENTS,
    RESULTS_AFTER_TRIAL,
    charge_of,
    remind_prosecutors,
    threshold_review_on,
)
from cases.services.precharge import check_arrest
from corrections.details import Proposal, latest, on_or_after, on_or_before
from corrections.models import Correction
from deadlines import charging_decision_due, early_advice_due, latest_listing, readiness_warning_on
from reminders.services import cancel_reminders


@dataclass(frozen=True)
class Followed:
    """What the records that move with a correction are saved with: the same person and reason in their history."""

    actor: User
    change_reason: str
    correction: Correction


def save_corrected(record: Model, fields: list[str] | None, *, actor: User, change_reason: str) -> None:
    """Save with the person and the reason the change history shows (django-simple-history reads both)."""
    record._history_user = actor  # type: ignore[attr-defined]
    record._change_reason = change_reason  # type: ignore[attr-defined]
    record.save(update_fields=fields)


# The case


def check_case(p: Proposal) -> None:
    case: Case = p.record
    if p.changes("reported_on"):
        check_within_a_lifetime("reported_on", case.reported_on, label="The date reported")
        first_referral = Referral.objects.filter(suspect__case=case).aggregate(day=Min("received_on"))["day"]
        on_or_before("reported_on", case.reported_on, first_referral, "the first referral to the CPS")
        first_nfa = PoliceNfa.objects.filter(suspect__case=case).aggregate(day=Min("nfa_on"))["day"]
        on_or_before("reported_on", case.reported_on, first_nfa, "the first police NFA")
    if p.changes("offence_date_from") and case.offence_date_from is not None:
        check_within_a_lifetime("offence_date_from", case.offence_date_from, label="The date of the offence")
    dated = case.offence_date_from is not None and case.offence_date_from > case.reported_on
    if (p.changes("offence_date_from") or p.changes("reported_on")) and dated:
        field = "offence_date_from" if p.changes("offence_date_from") else "reported_on"
        raise ValidationError({field: "The offence must be on or before the day it was reported."})
    if (p.changes("offence_date_from") or p.changes("offence_date_to")) and case.offence_date_to is not None:
        if case.offence_date_from is None:
            raise ValidationError({"offence_date_from": "Enter the first date of the range."})
        check_date(
            "offence_date_to", case.offence_date_to, not_before=case.offence_date_from, before_what="the first date"
        )
    _offences_in_use(p, "offences")


def _offences_in_use(p: Proposal, name: str) -> None:
    """Offences from the current list, or those already recorded (an administrator may have retired one since)."""
    if p.changes(name):
        allowed = Offence.objects.in_use(timezone.localdate()).values_list("pk", flat=True)
        if not p.after[name] <= {*allowed, *p.before[name]}:
            raise ValidationError({name: OFFENCES_NOT_IN_USE})


# Referrals: the police's (received date, questions) and the CPS's early advice


def check_referral(p: Proposal) -> None:
    referral: Referral = p.record
    _offences_in_use(p, "proposed_offences")
    if p.changes("arrested_at"):
        check_arrest(referral.arrested_at, in_custody=referral.priority, reported_on=referral.suspect.case.reported_on)
    if not p.changes("received_on"):
        return
    day = referral.received_on
    check_date("received_on", day, not_before=referral.suspect.case.reported_on, before_what="the date reported")
    reopened = Prfi.objects.filter(reopened_as=referral).first()
    if reopened is not None:
        on_or_after("received_on", day, reopened.prfi_on, "the PRFI it answers")
    on_or_before("received_on", day, referral.closed_on, "the day the referral was closed")
    first_plan = referral.action_plans.aggregate(day=Min("set_on"))["day"]
    on_or_before("received_on", day, first_plan, "the first action plan set on it")
    first_prfi = referral.prfis.aggregate(day=Min("prfi_on"))["day"]
    on_or_before("received_on", day, first_prfi, "its PRFI")


def derive_referral(p: Proposal) -> list[str]:
    """A referral's deadline runs from its receipt: 21 days for early advice, 28 for a charging decision (hours
    for a suspect in custody, as when it was received)."""
    referral: Referral = p.record
    if not p.changes("received_on"):
        return []
    if referral.kind == ReferralKind.EARLY_ADVICE:
        referral.due_on = early_advice_due(referral.received_on).on
    else:
        referral.due_on = charging_decision_due(referral.received_on, in_custody=referral.priority).on
    return ["due_on"]


def follow_referral(p: Proposal, followed: Followed) -> None:
    """A referral that answers a PRFI reopened the CPS file on the day it was received."""
    referral: Referral = p.record
    reopened = Prfi.objects.filter(reopened_as=referral).first()
    if p.changes("received_on") and reopened is not None:
        reopened.reopened_on = referral.received_on
        save_corrected(reopened, ["reopened_on"], actor=followed.actor, change_reason=followed.change_reason)


def advice_given(referral: Referral) -> str | None:
    if referral.kind != ReferralKind.EARLY_ADVICE or referral.closed_on is None or not referral.advice:
        return "Early advice has not been given on this referral: there is no advice to correct."
    return None


def check_advice(p: Proposal) -> None:
    referral: Referral = p.record
    if p.changes("closed_on") and referral.closed_on is not None:
        check_date("closed_on", referral.closed_on, not_before=referral.received_on, before_what="the request")


# The charging decision, PRFI and police NFA


def check_decision(p: Proposal) -> None:
    decision: ChargingDecision = p.record
    if decision.test == DecisionTest.FULL_CODE:
        if p.changes("evidential_reasons") and not decision.evidential_reasons.strip():
            raise ValidationError({"evidential_reasons": "Give the reasons for the evidential stage."})
        needs_public_interest = decision.outcome != DecisionOutcome.NFA_EVIDENTIAL
        if p.changes("public_interest_reasons") and needs_public_interest and not decision.public_interest_reasons:
            raise ValidationError({"public_interest_reasons": "Give the reasons for the public interest stage."})
    if not p.changes("decided_on"):
        return
    day = decision.decided_on
    referral = decision.referral
    check_date("decided_on", day, not_before=referral.received_on, before_what="the referral")
    last_plan = referral.action_plans.aggregate(day=Max("set_on"))["day"]
    on_or_after("decided_on", day, last_plan, "the last action plan set on the referral")
    on_or_before("decided_on", day, decision.full_code_reviewed_on, "the Full Code review")
    if decision.outcome == DecisionOutcome.CHARGE:
        suspect = referral.suspect
        sent_on = Prosecution.objects.filter(suspect=suspect).values_list("sent_on", flat=True).first()
        on_or_before("decided_on", day, sent_on, "sending to the Crown Court")
        first_hearing = Hearing.objects.filter(suspect=suspect).aggregate(day=Min("held_on"))["day"]
        on_or_before("decided_on", day, first_hearing, "the first hearing")


def derive_decision(p: Proposal) -> list[str]:
    """A Threshold Test charge not yet reviewed is due its Full Code review a set time after the decision."""
    decision: ChargingDecision = p.record
    if p.changes("decided_on") and decision.test == DecisionTest.THRESHOLD and not decision.full_code_reviewed_on:
        decision.full_code_review_due_on = threshold_review_on(decision)
        return ["full_code_review_due_on"]
    return []


def follow_decision(p: Proposal, followed: Followed) -> None:
    """The decision closed its referral on the day it was made."""
    decision: ChargingDecision = p.record
    referral = decision.referral
    if p.changes("decided_on") and referral.closed_on == p.before["decided_on"]:
        referral.closed_on = decision.decided_on
        save_corrected(referral, ["closed_on"], actor=followed.actor, change_reason=followed.change_reason)


def _closed_by(prfi: Prfi, on: date) -> bool:
    """Whether the PRFI closed its referral (it was still open), rather than a decision, a rejection or advice."""
    referral = prfi.referral
    answered = referral.kind == ReferralKind.EARLY_ADVICE and bool(referral.advice)
    decided = ChargingDecision.objects.filter(referral=referral).exists()
    return referral.closed_on == on and not answered and not decided and referral.triage != Triage.REJECTED


def check_prfi(p: Proposal) -> None:
    prfi: Prfi = p.record
    if p.changes("prfi_on"):
        check_date("prfi_on", prfi.prfi_on, not_before=prfi.referral.received_on, before_what="the referral")
        on_or_before("prfi_on", prfi.prfi_on, prfi.reopened_on, "the day it was reopened")


def follow_prfi(p: Proposal, followed: Followed) -> None:
    """A PRFI that closed an open referral closed it on its own date."""
    prfi: Prfi = p.record
    if p.changes("prfi_on") and _closed_by(prfi, p.before["prfi_on"]):
        prfi.referral.closed_on = prfi.prfi_on
        save_corrected(prfi.referral, ["closed_on"], actor=followed.actor, change_reason=followed.change_reason)


def check_police_nfa(p: Proposal) -> None:
    nfa: PoliceNfa = p.record
    if p.changes("nfa_on"):
        check_date("nfa_on", nfa.nfa_on, not_before=nfa.suspect.case.reported_on, before_what="the date reported")


# Action plans: the police's answer to an action


def answered(action: Action) -> str | None:
    if action.answered_on is None:
        return f"Action {action.number} has not been answered: there is no answer to correct."
    return None


def _settled_on(action: Action) -> date | None:
    return action.answered_on or action.withdrawn_on


def _closed_by_answer(action: Action, answered_on: date | None) -> bool:
    """Whether the plan was closed by its answers on this answer's day (not withdrawn, nor closed by the file)."""
    plan = action.plan
    return (
        answered_on is not None
        and plan.status == PlanStatus.ANSWERED
        and plan.closed_on == max(answered_on, plan.set_on)
    )


def check_answer(p: Proposal) -> None:
    action: Action = p.record
    if not p.changes("answered_on") or action.answered_on is None:
        return
    plan = action.plan
    check_date("answered_on", action.answered_on, not_before=plan.set_on, before_what="the day the plan was set")
    if plan.closed_on is not None and not _closed_by_answer(action, p.before["answered_on"]):
        on_or_before("answered_on", action.answered_on, plan.closed_on, "the day the plan was closed")


def follow_answer(p: Proposal, followed: Followed) -> None:
    """A plan closed by its last answer was closed on the day its actions were all settled."""
    action: Action = p.record
    plan = action.plan
    if p.changes("answered_on") and _closed_by_answer(action, p.before["answered_on"]):
        settled = [_settled_on(a) for a in Action.objects.filter(plan=plan)]
        plan.closed_on = max(latest(settled) or plan.set_on, plan.set_on)
        save_corrected(plan, ["closed_on"], actor=followed.actor, change_reason=followed.change_reason)


# After charge


def _charged_on(suspect_id: int) -> date | None:
    charge = charge_of(suspect_id)
    return charge.decided_on if charge else None


def _held(hearing: Hearing) -> bool:
    """Whether what happened at the hearing is recorded: then it has been held, whatever its date says."""
    return bool(hearing.what_happened.strip()) or Plea.objects.filter(hearing_id=hearing.pk).exists()


def check_hearing(p: Proposal) -> None:
    """A hearing is held after the charge, or listed ahead (not too far); one held stays in the past, and one at
    which the outcome was reached stays on or before it. A held hearing cannot become a PTPH or a trial, nor stop
    being one: that is where the suspect's case stands."""
    hearing: Hearing = p.record
    if p.changes("kind") and _held(hearing):
        moves = {HearingKind(p.before["kind"]), HearingKind(hearing.kind)} & set(HELD_HEARING_EVENTS)
        if moves:
            raise ValidationError(
                {
                    "kind": "A correction cannot make a hearing that has been held a PTPH or a trial, nor stop it "
                    "being one: that changes where the suspect's case stands."
                }
            )
    if not p.changes("held_on"):
        return
    day = hearing.held_on
    on_or_after("held_on", day, _charged_on(hearing.suspect_id), "the charge")
    on_or_before("held_on", day, latest_listing(), "the furthest a hearing is listed ahead")
    if _held(hearing) and day > timezone.localdate():
        raise ValidationError({"held_on": "This hearing has been held: the date must be today or in the past."})
    outcome = Prosecution.objects.filter(result_hearing=hearing).values_list("completed_on", flat=True).first()
    on_or_before("held_on", day, outcome, "the outcome recorded at it")


def follow_hearing(p: Proposal, followed: Followed) -> None:
    """A PTPH's date sets a Threshold Test charge's review date; a PTPH held stops the reminders that it is due."""
    hearing: Hearing = p.record
    ptph = HearingKind.PTPH in {hearing.kind, p.before["kind"]}
    if not ptph or not (p.changes("kind") or p.changes("held_on")):
        return
    if hearing.kind == HearingKind.PTPH and hearing.held_on <= timezone.localdate():
        prosecution = Prosecution.objects.filter(suspect_id=hearing.suspect_id).first()
        if prosecution is not None:
            cancel_reminders(key_prefix=f"ptph:{prosecution.pk}:")
    threshold = ChargingDecision.objects.filter(
        referral__suspect_id=hearing.suspect_id,
        test=DecisionTest.THRESHOLD,
        outcome=DecisionOutcome.CHARGE,
        full_code_reviewed_on__isnull=True,
    )
    for decision in threshold:
        review_on = threshold_review_on(decision)
        if review_on != decision.full_code_review_due_on:
            decision.full_code_review_due_on = review_on
            save_corrected(
                decision, ["full_code_review_due_on"], actor=followed.actor, change_reason=followed.change_reason
            )


def outcome_recorded(prosecution: Prosecution) -> str | None:
    return None if prosecution.result else f"The outcome for {prosecution.suspect.label} is not recorded yet."


def sentence_recorded(prosecution: Prosecution) -> str | None:
    return None if prosecution.sentenced_on else f"No sentence is recorded for {prosecution.suspect.label} yet."


def _check_result(p: Proposal) -> None:
    prosecution: Prosecution = p.record
    before, after = Result(p.before["result"]), Result(prosecution.result)
    if OUTCOME_EVENTS[before] != OUTCOME_EVENTS[after]:
        alike = [r.label for r, event in OUTCOME_EVENTS.items() if event == OUTCOME_EVENTS[before] and r != before]
        instead = f" It can be corrected to {' or '.join(alike)}." if alike else ""
        raise ValidationError(
            {
                "result": f"A correction cannot change the outcome from “{before.label}” to “{after.label}”: that "
                f"changes where the case stands (and what the victim is told).{instead}"
            }
        )


def _check_result_hearing(prosecution: Prosecution, hearing: Hearing | None, p: Proposal) -> None:
    needs_one = hearing is None and prosecution.result in RESULTS_AT_A_HEARING
    if (p.changes("result") or p.changes("result_hearing")) and needs_one:
        raise ValidationError({"result_hearing": "Select the hearing at which this happened."})
    if hearing is None or not p.changes("result_hearing"):
        return
    if hearing.suspect_id != prosecution.suspect_id:
        raise ValidationError({"result_hearing": "Select one of this suspect's hearings."})
    if hearing.held_on > timezone.localdate():
        listed = f"{hearing.held_on:%-d %B %Y}"
        raise ValidationError(
            {"result_hearing": f"Select a hearing that has been held: this one is listed for {listed}."}
        )


def _effective_trial_on(suspect_id: int) -> date | None:
    trials = Trial.objects.filter(suspect_id=suspect_id, outcome=TrialOutcome.EFFECTIVE)
    return trials.aggregate(day=Max("listed_for"))["day"]


def check_outcome(p: Proposal) -> None:
    """The outcome keeps where the case stands; it comes no earlier than sending, the hearing at which it happened
    or, after a trial, the trial, and no later than the sentence."""
    prosecution: Prosecution = p.record
    if p.changes("result"):
        _check_result(p)
    hearing: Hearing | None = prosecution.result_hearing
    _check_result_hearing(prosecution, hearing, p)
    completed_on = prosecution.completed_on
    if completed_on is None or not (p.changes("completed_on") or p.changes("result_hearing") or p.changes("result")):
        return
    field = "completed_on" if p.changes("completed_on") else "result_hearing"
    if p.changes("completed_on"):
        check_date("completed_on", completed_on, not_before=prosecution.sent_on, before_what="sending")
        on_or_before("completed_on", completed_on, prosecution.sentenced_on, "the sentence")
    if hearing is not None:
        on_or_after(field, completed_on, hearing.held_on, "the hearing at which it happened")
    if prosecution.result in RESULTS_AFTER_TRIAL:
        field = "completed_on" if p.changes("completed_on") else "result"
        on_or_after(field, completed_on, _effective_trial_on(prosecution.suspect_id), "the trial")


def check_sentence(p: Proposal) -> None:
    prosecution: Prosecution = p.record
    if p.changes("sentenced_on") and prosecution.sentenced_on is not None:
        check_date(
            "sentenced_on",
            prosecution.sentenced_on,
            not_before=prosecution.completed_on,
            before_what="the conviction",
        )


def check_trial(p: Proposal) -> None:
    """A trial is listed after sending (and a relisted one after the trial it relists), not too far ahead; one whose
    outcome is recorded has come, and an effective one comes no later than the verdict reached at it."""
    trial: Trial = p.record
    if not p.changes("listed_for"):
        return
    day = trial.listed_for
    prosecution = Prosecution.objects.filter(suspect_id=trial.suspect_id).first()
    on_or_after("listed_for", day, prosecution.sent_on if prosecution else None, "sending to the Crown Court")
    on_or_before("listed_for", day, latest_listing(), "the furthest a trial is listed ahead")
    if trial.relisted_from is not None:
        after = trial.relisted_from.listed_for + timedelta(days=1)
        on_or_after("listed_for", day, after, "the day after the trial it relists")
    relisted_as = Trial.objects.filter(relisted_from=trial).values_list("listed_for", flat=True).first()
    if relisted_as is not None:
        on_or_before("listed_for", day, relisted_as - timedelta(days=1), "the day before the trial it was relisted as")
    if trial.outcome and day > timezone.localdate():
        raise ValidationError(
            {"listed_for": "This trial's outcome is recorded: the date must be today or in the past."}
        )
    if trial.outcome == TrialOutcome.EFFECTIVE and prosecution and prosecution.result in RESULTS_AFTER_TRIAL:
        on_or_before("listed_for", day, prosecution.completed_on, "the verdict")


def follow_trial(p: Proposal, followed: Followed) -> None:
    """A trial with gaps in its readiness is reminded ahead of its new date, not its old one."""
    trial: Trial = p.record
    if not p.changes("listed_for") or trial.outcome or not trial.readiness.filter(done=False).exists():
        return
    cancel_reminders(key_prefix=f"readiness:{trial.pk}:")
    remind_prosecutors(
        trial.suspect.case,
        actor=followed.actor,
        key=f"readiness:{trial.pk}:correction-{followed.correction.pk}",
        on=max(readiness_warning_on(trial.listed_for), timezone.localdate()),
        message=f"the trial of {trial.suspect.label} on {trial.listed_for:%-d %B %Y} has readiness gaps",
    )


def check_direction(p: Proposal) -> None:
    direction: JudgeDirection = p.record
    if p.changes("set_on"):
        check_date("set_on", direction.set_on)
    if (p.changes("set_on") or p.changes("due_on")) and direction.due_on < direction.set_on:
        field = "due_on" if p.changes("due_on") else "set_on"
        raise ValidationError({field: "The due date must be on or after the day the direction was made."})
    if (p.changes("set_on") or p.changes("complied_on")) and direction.complied_on is not None:
        if p.changes("complied_on"):
            check_date("complied_on", direction.complied_on, not_before=direction.set_on, before_what="the direction")
        else:
            on_or_before("set_on", direction.set_on, direction.complied_on, "the day it was complied with")


def follow_direction(p: Proposal, followed: Followed) -> None:
    """A direction not yet complied with is reminded on its new due date."""
    direction: JudgeDirection = p.record
    if not p.changes("due_on") or direction.complied_on is not None:
        return
    cancel_reminders(key_prefix=f"direction:{direction.pk}:")
    remind_prosecutors(
        direction.case,
        actor=followed.actor,
        key=f"direction:{direction.pk}:correction-{followed.correction.pk}",
        on=direction.due_on,
        message="a judge's direction is due today",
    )


def nothing_more(p: Proposal, followed: Followed) -> None:
    """Records whose correction moves nothing else."""


def nothing_derived(p: Proposal) -> list[str]:
    return []


def always(record: Any) -> str | None:
    return None
