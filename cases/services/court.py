"""After charge: sending to the Crown Court, hearings (held, or listed ahead and later recorded as held) and pleas,
trials and their readiness, outcomes, the sentence and judge's directions. Each write checks the actor and scope, moves
the suspect's status as the transition tables declare (``cases.transitions``: sending, the PTPH held, the trial under
way, the outcome, the sentence), adds a timeline event, and raises or stops its reminders (custody time limit, PTPH,
directions due, readiness gaps), which name the case by URN only."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

import deadlines
from accounts.models import User
from accounts.roles import Doers, Role
from cases.limits import LONG_TEXT, check_lengths, too_long
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
from cases.models.precharge import DecisionOutcome, DecisionTest
from cases.models.timeline import Stage, Verb
from cases.services.common import check_date, facts_of, move, record_event, require_in_scope, require_text
from cases.signals import not_guilty_plea_entered
from cases.transitions import CPS, Event, check_transition, events_allowed
from deadlines import (
    custody_time_limit_warnings,
    latest_listing,
    prosecution_dates,
    readiness_warning_on,
    threshold_review_due,
)
from reminders.audience import Place, people_at
from reminders.services import cancel_reminders, remind_on

RECORDERS = Doers(CPS, "record court stages")

# What the pages' forms and the API's serializers offer and bound, from the rules here, so that they cannot disagree.
PLEAS: list[tuple[str, str]] = [(str(value), str(label)) for value, label in Plea._meta.get_field("plea").flatchoices]
COURT_NAME_MAX_LENGTH: int = Hearing._meta.get_field("court_name").max_length or 100
SENTENCE_MAX_LENGTH = 2_000
COURT_NAME_TOO_LONG = f"The name of the court must be {COURT_NAME_MAX_LENGTH} characters or fewer."
SENTENCE_TOO_LONG = f"The sentence must be {SENTENCE_MAX_LENGTH:,} characters or fewer."
DIRECTION_MAX_LENGTH: int = JudgeDirection._meta.get_field("direction").max_length or 200

# The move each outcome makes (DOMAIN.md: case outcomes).
OUTCOME_EVENTS = {
    Result.GUILTY_PLEA: Event.CONVICT,
    Result.CONVICTED_AFTER_TRIAL: Event.CONVICT,
    Result.ACQUITTED: Event.ACQUIT,
    Result.DISCONTINUED: Event.DISCONTINUE,
    Result.NO_EVIDENCE_OFFERED: Event.DISCONTINUE,
    Result.LEFT_ON_FILE: Event.LEAVE_ON_FILE,
}
# Outcomes reached at a trial, which cannot come before the trial that was effective.
RESULTS_AFTER_TRIAL = frozenset({Result.CONVICTED_AFTER_TRIAL, Result.ACQUITTED})
# The move a hearing makes once held, where the suspect's status allows it: the first PTPH held while awaiting it,
# the trial under way. A second PTPH, a mention or a hearing after the verdict moves nothing.
HELD_HEARING_EVENTS = {HearingKind.PTPH: Event.HOLD_PTPH, HearingKind.TRIAL: Event.BEGIN_TRIAL}


def _status(suspect: Suspect) -> str:
    """The suspect's status as stored, locked for the rest of the step (the caller's copy may be older)."""
    return Suspect.objects.select_for_update().values_list("status", flat=True).get(pk=suspect.pk)


def _require_move(actor: User, suspect: Suspect, event: Event) -> None:
    """Refuse, before anything entered is checked, a step the suspect's status does not allow (409 in the API)."""
    check_transition(event=event, status=_status(suspect), role=actor.role, facts=facts_of(suspect))


def _move_if_allowed(actor: User, suspect: Suspect, event: Event | None) -> None:
    """Make the move if the tables allow it from the suspect's status now; a step that only sometimes moves the
    status (a hearing held, a trial effective) is not refused when they do not."""
    if event is not None and event in events_allowed(_status(suspect), facts_of(suspect)):
        move(actor=actor, suspect=suspect, event=event)


