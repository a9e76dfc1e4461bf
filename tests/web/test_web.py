"""The shared page and API machinery: the bounded lookup registered by web's own app, refusals answered with their
own status and body, and every scoped record read through a path that reaches its case's force and Area."""

from datetime import date
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db.models import IntegerField, Model
from rest_framework.response import Response

from accounts.roles import Role
from accounts.scoping import ScopedQuerySet
from cases.models import Referral, Suspect, TimelineEvent
from cases.transitions import Event, RoleNotAllowed, SuspectStatus, TransitionNotAllowed
from tests.factories import make_case, make_user, referred_suspect
from web.errors import api_exception_handler
from web.lookups import IntegerFieldIn
from web.refusals import Refusal


def test_web_registers_the_bounded_in_lookup_on_integer_columns() -> None:
    assert IntegerField().get_lookup("in") is IntegerFieldIn


def _answer(refusal: Exception) -> Response:
    response = api_exception_handler(refusal, {})
    assert response is not None
    return response


def test_a_refusal_is_answered_with_its_own_status_and_body() -> None:
    class Withheld(Refusal):
        http_status = 423

        def payload(self) -> dict[str, Any]:
            return {**super().payload(), "until": "tomorrow"}

    answer = _answer(Withheld("Not yet."))
    assert (answer.status_code, answer.data) == (423, {"detail": "Not yet.", "until": "tomorrow"})
    assert _answer(Refusal("No.")).status_code == 409


def test_the_journey_s_refusals_are_a_409_with_the_status_and_a_403() -> None:
    moved = _answer(TransitionNotAllowed(Event.RECORD_DECISION, SuspectStatus.WITH_POLICE))
    assert moved.status_code == 409
    assert (moved.data["status"], moved.data["event"]) == (
        SuspectStatus.WITH_POLICE.value,
        Event.RECORD_DECISION.value,
    )
    refused = RoleNotAllowed(Event.RECORD_DECISION, Role.INVESTIGATOR)
    assert refused.forbidden
    assert _answer(refused).status_code == 403


def _scoped_models() -> list[type[Model]]:
    return [model for model in apps.get_models() if isinstance(model._default_manager.all(), ScopedQuerySet)]


def test_the_records_the_api_and_pages_read_are_scoped() -> None:
    assert {model.__name__ for model in _scoped_models()} >= {
        "Case", "Suspect", "Referral", "ChargingDecision", "Prfi", "PoliceNfa", "TimelineEvent", "Hearing",
        "Prosecution", "Trial", "JudgeDirection", "ActionPlan", "Action", "ReviewPoint", "Complainant",
        "Communication", "VrrRequest", "PreTrialMeeting",
    }  # fmt: skip


@pytest.mark.django_db
def test_every_scoped_record_is_read_through_its_case_s_force_and_area() -> None:
    """A wrong ``scope_path`` is a FieldError here; an anonymous visitor sees nothing of any record."""
    users = [make_user(Role.INVESTIGATOR), make_user(Role.PROSECUTOR), make_user(Role.ADMINISTRATOR)]
    for model in _scoped_models():
        records: ScopedQuerySet[Model] = model._default_manager.all()  # type: ignore[assignment]
        for user in users:
            records.visible_to(user).exists()
        assert not records.visible_to(AnonymousUser()).exists()


@pytest.mark.django_db
def test_a_force_sees_its_own_records_and_not_another_s() -> None:
    officer = make_user(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    referred_suspect(make_case(), officer=officer, received_on=date(2024, 5, 2))
    neighbour = make_user(Role.INVESTIGATOR, police_force="South Yorkshire Police")
    for records in (Suspect.objects.all(), Referral.objects.all(), TimelineEvent.objects.all()):
        assert records.visible_to(officer).exists()
        assert not records.visible_to(neighbour).exists()
