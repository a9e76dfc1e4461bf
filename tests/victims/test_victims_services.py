"""Victims through their services: identity encrypted and read only with a logged reason, the append-only access log,
the Victims' Code letter clock in working days, warnings against the complainant's wishes, and VRR time limits."""

from collections.abc import Callable
from datetime import date
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test import override_settings
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from cases.models import Case, Suspect
from deadlines import vrr_respond_by
from reminders.models import Reminder
from tests.factories import full_code_decision, make_case, referred_suspect
from victims.identity import add_complainant, read_identity
from victims.letters import draft_letter, read_letter, record_letter_owed, send_letter
from victims.models import Communication, CommunicationKind, Complainant, IdentityRead
from victims.services import (
    answer_meeting,
    offer_meeting,
    record_isva,
    record_vrr_outcome,
    record_vrr_request,
    record_wishes,
)

pytestmark = pytest.mark.django_db

SEEDED_NAME = "Zelda Quartermaine-Oyelaran"


@pytest.fixture
def case(officer: User) -> Case:
    return make_case(officer_in_charge=officer, reported_on=date(2024, 1, 10))


def _complainant(officer: User, case: Case, **kwargs: Any) -> Complainant:
    return add_complainant(
        actor=officer, case=case, name=SEEDED_NAME, phone="07700 900123", date_of_birth=date(1990, 5, 17), **kwargs
    )


def test_identity_is_encrypted_in_the_database(officer: User, case: Case) -> None:
    complainant = _complainant(officer, case, address="1 Example Street")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, phone, date_of_birth, address FROM victims_complainant WHERE id = %s", [complainant.pk]
        )
        raw = cursor.fetchone()
    assert all(value and value.startswith("gAAAA") for value in raw), "Fernet tokens, not plaintext"
    assert not any(part in " ".join(raw) for part in ("Zelda", "Quartermaine", "07700", "1990", "Example"))
    assert complainant.label == "Complainant A"
    assert _complainant(officer, case).label == "Complainant B"


def test_each_identity_read_is_logged_once_with_its_reason(officer: User, case: Case, liaison: User) -> None:
    complainant = _complainant(officer, case)
    assert IdentityRead.objects.count() == 0
    identity = read_identity(actor=liaison, complainant=complainant, reason="contact", via="page")
    assert (identity.name, identity.phone, identity.date_of_birth) == (SEEDED_NAME, "07700 900123", "1990-05-17")
    logged = IdentityRead.objects.get()
    assert (logged.reader_id, logged.case_urn, logged.complainant_label, logged.reason, logged.via) == (
        liaison.pk,
        case.urn,
        "Complainant A",
        "contact",
        "page",
    )
    with pytest.raises(ValidationError):
        read_identity(actor=liaison, complainant=complainant, reason="curiosity", via="page")
    assert IdentityRead.objects.count() == 1


def test_no_identity_outside_scope_or_for_roles_without_case_records(
    officer: User, case: Case, user_of: Callable[..., User]
) -> None:
    complainant = _complainant(officer, case)
    for outsider in (
        user_of(Role.VICTIM_LIAISON_OFFICER, cps_area="North East"),
        user_of(Role.ANALYST),
        user_of(Role.AUDITOR),
    ):
        with pytest.raises(PermissionDenied):
            read_identity(actor=outsider, complainant=complainant, reason="contact", via="page")
    assert IdentityRead.objects.count() == 0


def test_the_access_log_refuses_changes_and_deletion(officer: User, case: Case, liaison: User) -> None:
    read_identity(actor=liaison, complainant=_complainant(officer, case), reason="contact", via="page")
    entry = IdentityRead.objects.get()
    entry.reason = "court"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        IdentityRead.objects.update(reason="court")
    with pytest.raises(PermissionError):
        IdentityRead.objects.all().delete()
    if connection.vendor == "postgresql":
        # The database role the application uses has no UPDATE or DELETE privilege on the table either.
        for statement in ("UPDATE victims_identityread SET reason = 'court'", "DELETE FROM victims_identityread"):
            with pytest.raises(DatabaseError, match="permission denied"), transaction.atomic():
                connection.cursor().execute(statement)
    assert IdentityRead.objects.get().reason == "contact"