def _listing_error(value: date, *, not_before: date, before_what: str) -> str | None:
    """What is wrong with a date a hearing or trial is listed for: it may be ahead, but not too far, nor before what
    it follows."""
    latest = latest_listing()
    if value > latest:
        days = deadlines.settings().listing_ahead_days
        return (
            f"The date must be on or before {latest:%-d %B %Y}: a hearing or trial is listed up to {days} days ahead."
        )
    if value < not_before:
        return f"The date must be on or after {before_what} ({not_before:%-d %B %Y})."
    return None


def _not_yet_held(what: str, held_on: date) -> str:
    return f"You can record {what} once the hearing has been held: it is listed for {held_on:%-d %B %Y}."


def _require_prosecutor(actor: User, case: Case) -> None:
    require_in_scope(actor, case)
    RECORDERS.require(actor.role)


def charge_of(suspect_id: int) -> ChargingDecision | None:
    """The suspect's (latest) decision to charge."""
    return (
        ChargingDecision.objects.filter(referral__suspect_id=suspect_id, outcome=DecisionOutcome.CHARGE)
        .order_by("-decided_on")
        .first()
    )


def _require_charged(suspect: Suspect) -> ChargingDecision:
    decision = charge_of(suspect.pk)
    if decision is None:
        raise ValidationError(f"{suspect.label} has not been charged.")
    return decision


def threshold_review_on(decision: ChargingDecision) -> date:
    """When a Threshold Test charge is due its Full Code review: by the earlier of the review period and the day
    before the PTPH (the first PTPH listed, else the PTPH due after sending)."""
    suspect_id = decision.referral.suspect_id
    listed = Hearing.objects.filter(suspect_id=suspect_id, kind=HearingKind.PTPH).order_by("held_on")
    ptph_on = listed.values_list("held_on", flat=True).first() or (
        Prosecution.objects.filter(suspect_id=suspect_id).values_list("ptph_due_on", flat=True).first()
    )
    return threshold_review_due(decision.decided_on, ptph_on=ptph_on)


def _review_threshold_charge(decision: ChargingDecision) -> None:
    """A Threshold Test charge not yet reviewed under the Full Code Test follows its PTPH."""
    if decision.test != DecisionTest.THRESHOLD or decision.full_code_reviewed_on is not None:
        return
    decision.full_code_review_due_on = threshold_review_on(decision)
    decision.save(update_fields=["full_code_review_due_on"])


def remind_prosecutors(case: Case, *, actor: User, key: str, on: date, message: str) -> None:
    """The allocated prosecutor (or, with none allocated, the prosecutor who recorded the step) and the Area's unit
    heads."""
    area = Place(cps_area_id=case.cps_area_id)
    people = people_at(area, named=[case.allocated_prosecutor or actor], area_roles=[Role.UNIT_HEAD])
    remind_on(people=people, about=case, key=key, on=on, message=message)


def custody_time_limit_warning(label: str, days: int, expires: date) -> str:
    """A warning before the custody time limit expires: raised at sending, and when the warnings' days change."""
    return f"custody time limit for {label} expires in {days} days ({expires:%-d %B %Y})"


