"""Court pages: the tab runs a fixed number of queries however much it shows, and the unit head's trials at risk
lists trials in the coming weeks that still have readiness gaps."""

from collections.abc import Callable
from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from cases.models import Case, Suspect
from cases.services.court import list_trial, record_hearing, record_sending, update_readiness
from tests.clients import signed_in
from tests.factories import full_code_decision, make_case, referred_suspect

pytestmark = pytest.mark.django_db


def _charged(officer: User, prosecutor: User) -> Suspect:
    case: Case = make_case(officer_in_charge=officer, reported_on=timezone.localdate() - timedelta(days=300))
    suspect = referred_suspect(case, officer=officer, received_on=timezone.localdate() - timedelta(days=200))
    full_code_decision(
        prosecutor=prosecutor,
        referral=suspect.referrals.get(),
        outcome="charge",
        decided_on=timezone.localdate() - timedelta(days=150),
    )
    record_sending(
        actor=prosecutor, suspect=suspect, sent_on=timezone.localdate() - timedelta(days=140), remanded_in_custody=True
    )
    return suspect


def test_the_court_tab_runs_a_fixed_number_of_queries(user_of: Callable[..., User]) -> None:
    officer = user_of(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    prosecutor = user_of(Role.PROSECUTOR, cps_area="Yorkshire and Humberside")
    suspect = _charged(officer, prosecutor)
    url = reverse("cases:court", args=[suspect.case_id])

    def queries() -> int:
        client = signed_in(prosecutor)  # each a session's first page: its session written both times
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    record_hearing(
        actor=prosecutor,
        suspect=suspect,
        court="magistrates",
        court_name="Leeds Magistrates' Court",
        kind="first",
        held_on=timezone.localdate() - timedelta(days=145),
    )
    list_trial(actor=prosecutor, suspect=suspect, listed_for=timezone.localdate() + timedelta(days=20))
    before = queries()
    for days in (100, 60, 30):
        record_hearing(
            actor=prosecutor,
            suspect=suspect,
            court="crown",
            court_name="Leeds Crown Court",
            kind="mention",
            held_on=timezone.localdate() - timedelta(days=days),
        )
    list_trial(actor=prosecutor, suspect=suspect, listed_for=timezone.localdate() + timedelta(days=60))
    assert queries() == before


def test_trials_at_risk_are_those_coming_up_with_gaps(user_of: Callable[..., User]) -> None:
    officer = user_of(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    prosecutor = user_of(Role.PROSECUTOR, cps_area="Yorkshire and Humberside")
    unit_head = user_of(Role.UNIT_HEAD, cps_area="Yorkshire and Humberside")
    gaps = list_trial(
        actor=prosecutor, suspect=_charged(officer, prosecutor), listed_for=timezone.localdate() + timedelta(days=10)
    )
    ready = list_trial(
        actor=prosecutor, suspect=_charged(officer, prosecutor), listed_for=timezone.localdate() + timedelta(days=12)
    )
    update_readiness(actor=prosecutor, trial=ready, done=ready.readiness.values_list("item_id", flat=True))
    list_trial(
        actor=prosecutor, suspect=_charged(officer, prosecutor), listed_for=timezone.localdate() + timedelta(weeks=10)
    )
    page = signed_in(unit_head).get(reverse("cases:trials-at-risk"))
    assert [t.pk for t in page.context["trials"]] == [gaps.pk]
    assert "Witnesses warned" in page.content.decode()
    assert signed_in(prosecutor).get(reverse("cases:trials-at-risk")).status_code == 403
    with time_machine.travel(date(2030, 1, 1), tick=False):
        assert list(signed_in(unit_head).get(reverse("cases:trials-at-risk")).context["trials"]) == []
