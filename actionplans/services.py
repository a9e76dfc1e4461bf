"""Every write to action plans: setting one, answering and withdrawing actions, closing a plan, and the review
points that follow a plan until no action is outstanding. Pages and API call these and nothing else."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from accounts.models import User
from accounts.roles import ADMINISTRATORS, POLICE_ROLES, Doers
from actionplans.models import Action, ActionPlan, ActionStatus, ReviewLevel, ReviewPoint
from actionplans.transitions import ActionEvent, PlanEvent, action_doers, action_move, plan_move
from cases.limits import LONG_TEXT, check_lengths, too_long
from cases.models import Referral, Suspect
from cases.models.timeline import Stage, Verb
from cases.services.common import check_date, move, record_event, require_in_scope, require_text, require_the_file
from cases.services.precharge import give_early_advice
from cases.services.setting_changes import kept_with
from cases.transitions import CPS, Event
from deadlines import review_point_dates


@dataclass(frozen=True)
class PlannedAction:
    """One action as the prosecutor writes it."""

    request: str
    line_of_enquiry: str
    proportionality: str
    due_on: date
    owner: User | None = None


# What the police may write with an answer, bounded as the model stores it (forms and serializers read these).
EXHIBIT_REFERENCE_MAX_LENGTH: int = Action._meta.get_field("exhibit_reference").max_length or 100
EVIDENCE_DESCRIPTION_MAX_LENGTH: int = Action._meta.get_field("evidence_description").max_length or 500
EVIDENCE_HELD_AT_MAX_LENGTH: int = Action._meta.get_field("evidence_held_at").max_length or 200
# The most actions one plan may set: a plan is a proportionate list of enquiries, not a backlog.
MAX_ACTIONS = 50
TOO_MANY_ACTIONS = f"Add {MAX_ACTIONS} actions or fewer to a plan."

PLANNERS = Doers(CPS, "set, withdraw or close action plans")
ANSWERERS = action_doers(ActionEvent.ANSWER)


def _action_errors(n: int, action: PlannedAction, *, set_on: date, force_id: int) -> dict[str, str]:
    errors = {
        f"actions.{n}.{name}": "Enter this information."
        for name in ("request", "line_of_enquiry", "proportionality")
        if not getattr(action, name).strip()
    }
    errors |= {
        f"actions.{n}.{name}": too_long(LONG_TEXT)
        for name in ("request", "line_of_enquiry", "proportionality")
        if len(getattr(action, name)) > LONG_TEXT
    }
    if action.due_on < set_on:
        errors[f"actions.{n}.due_on"] = "The due date must be on or after the day the plan is set."
    if action.owner is not None and (
        action.owner.role not in POLICE_ROLES or action.owner.police_force_id != force_id
    ):
        errors[f"actions.{n}.owner"] = "The owner must be an officer of the case's police force."
    return errors


def schedule_review_points(plan: ActionPlan, levels: Sequence[ReviewLevel]) -> list[ReviewPoint]:
    """The plan's review point at each level (``deadlines.review_point_dates``)."""
    points = []
    for level in levels:
        due_on, raise_on = review_point_dates(plan.set_on, days=level.days)
        points.append(ReviewPoint(plan=plan, level=level, due_on=due_on, raise_on=raise_on))
    return points


@transaction.atomic
def give_early_advice_with_plan(
    *,
    actor: User,
    referral: Referral,
    answered_on: date,
    advice: str,
    reasonable_lines_of_enquiry: str = "",
    actions: Sequence[PlannedAction],
) -> ActionPlan:
    """Early advice that sets out what the police must do: the advice and its plan, given in one step."""
    give_early_advice(
        actor=actor,
        referral=referral,
        answered_on=answered_on,
        advice=advice,
        reasonable_lines_of_enquiry=reasonable_lines_of_enquiry,
    )
    return set_action_plan(actor=actor, referral=referral, set_on=answered_on, actions=actions)


@transaction.atomic
def set_action_plan(*, actor: User, referral: Referral, set_on: date, actions: Sequence[PlannedAction]) -> ActionPlan:
    suspect = referral.suspect
    case = suspect.case
    require_in_scope(actor, case)
    PLANNERS.require(actor.role)
    require_the_file(
        referral, rule="An action plan answers the suspect's open referral or follows its most recent one"
    )
    check_date("set_on", set_on, not_before=referral.received_on, before_what="the referral")
    if not actions:
        raise ValidationError({"actions": "Add at least one action."})
    if len(actions) > MAX_ACTIONS:
        raise ValidationError({"actions": TOO_MANY_ACTIONS})
    errors: dict[str, Any] = {}
    for n, action in enumerate(actions):
        errors |= _action_errors(n, action, set_on=set_on, force_id=case.police_force_id)
    if errors:
        raise ValidationError(errors)
    move(actor=actor, suspect=suspect, event=Event.SET_ACTION_PLAN)
    plan = ActionPlan.objects.create(
        suspect=suspect,
        referral=referral,
        label=f"Plan {suspect.action_plans.count() + 1}",
        set_on=set_on,
        set_by=actor,
    )
    Action.objects.bulk_create(
        Action(
            plan=plan,
            number=n,
            request=a.request,
            line_of_enquiry=a.line_of_enquiry,
            proportionality=a.proportionality,
            due_on=a.due_on,
            owner=a.owner or case.officer_in_charge,
        )
        for n, a in enumerate(actions, start=1)
    )
    ReviewPoint.objects.bulk_create(schedule_review_points(plan, list(ReviewLevel.objects.all())))
    record_event(
        actor=actor,
        suspect=suspect,
        verb=Verb.ACTION_PLAN_SET,
        stage=Stage.ACTION_PLAN,
        payload={"plan": plan.label, "suspect": suspect.label, "count": len(actions)},
    )
    return plan