@transaction.atomic
def record_sending(*, actor: User, suspect: Suspect, sent_on: date, remanded_in_custody: bool) -> Prosecution:
    """Sent to the Crown Court: PTPH about 28 days on, the Better Case Management stages, and while remanded the
    182-day custody time limit, with warnings before it expires. The suspect awaits the PTPH; a Threshold Test
    charge is due its Full Code review before it."""
    case = suspect.case
    _require_prosecutor(actor, case)
    decision = _require_charged(suspect)
    _require_move(actor, suspect, Event.SEND_TO_CROWN_COURT)
    check_date("sent_on", sent_on, not_before=decision.decided_on, before_what="the charge")
    if Prosecution.objects.filter(suspect=suspect).exists():
        raise ValidationError(f"{suspect.label} has already been sent to the Crown Court.")
    move(actor=actor, suspect=suspect, event=Event.SEND_TO_CROWN_COURT)
    prosecution = Prosecution.objects.create(
        suspect=suspect,
        sent_on=sent_on,
        remanded_in_custody=remanded_in_custody,
        **prosecution_dates(sent_on, remanded_in_custody=remanded_in_custody),
    )
    _review_threshold_charge(decision)
    remind_prosecutors(
        case,
        actor=actor,
        key=f"ptph:{prosecution.pk}",
        on=prosecution.ptph_due_on,
        message=f"PTPH due for {suspect.label}",
    )
    if prosecution.custody_time_limit_on is not None:
        expires = prosecution.custody_time_limit_on
        for days, warn_on in custody_time_limit_warnings(expires).items():
            remind_prosecutors(
                case,
                actor=actor,
                key=f"ctl:{prosecution.pk}:{days}",
                on=warn_on,
                message=custody_time_limit_warning(suspect.label, days, expires),
            )
    record_event(
        actor=actor,
        suspect=suspect,
        verb=Verb.SENT_TO_CROWN_COURT,
        stage=Stage.COURT,
        payload={"suspect": suspect.label, "remanded": remanded_in_custody},
    )
    return prosecution


@transaction.atomic
def record_hearing(
    *,
    actor: User,
    suspect: Suspect,
    court: str,
    court_name: str,
    kind: str,
    held_on: date,
    what_happened: str = "",
    plea: str = "",
) -> Hearing:
    """A hearing at a named court: held (today or before), with the plea entered at it if any, or listed ahead, to be
    recorded as held once its date has come (``record_hearing_held``). A held PTPH moves a suspect awaiting it on to
    await trial, a held trial hearing puts the trial under way; a PTPH listed resets a Threshold Test charge's review
    date. A not-guilty plea means the victim is offered a pre-trial meeting (JNAP refresh activity 17)."""
    case = suspect.case
    _require_prosecutor(actor, case)
    decision = _require_charged(suspect)
    court_name = court_name.strip()
    errors = _hearing_errors(court=court, court_name=court_name, kind=kind, plea=plea, what_happened=what_happened)
    errors |= _hearing_date_errors(held_on, not_before=decision.decided_on, plea=plea, what_happened=what_happened)
    held = held_on <= timezone.localdate()
    if errors:
        raise ValidationError(errors)
    if held:
        _move_if_allowed(actor, suspect, HELD_HEARING_EVENTS.get(HearingKind(kind)))
    hearing = Hearing.objects.create(
        suspect=suspect, court=court, court_name=court_name, kind=kind, held_on=held_on, what_happened=what_happened
    )
    if kind == HearingKind.PTPH:
        _review_threshold_charge(decision)
        if held:
            _ptph_held(suspect)
    if plea:
        Plea.objects.create(hearing=hearing, plea=plea)
    record_event(
        actor=actor,
        suspect=suspect,
        verb=Verb.HEARING_RECORDED if held else Verb.HEARING_LISTED,
        stage=Stage.COURT,
        payload={
            "hearing_kind": kind,
            "suspect": suspect.label,
            "court": court_name,
            "held_on": held_on,
            "plea": plea,
        },
    )
    if plea == "not_guilty":
        not_guilty_plea_entered.send(sender=Hearing, hearing=hearing, actor=actor)
    return hearing


