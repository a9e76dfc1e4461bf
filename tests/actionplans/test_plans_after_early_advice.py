"""The journey as RASSO casework runs before charge: early advice given with a plan, more plans after it while the
suspect is with the police, the police's answers back to the prosecutor, PRFI of the file that waits on the police,
and a referral after PRFI counted as received on its own date."""

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from actionplans.models import ActionPlan, PlanStatus, ReviewPoint
from actionplans.queries import proportionality_queue
from actionplans.services import answer_action, give_early_advice_with_plan, set_action_plan
from cases.models import Case, Referral, Suspect
from cases.services.precharge import (
    give_early_advice,
    prfi_referral,
    record_police_nfa,
    refer_for_charging_decision,
    request_early_advice,
)
from cases.transitions import SuspectStatus, TransitionNotAllowed
from reminders.models import Notification
from tests.clients import date_fields, post_json
from tests.factories import full_code_decision, make_case, planned_actions

pytestmark = pytest.mark.django_db


def _asked() -> date:
    return timezone.localdate() - timedelta(days=60)


def _advised() -> date:
    return _asked() + timedelta(days=10)


@pytest.fixture
def suspect(officer: User) -> Suspect:
    return make_case(officer_in_charge=officer, reported_on=timezone.localdate() - timedelta(days=100)).suspects.get()


def _status(suspect: Suspect) -> str:
    return Suspect.objects.get(pk=suspect.pk).status


def _advised_with_plan(officer: User, prosecutor: User, suspect: Suspect, *, actions: int = 1) -> ActionPlan:
    request = request_early_advice(actor=officer, suspect=suspect, requested_on=_asked(), questions="Lines?")
    return give_early_advice_with_plan(
        actor=prosecutor,
        referral=request,
        answered_on=_advised(),
        advice="Obtain the phone download and the CCTV first",
        actions=planned_actions(actions, due_on=timezone.localdate()),
    )


def test_early_advice_given_with_a_plan_in_one_step(officer: User, prosecutor: User, suspect: Suspect) -> None:
    plan = _advised_with_plan(officer, prosecutor, suspect, actions=2)
    referral = Referral.objects.get(suspect=suspect)
    assert (referral.closed_on, referral.advice) == (_advised(), "Obtain the phone download and the CCTV first")
    assert (plan.label, plan.set_on, plan.referral_id, plan.status) == ("Plan 1", _advised(), referral.pk, "open")
    assert _status(suspect) == SuspectStatus.ACTION_PLAN
    # The 28/56/90 ladder applies to a plan after early advice as to any other.
    assert list(ReviewPoint.objects.filter(plan=plan).values_list("due_on", flat=True)) == [
        _advised() + timedelta(days=days) for days in (28, 56, 90)
    ]
    verbs = list(suspect.case.timeline.order_by("id").values_list("verb", flat=True))
    assert verbs[-2:] == ["early_advice_given", "action_plan_set"]


def test_a_bad_plan_loses_the_advice_too(officer: User, prosecutor: User, suspect: Suspect) -> None:
    request = request_early_advice(actor=officer, suspect=suspect, requested_on=_asked(), questions="Lines?")
    with pytest.raises(ValidationError) as refused:
        give_early_advice_with_plan(
            actor=prosecutor,
            referral=request,
            answered_on=_advised(),
            advice="Advice",
            actions=planned_actions(1, due_on=_advised() - timedelta(days=1)),
        )
    assert "actions.0.due_on" in refused.value.message_dict
    request.refresh_from_db()
    assert request.closed_on is None
    assert _status(suspect) == SuspectStatus.EARLY_ADVICE_REQUESTED


