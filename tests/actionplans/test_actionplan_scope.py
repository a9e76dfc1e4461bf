"""Every action-plan page under a case, taken from the URLconf, answers 404 to a user of another force or Area, and
the unit head's lists never show another Area's plans."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from actionplans.models import ActionPlan
from actionplans.services import set_action_plan
from actionplans.urls import urlpatterns
from cases.models import Suspect
from tests.clients import signed_in
from tests.factories import make_case, planned_actions, referred_suspect

pytestmark = pytest.mark.django_db

# An unnamed page would show as "None", which reverse() refuses.
CASE_PAGES = {str(p.name): list(p.pattern.converters) for p in urlpatterns if "pk" in p.pattern.converters}


def _plan_set_days_ago(days: int, user_of: Callable[..., User]) -> ActionPlan:
    officer = user_of(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    prosecutor = user_of(Role.PROSECUTOR, cps_area="Yorkshire and Humberside")
    case = make_case(officer_in_charge=officer, reported_on=timezone.localdate() - timedelta(days=days + 50))
    referred_suspect(case, officer=officer, received_on=timezone.localdate() - timedelta(days=days + 20))
    referral = Suspect.objects.get(case=case).referrals.get()
    set_on = timezone.localdate() - timedelta(days=days)
    return set_action_plan(
        actor=prosecutor, referral=referral, set_on=set_on, actions=planned_actions(1, due_on=timezone.localdate())
    )


def test_every_page_under_a_case_is_covered() -> None:
    assert set(CASE_PAGES) == {"case-plans", "set-plan", "advise-with-plan", "answer", "withdraw", "close"}


@pytest.mark.parametrize("name", sorted(CASE_PAGES))
@pytest.mark.parametrize(
    ("role", "organisation"),
    [
        (Role.INVESTIGATOR, {"police_force": "Kent Police"}),
        (Role.PROSECUTOR, {"cps_area": "North East"}),
        (Role.UNIT_HEAD, {"cps_area": "North East"}),
    ],
)
def test_action_plan_page_is_404_outside_scope(
    name: str, role: Role, organisation: dict[str, str], user_of: Callable[..., User]
) -> None:
    officer = user_of(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    prosecutor = user_of(Role.PROSECUTOR, cps_area="Yorkshire and Humberside")
    case = make_case(officer_in_charge=officer, reported_on=timezone.localdate() - timedelta(days=60))
    referred_suspect(case, officer=officer, received_on=timezone.localdate() - timedelta(days=30))
    referral = Suspect.objects.get(case=case).referrals.get()
    plan = set_action_plan(
        actor=prosecutor,
        referral=referral,
        set_on=timezone.localdate() - timedelta(days=20),
        actions=planned_actions(1, due_on=timezone.localdate()),
    )
    ids = {"pk": case.pk, "referral_pk": referral.pk, "action_pk": plan.actions.get().pk, "plan_pk": plan.pk}
    url = reverse(f"actionplans:{name}", kwargs={param: ids[param] for param in CASE_PAGES[name]})

    outsider = signed_in(user_of(role, **organisation))
    assert outsider.get(url).status_code == 404
    assert outsider.post(url, {}).status_code == 404


def test_unit_heads_see_only_their_areas_overdue_plans(user_of: Callable[..., User]) -> None:
    officer = user_of(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    prosecutor = user_of(Role.PROSECUTOR, cps_area="Yorkshire and Humberside")
    case = make_case(officer_in_charge=officer, reported_on=timezone.localdate() - timedelta(days=90))
    referred_suspect(case, officer=officer, received_on=timezone.localdate() - timedelta(days=60))
    referral = Suspect.objects.get(case=case).referrals.get()
    plan = set_action_plan(
        actor=prosecutor,
        referral=referral,
        set_on=timezone.localdate() - timedelta(days=40),
        actions=planned_actions(1, due_on=timezone.localdate()),
    )
    seen = {}
    for area in ("Yorkshire and Humberside", "North East"):
        head = signed_in(user_of(Role.UNIT_HEAD, cps_area=area))
        groups = head.get(reverse("actionplans:overdue")).context["groups"]
        seen[area] = [p.pk for group in groups for p in group.plans]
    assert seen == {"Yorkshire and Humberside": [plan.pk], "North East": []}
