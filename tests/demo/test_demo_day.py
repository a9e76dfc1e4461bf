"""The demo as a live unit's day: seeded on a fixed day, its queues hold work due this week and work overdue by days or
weeks, none of its early advice requests has waited months, and every case of the demo Area has a prosecutor of the
team and an officer in charge, the work spread over several prosecutors."""

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from accounts.models import CpsArea
from cases.models import Case, Referral
from cases.transitions import ReferralKind
from demo.users import DEMO_AREA

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)  # a Monday
WEEK_END = TODAY + timedelta(days=6)
# No early advice request waits more than a month past its 21-day deadline: the advice comes within weeks.
EARLY_ADVICE_OVERDUE_AT_MOST = 30


@pytest.fixture
def area() -> Iterator[CpsArea]:
    with time_machine.travel(datetime(2026, 11, 23, 10, tzinfo=UTC), tick=False):
        call_command("seed_demo", cases=300, seed=3, history=800, stdout=StringIO())
        yield CpsArea.objects.get(name=DEMO_AREA)


def test_the_queues_hold_work_due_this_week_and_work_overdue_by_days_or_weeks(area: CpsArea) -> None:
    waiting = Referral.objects.open().filter(cps_area=area)
    due_this_week = waiting.filter(due_on__range=(TODAY, WEEK_END))
    overdue_by_weeks = waiting.filter(due_on__range=(TODAY - timedelta(days=29), TODAY - timedelta(days=1)))
    assert due_this_week.filter(kind=ReferralKind.EARLY_ADVICE).count() >= 2
    assert due_this_week.filter(kind=ReferralKind.CHARGING_DECISION).count() >= 2
    assert overdue_by_weeks.filter(kind=ReferralKind.EARLY_ADVICE).count() >= 2
    assert overdue_by_weeks.filter(kind=ReferralKind.CHARGING_DECISION).count() >= 2
    assert waiting.filter(due_on=TODAY, priority=True).exists(), "a suspect in custody, due today"
    assert waiting.filter(due_on__lt=TODAY - timedelta(days=60)).exists(), "a few months old"


def test_no_early_advice_request_has_waited_months(area: CpsArea) -> None:
    early_advice = Referral.objects.open().filter(kind=ReferralKind.EARLY_ADVICE)
    assert early_advice.filter(cps_area=area).exists()
    latest_due = TODAY - timedelta(days=EARLY_ADVICE_OVERDUE_AT_MOST)
    assert not early_advice.filter(due_on__lt=latest_due).exists(), "nationally, imported histories included"


def test_every_case_of_the_area_has_a_prosecutor_and_an_officer_and_the_work_is_spread(area: CpsArea) -> None:
    cases = Case.objects.filter(cps_area=area)
    assert cases.count() > 100
    assert not cases.filter(allocated_prosecutor__isnull=True).exists()
    assert not cases.filter(officer_in_charge__isnull=True).exists()
    assert set(cases.values_list("officer_in_charge__police_force", flat=True)) == set(
        cases.values_list("police_force", flat=True)
    ), "each officer in charge is of the case's force"
    held = Counter(cases.values_list("allocated_prosecutor__username", flat=True))
    assert len(held) >= 4
    assert max(held.values()) < cases.count() / 2
    assert held["demo-prosecutor"] == max(held.values()), "the demo prosecutor's home has the most to show"


def test_the_live_referrals_say_what_they_hold_and_some_are_allocated_separately(area: CpsArea) -> None:
    live = Referral.objects.open().filter(cps_area=area, suspect__case__urn__contains="QD")
    charging = live.filter(kind=ReferralKind.CHARGING_DECISION)
    assert charging.count() >= 5
    for referral in charging.prefetch_related("proposed_offences"):
        assert referral.proposed_offences.all(), referral
        assert referral.file_contents, referral
        assert (referral.arrested_at is not None) == referral.priority, referral
    separately = live.filter(allocated_prosecutor__isnull=False).select_related("suspect__case")
    assert separately.count() >= 2
    for referral in separately:
        assert referral.allocated_prosecutor_id != referral.suspect.case.allocated_prosecutor_id
