"""Home-page queues: police see what waits on the CPS; prosecutors see the advice and referrals that are theirs due,
with days left, and the unit head the Area's."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from cases.models import Suspect
from cases.services.precharge import refer_for_charging_decision, request_early_advice
from tests.clients import signed_in
from tests.factories import make_case

pytestmark = pytest.mark.django_db


def test_queues_show_days_left_and_overdue_to_the_right_people(user_of: Callable[..., User]) -> None:
    officer = user_of(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    prosecutor = user_of(Role.PROSECUTOR, cps_area="Yorkshire and Humberside")
    advice_case, referral_case = (
        make_case(
            officer_in_charge=officer,
            allocated_prosecutor=prosecutor,
            reported_on=timezone.localdate() - timedelta(days=100),
        )
        for _ in range(2)
    )
    request_early_advice(
        actor=officer,
        suspect=Suspect.objects.get(case=advice_case),
        requested_on=timezone.localdate() - timedelta(days=16),
        questions="Q",
    )
    refer_for_charging_decision(
        actor=officer,
        suspect=Suspect.objects.get(case=referral_case),
        received_on=timezone.localdate() - timedelta(days=30),
    )

    police_home = signed_in(officer).get("/").content.decode()
    assert "Requests waiting for the CPS" in police_home
    assert advice_case.urn in police_home
    assert referral_case.urn in police_home

    response = signed_in(prosecutor).get("/")
    queues = dict(response.context["queues"])
    [advice] = queues["Early advice due"]
    [referral] = queues["Referrals due"]
    assert (advice.referral.suspect.case.urn, advice.days_remaining) == (advice_case.urn, 5)
    assert (referral.referral.suspect.case.urn, referral.overdue_by) == (referral_case.urn, 2)
    assert "Overdue by 2 days" in response.content.decode()

    unit_head = user_of(Role.UNIT_HEAD, cps_area="Yorkshire and Humberside")
    head_queues = dict(signed_in(unit_head).get("/").context["queues"])
    assert [item.referral.suspect.case.urn for item in head_queues["Early advice due"]] == [advice_case.urn]
    for elsewhere in (
        user_of(Role.PROSECUTOR, cps_area="North East"),
        user_of(Role.PROSECUTOR, cps_area="Yorkshire and Humberside"),  # a colleague: not allocated
    ):
        assert dict(signed_in(elsewhere).get("/").context["queues"]) == {
            "Early advice due": [],
            "Referrals due": [],
            "Action plans with the police": [],
            "Charged: to be sent to the Crown Court": [],
            "Awaiting PTPH": [],
            "Awaiting trial": [],
            "Convicted: awaiting sentence": [],
        }
    colleague = user_of(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    assert dict(signed_in(colleague).get("/").context["queues"]) == {
        "Requests waiting for the CPS": [],
        "With you: action plans and early advice": [],
    }
