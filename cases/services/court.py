"""After charge: sending to the Crown Court, hearings and pleas, trials and their readiness, outcomes and judge's
directions. Each write checks the actor and scope, adds a timeline event, and raises or stops its reminders (custody
time limit, PTPH, directions due, readiness gaps), which name the case by URN only."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import Doers, Role
from cases.models import (
    Case,
    ChargingDecision,
    Hearing,
    JudgeDirection,
    Plea,
    Prosecution,
    ReadinessCheck,
    ReadinessItem,
    Suspect,
    Trial,
)
from cases.models.court import RESULTS_AT_A_HEARING, Court, HearingKind, Result, TrialOutcome
from cases.models.precharge import DecisionOutcome
from cases.models.timeline import Stage
from cases.services.common import check_date, record_event, require_in_scope, require_text
from cases.signals import not_guilty_plea_entered
from cases.transitions import CPS
from reminders.services import area_people, cancel_reminders, remind_on


def _days(rule: str) -> timedelta:
    return timedelta(days=settings.COURT_DEADLINES[rule])


RECORDERS = Doers(CPS, "record court stages")


def _require_prosecutor(actor: User, case: Case) -> None:
    require_in_scope(actor, case)
    RECORDERS.require(actor.role)


def _require_charged(suspect: Suspect) -> ChargingDecision:
    decision = (
        ChargingDecision.objects.filter(referral__suspect=suspect, outcome=DecisionOutcome.CHARGE)
        .order_by("-decided_on")
        .first()
    )
    if decision is None:
        raise ValidationError(f"{suspect.label} has not been charged.")
    return decision


def _remind(case: Case, *, actor: User, key: str, on: date, message: str) -> None:
    """The allocated prosecutor (or, with none allocated, the prosecutor who recorded the step) and the Area's unit
    heads."""
    people = [*area_people(case, [Role.UNIT_HEAD]), case.allocated_prosecutor or actor]
    remind_on(people=people, case=case, key=key, on=on, message=message)


def prosecution_dates(sent_on: date, *, remanded_in_custody: bool) -> dict[str, date | None]:
    """The dates that follow from sending: PTPH, the Better Case Management stages and, while remanded, the custody
    time limit."""
    stage = "prosecution_case_days_custody" if remanded_in_custody else "prosecution_case_days_bail"
    prosecution_case_due = sent_on + _days(stage)
    return {
        "ptph_due_on": sent_on + _days("ptph_days"),
        "prosecution_case_due_on": prosecution_case_due,
        "defence_response_due_on": prosecution_case_due + _days("defence_response_days"),
        "custody_time_limit_on": sent_on + _days("custody_time_limit_days") if remanded_in_custody else None,
    }


@transaction.atomic
def record_sending(*, actor: User, suspect: Suspect, sent_on: date, remanded_in_custody: bool) -> Prosecution:
    """Sent to the Crown Court: PTPH about 28 days on, the Better Case Management stages, and while remanded the
    182-day custody time limit, with warnings before it expires."""
    case = suspect.case
    _require_prosecutor(actor, case)
    decision = _require_charged(suspect)
    check_date("sent_on", sent_on, not_before=decision.decided_on, before_what="the charge")
    if Prosecution.objects.filter(suspect=suspect).exists():
        raise ValidationError(f"{suspect.label} has already been sent to the Crown Court.")
    prosecution = Prosecution.objects.create(
        suspect=suspect,
        sent_on=sent_on,
        remanded_in_custody=remanded_in_custody,
        **prosecution_dates(sent_on, remanded_in_custody=remanded_in_custody),
    )
    _remind(
        case,
        actor=actor,
        key=f"ptph:{prosecution.pk}",
        on=prosecution.ptph_due_on,
        message=f"PTPH due for {suspect.label}",
    )
    if prosecution.custody_time_limit_on is not None:
        expires = prosecution.custody_time_limit_on
        for days in settings.COURT_DEADLINES["custody_time_limit_warning_days"]:
            _remind(
                case,
                actor=actor,
                key=f"ctl:{prosecution.pk}:{days}",
                on=expires - timedelta(days=days),
                message=f"custody time limit for {suspect.label} expires in {days} days ({expires:%-d %B %Y})",
            )
    record_event(
        actor=actor,
        suspect=suspect,
        verb="sent_to_crown_court",
        stage=Stage.COURT,
        summary=f"{suspect.label} sent to the Crown Court{' (remanded in custody)' if remanded_in_custody else ''}",
    )
    return prosecution


@transaction.atomic
def record_hearing(
    *,
    actor: User,
    suspect: Suspect,
    court: str,
    kind: str,
    held_on: date,
    what_happened: str = "",
    plea: str = "",
) -> Hearing:
    """A hearing, with the plea entered at it if any. A not-guilty plea means the victim is offered a pre-trial
    meeting (JNAP refresh activity 17)."""
    case = suspect.case
    _require_prosecutor(actor, case)
    decision = _require_charged(suspect)
    if court not in Court.values or kind not in HearingKind.values:
        raise ValidationError({"court": "Select the court and the kind of hearing."})
    check_date("held_on", held_on, not_before=decision.decided_on, before_what="the charge")
    if plea not in ("", "guilty", "not_guilty"):
        raise ValidationError({"plea": "Select the plea."})
    hearing = Hearing.objects.create(
        suspect=suspect, court=court, kind=kind, held_on=held_on, what_happened=what_happened
    )
    prosecution = Prosecution.objects.filter(suspect=suspect).first()
    if kind == HearingKind.PTPH and prosecution is not None:
        cancel_reminders(key_prefix=f"ptph:{prosecution.pk}:")
    summary = f"{hearing.get_kind_display()} for {suspect.label} at the {hearing.get_court_display()}"
    if plea:
        Plea.objects.create(hearing=hearing, plea=plea)
        summary += f": {'guilty' if plea == 'guilty' else 'not guilty'} plea"
    record_event(actor=actor, suspect=suspect, verb="hearing_recorded", stage=Stage.COURT, summary=summary)
    if plea == "not_guilty":
        not_guilty_plea_entered.send(sender=Hearing, hearing=hearing, actor=actor)
    return hearing


@transaction.atomic
def record_outcome(
    *, actor: User, suspect: Suspect, result: str, completed_on: date, hearing: Hearing | None = None
) -> Prosecution:
    """The case outcome for the suspect; a guilty plea, discontinuance or no evidence offered names its hearing."""
    case = suspect.case
    _require_prosecutor(actor, case)
    prosecution = Prosecution.objects.filter(suspect=suspect).first()
    if prosecution is None:
        raise ValidationError(f"Record that {suspect.label} was sent to the Crown Court first.")
    if prosecution.result:
        raise ValidationError(f"The outcome for {suspect.label} is already recorded.")
    if result not in Result.values:
        raise ValidationError({"result": "Select the outcome."})
    if result in RESULTS_AT_A_HEARING and hearing is None:
        raise ValidationError({"hearing": "Select the hearing at which this happened."})
    if hearing is not None and hearing.suspect_id != suspect.pk:
        raise ValidationError({"hearing": "Select one of this suspect's hearings."})
    check_date("completed_on", completed_on, not_before=prosecution.sent_on, before_what="sending")
    prosecution.result = result
    prosecution.result_hearing = hearing
    prosecution.completed_on = completed_on
    prosecution.save(update_fields=["result", "result_hearing", "completed_on"])
    cancel_reminders(key_prefix=f"ctl:{prosecution.pk}:")
    record_event(
        actor=actor,
        suspect=suspect,
        verb="case_outcome",
        stage=Stage.COURT,
        summary=f"Outcome for {suspect.label}: {prosecution.get_result_display().lower()}",
    )
    return prosecution


def _readiness_gap_reminder(trial: Trial, actor: User) -> None:
    case = trial.suspect.case
    warn_on = trial.listed_for - timedelta(days=settings.COURT_DEADLINES["readiness_warning_days"])
    _remind(
        case,
        actor=actor,
        key=f"readiness:{trial.pk}",
        on=max(warn_on, timezone.localdate()),
        message=f"the trial of {trial.suspect.label} on {trial.listed_for:%-d %B %Y} has readiness gaps",
    )


@transaction.atomic
def list_trial(*, actor: User, suspect: Suspect, listed_for: date, relisted_from: Trial | None = None) -> Trial:
    case = suspect.case
    _require_prosecutor(actor, case)
    if not Prosecution.objects.filter(suspect=suspect).exists():
        raise ValidationError(f"Record that {suspect.label} was sent to the Crown Court first.")
    trial = Trial.objects.create(suspect=suspect, listed_for=listed_for, relisted_from=relisted_from)
    ReadinessCheck.objects.bulk_create(
        ReadinessCheck(trial=trial, item=item) for item in ReadinessItem.objects.in_use(timezone.localdate())
    )
    _readiness_gap_reminder(trial, actor)
    record_event(
        actor=actor,
        suspect=suspect,
        verb="trial_listed",
        stage=Stage.COURT,
        summary=f"Trial of {suspect.label} listed for {listed_for:%-d %B %Y}",
    )
    return trial


@transaction.atomic
def update_readiness(*, actor: User, trial: Trial, done: Iterable[int]) -> Trial:
    """Tick the checklist items that are done (by item id); the rest are gaps, reminded until they are closed."""
    _require_prosecutor(actor, trial.suspect.case)
    done_ids = set(done)
    checks = list(trial.readiness.select_for_update())
    unknown = done_ids - {check.item_id for check in checks}
    if unknown:
        listed = ", ".join(str(item_id) for item_id in sorted(unknown))
        raise ValidationError({"done": f"Select only items on this trial's checklist (not {listed})."})
    for check in checks:
        check.done = check.item_id in done_ids
        check.save(update_fields=["done"])
    if not trial.readiness.filter(done=False).exists():
        cancel_reminders(key_prefix=f"readiness:{trial.pk}:")
    return Trial.objects.get(pk=trial.pk)  # as it now stands, not as the caller may have prefetched it


@transaction.atomic
def record_trial_outcome(
    *, actor: User, trial: Trial, outcome: str, reason: str = "", relisted_for: date | None = None
) -> Trial:
    """Effective; cracked (not relisted: a late plea, no evidence offered); or ineffective, which is relisted."""
    suspect = trial.suspect
    _require_prosecutor(actor, suspect.case)
    if trial.outcome:
        raise ValidationError("This trial's outcome is already recorded.")
    if outcome not in TrialOutcome.values:
        raise ValidationError({"outcome": "Select what happened."})
    if outcome != TrialOutcome.EFFECTIVE:
        require_text(reason=reason)
    if outcome == TrialOutcome.INEFFECTIVE and relisted_for is None:
        raise ValidationError({"relisted_for": "Enter the date the trial is relisted for."})
    trial.outcome = outcome
    trial.reason = reason
    trial.save(update_fields=["outcome", "reason"])
    cancel_reminders(key_prefix=f"readiness:{trial.pk}:")
    record_event(
        actor=actor,
        suspect=suspect,
        verb="trial_outcome",
        stage=Stage.COURT,
        summary=f"Trial of {suspect.label}: {outcome}",
    )
    if outcome == TrialOutcome.INEFFECTIVE and relisted_for is not None:
        list_trial(actor=actor, suspect=suspect, listed_for=relisted_for, relisted_from=trial)
    return trial


@transaction.atomic
def set_judge_direction(*, actor: User, case: Case, direction: str, set_on: date, due_on: date) -> JudgeDirection:
    _require_prosecutor(actor, case)
    require_text(direction=direction)
    check_date("set_on", set_on)
    if due_on < set_on:
        raise ValidationError({"due_on": "The due date must be on or after the day the direction was made."})
    record = JudgeDirection.objects.create(
        case=case, direction=direction[:200], set_on=set_on, due_on=due_on, recorded_by=actor
    )
    _remind(
        case,
        actor=actor,
        key=f"direction:{record.pk}",
        on=due_on,
        message="a judge's direction is due today",
    )
    record_event(
        actor=actor,
        case=case,
        verb="direction_set",
        stage=Stage.COURT,
        summary=f"Judge's direction: {record.direction}",
    )
    return record


@transaction.atomic
def comply_with_direction(*, actor: User, direction: JudgeDirection, complied_on: date) -> JudgeDirection:
    _require_prosecutor(actor, direction.case)
    if direction.complied_on is not None:
        raise ValidationError("This direction has already been complied with.")
    check_date("complied_on", complied_on, not_before=direction.set_on, before_what="the direction")
    direction.complied_on = complied_on
    direction.save(update_fields=["complied_on"])
    cancel_reminders(key_prefix=f"direction:{direction.pk}:")
    late = "" if direction.on_time else " (late)"
    record_event(
        actor=actor,
        case=direction.case,
        verb="direction_complied",
        stage=Stage.COURT,
        summary=f"Judge's direction complied with{late}: {direction.direction}",
    )
    return direction