def test_a_charging_decision_opens_the_letter_each_complainant_is_owed(
    officer: User, case: Case, user_of: Callable[..., User]
) -> None:
    prosecutor = user_of(Role.PROSECUTOR, cps_area="Yorkshire and Humberside")
    liaison = user_of(Role.VICTIM_LIAISON_OFFICER, cps_area="Yorkshire and Humberside")
    first = _complainant(officer, case)
    second = _complainant(officer, case, enhanced_rights=False)
    with time_machine.travel(date(2026, 11, 20), tick=False):
        suspect = referred_suspect(case, officer=officer, received_on=date(2026, 10, 1))
        referral = suspect.referrals.get()
        full_code_decision(
            prosecutor=prosecutor, referral=referral, outcome="nfa_evidential", decided_on=date(2026, 11, 20)
        )
    letters = Communication.objects.order_by("complainant__label")
    assert [(c.complainant_id, c.kind, c.due_on, c.decision) for c in letters] == [
        (first.pk, CommunicationKind.NFA, date(2026, 11, 23), "Suspect 1: No further action – evidential"),
        (second.pk, CommunicationKind.NFA, date(2026, 11, 27), "Suspect 1: No further action – evidential"),
    ]
    reminders = Reminder.objects.filter(recipient=liaison).order_by("due_at")
    assert [r.message for r in reminders][:2] == [
        f"Case {case.urn}: No further action letter to Complainant A is due today",
        f"Case {case.urn}: No further action letter to Complainant A is overdue (due 23 November 2026)",
    ]
    assert all(SEEDED_NAME not in r.message for r in Reminder.objects.all())
    assert Suspect.objects.get(pk=suspect.pk).status == "decided"


def test_drafting_fills_the_template_and_logs_the_read(officer: User, case: Case, liaison: User) -> None:
    complainant = _complainant(officer, case)
    letter = record_letter_owed(
        actor=liaison, complainant=complainant, kind="point_of_charge", decision_on=timezone.localdate()
    )
    draft_letter(actor=liaison, letter=letter)
    letter.refresh_from_db()
    assert letter.text is not None
    assert f"Dear {SEEDED_NAME}," in letter.text
    assert case.urn in letter.text
    assert IdentityRead.objects.get().via == "letter"
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM victims_communication WHERE id = %s", [letter.pk])
        assert "Zelda" not in cursor.fetchone()[0]


def test_sending_against_the_complainants_wishes_needs_acknowledging(officer: User, case: Case, liaison: User) -> None:
    complainant = _complainant(officer, case)
    today = timezone.localdate()
    record_wishes(
        actor=officer,
        complainant=complainant,
        channel="through_isva",
        updated_on=today,
        interpreter=True,
        language="Polish",
    )
    record_isva(
        actor=officer,
        complainant=complainant,
        kind="isva",
        organisation="Rape Crisis",
        contact="Sam (ISVA)",
        consent_to_share=True,
    )
    letter = record_letter_owed(actor=liaison, complainant=complainant, kind="point_of_charge", decision_on=today)
    draft_letter(actor=liaison, letter=letter)
    with pytest.raises(ValidationError) as refused:
        send_letter(actor=liaison, letter=letter, sent_on=today, channel="letter")
    assert refused.value.message_dict["channel"] == [
        "Complainant A asked to be contacted by through their isva.",
        "Complainant A needs an interpreter (Polish): send a translated letter.",
    ]
    assert Communication.objects.get(pk=letter.pk).sent_on is None
    sent = send_letter(actor=liaison, letter=letter, sent_on=today, channel="letter", against_wishes_acknowledged=True)
    assert sent.on_time is True
    assert not Reminder.objects.filter(key__startswith=f"letter:{letter.pk}:", cancelled_at__isnull=True).exists()


def test_the_police_cannot_send_cps_letters(officer: User, case: Case) -> None:
    complainant = _complainant(officer, case)
    with pytest.raises(PermissionDenied):
        record_letter_owed(actor=officer, complainant=complainant, kind="nfa", decision_on=timezone.localdate())


