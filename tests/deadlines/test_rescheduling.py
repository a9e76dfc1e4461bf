"""A changed deadline number moves what is still open, as the cases and victims apps register with
``deadlines.reschedulers``: open referrals, a Threshold Test charge's review, an open prosecution's court dates and
custody time limit warnings, unsent letters, open Victims' Right to Review requests and unanswered meeting offers,
each with its reminders still to be sent. Nothing closed, answered, sent or decided moves, and what the change would
move is counted exactly before it is made."""

from collections.abc import Iterator
from datetime import date, datetime, time

import pytest
import time_machine
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from cases.models import ChargingDecision, Offence, Prosecution, Referral, Suspect
from cases.models.precharge import THRESHOLD_CONDITIONS
from cases.services.court import record_hearing, record_outcome, record_sending
from cases.services.precharge import give_early_advice, record_charging_decision
from deadlines.changes import change_deadline, would_move
from reminders.models import Reminder
from tests.factories import full_code_decision, make_case, make_user, referred_suspect
from victims.identity import add_complainant
from victims.letters import draft_letter, open_letter, send_letter
from victims.models import Communication, VrrRequest
from victims.services import answer_meeting, offer_meeting, record_vrr_outcome, record_vrr_request

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 7)  # a Monday


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(datetime.combine(TODAY, time(10)), tick=False):
        yield


@pytest.fixture
def administrator() -> User:
    return make_user(Role.ADMINISTRATOR, first_name="Ada", last_name="Okafor")


def _at_nine(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9)))


def _pending(prefix: str) -> list[tuple[datetime, str]]:
    return sorted(
        Reminder.objects.filter(key__startswith=prefix, sent_at__isnull=True, cancelled_at__isnull=True).values_list(
            "due_at", "message"
        )
    )


def _change(name: str, value: int | tuple[int, ...], administrator: User) -> list[str]:
    """Change a number as the page does: what it would move, then the change, which must move the same."""
    counted = [str(each) for each in would_move(name=name, value=value)]
    moved = [str(each) for each in change_deadline(name=name, value=value, by=administrator, reason="Agreed")]
    assert moved == counted
    return moved


def test_open_early_advice_requests_move_and_answered_ones_stay(
    officer: User, prosecutor: User, administrator: User
) -> None:
    open_one = referred_suspect(make_case(officer_in_charge=officer), officer=officer, received_on=date(2026, 12, 1),
                                early_advice=True).referrals.get()  # fmt: skip
    answered = referred_suspect(make_case(officer_in_charge=officer), officer=officer, received_on=date(2026, 11, 20),
                                early_advice=True).referrals.get()  # fmt: skip
    give_early_advice(actor=prosecutor, referral=answered, answered_on=date(2026, 12, 2), advice="Obtain the messages")
    charging = referred_suspect(make_case(officer_in_charge=officer), officer=officer, received_on=date(2026, 12, 1))

    assert _change("early_advice_days", 14, administrator) == ["1 open early advice request"]

    assert Referral.objects.get(pk=open_one.pk).due_on == date(2026, 12, 15)
    assert Referral.objects.get(pk=answered.pk).due_on == date(2026, 12, 11)
    assert charging.referrals.get().due_on == date(2026, 12, 29)
    change = Referral.history.filter(id=open_one.pk).order_by("history_id").last()  # type: ignore[attr-defined]
    assert (change.history_user_id, change.history_change_reason) == (administrator.pk, "Deadline changed: Agreed")


def _charged(officer: User, prosecutor: User, *, threshold: bool = False) -> Suspect:
    suspect = referred_suspect(make_case(officer_in_charge=officer), officer=officer, received_on=date(2026, 11, 1))
    referral = suspect.referrals.get()
    if threshold:
        record_charging_decision(
            actor=prosecutor, referral=referral, test="threshold", outcome="charge", decided_on=date(2026, 11, 20),
            bad_character="not_applicable", bad_character_rationale="None known", suspect_conduct="Denies",
            threshold_conditions=dict.fromkeys(THRESHOLD_CONDITIONS, True),
            charged_offences=Offence.objects.filter(code="rape"),
        )  # fmt: skip
    else:
        full_code_decision(prosecutor=prosecutor, referral=referral, outcome="charge", decided_on=date(2026, 11, 20))
    return suspect