def test_answers_go_back_to_the_prosecutor_and_further_plans_follow(
    officer: User, prosecutor: User, suspect: Suspect
) -> None:
    Case.objects.filter(pk=suspect.case_id).update(allocated_prosecutor=prosecutor)  # the answers go to them
    plan = _advised_with_plan(officer, prosecutor, suspect, actions=2)
    first, second = plan.actions.order_by("number")
    answer_action(actor=officer, action=first, answered_on=_advised() + timedelta(days=5), response="Phone downloaded")
    urn = suspect.case.urn
    answers = Notification.objects.filter(recipient=prosecutor, message__contains="the police answered")
    assert list(answers.values_list("message", flat=True)) == [
        f"Case {urn}: the police answered action 1 of Plan 1 for Suspect 1; 1 action outstanding"
    ]
    answer_action(actor=officer, action=second, answered_on=_advised() + timedelta(days=6), response="CCTV seized")
    assert Notification.objects.filter(recipient=prosecutor).latest("id").message == (
        f"Case {urn}: the police answered action 2 of Plan 1 for Suspect 1; every action is now answered"
    )
    # Answered, the file rests with the police after the advice; the prosecutor sets the next plan on it.
    assert _status(suspect) == SuspectStatus.EARLY_ADVICE_GIVEN
    advice = Referral.objects.get(suspect=suspect)
    later = set_action_plan(
        actor=prosecutor,
        referral=advice,
        set_on=_advised() + timedelta(days=7),
        actions=planned_actions(1, due_on=timezone.localdate()),
    )
    assert (later.label, _status(suspect)) == ("Plan 2", SuspectStatus.ACTION_PLAN)
    # A third plan while the second is still outstanding.
    set_action_plan(
        actor=prosecutor,
        referral=advice,
        set_on=_advised() + timedelta(days=8),
        actions=planned_actions(1, due_on=timezone.localdate()),
    )
    assert suspect.action_plans.filter(status=PlanStatus.OPEN).count() == 2


def test_the_police_refer_for_a_charging_decision_with_plans_outstanding(
    officer: User, prosecutor: User, suspect: Suspect
) -> None:
    plan = _advised_with_plan(officer, prosecutor, suspect)
    referral = refer_for_charging_decision(actor=officer, suspect=suspect, received_on=_advised() + timedelta(days=20))
    assert _status(suspect) == SuspectStatus.ACTION_PLAN
    full_code_decision(prosecutor=prosecutor, referral=referral, outcome="charge", decided_on=timezone.localdate())
    plan.refresh_from_db()
    assert (plan.status, plan.closing_reason) == (PlanStatus.WITHDRAWN, "Closed by the charging decision")
    assert _status(suspect) == SuspectStatus.CHARGED


def test_three_plans_after_early_advice_put_the_suspect_in_the_proportionality_queue(
    officer: User, prosecutor: User, suspect: Suspect, user_of: Callable[..., User]
) -> None:
    _advised_with_plan(officer, prosecutor, suspect)
    advice = Referral.objects.get(suspect=suspect)
    for day in (1, 2):
        set_action_plan(
            actor=prosecutor,
            referral=advice,
            set_on=_advised() + timedelta(days=day),
            actions=planned_actions(1, due_on=timezone.localdate()),
        )
    unit_head = user_of(Role.UNIT_HEAD, cps_area="Yorkshire and Humberside")
    assert list(proportionality_queue(unit_head)) == [suspect]


def test_prfi_closes_the_file_that_waits_on_the_police(officer: User, prosecutor: User, suspect: Suspect) -> None:
    plan = _advised_with_plan(officer, prosecutor, suspect)
    advice = Referral.objects.get(suspect=suspect)
    prfi = prfi_referral(
        actor=prosecutor, referral=advice, prfi_on=timezone.localdate(), reason="No response to the plan"
    )
    assert (prfi.referral_id, _status(suspect)) == (advice.pk, SuspectStatus.PRFI)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PRFI
    advice.refresh_from_db()
    assert advice.closed_on == _advised()  # closed when the advice was given, not moved by the PRFI


