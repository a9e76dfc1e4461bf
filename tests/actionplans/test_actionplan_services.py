"""Action plans through their services: setting, answering, withdrawing and closing, and what each does to the
suspect's journey, the review points and the timeline."""

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from actionplans.models import Action, ActionPlan, ActionStatus, PlanStatus, ReviewPoint
from actionplans.services import (
    PlannedAction,
    answer_action,
    close_plan,
    set_action_plan,
    withdraw_action,
)
from cases.models import Case, Referral, Suspect
from cases.services.precharge import prfi_referral
from cases.transitions import SuspectStatus
from tests.factories import full_code_decision, make_case, planned_actions, referred_suspect

pytestmark = pytest.mark.django_db


def _set_on() -> date:
    return timezone.localdate() - timedelta(days=10)


@pytest.fixture
def case(officer: User) -> Case:
    return make_case(officer_in_charge=officer, reported_on=timezone.localdate() - timedelta(days=100))


def _referral(suspect: Suspect) -> Referral:
    return suspect.referrals.get(closed_on__isnull=True)


def _plan(case: Case, officer: User, prosecutor: User, *, actions: int = 2, early_advice: bool = False) -> ActionPlan:
    suspect = referred_suspect(
        case, officer=officer, received_on=_set_on() - timedelta(days=5), early_advice=early_advice
    )
    return set_action_plan(
        actor=prosecutor,
        referral=_referral(suspect),
        set_on=_set_on(),
        actions=planned_actions(actions, due_on=timezone.localdate()),
    )


def test_setting_a_plan_puts_the_suspect_with_the_police_and_schedules_the_ladder(
    case: Case, officer: User, prosecutor: User
) -> None:
    plan = _plan(case, officer, prosecutor, actions=3)

    assert plan.label == "Plan 1"
    assert Suspect.objects.get(case=case).status == SuspectStatus.ACTION_PLAN
    assert list(plan.actions.values_list("number", "owner", "status")) == [
        (n, officer.pk, ActionStatus.OUTSTANDING) for n in (1, 2, 3)
    ]
    assert list(ReviewPoint.objects.filter(plan=plan).values_list("level__days", "due_on")) == [
        (days, _set_on() + timedelta(days=days)) for days in (28, 56, 90)
    ]
    assert case.timeline.get(verb="action_plan_set").summary == "Plan 1 set for Suspect 1: 3 actions"


def test_a_plan_with_missing_or_impossible_parts_is_refused_with_each_field_named(
    case: Case, officer: User, prosecutor: User, user_of: Callable[..., User]
) -> None:
    suspect = referred_suspect(case, officer=officer, received_on=_set_on())
    kent_officer = user_of(Role.INVESTIGATOR, police_force="Kent Police")
    actions = [
        PlannedAction(request="", line_of_enquiry="Phone", proportionality="Needed", due_on=timezone.localdate()),
        PlannedAction(request="Phone", line_of_enquiry="x", proportionality="y", due_on=_set_on() - timedelta(days=1)),
        PlannedAction(
            request="CCTV", line_of_enquiry="x", proportionality="y", due_on=timezone.localdate(), owner=kent_officer
        ),
    ]
    with pytest.raises(ValidationError) as refused:
        set_action_plan(actor=prosecutor, referral=_referral(suspect), set_on=_set_on(), actions=actions)
    assert set(refused.value.message_dict) == {"actions.0.request", "actions.1.due_on", "actions.2.owner"}
    with pytest.raises(ValidationError, match="at least one action"):
        set_action_plan(actor=prosecutor, referral=_referral(suspect), set_on=_set_on(), actions=[])
    assert not ActionPlan.objects.exists()
    assert Suspect.objects.get(pk=suspect.pk).status == SuspectStatus.REFERRED


def test_only_the_cps_sets_a_plan(case: Case, officer: User) -> None:
    suspect = referred_suspect(case, officer=officer, received_on=_set_on())
    with pytest.raises(PermissionDenied):
        set_action_plan(
            actor=officer,
            referral=_referral(suspect),
            set_on=_set_on(),
            actions=planned_actions(1, due_on=timezone.localdate()),
        )


