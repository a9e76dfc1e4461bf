"""The identity screen: each written form of a case's people's identity in free text is replaced by their label, and
nothing else is touched."""

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.state import StateApps
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from accounts.models import User
from accounts.roles import Role
from cases.identity_screen import Screen, screened
from cases.models import Case, Suspect
from cases.services.court import set_judge_direction
from reminders.models import Notification, Reminder
from reminders.services import deliver_due_reminders
from tests.factories import make_case
from victims.identity import add_complainant

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(user_of: Callable[..., User]) -> Case:
    officer = user_of(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    case = make_case(officer_in_charge=officer)
    Suspect.objects.filter(case=case).update(name="Li Zyxwvut")
    add_complainant(
        actor=officer,
        case=case,
        name="Anna Qqqqrstu-Vwxyz",
        date_of_birth=date(1990, 3, 2),
        address="Flat 4\n12 Acacia Avenue\nLeeds\nLS6 2AB",
        phone="07700 900123",
        email="anna.qqqqrstu@example.com",
    )
    return case


@pytest.mark.parametrize(
    ("typed", "left"),
    [
        # Each part of a name, hyphenated, possessive, with and without endings, any length of two letters or more.
        ("Ms Qqqqrstu said", "Ms Complainant A said"),
        ("Anna Qqqqrstu-Vwxyz attended", "Complainant A attended"),
        ("Vwxyz and Qqqqrstu – Vwxyz", "Complainant A and Complainant A"),
        ("Li's account", "Suspect 1 account"),
        ("Qqqqrstus statement", "Complainant A statement"),
        ("Qqqqrstu\u2019s statement and Vwxyz' view", "Complainant A statement and Complainant A view"),
        ("ZYXWVUT denies it", "Suspect 1 denies it"),
        # The date of birth in its common written forms.
        ("born 2 March 1990", "born Complainant A"),
        ("born 2nd of Mar. 1990", "born Complainant A"),
        ("born March 2nd, 1990", "born Complainant A"),
        ("born 02/03/1990", "born Complainant A"),
        ("born 2.3.90", "born Complainant A"),
        ("born 1990-03-02", "born Complainant A"),
        # Address lines and the postcode, with or without its space.
        ("lives at 12 Acacia Avenue", "lives at Complainant A"),
        ("near Acacia Avenue", "near Complainant A"),
        ("postcode ls62ab", "postcode Complainant A"),
        ("postcode LS6 2AB", "postcode Complainant A"),
        # The phone number however it is spaced, with 0 or +44.
        ("call 07700900123", "call Complainant A"),
        ("call +44 7700 900 123", "call Complainant A"),
        ("call 07700-900-123", "call Complainant A"),
        # The e-mail address, and its local part whole and in pieces.
        ("write to anna.qqqqrstu@example.com", "write to Complainant A"),
        ("user anna.qqqqrstu on the forum", "user Complainant A on the forum"),
    ],
)
def test_each_form_of_an_identity_is_replaced_by_the_label(case: Case, typed: str, left: str) -> None:
    assert screened(case.pk, typed) == left


@pytest.mark.parametrize(
    "typed",
    [
        "Leeds Crown Court, 10 March 1990, listed 2 March 1991",
        "Complainant A and Suspect 1 attended on 02/03/2024; call 0113 496 0000",
        "Annabel said a lie; Lisbon; Acacia",
    ],
)
def test_what_is_not_an_identity_is_left_as_typed(case: Case, typed: str) -> None:
    assert screened(case.pk, typed) == typed


def test_another_cases_people_are_not_looked_for(case: Case) -> None:
    other = make_case(police_force="West Yorkshire Police")
    assert screened(other.pk, "Qqqqrstu said") == "Qqqqrstu said"


def test_a_screen_reads_the_people_of_many_cases_once(
    case: Case, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    other = make_case(police_force="West Yorkshire Police")
    Suspect.objects.filter(case=other).update(name="Bo Quimby")
    with django_assert_num_queries(2):  # the suspects, the complainants
        screen = Screen([case.pk, other.pk])
        assert screen(case.pk, "Li and Bo") == "Suspect 1 and Bo"
        assert screen(other.pk, "Li and Bo") == "Li and Suspect 1"


def test_a_judges_direction_is_told_in_fixed_wording(case: Case, user_of: Callable[..., User]) -> None:
    prosecutor = user_of(Role.PROSECUTOR, cps_area="Yorkshire and Humberside")
    day = date.today()
    set_judge_direction(actor=prosecutor, case=case, direction="Serve the ABE interview", set_on=day, due_on=day)
    deliver_due_reminders(now=timezone.now() + timedelta(days=1))
    told = {
        *Reminder.objects.values_list("message", flat=True),
        *Notification.objects.values_list("message", flat=True),
    }
    assert told == {f"Case {case.urn}: a judge's direction is due today"}


def _migrate(targets: list[tuple[str, str]]) -> StateApps:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_direction_reminders_stored_before_are_reworded(case: Case, user_of: Callable[..., User]) -> None:
    prosecutor = user_of(Role.PROSECUTOR, cps_area="Yorkshire and Humberside")
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    before = _migrate([("reminders", "0002_notification_email_outbox")])
    reminder_model = before.get_model("reminders", "Reminder")
    quoted = f"Case {case.urn}: judge's direction due today: Serve Qqqqrstu's ABE"
    stored = {"due_at": timezone.now(), "recipient_id": prosecutor.pk, "case_id": case.pk}
    reminder = reminder_model.objects.create(key="direction:1:2", message=quoted, **stored)
    before.get_model("reminders", "Notification").objects.create(
        recipient_id=prosecutor.pk, case_id=case.pk, reminder=reminder, message=quoted
    )
    other = reminder_model.objects.create(key="ptph:1:2", message="PTPH", **stored)
    _migrate(latest)
    fixed = f"Case {case.urn}: a judge's direction is due today"
    assert Reminder.objects.get(pk=reminder.pk).message == fixed
    assert Notification.objects.get().message == fixed
    assert Reminder.objects.get(pk=other.pk).message == "PTPH"
    assert set(Reminder.objects.values_list("about_id", flat=True)) == {case.pk}, "each still about its case"
    assert Notification.objects.get().about_id == case.pk


def test_a_label_is_kept_where_a_name_shares_a_word_with_it(case: Case) -> None:
    Suspect.objects.filter(case=case).update(name="Named Suspect")
    assert screened(case.pk, "Suspect 1 (Named Suspect): Complainant A") == "Suspect 1 (Suspect 1): Complainant A"
    assert screened(case.pk, "the suspect said") == "the Suspect 1 said"