def test_prfi_names_the_current_file_when_given_an_older_one(
    officer: User, prosecutor: User, suspect: Suspect
) -> None:
    _advised_with_plan(officer, prosecutor, suspect)
    old = Referral.objects.get(suspect=suspect)
    refer_for_charging_decision(actor=officer, suspect=suspect, received_on=_advised() + timedelta(days=20))
    with pytest.raises(ValidationError, match="PRFI closes the suspect's current file: the charging decision"):
        prfi_referral(actor=prosecutor, referral=old, prfi_on=timezone.localdate(), reason="x")


def test_a_referral_after_prfi_is_received_on_its_own_date(officer: User, prosecutor: User, suspect: Suspect) -> None:
    first = refer_for_charging_decision(actor=officer, suspect=suspect, received_on=_asked())
    prfi = prfi_referral(actor=prosecutor, referral=first, prfi_on=_asked() + timedelta(days=30), reason="Await CCTV")
    again_on = _asked() + timedelta(days=50)
    again = refer_for_charging_decision(actor=officer, suspect=suspect, received_on=again_on)
    assert again.pk != first.pk
    assert (again.received_on, again.due_on) == (again_on, again_on + timedelta(days=28))
    prfi.refresh_from_db()
    assert (prfi.reopened_on, prfi.reopened_as_id) == (again_on, again.pk)
    assert suspect.referrals.count() == 2
    assert _status(suspect) == SuspectStatus.REFERRED


def test_a_plan_needs_a_file_to_follow(officer: User, prosecutor: User, suspect: Suspect) -> None:
    first = refer_for_charging_decision(actor=officer, suspect=suspect, received_on=_asked())
    prfi_referral(actor=prosecutor, referral=first, prfi_on=_asked() + timedelta(days=1), reason="Await CCTV")
    with pytest.raises(TransitionNotAllowed, match="follows early advice already given"):
        set_action_plan(
            actor=prosecutor,
            referral=first,
            set_on=timezone.localdate(),
            actions=planned_actions(1, due_on=timezone.localdate()),
        )


def test_police_nfa_after_advice_closes_the_outstanding_plans(
    officer: User, prosecutor: User, suspect: Suspect
) -> None:
    plan = _advised_with_plan(officer, prosecutor, suspect)
    record_police_nfa(
        actor=officer, suspect=suspect, nfa_on=timezone.localdate(), reason="Complainant withdrew", outcome_code="16"
    )
    plan.refresh_from_db()
    assert (plan.status, plan.closing_reason) == (PlanStatus.WITHDRAWN, "Closed by the police NFA")
    assert _status(suspect) == SuspectStatus.POLICE_NFA


