"""The action-plan API: the same services and scoping as the pages; 400 field errors, 403 wrong role, 404 scope."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from actionplans.models import ActionPlan
from actionplans.services import MAX_ACTIONS, TOO_MANY_ACTIONS, set_action_plan
from cases.models import Referral, Suspect
from tests.clients import post_json, signed_in
from tests.factories import make_case, planned_actions, referred_suspect

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


def _action(request: str, due_in_days: int = 14) -> dict[str, str]:
    return {
        "request": request,
        "line_of_enquiry": "Corroboration",
        "proportionality": "Goes to consent",
        "due_on": str(timezone.localdate() + due_in_days * DAY),
    }


def _referral_id(officer: User) -> int:
    case = make_case(officer_in_charge=officer, reported_on=timezone.localdate() - 100 * DAY)
    referred_suspect(case, officer=officer, received_on=timezone.localdate() - 30 * DAY)
    return Suspect.objects.get(case=case).referrals.get().pk


def test_plan_answer_and_reviews_through_the_api(officer: User, prosecutor: User) -> None:
    referral = _referral_id(officer)
    cps, police = signed_in(prosecutor), signed_in(officer)
    plan = post_json(
        cps,
        "/api/v1/action-plans/",
        {
            "referral": referral,
            "set_on": str(timezone.localdate()),
            "actions": [_action("Phone download"), _action("CCTV")],
        },
    )
    assert plan.status_code == 201, plan.json()
    body = plan.json()
    assert (body["label"], body["status"], [a["request"] for a in body["actions"]]) == (
        "Plan 1",
        "open",
        ["Phone download", "CCTV"],
    )
    reviews = police.get(f"/api/v1/action-plan-reviews/?plan={body['id']}").json()["results"]
    assert [(r["days"], r["due_on"]) for r in reviews] == [
        (days, str(timezone.localdate() + days * DAY)) for days in (28, 56, 90)
    ]

    first, second = (a["id"] for a in body["actions"])
    assert (
        post_json(
            cps, f"/api/v1/actions/{first}/answer/", {"answered_on": str(timezone.localdate()), "response": "x"}
        ).status_code
        == 403
    )
    answered = post_json(
        police,
        f"/api/v1/actions/{first}/answer/",
        {"answered_on": str(timezone.localdate()), "response": "Downloaded"},
    )
    assert (answered.status_code, answered.json()["status"]) == (201, "answered")
    withdrawn = post_json(
        cps, f"/api/v1/actions/{second}/withdraw/", {"withdrawn_on": str(timezone.localdate()), "reason": "Not needed"}
    )
    assert withdrawn.status_code == 201
    assert police.get(f"/api/v1/action-plans/{body['id']}/").json()["status"] == "answered"
    reviews = police.get(f"/api/v1/action-plan-reviews/?plan={body['id']}").json()["results"]
    assert all(r["cancelled_at"] for r in reviews)


def test_bad_plans_are_400_with_the_field_named(officer: User, prosecutor: User) -> None:
    referral = _referral_id(officer)
    cps = signed_in(prosecutor)
    missing = post_json(
        cps, "/api/v1/action-plans/", {"referral": referral, "set_on": str(timezone.localdate()), "actions": []}
    )
    assert missing.status_code == 400
    assert "actions" in missing.json()
    blank = post_json(
        cps,
        "/api/v1/action-plans/",
        {"referral": referral, "set_on": str(timezone.localdate()), "actions": [_action("", -1)]},
    )
    assert blank.status_code == 400
    assert set(blank.json()) == {"actions.0.request", "actions.0.due_on"}
    wrong_type = post_json(cps, "/api/v1/action-plans/", {"referral": referral, "set_on": "soon", "actions": "all"})
    assert wrong_type.status_code == 400
    assert {"set_on", "actions"} <= set(wrong_type.json())


def test_plans_outside_scope_are_invisible(officer: User, prosecutor: User, user_of: Callable[..., User]) -> None:
    referral = _referral_id(officer)
    created = post_json(
        signed_in(prosecutor),
        "/api/v1/action-plans/",
        {"referral": referral, "set_on": str(timezone.localdate()), "actions": [_action("A")]},
    ).json()
    outsider = signed_in(user_of(Role.PROSECUTOR, cps_area="North East"))
    assert outsider.get("/api/v1/action-plans/").json()["count"] == 0
    assert outsider.get(f"/api/v1/action-plans/{created['id']}/").status_code == 404
    action_id = created["actions"][0]["id"]
    close = post_json(
        outsider,
        f"/api/v1/action-plans/{created['id']}/close/",
        {"closed_on": str(timezone.localdate()), "reason": "x"},
    )
    assert close.status_code == 404
    answer = post_json(
        outsider, f"/api/v1/actions/{action_id}/withdraw/", {"withdrawn_on": str(timezone.localdate()), "reason": "x"}
    )
    assert answer.status_code == 404
    # Someone else's referral cannot be named when setting a plan either.
    again = post_json(
        outsider, "/api/v1/action-plans/", {"referral": referral, "set_on": str(timezone.localdate()), "actions": []}
    )
    assert again.status_code == 400
    assert "referral" in again.json()
    assert outsider.get("/api/v1/proportionality-reviews/").json()["count"] == 0


def test_more_actions_than_a_plan_may_set_are_refused_by_api_and_service_in_the_same_words(
    officer: User, prosecutor: User
) -> None:
    referral = _referral_id(officer)
    too_many = [_action(f"Enquiry {n}") for n in range(MAX_ACTIONS + 1)]
    answer = post_json(
        signed_in(prosecutor),
        "/api/v1/action-plans/",
        {"referral": referral, "set_on": str(timezone.localdate()), "actions": too_many},
    )
    assert (answer.status_code, answer.json()) == (400, {"actions": [TOO_MANY_ACTIONS]})
    with pytest.raises(ValidationError) as refused:
        set_action_plan(
            actor=prosecutor,
            referral=Referral.objects.get(pk=referral),
            set_on=timezone.localdate(),
            actions=planned_actions(MAX_ACTIONS + 1, due_on=timezone.localdate() + 14 * DAY),
        )
    assert refused.value.message_dict == {"actions": [TOO_MANY_ACTIONS]}
    assert not ActionPlan.objects.exists()
    allowed = post_json(
        signed_in(prosecutor),
        "/api/v1/action-plans/",
        {"referral": referral, "set_on": str(timezone.localdate()), "actions": too_many[:MAX_ACTIONS]},
    )
    assert allowed.status_code == 201, allowed.json()