def test_vrr_requests_after_three_months_are_accepted_only_exceptionally(
    officer: User, case: Case, user_of: Callable[..., User]
) -> None:
    prosecutor = user_of(Role.PROSECUTOR, cps_area="Yorkshire and Humberside")
    complainant = _complainant(officer, case)
    letter_on = date(2026, 5, 31)
    in_time = record_vrr_request(
        actor=prosecutor,
        complainant=complainant,
        decision_letter_on=letter_on,
        received_on=date(2026, 8, 31),
        late_exceptional=False,
    )
    assert (in_time.late_exceptional, in_time.respond_by) == (False, vrr_respond_by(date(2026, 8, 31)))
    with pytest.raises(ValidationError) as refused:
        record_vrr_request(
            actor=prosecutor,
            complainant=complainant,
            decision_letter_on=letter_on,
            received_on=date(2026, 9, 1),
            late_exceptional=False,
        )
    assert "only exceptionally" in refused.value.message_dict["late_exceptional"][0]
    late = record_vrr_request(
        actor=prosecutor,
        complainant=complainant,
        decision_letter_on=letter_on,
        received_on=date(2026, 9, 1),
        late_exceptional=True,
    )
    assert late.late_exceptional is True
    assert late.respond_by == vrr_respond_by(date(2026, 9, 1))


def _forget_keys() -> None:
    """The encrypted fields derive their keys once per process; a deployment that rotates keys restarts."""
    for model, names in (
        (Complainant, ["name", "phone", "date_of_birth", "address", "email"]),
        (Communication, ["text"]),
    ):
        for name in names:
            field = model._meta.get_field(name)
            field.__dict__.pop("keys", None)
            field.__dict__.pop("f", None)


def test_rotating_the_identity_key(officer: User, case: Case) -> None:
    complainant = _complainant(officer, case)
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM victims_complainant WHERE id = %s", [complainant.pk])
        under_old_key = cursor.fetchone()[0]
    new_key = "a-new-identity-key-of-more-than-32-characters"
    try:
        with override_settings(SALT_KEY=[new_key, *settings.SALT_KEY]):
            _forget_keys()
            assert Complainant.objects.get(pk=complainant.pk).name == SEEDED_NAME, "old data still reads"
            call_command("reencrypt_identities", stdout=StringIO())
        with override_settings(SALT_KEY=[new_key]):
            _forget_keys()
            assert Complainant.objects.get(pk=complainant.pk).name == SEEDED_NAME, "readable with the new key alone"
    finally:
        _forget_keys()
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM victims_complainant WHERE id = %s", [complainant.pk])
        assert cursor.fetchone()[0] != under_old_key


def test_vrr_and_meeting_reminders_are_raised_once_and_stop_when_answered(
    officer: User, case: Case, liaison: User, user_of: Callable[..., User]
) -> None:
    prosecutor = user_of(Role.PROSECUTOR, cps_area="Yorkshire and Humberside")
    unit_head = user_of(Role.UNIT_HEAD, cps_area="Yorkshire and Humberside")
    complainant = _complainant(officer, case)
    today = timezone.localdate()
    vrr = record_vrr_request(
        actor=prosecutor, complainant=complainant, decision_letter_on=today, received_on=today, late_exceptional=False
    )
    meeting = offer_meeting(actor=prosecutor, complainant=complainant, offered_on=today)
    reminders = Reminder.objects.filter(cancelled_at__isnull=True)
    assert sorted(reminders.values_list("recipient", "message")) == sorted(
        [
            (
                liaison.pk,
                f"Case {case.urn}: the Victims' Right to Review request of Complainant A is due an answer today",
            ),
            (
                unit_head.pk,
                f"Case {case.urn}: the Victims' Right to Review request of Complainant A is due an answer today",
            ),
            (liaison.pk, f"Case {case.urn}: no answer yet to the pre-trial meeting offered to Complainant A"),
        ]
    )
    assert reminders.get(recipient=unit_head).due_at.date() == vrr.respond_by
    record_vrr_outcome(actor=prosecutor, request=vrr, outcome="withdrawn", outcome_on=today)
    answer_meeting(actor=prosecutor, meeting=meeting, on=today, held=False)
    assert not Reminder.objects.filter(cancelled_at__isnull=True).exists()


def test_only_the_cps_reads_a_letters_text_and_each_read_is_logged(officer: User, case: Case, liaison: User) -> None:
    complainant = _complainant(officer, case)
    letter = record_letter_owed(actor=liaison, complainant=complainant, kind="introduction")
    with pytest.raises(ValidationError, match="not been drafted"):
        read_letter(actor=liaison, letter=letter)
    draft_letter(actor=liaison, letter=letter)
    with pytest.raises(PermissionDenied):
        read_letter(actor=officer, letter=letter)
    assert f"Dear {SEEDED_NAME}," in read_letter(actor=liaison, letter=letter)
    assert IdentityRead.objects.filter(via="letter", reader=liaison).count() == 2  # the draft and the read