def test_the_case_page_offers_what_the_file_allows(
    officer: User, prosecutor: User, suspect: Suspect, client_of: Callable[..., Client]
) -> None:
    _advised_with_plan(officer, prosecutor, suspect)
    case: Case = suspect.case
    cps = client_of(Role.PROSECUTOR, cps_area="Yorkshire and Humberside")
    page = cps.get(f"/cases/{case.pk}/").content.decode()
    advice = Referral.objects.get(suspect=suspect)
    assert f'href="/cases/{case.pk}/referrals/{advice.pk}/action-plan/">Set an action plan' in page
    assert f'href="/cases/{case.pk}/referrals/{advice.pk}/prfi/">Close as PRFI' in page
    assert "Give early advice" not in page
    police = client_of(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    page = police.get(f"/cases/{case.pk}/").content.decode()
    assert f'href="/cases/{case.pk}/suspects/{suspect.pk}/charging-referral/">Refer for a charging decision' in page
    assert "Close as PRFI" not in page


def _plan_posted(advice: str, due: date) -> dict[str, str]:
    return {
        "actions-TOTAL_FORMS": "1",
        "actions-INITIAL_FORMS": "0",
        **date_fields("answered_on", _advised()),
        "advice": advice,
        "reasonable_lines_of_enquiry": "Phone; CCTV",
        "actions-0-request": "Download the complainant's phone",
        "actions-0-line_of_enquiry": "Messages after the evening",
        "actions-0-proportionality": "Only the week after the evening",
        "actions-0-owner": "",
        **date_fields("actions-0-due_on", due),
    }


def test_the_page_gives_advice_with_its_plan_keeping_what_was_typed(
    officer: User, suspect: Suspect, client_of: Callable[..., Client]
) -> None:
    request = request_early_advice(actor=officer, suspect=suspect, requested_on=_asked(), questions="Lines?")
    cps = client_of(Role.PROSECUTOR, cps_area="Yorkshire and Humberside")
    url = reverse("actionplans:advise-with-plan", args=[suspect.case_id, request.pk])
    page = cps.get(url).content.decode()
    assert "Give early advice with an action plan for Suspect 1" in page
    refused = cps.post(url, _plan_posted("", timezone.localdate())).content.decode()
    assert '<a href="#id_advice">Enter advice</a>' in refused or "Enter this information" in refused
    assert "Download the complainant&#x27;s phone" in refused
    assert Referral.objects.get(pk=request.pk).closed_on is None
    done = cps.post(url, _plan_posted("Phone first", timezone.localdate()))
    assert done["Location"] == reverse("actionplans:case-plans", args=[suspect.case_id])
    assert (Referral.objects.get(pk=request.pk).advice, _status(suspect)) == ("Phone first", SuspectStatus.ACTION_PLAN)


def test_the_api_gives_advice_with_its_plan(officer: User, suspect: Suspect, client_of: Callable[..., Client]) -> None:
    request = request_early_advice(actor=officer, suspect=suspect, requested_on=_asked(), questions="Lines?")
    body = {
        "referral": request.pk,
        "answered_on": str(_advised()),
        "advice": "Phone first",
        "actions": [
            {
                "request": "Phone",
                "line_of_enquiry": "Messages",
                "proportionality": "One week",
                "due_on": str(timezone.localdate()),
            }
        ],
    }
    police = client_of(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    assert post_json(police, "/api/v1/action-plans/with-early-advice/", body).status_code == 403
    elsewhere = client_of(Role.PROSECUTOR, cps_area="North East")
    assert post_json(elsewhere, "/api/v1/action-plans/with-early-advice/", body).status_code == 400
    cps = client_of(Role.PROSECUTOR, cps_area="Yorkshire and Humberside")
    made = post_json(cps, "/api/v1/action-plans/with-early-advice/", body)
    assert made.status_code == 201, made.json()
    assert (made.json()["label"], made.json()["set_on"], len(made.json()["actions"])) == ("Plan 1", str(_advised()), 1)
    again = post_json(cps, "/api/v1/action-plans/with-early-advice/", body)
    assert again.status_code == 409
    assert "no open early advice referral" in again.json()["detail"]


def test_the_action_plans_tab_offers_a_plan_after_early_advice_as_the_case_page_does(
    officer: User, prosecutor: User, suspect: Suspect, client_of: Callable[..., Client]
) -> None:
    request = request_early_advice(actor=officer, suspect=suspect, requested_on=_asked(), questions="Lines?")
    give_early_advice(actor=prosecutor, referral=request, answered_on=_advised(), advice="Phone first")
    cps = client_of(Role.PROSECUTOR, cps_area="Yorkshire and Humberside")
    url = reverse("actionplans:case-plans", args=[suspect.case_id])
    tab = cps.get(url).content.decode()
    set_plan = reverse("actionplans:set-plan", args=[suspect.case_id, request.pk])
    assert f'href="{set_plan}">Set an action plan for Suspect 1</a>' in tab
    police = client_of(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    assert (
        "Set an action plan"
        not in police.get(reverse("actionplans:case-plans", args=[suspect.case_id])).content.decode()
    )
