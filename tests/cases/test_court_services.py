"""After charge through the services: hearing numbers and the first Crown Court hearing across adjournments, the
dates that follow from sending (PTPH, Better Case Management, custody time limit), trials with readiness, outcomes,
judge's directions, and the reminders each raises and stops."""

from collections.abc import Callable
from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import User
from accounts.roles import Role
from cases.models import Case, Hearing, Suspect
from cases.queries import first_crown_court_hearing
from cases.services.court import (
    comply_with_direction,
    list_trial,
    record_hearing,
    record_outcome,
    record_sending,
    record_trial_outcome,
    set_judge_direction,
    update_readiness,
)
from reminders.models import Reminder
from tests.factories import full_code_decision, make_case, referred_suspect, suspect_with_facts
from victims.identity import add_complainant
from victims.models import CommunicationKind

pytestmark = pytest.mark.django_db

CHARGED_ON = date(2026, 3, 2)


@pytest.fixture
def case(officer: User) -> Case:
    return make_case(officer_in_charge=officer, reported_on=date(2025, 10, 1))


@pytest.fixture
def charged(case: Case, officer: User, prosecutor: User) -> Suspect:
    with time_machine.travel(CHARGED_ON, tick=False):
        suspect = referred_suspect(case, officer=officer, received_on=date(2026, 2, 1))
        full_code_decision(
            prosecutor=prosecutor, referral=suspect.referrals.get(), outcome="charge", decided_on=CHARGED_ON
        )
    return suspect


COURT_NAMES = {"crown": "Leeds Crown Court", "magistrates": "Leeds Magistrates' Court"}


def _hearing(prosecutor: User, suspect: Suspect, court: str, kind: str, held_on: date, *, plea: str = "") -> Hearing:
    with time_machine.travel(held_on, tick=False):
        return record_hearing(
            actor=prosecutor,
            suspect=suspect,
            court=court,
            court_name=COURT_NAMES[court],
            kind=kind,
            held_on=held_on,
            plea=plea,
        )


def test_hearings_are_numbered_in_date_order_across_courts_and_adjournments(
    charged: Suspect, prosecutor: User
) -> None:
    # Recorded out of order: a Crown Court mention entered before the magistrates' first hearing it followed.
    mention = _hearing(prosecutor, charged, "crown", "mention", date(2026, 4, 20))
    first = _hearing(prosecutor, charged, "magistrates", "first", date(2026, 3, 3))
    adjourned_ptph = _hearing(prosecutor, charged, "crown", "ptph", date(2026, 4, 1))
    ptph = _hearing(prosecutor, charged, "crown", "ptph", date(2026, 4, 10), plea="not_guilty")
    # The stubs do not see the "number" that numbered() annotates.
    numbers = dict(Hearing.objects.numbered().filter(suspect=charged).values_list("pk", "number"))  # type: ignore[misc]
    assert [numbers[h.pk] for h in (first, adjourned_ptph, ptph, mention)] == [1, 2, 3, 4]
    assert first_crown_court_hearing(charged) == adjourned_ptph


def test_sending_sets_ptph_bcm_and_the_custody_time_limit_with_warnings(
    charged: Suspect, prosecutor: User, user_of: Callable[..., User]
) -> None:
    unit_head = user_of(Role.UNIT_HEAD, cps_area="Yorkshire and Humberside")
    with time_machine.travel(date(2026, 3, 4), tick=False):
        prosecution = record_sending(
            actor=prosecutor, suspect=charged, sent_on=date(2026, 3, 4), remanded_in_custody=True
        )
    assert prosecution.ptph_due_on == date(2026, 4, 1)
    assert prosecution.prosecution_case_due_on == date(2026, 4, 23)  # 50 days in custody
    assert prosecution.defence_response_due_on == date(2026, 5, 21)
    assert prosecution.custody_time_limit_on == date(2026, 9, 2)  # 182 days
    warnings = Reminder.objects.filter(recipient=unit_head, key__startswith="ctl:").order_by("due_at")
    assert [(r.due_at.date(), r.message) for r in warnings] == [
        (
            date(2026, 8, 5),
            f"Case {charged.case.urn}: custody time limit for Suspect 1 expires in 28 days (2 September 2026)",
        ),
        (
            date(2026, 8, 26),
            f"Case {charged.case.urn}: custody time limit for Suspect 1 expires in 7 days (2 September 2026)",
        ),
    ]