def _stop_reviews(plan: ActionPlan) -> None:
    now = timezone.now()
    points = list(ReviewPoint.objects.filter(plan=plan, raised_at__isnull=True, cancelled_at__isnull=True))
    for point in points:
        point.cancelled_at = now
    bulk_update_with_history(points, ReviewPoint, ["cancelled_at"])


# The suspect's move when a plan closes: by the police's answers, or by the prosecutor.
SUSPECT_EVENT = {PlanEvent.ANSWER: Event.ANSWER_ACTION_PLAN, PlanEvent.CLOSE: Event.CLOSE_ACTION_PLAN}


def _finish(plan: ActionPlan, *, actor: User, on: date, event: PlanEvent, reason: str = "") -> None:
    """Close the plan, stop its reviews and send the suspect back to where the file rests."""
    status = plan_move(plan, event, role=actor.role)
    move(actor=actor, suspect=plan.suspect, event=SUSPECT_EVENT[event])
    plan.status = status
    plan.closed_on = max(on, plan.set_on)
    plan.closing_reason = reason
    plan.save(update_fields=["status", "closed_on", "closing_reason"])
    _stop_reviews(plan)
    record_event(
        actor=actor,
        suspect=plan.suspect,
        verb=Verb(f"action_plan_{status}"),
        stage=Stage.ACTION_PLAN,
        payload={"plan": plan.label, "suspect": plan.suspect.label},
    )


def _finish_if_nothing_outstanding(plan: ActionPlan, *, actor: User, on: date) -> None:
    statuses = set(plan.actions.values_list("status", flat=True))
    if ActionStatus.OUTSTANDING not in statuses:
        answered = ActionStatus.ANSWERED in statuses
        _finish(plan, actor=actor, on=on, event=PlanEvent.ANSWER if answered else PlanEvent.CLOSE)


def _locked(action: Action, *, actor: User) -> Action:
    """The action, locked with its plan so that two answers at once cannot both miss closing the plan; only in the
    actor's scope."""
    ActionPlan.objects.select_for_update().get(pk=action.plan_id)
    action = (
        Action.objects.select_for_update().select_related("plan__suspect__case", "plan__referral").get(pk=action.pk)
    )
    require_in_scope(actor, action.plan.suspect.case)
    return action


def _settle(action: Action, event: ActionEvent, *, actor: User, date_field: str, on: date) -> None:
    """An action is answered or withdrawn once, while its plan is open, on or after the day the plan was set."""
    action.status = action_move(action, event, role=actor.role)
    check_date(date_field, on, not_before=action.plan.set_on, before_what="the day the plan was set")


def _settled(action: Action, *, actor: User, verb: Verb, on: date, late: bool = False) -> Action:
    """Record the settled action on the timeline, with how many of its plan's actions are still outstanding (an
    answer is a hand-over: ``cases.handovers`` tells the prosecutor, the last answer saying the plan is answered);
    the last one to be settled closes the plan."""
    plan = action.plan
    outstanding = plan.actions.filter(status=ActionStatus.OUTSTANDING).count()
    record_event(
        actor=actor,
        suspect=plan.suspect,
        verb=verb,
        stage=Stage.ACTION_PLAN,
        payload={
            "number": action.number,
            "plan": plan.label,
            "suspect": plan.suspect.label,
            "late": late,
            "outstanding": outstanding,
        },
    )
    _finish_if_nothing_outstanding(plan, actor=actor, on=on)
    return action


@transaction.atomic
def answer_action(
    *,
    actor: User,
    action: Action,
    answered_on: date,
    response: str,
    exhibit_reference: str = "",
    evidence_description: str = "",
    evidence_held_at: str = "",
) -> Action:
    """The police's answer to one action; the last answer answers the plan and stops its escalation."""
    action = _locked(action, actor=actor)
    _settle(action, ActionEvent.ANSWER, actor=actor, date_field="answered_on", on=answered_on)
    require_text(response=response)
    check_lengths(response=response)
    check_lengths(limit=EXHIBIT_REFERENCE_MAX_LENGTH, exhibit_reference=exhibit_reference)
    check_lengths(limit=EVIDENCE_DESCRIPTION_MAX_LENGTH, evidence_description=evidence_description)
    check_lengths(limit=EVIDENCE_HELD_AT_MAX_LENGTH, evidence_held_at=evidence_held_at)
    action.response = response
    action.answered_on = answered_on
    action.answered_by = actor
    action.exhibit_reference = exhibit_reference
    action.evidence_description = evidence_description
    action.evidence_held_at = evidence_held_at
    action.save()
    return _settled(action, actor=actor, verb=Verb.ACTION_ANSWERED, on=answered_on, late=answered_on > action.due_on)


