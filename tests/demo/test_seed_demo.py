"""seed_demo: a deterministic, realistic population and one demo user per role."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count
from pytest_django import Settings

from accounts.models import User
from accounts.roles import STAFF_ROLES
from cases.models import Case, Suspect
from demo.population import create_cases
from scorecards.compute import NATIONAL, figure
from scorecards.measures import BY_ID
from scorecards.periods import financial_year_start, rolling_year

pytestmark = pytest.mark.django_db


def _population() -> list[tuple[str, str, str, date, int]]:
    return list(
        Case.objects.annotate(suspect_count=Count("suspects"))
        .order_by("urn")
        .values_list("urn", "police_force__name", "cps_area__name", "reported_on", "suspect_count")
    )


def test_same_seed_gives_the_same_population_and_another_seed_does_not() -> None:
    today = date(2026, 11, 23)
    create_cases(count=300, seed=7, today=today)
    first = _population()
    Case.objects.all().delete()
    create_cases(count=300, seed=7, today=today)
    assert _population() == first
    Case.objects.all().delete()
    create_cases(count=300, seed=8, today=today)
    assert _population() != first


def test_population_spans_three_financial_years_and_follows_force_size() -> None:
    today = date(2026, 11, 23)
    create_cases(count=4000, seed=1, today=today)
    years = {financial_year_start(d) for d in Case.objects.values_list("reported_on", flat=True)}
    assert years == {2024, 2025, 2026}
    assert max(Case.objects.values_list("reported_on", flat=True)) <= today
    per_force = dict(Case.objects.values_list("police_force__name").annotate(n=Count("id")))
    assert (
        per_force["Metropolitan Police Service"]
        > per_force["West Yorkshire Police"]
        > per_force["Cumbria Constabulary"]
    )
    assert len(per_force) == 43
    met_areas = set(
        Case.objects.filter(police_force__name="Metropolitan Police Service").values_list("cps_area__name", flat=True)
    )
    assert met_areas == {"London North", "London South"}
    for case in Case.objects.select_related("police_force", "cps_area")[:500]:
        assert case.cps_area.forces.filter(pk=case.police_force_id).exists()
        assert case.urn.startswith(case.police_force.code)
        case.full_clean()
    suspects_per_case = Suspect.objects.count() / Case.objects.count()
    fewest, most = 1.05, 1.2  # the weights give 1.12 suspects a case on average
    assert fewest < suspects_per_case < most


def test_seed_demo_creates_one_user_per_role_and_prints_sign_in_details() -> None:
    out = StringIO()
    call_command("seed_demo", cases=200, seed=3, history=0, stdout=out)
    journeys = Case.objects.filter(urn__contains="QD").count()
    assert journeys == 22, "each demo journey opens its own case"
    assert Case.objects.count() == 200 + journeys
    demo_users = User.objects.filter(username__startswith="demo-").exclude(username__startswith="demo-team-")
    assert sorted(demo_users.values_list("role", flat=True)) == sorted(role.value for role in STAFF_ROLES)
    for user in demo_users:
        user.full_clean()
        assert user.username in out.getvalue()
    team = User.objects.filter(username__startswith="demo-team-")
    assert not any(member.has_usable_password() for member in team), "the team holds work but cannot sign in"
    assert not any(member.username in out.getvalue() for member in team)
    call_command("seed_demo", cases=50, seed=3, history=0, stdout=StringIO())
    assert Case.objects.count() == 50 + journeys
    assert User.objects.filter(username__startswith="demo-").count() == len(STAFF_ROLES) + team.count()


def test_seed_demo_loads_histories_that_the_scorecards_count() -> None:
    out = StringIO()
    call_command("seed_demo", cases=20, seed=3, history=300, stdout=out)
    assert "imported 300 case histories" in out.getvalue()
    journeys = Case.objects.filter(urn__contains="QD").count()
    assert Case.objects.count() == 320 + journeys
    year = rolling_year(date.today() - timedelta(days=1))
    decisions = figure(BY_ID["legal_decisions"], year, NATIONAL).value
    charge_rate = figure(BY_ID["charge_rate"], year, NATIONAL).value
    assert decisions
    assert charge_rate is not None
    assert 0.4 < charge_rate < 0.8, "about three decisions in five are a charge"
    call_command("seed_demo", cases=20, seed=3, history=300, stdout=StringIO())
    assert Case.objects.count() == 320 + journeys, "seeding again replaces the histories"


def test_seed_demo_refuses_to_run_in_production(settings: Settings) -> None:
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="only outside production"):
        call_command("seed_demo", cases=10, stdout=StringIO())