def test_an_open_prosecution_moves_with_its_reminders_and_a_finished_one_stays(
    officer: User, prosecutor: User, administrator: User
) -> None:
    remanded = _charged(officer, prosecutor, threshold=True)
    prosecution = record_sending(
        actor=prosecutor, suspect=remanded, sent_on=date(2026, 12, 1), remanded_in_custody=True
    )
    finished = _charged(officer, prosecutor)
    record_sending(actor=prosecutor, suspect=finished, sent_on=date(2026, 11, 25), remanded_in_custody=False)
    ptph = record_hearing(actor=prosecutor, suspect=finished, court="crown", court_name="Leeds Crown Court",
                          kind="ptph", held_on=date(2026, 12, 3), plea="guilty")  # fmt: skip
    record_outcome(
        actor=prosecutor, suspect=finished, result="guilty_plea", completed_on=date(2026, 12, 3), hearing=ptph
    )
    decision = ChargingDecision.objects.get(referral__suspect=remanded)
    assert (prosecution.ptph_due_on, decision.full_code_review_due_on) == (date(2026, 12, 29), date(2026, 12, 18))

    assert _change("ptph_days", 35, administrator) == ["1 open prosecution's court dates"]
    prosecution.refresh_from_db()
    assert prosecution.ptph_due_on == date(2027, 1, 5)
    assert Prosecution.objects.get(suspect=finished).ptph_due_on == date(2026, 12, 23)
    assert {due for due, _ in _pending(f"ptph:{prosecution.pk}:")} == {_at_nine(date(2027, 1, 5))}

    assert _change("threshold_review_days", 14, administrator) == [
        "1 Threshold Test charge awaiting its Full Code review"
    ]
    assert ChargingDecision.objects.get(pk=decision.pk).full_code_review_due_on == date(2026, 12, 4)

    assert _change("custody_time_limit_days", 181, administrator) == [
        "1 open prosecution's court dates",
        "1 custody time limit of a remanded suspect",
    ]
    prosecution.refresh_from_db()
    assert prosecution.custody_time_limit_on == date(2027, 5, 31)
    warnings = _pending(f"ctl:{prosecution.pk}:")
    assert sorted({due for due, _ in warnings}) == [_at_nine(date(2027, 5, 3)), _at_nine(date(2027, 5, 24))]
    assert all("(31 May 2027)" in message for _, message in warnings)

    assert _change("custody_time_limit_warning_days", (28, 14), administrator) == ["2 custody time limit warnings"]
    warnings = _pending(f"ctl:{prosecution.pk}:")
    assert sorted({(due, message.split(": ", 1)[1]) for due, message in warnings}) == [
        (_at_nine(date(2027, 5, 3)), "custody time limit for Suspect 1 expires in 28 days (31 May 2027)"),
        (_at_nine(date(2027, 5, 17)), "custody time limit for Suspect 1 expires in 14 days (31 May 2027)"),
    ]
    assert Reminder.objects.filter(key__startswith=f"ctl:{prosecution.pk}:7:", cancelled_at__isnull=False).exists()


def test_unsent_letters_move_with_their_reminders_and_sent_ones_stay(
    officer: User, liaison: User, administrator: User
) -> None:
    case = make_case(officer_in_charge=officer)
    complainant = add_complainant(actor=officer, case=case)
    unsent = open_letter(actor=liaison, complainant=complainant, kind="nfa", decision_on=date(2026, 12, 4))
    sent = open_letter(actor=liaison, complainant=complainant, kind="nfa", decision_on=date(2026, 12, 3))
    send_letter(actor=liaison, letter=draft_letter(actor=liaison, letter=sent), sent_on=date(2026, 12, 4),
                channel="letter", against_wishes_acknowledged=True)  # fmt: skip
    standard = open_letter(
        actor=liaison,
        complainant=add_complainant(actor=officer, case=case, enhanced_rights=False),
        kind="nfa",
        decision_on=date(2026, 12, 4),
    )
    assert (unsent.due_on, sent.due_on) == (date(2026, 12, 7), date(2026, 12, 4))

    assert _change("letter_working_days_enhanced", 2, administrator) == ["1 unsent decision letter"]

    assert Communication.objects.get(pk=unsent.pk).due_on == date(2026, 12, 8)
    assert Communication.objects.get(pk=sent.pk).due_on == date(2026, 12, 4)
    assert Communication.objects.get(pk=standard.pk).due_on == date(2026, 12, 11)
    overdue = [message for _, message in _pending(f"letter:{unsent.pk}:overdue:")]
    assert {d for d, _ in _pending(f"letter:{unsent.pk}:due:")} == {_at_nine(date(2026, 12, 8))}
    assert {d for d, _ in _pending(f"letter:{unsent.pk}:overdue:")} == {_at_nine(date(2026, 12, 9))}
    assert overdue
    assert all(message.endswith("is overdue (due 8 December 2026)") for message in overdue)


def test_open_review_requests_and_meeting_offers_move_and_answered_ones_stay(
    officer: User, liaison: User, administrator: User
) -> None:
    complainant = add_complainant(actor=officer, case=make_case(officer_in_charge=officer))
    asked = dict(complainant=complainant, decision_letter_on=date(2026, 11, 2), late_exceptional=False)
    open_request = record_vrr_request(actor=liaison, received_on=date(2026, 11, 30), **asked)  # type: ignore[arg-type]
    answered = record_vrr_request(actor=liaison, received_on=date(2026, 11, 9), **asked)  # type: ignore[arg-type]
    record_vrr_outcome(actor=liaison, request=answered, outcome="decision_upheld", outcome_on=date(2026, 12, 1))
    offered = offer_meeting(actor=liaison, complainant=complainant, offered_on=date(2026, 12, 1))
    held = offer_meeting(actor=liaison, complainant=complainant, offered_on=date(2026, 11, 30))
    answer_meeting(actor=liaison, meeting=held, on=date(2026, 12, 2), held=True)

    assert _change("vrr_response_working_days", 20, administrator) == ["1 open Victims' Right to Review request"]
    assert VrrRequest.objects.get(pk=open_request.pk).respond_by == date(2026, 12, 30)  # after Christmas
    assert VrrRequest.objects.get(pk=answered.pk).respond_by == answered.respond_by
    assert {d for d, _ in _pending(f"vrr:{open_request.pk}:")} == {_at_nine(date(2026, 12, 30))}

    assert _change("meeting_follow_up_days", 7, administrator) == ["1 unanswered pre-trial meeting offer"]
    assert {d for d, _ in _pending(f"meeting:{offered.pk}:")} == {_at_nine(date(2026, 12, 8))}
    assert _pending(f"meeting:{held.pk}:") == []


def test_a_number_nothing_stored_follows_moves_nothing(administrator: User) -> None:
    assert _change("trials_at_risk_weeks", 8, administrator) == []