def _hearing_errors(*, court: str, court_name: str, kind: str, plea: str, what_happened: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if court not in Court.values:
        errors["court"] = "Select the court."
    if not court_name:
        errors["court_name"] = "Enter the name of the court, for example Snaresbrook Crown Court."
    elif len(court_name) > COURT_NAME_MAX_LENGTH:
        errors["court_name"] = COURT_NAME_TOO_LONG
    if kind not in HearingKind.values:
        errors["kind"] = "Select the kind of hearing."
    if plea not in ("", *dict(PLEAS)):
        errors["plea"] = "Select the plea."
    if len(what_happened) > LONG_TEXT:
        errors["what_happened"] = too_long(LONG_TEXT)
    return errors


def _hearing_date_errors(held_on: date, *, not_before: date, plea: str, what_happened: str) -> dict[str, str]:
    """A hearing is held after the charge, or listed ahead; only one that has been held has a plea, or anything to
    say of it."""
    if date_error := _listing_error(held_on, not_before=not_before, before_what="the charge"):
        return {"held_on": date_error}
    errors: dict[str, str] = {}
    if held_on > timezone.localdate():
        if plea:
            errors["plea"] = _not_yet_held("the plea", held_on)
        if what_happened.strip():
            errors["what_happened"] = _not_yet_held("what happened", held_on)
    return errors


def _ptph_held(suspect: Suspect) -> None:
    """The PTPH reminder is needed until a PTPH has been held."""
    prosecution = Prosecution.objects.filter(suspect=suspect).first()
    if prosecution is not None:
        cancel_reminders(key_prefix=f"ptph:{prosecution.pk}:")


@transaction.atomic
def record_hearing_held(*, actor: User, hearing: Hearing, what_happened: str, plea: str = "") -> Hearing:
    """A hearing listed ahead, now held: what happened, and the plea entered at it if any. Held, a PTPH or a trial
    hearing moves the suspect's status as ``record_hearing`` does."""
    suspect = hearing.suspect
    _require_prosecutor(actor, suspect.case)
    hearing = Hearing.objects.select_for_update().get(pk=hearing.pk)
    if hearing.held_on > timezone.localdate():
        raise ValidationError(_not_yet_held("what happened", hearing.held_on))
    if hearing.what_happened.strip() or Plea.objects.filter(hearing=hearing).exists():
        raise ValidationError("What happened at this hearing is already recorded.")
    errors: dict[str, str] = {}
    if not what_happened.strip():
        errors["what_happened"] = "Enter what happened at the hearing."
    elif len(what_happened) > LONG_TEXT:
        errors["what_happened"] = too_long(LONG_TEXT)
    if plea not in ("", *dict(PLEAS)):
        errors["plea"] = "Select the plea."
    if errors:
        raise ValidationError(errors)
    _move_if_allowed(actor, suspect, HELD_HEARING_EVENTS.get(HearingKind(hearing.kind)))
    hearing.what_happened = what_happened
    hearing.save(update_fields=["what_happened"])
    if hearing.kind == HearingKind.PTPH:
        _ptph_held(suspect)
    if plea:
        Plea.objects.create(hearing=hearing, plea=plea)
    record_event(
        actor=actor,
        suspect=suspect,
        verb=Verb.HEARING_HELD,
        stage=Stage.COURT,
        payload={
            "hearing_kind": hearing.kind,
            "suspect": suspect.label,
            "court": hearing.court_name,
            "held_on": hearing.held_on,
            "plea": plea,
        },
    )
    if plea == "not_guilty":
        not_guilty_plea_entered.send(sender=Hearing, hearing=hearing, actor=actor)
    return hearing


@transaction.atomic
def record_outcome(
    *, actor: User, suspect: Suspect, result: str, completed_on: date, hearing: Hearing | None = None
) -> Prosecution:
    """The case outcome for the suspect, which moves the status (convicted, acquitted, discontinued, left on file); a
    guilty plea, discontinuance or no evidence offered names the hearing, held, at which it happened. The outcome
    comes no earlier than that hearing, nor, after a trial, than the trial that was effective."""
    case = suspect.case
    _require_prosecutor(actor, case)
    if result not in Result.values:
        raise ValidationError({"result": "Select the outcome."})
    event = OUTCOME_EVENTS[Result(result)]
    _require_move(actor, suspect, event)
    prosecution = Prosecution.objects.filter(suspect=suspect).first()
    if prosecution is None:
        raise ValidationError(f"Record that {suspect.label} was sent to the Crown Court first.")
    if prosecution.result:
        raise ValidationError(f"The outcome for {suspect.label} is already recorded.")
    if result in RESULTS_AT_A_HEARING and hearing is None:
        raise ValidationError({"hearing": "Select the hearing at which this happened."})
    if hearing is not None and hearing.suspect_id != suspect.pk:
        raise ValidationError({"hearing": "Select one of this suspect's hearings."})
    if hearing is not None and hearing.held_on > timezone.localdate():
        raise ValidationError({"hearing": f"Select a hearing that has been held: this one is listed for "
                                          f"{hearing.held_on:%-d %B %Y}."})  # fmt: skip
    check_date("completed_on", completed_on, not_before=prosecution.sent_on, before_what="sending")
    if hearing is not None:
        check_date("completed_on", completed_on, not_before=hearing.held_on, before_what="the hearing")
    if result in RESULTS_AFTER_TRIAL:
        trial = Trial.objects.filter(suspect=suspect, outcome=TrialOutcome.EFFECTIVE).order_by("-listed_for").first()
        if trial is not None:
            check_date("completed_on", completed_on, not_before=trial.listed_for, before_what="the trial")
    move(actor=actor, suspect=suspect, event=event)
    prosecution.result = result
    prosecution.result_hearing = hearing
    prosecution.completed_on = completed_on
    prosecution.save(update_fields=["result", "result_hearing", "completed_on"])
    cancel_reminders(key_prefix=f"ctl:{prosecution.pk}:")
    record_event(
        actor=actor,
        suspect=suspect,
        verb=Verb.CASE_OUTCOME,
        stage=Stage.COURT,
        payload={"suspect": suspect.label, "result": result},
    )
    return prosecution


@transaction.atomic
def record_sentence(*, actor: User, suspect: Suspect, sentence: str, sentenced_on: date) -> Prosecution:
    """The sentence passed on a convicted suspect, on or after the conviction and not in the future: the end of the
    prosecution."""
    _require_prosecutor(actor, suspect.case)
    _require_move(actor, suspect, Event.SENTENCE)
    prosecution = Prosecution.objects.get(suspect=suspect)
    sentence = sentence.strip()
    require_text(sentence=sentence)
    if len(sentence) > SENTENCE_MAX_LENGTH:
        raise ValidationError({"sentence": SENTENCE_TOO_LONG})
    check_date("sentenced_on", sentenced_on, not_before=prosecution.completed_on, before_what="the conviction")
    move(actor=actor, suspect=suspect, event=Event.SENTENCE)
    prosecution.sentence = sentence
    prosecution.sentenced_on = sentenced_on
    prosecution.save(update_fields=["sentence", "sentenced_on"])
    record_event(
        actor=actor,
        suspect=suspect,
        verb=Verb.SENTENCED,
        stage=Stage.COURT,
        payload={"suspect": suspect.label, "sentenced_on": sentenced_on, "sentence": sentence},
    )
    return prosecution


def _readiness_gap_reminder(trial: Trial, actor: User) -> None:
    case = trial.suspect.case
    remind_prosecutors(
        case,
        actor=actor,
        key=f"readiness:{trial.pk}",
        on=max(readiness_warning_on(trial.listed_for), timezone.localdate()),
        message=f"the trial of {trial.suspect.label} on {trial.listed_for:%-d %B %Y} has readiness gaps",
    )


@transaction.atomic
def list_trial(*, actor: User, suspect: Suspect, listed_for: date, relisted_from: Trial | None = None) -> Trial:
    """A trial listed, usually ahead (not before sending), with the readiness checklist in use today."""
    case = suspect.case
    _require_prosecutor(actor, case)
    prosecution = Prosecution.objects.filter(suspect=suspect).first()
    if prosecution is None:
        raise ValidationError(f"Record that {suspect.label} was sent to the Crown Court first.")
    if date_error := _listing_error(listed_for, not_before=prosecution.sent_on, before_what="sending"):
        raise ValidationError({"listed_for": date_error})
    trial = Trial.objects.create(suspect=suspect, listed_for=listed_for, relisted_from=relisted_from)
    ReadinessCheck.objects.bulk_create(
        ReadinessCheck(trial=trial, item=item) for item in ReadinessItem.objects.in_use(timezone.localdate())
    )
    _readiness_gap_reminder(trial, actor)
    record_event(
        actor=actor,
        suspect=suspect,
        verb=Verb.TRIAL_LISTED,
        stage=Stage.COURT,
        payload={"suspect": suspect.label, "listed_for": listed_for},
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
    """Effective, which puts the trial under way; cracked (not relisted: a late plea, no evidence offered); or
    ineffective, which is relisted for a later date. Recorded once the date it is listed for has come."""
    suspect = trial.suspect
    _require_prosecutor(actor, suspect.case)
    if trial.outcome:
        raise ValidationError("This trial's outcome is already recorded.")
    if trial.listed_for > timezone.localdate():
        listed = f"{trial.listed_for:%-d %B %Y}"
        raise ValidationError(
            {"outcome": f"You can record what happened at the trial from {listed}, the date it is listed for."}
        )
    if outcome not in TrialOutcome.values:
        raise ValidationError({"outcome": "Select what happened."})
    if outcome != TrialOutcome.EFFECTIVE:
        require_text(reason=reason)
    check_lengths(reason=reason)
    if outcome == TrialOutcome.INEFFECTIVE:
        if relisted_for is None:
            raise ValidationError({"relisted_for": "Enter the date the trial is relisted for."})
        after = trial.listed_for + timedelta(days=1)
        if date_error := _listing_error(relisted_for, not_before=after, before_what="the day after this trial"):
            raise ValidationError({"relisted_for": date_error})
    if outcome == TrialOutcome.EFFECTIVE:
        _move_if_allowed(actor, suspect, Event.BEGIN_TRIAL)
    trial.outcome = outcome
    trial.reason = reason
    trial.save(update_fields=["outcome", "reason"])
    cancel_reminders(key_prefix=f"readiness:{trial.pk}:")
    record_event(
        actor=actor,
        suspect=suspect,
        verb=Verb.TRIAL_OUTCOME,
        stage=Stage.COURT,
        payload={"suspect": suspect.label, "trial_outcome": outcome},
    )
    if outcome == TrialOutcome.INEFFECTIVE and relisted_for is not None:
        list_trial(actor=actor, suspect=suspect, listed_for=relisted_for, relisted_from=trial)
    return trial


@transaction.atomic
def set_judge_direction(*, actor: User, case: Case, direction: str, set_on: date, due_on: date) -> JudgeDirection:
    _require_prosecutor(actor, case)
    require_text(direction=direction)
    check_lengths(limit=DIRECTION_MAX_LENGTH, direction=direction)
    check_date("set_on", set_on)
    if due_on < set_on:
        raise ValidationError({"due_on": "The due date must be on or after the day the direction was made."})
    record = JudgeDirection.objects.create(
        case=case, direction=direction, set_on=set_on, due_on=due_on, recorded_by=actor
    )
    remind_prosecutors(
        case,
        actor=actor,
        key=f"direction:{record.pk}",
        on=due_on,
        message="a judge's direction is due today",
    )
    record_event(
        actor=actor,
        case=case,
        verb=Verb.DIRECTION_SET,
        stage=Stage.COURT,
        payload={"direction": record.direction},
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
    record_event(
        actor=actor,
        case=direction.case,
        verb=Verb.DIRECTION_COMPLIED,
        stage=Stage.COURT,
        payload={"direction": direction.direction, "late": not direction.on_time},
    )
    return direction