@pytest.mark.parametrize(
    ("early_advice", "back_to"),
    [(False, SuspectStatus.REFERRED), (True, SuspectStatus.EARLY_ADVICE_REQUESTED)],
)
def test_the_last_answer_answers_the_plan_and_stops_its_reviews(
    case: Case, officer: User, prosecutor: User, early_advice: bool, back_to: SuspectStatus
) -> None:
    plan = _plan(case, officer, prosecutor, early_advice=early_advice)
    first, second = plan.actions.all()
    answer_action(
        actor=officer,
        action=first,
        answered_on=timezone.localdate(),
        response="Download obtained",
        exhibit_reference="AB/1",
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.OPEN
    answer_action(actor=officer, action=second, answered_on=timezone.localdate(), response="Statement taken")

    plan.refresh_from_db()
    assert (plan.status, plan.closed_on) == (PlanStatus.ANSWERED, timezone.localdate())
    assert Suspect.objects.get(case=case).status == back_to
    assert not ReviewPoint.objects.filter(plan=plan, cancelled_at__isnull=True).exists()
    assert Action.objects.get(pk=first.pk).exhibit_reference == "AB/1"
    assert case.timeline.filter(verb="action_plan_answered").count() == 1


def test_the_cps_cannot_answer_for_the_police_nor_answer_twice(case: Case, officer: User, prosecutor: User) -> None:
    plan = _plan(case, officer, prosecutor, actions=1)
    action = plan.actions.get()
    with pytest.raises(PermissionDenied):
        answer_action(actor=prosecutor, action=action, answered_on=timezone.localdate(), response="x")
    with pytest.raises(ValidationError) as refused:
        answer_action(actor=officer, action=action, answered_on=_set_on() - timedelta(days=1), response="")
    assert set(refused.value.message_dict) == {"answered_on"}
    answer_action(actor=officer, action=action, answered_on=timezone.localdate(), response="Done")
    with pytest.raises(ValidationError, match="answered"):
        answer_action(actor=officer, action=action, answered_on=timezone.localdate(), response="Again")


def test_withdrawing_the_last_outstanding_action_closes_the_plan(case: Case, officer: User, prosecutor: User) -> None:
    plan = _plan(case, officer, prosecutor)
    first, second = plan.actions.all()
    answer_action(actor=officer, action=first, answered_on=timezone.localdate(), response="Done")
    with pytest.raises(PermissionDenied):
        withdraw_action(actor=officer, action=second, withdrawn_on=timezone.localdate(), reason="Not needed")
    with pytest.raises(ValidationError) as refused:
        withdraw_action(actor=prosecutor, action=second, withdrawn_on=timezone.localdate(), reason=" ")
    assert set(refused.value.message_dict) == {"reason"}
    withdraw_action(
        actor=prosecutor, action=second, withdrawn_on=timezone.localdate(), reason="Superseded by the download"
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ANSWERED
    assert Suspect.objects.get(case=case).status == SuspectStatus.REFERRED


def test_closing_a_plan_withdraws_what_is_outstanding(case: Case, officer: User, prosecutor: User) -> None:
    plan = _plan(case, officer, prosecutor)
    close_plan(actor=prosecutor, plan=plan, closed_on=timezone.localdate(), reason="Decision can be made now")
    plan.refresh_from_db()
    assert (plan.status, plan.closing_reason) == (PlanStatus.WITHDRAWN, "Decision can be made now")
    assert set(plan.actions.values_list("status", "withdrawn_reason")) == {
        (ActionStatus.WITHDRAWN, "Decision can be made now")
    }
    assert Suspect.objects.get(case=case).status == SuspectStatus.REFERRED
    with pytest.raises(ValidationError, match="withdrawn"):
        close_plan(actor=prosecutor, plan=plan, closed_on=timezone.localdate(), reason="Again")


def test_a_decision_or_prfi_on_the_referral_closes_its_open_plan(
    case: Case, officer: User, prosecutor: User, user_of: Callable[..., User]
) -> None:
    plan = _plan(case, officer, prosecutor)
    prfi_referral(
        actor=prosecutor, referral=plan.referral, prfi_on=timezone.localdate(), reason="No response after 90 days"
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PRFI
    assert not ReviewPoint.objects.filter(plan=plan, cancelled_at__isnull=True).exists()

    other = make_case(officer_in_charge=officer, reported_on=timezone.localdate() - timedelta(days=100))
    second = _plan(other, officer, prosecutor)
    full_code_decision(
        prosecutor=prosecutor, referral=second.referral, outcome="nfa_evidential", decided_on=timezone.localdate()
    )
    second.refresh_from_db()
    assert (second.status, second.closing_reason) == (PlanStatus.WITHDRAWN, "Closed by the charging decision")


def test_the_database_keeps_plan_labels_unique_for_a_suspect(case: Case, officer: User, prosecutor: User) -> None:
    plan = _plan(case, officer, prosecutor)
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionPlan.objects.create(
            suspect=plan.suspect, referral=plan.referral, label=plan.label, set_on=_set_on(), set_by=prosecutor
        )


def test_a_prosecutor_of_another_area_cannot_touch_the_plan(
    case: Case, officer: User, prosecutor: User, user_of: Callable[..., User]
) -> None:
    plan = _plan(case, officer, prosecutor)
    outsider = user_of(Role.PROSECUTOR, cps_area="North East")
    with pytest.raises(PermissionDenied):
        close_plan(actor=outsider, plan=plan, closed_on=timezone.localdate(), reason="x")
    assert ActionPlan.objects.get(pk=plan.pk).status == PlanStatus.OPEN