@transaction.atomic
def withdraw_action(*, actor: User, action: Action, withdrawn_on: date, reason: str) -> Action:
    """The prosecutor no longer needs an action; withdrawing the last outstanding one closes the plan."""
    action = _locked(action, actor=actor)
    _settle(action, ActionEvent.WITHDRAW, actor=actor, date_field="withdrawn_on", on=withdrawn_on)
    require_text(reason=reason)
    check_lengths(reason=reason)
    action.withdrawn_on = withdrawn_on
    action.withdrawn_reason = reason
    action.save(update_fields=["status", "withdrawn_on", "withdrawn_reason"])
    return _settled(action, actor=actor, verb=Verb.ACTION_WITHDRAWN, on=withdrawn_on)


@transaction.atomic
def close_plan(*, actor: User, plan: ActionPlan, closed_on: date, reason: str) -> ActionPlan:
    """The prosecutor closes a plan before every action is answered: what is outstanding is withdrawn."""
    plan = ActionPlan.objects.select_for_update().select_related("suspect__case", "referral").get(pk=plan.pk)
    require_in_scope(actor, plan.suspect.case)
    plan_move(plan, PlanEvent.CLOSE, role=actor.role)
    check_date("closed_on", closed_on, not_before=plan.set_on, before_what="the day the plan was set")
    require_text(reason=reason)
    check_lengths(reason=reason)
    actions = list(plan.actions.filter(status=ActionStatus.OUTSTANDING))
    for action in actions:
        action.status, action.withdrawn_on, action.withdrawn_reason = ActionStatus.WITHDRAWN, closed_on, reason
    bulk_update_with_history(actions, Action, ["status", "withdrawn_on", "withdrawn_reason"], default_user=actor)
    _finish(plan, actor=actor, on=closed_on, event=PlanEvent.CLOSE, reason=reason)
    return plan


def close_plans_of_file(*, suspect: Suspect, actor: User, closed_on: date, prfi: bool, reason: str) -> None:
    """A decision, PRFI or police NFA closes the suspect's open plans and stops their escalation (the suspect's
    status has already moved with it)."""
    event = PlanEvent.CLOSE_AS_PRFI if prfi else PlanEvent.CLOSE_WITH_THE_FILE
    for plan in ActionPlan.objects.open().filter(suspect=suspect):
        plan.status = plan_move(plan, event, role=actor.role)
        plan.closed_on = max(closed_on, plan.set_on)
        plan.closing_reason = reason
        plan.save(update_fields=["status", "closed_on", "closing_reason"])
        _stop_reviews(plan)


@transaction.atomic
def apply_ladder_change(level: ReviewLevel) -> int:
    """After an administrator adds a level or changes its days, open plans' review points follow the ladder.
    Returns how many open plans were rescheduled. Who is told is read when a point is raised, so it needs nothing."""
    already_raised = ReviewPoint.objects.filter(level=level, raised_at__isnull=False).values("plan_id")
    plans = list(ActionPlan.objects.open().exclude(pk__in=already_raised))
    ReviewPoint.objects.filter(plan__in=plans, level=level).delete()
    ReviewPoint.objects.bulk_create(point for plan in plans for point in schedule_review_points(plan, [level]))
    return len(plans)


@transaction.atomic
def save_review_level(level: ReviewLevel, *, by: User, reason: str) -> int:
    """Add a level or change one (its days and who is told), kept in the ladder's history with who and why; open
    plans follow a new level or new days. Returns how many open plans were rescheduled (0 if the days stayed)."""
    ADMINISTRATORS.require(by.role)
    kept_with(level, by=by, reason=reason)
    level.full_clean()
    before = ReviewLevel.objects.filter(pk=level.pk).values_list("days", flat=True).first()
    level.save()
    return apply_ladder_change(level) if before != level.days else 0


@transaction.atomic
def remove_review_level(level: ReviewLevel, *, by: User, reason: str) -> int:
    """Take a level off the ladder: the plans waiting for it are no longer reviewed at it. A level some plan has
    already reached stays, as their history refers to it; it can be told to tell nobody instead. Returns how many
    open plans were waiting for it."""
    ADMINISTRATORS.require(by.role)
    kept_with(level, by=by, reason=reason)
    reached = level.review_points.filter(raised_at__isnull=False).count()
    if reached:
        raise ValidationError(
            f"{reached} action plans have already reached the {level}, so it stays in their history. "
            "To stop it telling anyone, change who it tells instead."
        )
    waiting = level.review_points.filter(cancelled_at__isnull=True, plan__in=ActionPlan.objects.open()).count()
    for point in level.review_points.all():
        kept_with(point, by=by, reason=f"The {level} was removed from the ladder")
        point.delete()
    level.delete()
    return waiting
