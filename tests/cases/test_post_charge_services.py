"""After charge through the services, as the suspect's status shows it: sent, PTPH held (listed ahead and recorded as
held later), trial under way, the outcome, the sentence; each move the tables refuse; the date rules of hearings,
trials, outcomes and sentences; and the Threshold Test review due by the earlier of 28 days and the day before the
PTPH."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import User
from accounts.roles import Role
from cases.models import ChargingDecision, Hearing, Offence, Prosecution, Suspect, TimelineEvent, Trial
from cases.models.precharge import THRESHOLD_CONDITIONS
from cases.services.court import (
    list_trial,
    record_hearing,
    record_hearing_held,
    record_outcome,
    record_sending,
    record_sentence,
    record_trial_outcome,
)
from cases.services.precharge import record_charging_decision
from cases.transitions import SuspectStatus, TransitionNotAllowed
from deadlines import threshold_review_due
from reminders.models import Reminder
from tests.factories import full_code_decision, make_case, referred_suspect

pytestmark = pytest.mark.django_db

S = SuspectStatus
CHARGED_ON = date(2026, 3, 2)
SENT_ON = date(2026, 3, 4)
PTPH_ON = date(2026, 4, 1)
TRIAL_ON = date(2026, 9, 14)


@contextmanager
def on(day: date) -> Iterator[None]:
    with time_machine.travel(day, tick=False):
        yield


def _referred(officer: User) -> Suspect:
    case = make_case(officer_in_charge=officer, reported_on=date(2025, 10, 1))
    return referred_suspect(case, officer=officer, received_on=date(2026, 2, 1))


@pytest.fixture
def charged(officer: User, prosecutor: User) -> Suspect:
    suspect = _referred(officer)
    with on(CHARGED_ON):
        full_code_decision(
            prosecutor=prosecutor, referral=suspect.referrals.get(), outcome="charge", decided_on=CHARGED_ON
        )
    return suspect


@pytest.fixture
def sent(charged: Suspect, prosecutor: User) -> Suspect:
    with on(SENT_ON):
        record_sending(actor=prosecutor, suspect=charged, sent_on=SENT_ON, remanded_in_custody=False)
    return charged


def status(suspect: Suspect) -> str:
    return Suspect.objects.get(pk=suspect.pk).status


def hearing(prosecutor: User, suspect: Suspect, kind: str, held_on: date, *, today: date | None = None,
            **entered: str) -> Hearing:  # fmt: skip
    """A hearing recorded on ``today`` (by default the day it is held)."""
    with on(today or held_on):
        return record_hearing(
            actor=prosecutor,
            suspect=suspect,
            court="magistrates" if kind == "first" else "crown",
            court_name="Leeds Magistrates' Court" if kind == "first" else "Leeds Crown Court",
            kind=kind,
            held_on=held_on,
            **entered,
        )


def effective_trial(prosecutor: User, suspect: Suspect) -> Trial:
    with on(SENT_ON):
        trial = list_trial(actor=prosecutor, suspect=suspect, listed_for=TRIAL_ON)
    with on(TRIAL_ON):
        return record_trial_outcome(actor=prosecutor, trial=trial, outcome="effective")


def test_the_status_follows_the_prosecution_from_sending_to_sentence(charged: Suspect, prosecutor: User) -> None:
    seen = []
    hearing(prosecutor, charged, "first", date(2026, 3, 3))  # at the magistrates', before sending: no move
    seen.append(status(charged))
    with on(SENT_ON):
        record_sending(actor=prosecutor, suspect=charged, sent_on=SENT_ON, remanded_in_custody=True)
    seen.append(status(charged))
    hearing(prosecutor, charged, "ptph", PTPH_ON, plea="not_guilty")
    seen.append(status(charged))
    hearing(prosecutor, charged, "ptph", date(2026, 4, 15))  # a second PTPH moves nothing
    hearing(prosecutor, charged, "mention", date(2026, 6, 1))
    seen.append(status(charged))
    effective_trial(prosecutor, charged)
    seen.append(status(charged))
    with on(date(2026, 9, 18)):
        record_outcome(
            actor=prosecutor, suspect=charged, result="convicted_after_trial", completed_on=date(2026, 9, 18)
        )
    seen.append(status(charged))
    with on(date(2026, 10, 30)):
        prosecution = record_sentence(
            actor=prosecutor, suspect=charged, sentence="9 years' imprisonment", sentenced_on=date(2026, 10, 30)
        )
    seen.append(status(charged))
    assert seen == [S.CHARGED, S.AWAITING_PTPH, S.AWAITING_TRIAL, S.AWAITING_TRIAL, S.AT_TRIAL, S.CONVICTED,
                    S.SENTENCED]  # fmt: skip
    assert (prosecution.sentence, prosecution.sentenced_on) == ("9 years' imprisonment", date(2026, 10, 30))
    assert TimelineEvent.objects.get(suspect=charged, verb="sentenced").summary == (
        "Suspect 1 sentenced on 30 October 2026: 9 years' imprisonment"
    )


@pytest.mark.parametrize(
    ("result", "moved_to"),
    [
        ("guilty_plea", S.CONVICTED),
        ("convicted_after_trial", S.CONVICTED),
        ("acquitted", S.ACQUITTED),
        ("discontinued", S.DISCONTINUED),
        ("no_evidence_offered", S.DISCONTINUED),
        ("left_on_file", S.LEFT_ON_FILE),
    ],
)
def test_each_outcome_moves_the_suspect_to_its_status(
    sent: Suspect, prosecutor: User, result: str, moved_to: SuspectStatus
) -> None:
    at = hearing(prosecutor, sent, "ptph", PTPH_ON)
    with on(PTPH_ON):
        record_outcome(actor=prosecutor, suspect=sent, result=result, completed_on=PTPH_ON, hearing=at)
    assert status(sent) == moved_to


def test_a_trial_hearing_held_puts_the_trial_under_way_even_before_a_ptph(sent: Suspect, prosecutor: User) -> None:
    hearing(prosecutor, sent, "trial", TRIAL_ON)
    assert status(sent) == S.AT_TRIAL


def test_a_cracked_or_ineffective_trial_does_not_put_it_under_way(sent: Suspect, prosecutor: User) -> None:
    with on(SENT_ON):
        trial = list_trial(actor=prosecutor, suspect=sent, listed_for=TRIAL_ON)
    with on(TRIAL_ON):
        record_trial_outcome(
            actor=prosecutor, trial=trial, outcome="ineffective", reason="No judge", relisted_for=date(2026, 11, 2)
        )
    assert status(sent) == S.AWAITING_PTPH


def test_a_hearing_listed_ahead_moves_nothing_until_it_is_recorded_as_held(sent: Suspect, prosecutor: User) -> None:
    ptph = hearing(prosecutor, sent, "ptph", PTPH_ON, today=SENT_ON)
    assert (status(sent), ptph.court_name) == (S.AWAITING_PTPH, "Leeds Crown Court")
    reminders = Reminder.objects.filter(key__startswith=f"ptph:{sent.prosecution.pk}:")
    assert reminders.filter(cancelled_at__isnull=True).exists()
    with on(PTPH_ON - timedelta(days=1)), pytest.raises(ValidationError) as early:
        record_hearing_held(actor=prosecutor, hearing=ptph, what_happened="Trial date fixed", plea="not_guilty")
    assert early.value.messages == [
        "You can record what happened once the hearing has been held: it is listed for 1 April 2026."
    ]
    assert status(sent) == S.AWAITING_PTPH
    with on(PTPH_ON):
        record_hearing_held(actor=prosecutor, hearing=ptph, what_happened="Trial date fixed", plea="not_guilty")
    assert status(sent) == S.AWAITING_TRIAL
    assert ptph.plea.plea == "not_guilty"
    assert not reminders.filter(cancelled_at__isnull=True).exists()
    with on(PTPH_ON), pytest.raises(ValidationError, match="already recorded"):
        record_hearing_held(actor=prosecutor, hearing=ptph, what_happened="Again")


def test_a_hearing_listed_ahead_takes_no_plea_and_needs_its_court(sent: Suspect, prosecutor: User) -> None:
    with on(SENT_ON), pytest.raises(ValidationError) as refused:
        record_hearing(actor=prosecutor, suspect=sent, court="crown", court_name=" ", kind="ptph", held_on=PTPH_ON,
                       plea="guilty", what_happened="Pleaded")  # fmt: skip
    assert refused.value.message_dict == {
        "court_name": ["Enter the name of the court, for example Snaresbrook Crown Court."],
        "plea": ["You can record the plea once the hearing has been held: it is listed for 1 April 2026."],
        "what_happened": [
            "You can record what happened once the hearing has been held: it is listed for 1 April 2026."
        ],
    }
    assert not Hearing.objects.filter(suspect=sent).exists()


def test_hearings_and_trials_are_listed_at_most_two_years_ahead_and_trials_not_before_sending(
    sent: Suspect, prosecutor: User
) -> None:
    with on(SENT_ON):
        with pytest.raises(ValidationError) as far:
            record_hearing(actor=prosecutor, suspect=sent, court="crown", court_name="Leeds Crown Court",
                           kind="ptph", held_on=date(2028, 3, 5))  # fmt: skip
        assert far.value.message_dict == {
            "held_on": [
                "The date must be on or before 3 March 2028: a hearing or trial is listed up to 730 days ahead."
            ]
        }
        assert record_hearing(actor=prosecutor, suspect=sent, court="crown", court_name="Leeds Crown Court",
                              kind="ptph", held_on=date(2028, 3, 3)).held_on == date(2028, 3, 3)  # fmt: skip
        with pytest.raises(ValidationError) as early:
            list_trial(actor=prosecutor, suspect=sent, listed_for=SENT_ON - timedelta(days=1))
        assert early.value.message_dict == {"listed_for": ["The date must be on or after sending (4 March 2026)."]}
        with pytest.raises(ValidationError, match="on or before 3 March 2028"):
            list_trial(actor=prosecutor, suspect=sent, listed_for=date(2028, 3, 4))


def test_moves_the_tables_refuse(sent: Suspect, prosecutor: User) -> None:
    with on(PTPH_ON):
        with pytest.raises(TransitionNotAllowed, match="You cannot record the sentence while the suspect is"):
            record_sentence(actor=prosecutor, suspect=sent, sentence="Community order", sentenced_on=PTPH_ON)
        with pytest.raises(TransitionNotAllowed, match="You cannot record sending to the Crown Court"):
            record_sending(actor=prosecutor, suspect=sent, sent_on=PTPH_ON, remanded_in_custody=False)
        record_outcome(actor=prosecutor, suspect=sent, result="acquitted", completed_on=PTPH_ON)
        with pytest.raises(
            TransitionNotAllowed, match="You cannot record a conviction while the suspect is “Acquitted”"
        ):
            record_outcome(actor=prosecutor, suspect=sent, result="convicted_after_trial", completed_on=PTPH_ON)
        with pytest.raises(TransitionNotAllowed):
            record_sentence(actor=prosecutor, suspect=sent, sentence="Community order", sentenced_on=PTPH_ON)
    prosecution = Prosecution.objects.get(suspect=sent)
    assert (prosecution.result, prosecution.sentence, status(sent)) == ("acquitted", "", S.ACQUITTED)


def test_an_outcome_before_sending_is_refused_by_the_table(
    officer: User, prosecutor: User, user_of: Callable[..., User]
) -> None:
    suspect = _referred(officer)
    with on(CHARGED_ON):
        full_code_decision(
            prosecutor=prosecutor, referral=suspect.referrals.get(), outcome="charge", decided_on=CHARGED_ON
        )
        with pytest.raises(TransitionNotAllowed, match="From here you can: record sending to the Crown Court"):
            record_outcome(actor=prosecutor, suspect=suspect, result="left_on_file", completed_on=CHARGED_ON)
        with pytest.raises(PermissionDenied):
            record_sending(actor=officer, suspect=suspect, sent_on=CHARGED_ON, remanded_in_custody=False)
        vlo = user_of(Role.VICTIM_LIAISON_OFFICER, cps_area="Yorkshire and Humberside")
        with pytest.raises(PermissionDenied):
            record_sending(actor=vlo, suspect=suspect, sent_on=CHARGED_ON, remanded_in_custody=False)
    assert status(suspect) == S.CHARGED


def test_an_outcome_is_dated_after_its_hearing_and_trial_and_not_ahead(sent: Suspect, prosecutor: User) -> None:
    ptph = hearing(prosecutor, sent, "ptph", PTPH_ON)
    listed = hearing(prosecutor, sent, "mention", date(2026, 5, 6), today=PTPH_ON)
    with on(PTPH_ON):
        with pytest.raises(ValidationError) as ahead:
            record_outcome(actor=prosecutor, suspect=sent, result="left_on_file", completed_on=PTPH_ON + timedelta(1))
        assert ahead.value.message_dict == {"completed_on": ["The date must be today or in the past."]}
        with pytest.raises(ValidationError) as before_hearing:
            record_outcome(actor=prosecutor, suspect=sent, result="guilty_plea", completed_on=date(2026, 3, 31),
                           hearing=ptph)  # fmt: skip
        assert before_hearing.value.message_dict == {
            "completed_on": ["The date must be on or after the hearing (1 April 2026)."]
        }
        with pytest.raises(ValidationError) as not_held:
            record_outcome(actor=prosecutor, suspect=sent, result="discontinued", completed_on=PTPH_ON, hearing=listed)
        assert not_held.value.message_dict == {
            "hearing": ["Select a hearing that has been held: this one is listed for 6 May 2026."]
        }
    effective_trial(prosecutor, sent)
    with on(date(2026, 9, 20)):
        for result in ("convicted_after_trial", "acquitted"):
            with pytest.raises(ValidationError) as before_trial:
                record_outcome(actor=prosecutor, suspect=sent, result=result, completed_on=date(2026, 9, 13))
            assert before_trial.value.message_dict == {
                "completed_on": ["The date must be on or after the trial (14 September 2026)."]
            }
    assert (status(sent), Prosecution.objects.get(suspect=sent).result) == (S.AT_TRIAL, "")


def test_a_trial_outcome_waits_for_its_date_and_is_relisted_later(sent: Suspect, prosecutor: User) -> None:
    with on(SENT_ON):
        trial = list_trial(actor=prosecutor, suspect=sent, listed_for=TRIAL_ON)
    with on(TRIAL_ON - timedelta(days=1)), pytest.raises(ValidationError) as early:
        record_trial_outcome(actor=prosecutor, trial=trial, outcome="cracked", reason="Late guilty plea")
    assert early.value.message_dict == {
        "outcome": ["You can record what happened at the trial from 14 September 2026, the date it is listed for."]
    }
    with on(TRIAL_ON), pytest.raises(ValidationError) as same_day:
        record_trial_outcome(actor=prosecutor, trial=trial, outcome="ineffective", reason="No judge",
                             relisted_for=TRIAL_ON)  # fmt: skip
    assert same_day.value.message_dict == {
        "relisted_for": ["The date must be on or after the day after this trial (15 September 2026)."]
    }
    assert Trial.objects.get(pk=trial.pk).outcome == ""


def test_a_sentence_is_dated_from_the_conviction_and_not_ahead(sent: Suspect, prosecutor: User) -> None:
    at = hearing(prosecutor, sent, "ptph", PTPH_ON, plea="guilty")
    with on(date(2026, 4, 2)):
        record_outcome(actor=prosecutor, suspect=sent, result="guilty_plea", completed_on=date(2026, 4, 2), hearing=at)
        with pytest.raises(ValidationError) as before:
            record_sentence(actor=prosecutor, suspect=sent, sentence="Community order", sentenced_on=PTPH_ON)
        assert before.value.message_dict == {
            "sentenced_on": ["The date must be on or after the conviction (2 April 2026)."]
        }
        with pytest.raises(ValidationError) as ahead:
            record_sentence(actor=prosecutor, suspect=sent, sentence="Community order", sentenced_on=date(2026, 4, 3))
        assert ahead.value.message_dict == {"sentenced_on": ["The date must be today or in the past."]}
        with pytest.raises(ValidationError) as blank:
            record_sentence(actor=prosecutor, suspect=sent, sentence="  ", sentenced_on=date(2026, 4, 2))
        assert blank.value.message_dict == {"sentence": ["Enter this information."]}
        record_sentence(actor=prosecutor, suspect=sent, sentence="Community order", sentenced_on=date(2026, 4, 2))
    assert status(sent) == S.SENTENCED


def _threshold_charge(officer: User, prosecutor: User) -> tuple[Suspect, ChargingDecision]:
    suspect = _referred(officer)
    with on(CHARGED_ON):
        decision = record_charging_decision(
            actor=prosecutor,
            referral=suspect.referrals.get(),
            test="threshold",
            outcome="charge",
            decided_on=CHARGED_ON,
            bad_character="not_applicable",
            bad_character_rationale="None known",
            suspect_conduct="Denies; messages after the evening",
            threshold_conditions=dict.fromkeys(THRESHOLD_CONDITIONS, True),
            charged_offences=Offence.objects.filter(code="rape"),
        )
    return suspect, decision


def _review_due(decision: ChargingDecision) -> date | None:
    return ChargingDecision.objects.get(pk=decision.pk).full_code_review_due_on


def test_threshold_review_is_due_by_the_earlier_of_28_days_and_the_day_before_the_ptph() -> None:
    assert threshold_review_due(CHARGED_ON) == date(2026, 3, 30)
    assert threshold_review_due(CHARGED_ON, ptph_on=date(2026, 3, 20)) == date(2026, 3, 19)
    assert threshold_review_due(CHARGED_ON, ptph_on=date(2026, 3, 31)) == date(2026, 3, 30)
    assert threshold_review_due(CHARGED_ON, ptph_on=CHARGED_ON) == CHARGED_ON
    assert threshold_review_due(CHARGED_ON, ptph_on=CHARGED_ON - timedelta(days=3)) == CHARGED_ON


def test_a_threshold_charge_sent_on_the_day_of_charge_is_reviewed_the_day_before_the_ptph(
    officer: User, prosecutor: User
) -> None:
    suspect, decision = _threshold_charge(officer, prosecutor)
    assert _review_due(decision) == date(2026, 3, 30)  # 28 days, before anything is known of the PTPH
    with on(CHARGED_ON):
        prosecution = record_sending(actor=prosecutor, suspect=suspect, sent_on=CHARGED_ON, remanded_in_custody=True)
    assert prosecution.ptph_due_on == date(2026, 3, 30)
    assert _review_due(decision) == date(2026, 3, 29)
    hearing(prosecutor, suspect, "ptph", date(2026, 3, 16), today=date(2026, 3, 5))  # listed earlier than due
    assert _review_due(decision) == date(2026, 3, 15)


def test_a_threshold_charge_sent_late_is_reviewed_within_28_days(officer: User, prosecutor: User) -> None:
    suspect, decision = _threshold_charge(officer, prosecutor)
    with on(date(2026, 3, 20)):
        record_sending(actor=prosecutor, suspect=suspect, sent_on=date(2026, 3, 20), remanded_in_custody=False)
    assert _review_due(decision) == date(2026, 3, 30)


def test_a_ptph_on_the_day_of_charge_makes_the_review_due_that_day(officer: User, prosecutor: User) -> None:
    suspect, decision = _threshold_charge(officer, prosecutor)
    hearing(prosecutor, suspect, "ptph", CHARGED_ON)
    assert _review_due(decision) == CHARGED_ON


def test_a_reviewed_threshold_charge_and_a_full_code_charge_keep_their_dates(
    officer: User, prosecutor: User, sent: Suspect
) -> None:
    suspect, decision = _threshold_charge(officer, prosecutor)
    ChargingDecision.objects.filter(pk=decision.pk).update(full_code_reviewed_on=CHARGED_ON)
    with on(CHARGED_ON):
        record_sending(actor=prosecutor, suspect=suspect, sent_on=CHARGED_ON, remanded_in_custody=False)
    assert _review_due(decision) == date(2026, 3, 30)  # not the day before the PTPH: it has been reviewed
    hearing(prosecutor, sent, "ptph", PTPH_ON)
    assert ChargingDecision.objects.get(referral__suspect=sent).full_code_review_due_on is None
