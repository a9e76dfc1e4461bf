"""Referrals and action plans carry their case's police force and CPS Area, which the lists of a force's or an Area's
open referrals and plans read instead of joining every suspect and case: written alike by the pages' services and the
journey import, and never stale, because a case keeps the force and Area it was opened with."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from actionplans.models import ActionPlan
from cases.models import Case, Referral
from scorecards.journey_import import import_lines
from tests.clients import signed_in
from tests.scorecards.test_scorecard_measures import history
from tests.world import build_world

pytestmark = pytest.mark.django_db


def _organisations_of(records: list[Referral | ActionPlan]) -> set[tuple[str, str]]:
    return {(record.police_force.name, record.cps_area.name) for record in records}


def test_the_services_give_referrals_and_plans_their_cases_force_and_area() -> None:
    case = build_world().case
    referrals = list(Referral.objects.filter(suspect__case=case))
    plans = list(ActionPlan.objects.filter(suspect__case=case))
    assert referrals
    assert plans
    assert _organisations_of([*referrals, *plans]) == {("West Yorkshire Police", "Yorkshire and Humberside")}


def test_the_journey_import_gives_them_their_cases_force_and_area_too() -> None:
    import_lines(history())
    for case in Case.objects.all():
        referrals = list(Referral.objects.filter(suspect__case=case))
        plans = list(ActionPlan.objects.filter(suspect__case=case))
        assert _organisations_of([*referrals, *plans]) <= {(case.police_force.name, case.cps_area.name)}
    assert ActionPlan.objects.exists()
    assert Referral.objects.values("cps_area").distinct().count() > 1, "the file's cases are in several Areas"


def test_an_open_case_keeps_its_force_and_area_in_the_admin(user_of: Callable[..., User]) -> None:
    case = build_world().case
    administrator = signed_in(user_of(Role.ADMINISTRATOR, is_staff=True, is_superuser=True))
    page = administrator.get(f"/admin/cases/case/{case.pk}/change/").content.decode()
    assert 'name="police_force"' not in page
    assert 'name="cps_area"' not in page
    assert "West Yorkshire Police" in page
    assert "Yorkshire and Humberside" in page
    opening = administrator.get("/admin/cases/case/add/").content.decode()
    assert 'name="police_force"' in opening
    assert 'name="cps_area"' in opening


def test_the_overdue_filter_finds_the_cases_with_an_overdue_referral_in_scope(user_of: Callable[..., User]) -> None:
    world = build_world()
    overdue = Referral.objects.overdue(timezone.localdate()).filter(suspect__case=world.case)
    assert overdue.exists(), "the world's referrals of 2024 are still open"
    prosecutor = signed_in(world.people[Role.PROSECUTOR])
    assert world.case.urn in prosecutor.get("/cases/?due=overdue").content.decode()
    elsewhere = signed_in(user_of(Role.PROSECUTOR, cps_area="North East"))
    assert world.case.urn not in elsewhere.get("/cases/?due=overdue").content.decode()
