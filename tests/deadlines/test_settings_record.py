"""The deadlines' settings record: a number an administrator changes is read at the moment a deadline is computed
(one query, none inside ``pinned``), over the environment's value, which stays the default while no row was changed;
each number says where its value comes from; a change is checked against the number's bounds and kept in the
history with who made it and why."""

from dataclasses import asdict, fields
from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import deadlines
from accounts.models import User
from accounts.roles import Role
from deadlines import early_advice_due, pinned
from deadlines.changes import change_deadline, in_force, number, would_move
from deadlines.definitions import DEFINITIONS
from deadlines.models import DeadlineSetting
from tests.factories import make_user

pytestmark = pytest.mark.django_db

TODAY = datetime(2026, 12, 7, 10, 0, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def administrator() -> User:
    return make_user(Role.ADMINISTRATOR, first_name="Ada", last_name="Okafor")


def test_every_number_has_a_definition_whose_documented_value_is_the_environments_default() -> None:
    assert DEFINITIONS.keys() == {field.name for field in fields(deadlines.Deadlines)}
    assert {name: d.documented for name, d in DEFINITIONS.items()} == asdict(deadlines.environment())


def test_a_change_is_read_at_the_next_deadline_computed(administrator: User) -> None:
    assert early_advice_due(date(2026, 12, 1)).on == date(2026, 12, 22)
    change_deadline(name="early_advice_days", value=14, by=administrator, reason="New operating model")
    assert early_advice_due(date(2026, 12, 1)).on == date(2026, 12, 15)
    assert deadlines.settings().charging_decision_days == 28  # the others keep the environment's values


def test_the_environment_feeds_every_number_no_one_changed(administrator: User) -> None:
    changed = {**asdict(deadlines.environment()), "early_advice_days": 10, "ptph_days": 30}
    change_deadline(name="ptph_days", value=35, by=administrator, reason="Listing practice")
    with override_settings(RASSO_DEADLINES=changed):
        assert deadlines.settings().early_advice_days == 10
        assert deadlines.settings().ptph_days == 35  # the record wins over the environment


def test_a_deadline_costs_one_query_and_none_while_pinned() -> None:
    with CaptureQueriesContext(connection) as queries:
        early_advice_due(date(2026, 12, 1))
    assert len(queries) == 1
    with pinned(), CaptureQueriesContext(connection) as queries:
        for day in range(1, 29):
            early_advice_due(date(2026, 2, day))
    assert len(queries) == 0


def test_each_number_says_where_its_value_comes_from(administrator: User) -> None:
    with time_machine.travel(TODAY, tick=False):
        change_deadline(name="threshold_review_days", value=21, by=administrator, reason="Agreed at the JOIM")
    changed = {**asdict(deadlines.environment()), "readiness_warning_days": 21}
    with override_settings(RASSO_DEADLINES=changed):
        sources = {each.definition.name: each.source for each in in_force()}
        shown = {each.definition.name: each.shown for each in in_force()}
    assert sources["early_advice_days"] == "Default (DOMAIN.md)"
    assert sources["readiness_warning_days"] == "Set by the environment (READINESS_WARNING_DAYS)"
    assert sources["threshold_review_days"] == "Changed by Ada Okafor on 7 December 2026: Agreed at the JOIM"
    assert shown["threshold_review_days"] == "21 days"
    assert shown["custody_time_limit_warning_days"] == "28 days and 7 days"
    assert shown["letter_working_days_enhanced"] == "1 working day"


def test_a_change_is_kept_in_the_history_with_who_and_why(administrator: User) -> None:
    change_deadline(name="custody_time_limit_warning_days", value=(28, 14, 7), by=administrator, reason="Earlier")
    change_deadline(name="custody_time_limit_warning_days", value=(28, 14), by=administrator, reason="Fewer")
    assert deadlines.settings().custody_time_limit_warning_days == (28, 14)
    history = DeadlineSetting.history.order_by("history_date")
    assert [(h.value, h.reason, h.history_user_id) for h in history] == [
        ([28, 14, 7], "Earlier", administrator.pk),
        ([28, 14], "Fewer", administrator.pk),
    ]
    assert number("custody_time_limit_warning_days").record is not None


@pytest.mark.parametrize(
    ("name", "value", "error"),
    [
        ("early_advice_days", 0, "The value must be between 1 and 90 days"),
        ("early_advice_days", 91, "The value must be between 1 and 90 days"),
        ("early_advice_days", 21, "The value is already 21 days: enter a different one"),
        ("custody_time_limit_warning_days", (), "Enter at least one number of days"),
        ("custody_time_limit_warning_days", (28, 28), "Enter each number of days once"),
        ("custody_time_limit_warning_days", (28, 0), "Each number must be between 1 and 182 days"),
    ],
)
def test_a_value_outside_the_numbers_bounds_is_refused(
    administrator: User, name: str, value: object, error: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        change_deadline(name=name, value=value, by=administrator, reason="Trying")  # type: ignore[arg-type]
    assert refused.value.message_dict == {"value": [error]}
    with pytest.raises(ValidationError):
        would_move(name=name, value=value)  # type: ignore[arg-type]
    assert not DeadlineSetting.objects.exists()


def test_a_reason_is_required(administrator: User) -> None:
    with pytest.raises(ValidationError) as refused:
        change_deadline(name="early_advice_days", value=14, by=administrator, reason="  ")
    assert refused.value.message_dict == {"reason": ["Enter why the deadline is changing"]}
    assert deadlines.settings().early_advice_days == 21


def test_a_first_change_made_by_two_administrators_at_once_is_refused_not_broken(administrator: User) -> None:
    """The other administrator's row reaches the database after this change looked for one to lock and found none,
    just before this change writes its own, as when both submit at once: this change is refused with a message and
    leaves nothing behind. (The other row is written inside this change's transaction here, so it is undone with it;
    in the service it is another request's, already committed.)"""
    other = make_user(Role.ADMINISTRATOR, first_name="Ben", last_name="Idris")
    writes: list[str] = []

    def other_administrator_writes_first(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        if sql.startswith('INSERT INTO "deadlines_deadlinesetting"') and not writes:
            writes.append(sql)
            DeadlineSetting.objects.create(
                name="early_advice_days", value=10, changed_by=other, changed_at=timezone.now(), reason="Theirs"
            )
        return execute(sql, params, many, context)

    with connection.execute_wrapper(other_administrator_writes_first), pytest.raises(ValidationError) as refused:
        change_deadline(name="early_advice_days", value=14, by=administrator, reason="Mine")
    assert writes, "the service never wrote a row"
    assert refused.value.message_dict == {
        "value": ["Someone else changed this at the same time; check the value and try again"]
    }
    assert not DeadlineSetting.history.filter(reason="Mine").exists()
    assert deadlines.settings().early_advice_days == 21