def test_on_bail_there_is_no_custody_time_limit_and_bcm_allows_70_days(charged: Suspect, prosecutor: User) -> None:
    with time_machine.travel(date(2026, 3, 4), tick=False):
        prosecution = record_sending(
            actor=prosecutor, suspect=charged, sent_on=date(2026, 3, 4), remanded_in_custody=False
        )
    assert (prosecution.custody_time_limit_on, prosecution.prosecution_case_due_on) == (None, date(2026, 5, 13))
    assert not Reminder.objects.filter(key__startswith="ctl:").exists()


def test_only_a_charged_suspect_is_sent_and_only_by_the_cps(
    case: Case, officer: User, prosecutor: User, charged: Suspect
) -> None:
    other = suspect_with_facts(case=case, label="Suspect 2")
    with pytest.raises(ValidationError, match="has not been charged"):
        record_sending(actor=prosecutor, suspect=other, sent_on=date(2026, 3, 4), remanded_in_custody=False)
    with pytest.raises(PermissionDenied):
        record_sending(actor=officer, suspect=charged, sent_on=date(2026, 3, 4), remanded_in_custody=False)


def test_a_cracked_trial_with_a_late_guilty_plea(charged: Suspect, prosecutor: User) -> None:
    with time_machine.travel(date(2026, 3, 4), tick=False):
        record_sending(actor=prosecutor, suspect=charged, sent_on=date(2026, 3, 4), remanded_in_custody=False)
        trial = list_trial(actor=prosecutor, suspect=charged, listed_for=date(2026, 9, 14))
    assert trial.readiness.count() == 8
    first_three = list(trial.readiness.values_list("item_id", flat=True))[:3]
    update_readiness(actor=prosecutor, trial=trial, done=first_three)
    assert trial.readiness.filter(done=False).count() == 5
    assert Reminder.objects.filter(key__startswith=f"readiness:{trial.pk}:", cancelled_at__isnull=True).exists()
    plea_day = _hearing(prosecutor, charged, "crown", "trial", date(2026, 9, 14), plea="guilty")
    with time_machine.travel(date(2026, 9, 14), tick=False):
        with pytest.raises(ValidationError):
            record_trial_outcome(actor=prosecutor, trial=trial, outcome="cracked")
        record_trial_outcome(actor=prosecutor, trial=trial, outcome="cracked", reason="Late guilty plea")
        prosecution = record_outcome(
            actor=prosecutor, suspect=charged, result="guilty_plea", completed_on=date(2026, 9, 14), hearing=plea_day
        )
    assert (prosecution.result, prosecution.result_hearing) == ("guilty_plea", plea_day)
    assert not Reminder.objects.filter(key__startswith=f"readiness:{trial.pk}:", cancelled_at__isnull=True).exists()


def test_an_ineffective_trial_is_relisted(charged: Suspect, prosecutor: User) -> None:
    with time_machine.travel(date(2026, 3, 4), tick=False):
        record_sending(actor=prosecutor, suspect=charged, sent_on=date(2026, 3, 4), remanded_in_custody=False)
        trial = list_trial(actor=prosecutor, suspect=charged, listed_for=date(2026, 6, 1))
    with time_machine.travel(date(2026, 6, 1), tick=False):
        record_trial_outcome(
            actor=prosecutor, trial=trial, outcome="ineffective", reason="No judge", relisted_for=date(2026, 7, 6)
        )
    assert trial.relisted_as.listed_for == date(2026, 7, 6)


def test_judge_directions_are_reminded_until_complied_with(case: Case, charged: Suspect, prosecutor: User) -> None:
    with time_machine.travel(date(2026, 4, 10), tick=False):
        direction = set_judge_direction(
            actor=prosecutor,
            case=case,
            direction="Serve the phone download",
            set_on=date(2026, 4, 10),
            due_on=date(2026, 4, 24),
        )
    assert Reminder.objects.filter(key__startswith=f"direction:{direction.pk}:").count() == 1
    with time_machine.travel(date(2026, 4, 27), tick=False):
        comply_with_direction(actor=prosecutor, direction=direction, complied_on=date(2026, 4, 27))
    assert direction.on_time is False
    assert not Reminder.objects.filter(key__startswith="direction:", cancelled_at__isnull=True).exists()


def test_a_not_guilty_plea_owes_each_complainant_a_meeting_offer(
    case: Case, charged: Suspect, prosecutor: User, officer: User
) -> None:
    complainant = add_complainant(actor=officer, case=case, name="Someone")
    _hearing(prosecutor, charged, "crown", "ptph", date(2026, 4, 1), plea="not_guilty")
    _hearing(prosecutor, charged, "crown", "ptph", date(2026, 4, 8), plea="not_guilty")
    assert list(complainant.communications.values_list("kind", flat=True)) == [CommunicationKind.MEETING_OFFER]
