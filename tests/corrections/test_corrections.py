"""Corrections on the pages: the role that recorded a thing (or its unit head or supervisor) corrects it with a reason,
checks the correction before saving it, and the unit head's change history shows who, when, which details and why.
Another role is refused, a case outside the user's scope is a 404, a missing reason is an error on its field, a
correction that would break the journey is refused with its reason and changes nothing; nothing is ever deleted."""

from datetime import date
from typing import Any

import pytest
from django.test import Client

from accounts.models import User
from accounts.roles import Role
from actionplans.models import Action
from cases.models import (
    Case,
    ChargingDecision,
    Hearing,
    Offence,
    Prosecution,
    Referral,
    TimelineEvent,
)
from cases.models.court import Result
from corrections.details import Kind
from corrections.forms import CorrectionForm
from corrections.models import Correction
from corrections.table import CORRECTABLE
from govuk.wording import sentence_start
from reminders.models import Reminder
from tests.clients import date_fields, signed_in
from tests.corrections.journey import AREA, REASON, Journey
from tests.factories import make_case, make_user

pytestmark = pytest.mark.django_db


# Each kind of record: the role that corrects it here, the details corrected, and how the page shows the change.
CORRECTIONS: list[tuple[str, Role, dict[str, Any]]] = [
    ("case", Role.INVESTIGATOR, {"reported_on": date(2025, 1, 9)}),
    ("referral", Role.POLICE_SUPERVISOR, {"received_on": date(2025, 2, 28)}),
    ("early-advice", Role.PROSECUTOR, {"advice": "Download the phone and the cloud account"}),
    ("charging-decision", Role.UNIT_HEAD, {"decided_on": date(2025, 3, 19)}),
    ("prfi", Role.PROSECUTOR, {"prfi_on": date(2025, 3, 6), "reason": "Awaiting the cell-site analysis"}),
    ("police-nfa", Role.INVESTIGATOR, {"outcome_code": "16"}),
    ("action-answer", Role.POLICE_SUPERVISOR, {"response": "Statement taken from the first witness"}),
    ("hearing", Role.PROSECUTOR, {"held_on": date(2025, 4, 28), "court_name": "Bradford Crown Court"}),
    ("outcome", Role.PROSECUTOR, {"completed_on": date(2025, 4, 30)}),
    ("sentence", Role.UNIT_HEAD, {"sentence": "Six years' imprisonment"}),
    ("trial", Role.PROSECUTOR, {"listed_for": date(2025, 5, 21)}),
    ("judge-direction", Role.PROSECUTOR, {"due_on": date(2025, 5, 20)}),
]
KINDS = [kind for kind, _, _ in CORRECTIONS]
POLICE_RECORDS = {"case", "referral", "police-nfa", "action-answer"}


def url(journey: Journey, kind: str) -> str:
    record = journey.record(kind)
    spec = CORRECTABLE[kind]
    if kind == "case":
        return f"/cases/{journey.case.pk}/corrections/case/"
    return f"/cases/{journey.case.pk}/corrections/{spec.path}/{record.pk}/"


def form_data(kind: str, record: Any, changes: dict[str, Any], reason: str = REASON) -> dict[str, Any]:
    """The correction form as the browser posts it: every detail as recorded, with the changes typed over it."""
    data: dict[str, Any] = {"correction_reason": reason}
    for detail in CORRECTABLE[kind].details_of(record):
        value = changes.get(detail.name, detail.current(record))
        if detail.is_date:
            data |= date_fields(detail.name, value) if value else {}
        elif detail.kind == Kind.OFFENCES:
            data[detail.name] = [getattr(offence, "pk", offence) for offence in value]
        elif value is not None:
            data[detail.name] = getattr(value, "pk", value)
    return data


def signed_in_as(role: Role, **organisation: str) -> tuple[Client, User]:
    """A client signed in as a new user of the role: by default in the journey's force or Area."""
    if not organisation:
        organisation = {} if role in {Role.INVESTIGATOR, Role.POLICE_SUPERVISOR} else {"cps_area": AREA}
    user = make_user(role, first_name="Corrie", last_name="Hand", **organisation)
    client = signed_in(user)
    return client, user


def history_rows(record: Any) -> int:
    return int(type(record).history.filter(id=record.pk).count())


@pytest.mark.parametrize(("kind", "role", "changes"), CORRECTIONS, ids=KINDS)
def test_the_right_role_corrects_with_a_reason_and_the_history_shows_who_when_what_and_why(
    journey: Journey, kind: str, role: Role, changes: dict[str, Any]
) -> None:
    client, user = signed_in_as(role)
    record = journey.record(kind)
    rows_before = history_rows(record)
    page = client.get(url(journey, kind))
    assert page.status_code == 200
    assert "Reason for the correction" in page.content.decode()

    checked = client.post(url(journey, kind), form_data(kind, record, changes))
    assert checked.status_code == 200, checked.content.decode()[:3000]
    shown = checked.content.decode()
    assert "Check your correction" in shown
    assert type(record).objects.filter(pk=record.pk, **changes).count() == 0, "nothing is saved before it is checked"

    saved = client.post(url(journey, kind), {**form_data(kind, record, changes), "confirmed": "yes"})
    assert saved.status_code == 302
    assert type(record).objects.filter(pk=record.pk, **changes).exists(), "the value is corrected"
    assert history_rows(record) == rows_before + 1, "the history keeps the record as it was, and as it is"
    correction = Correction.objects.get(record=kind, record_id=record.pk)
    assert correction.made_by == user
    assert correction.reason == REASON
    assert TimelineEvent.objects.filter(case=journey.case, verb="corrected").exists()

    head = signed_in(journey.head)
    history = head.get(f"/cases/{journey.case.pk}/history/").content.decode()
    assert "Corrected" in history
    assert "Corrie Hand" in history, "who"
    assert REASON.replace("'", "&#x27;") in history, "why, in full"
    for name in changes:
        assert sentence_start(str(type(record)._meta.get_field(name).verbose_name)) in history, "what"


@pytest.mark.parametrize(("kind", "role", "changes"), CORRECTIONS, ids=KINDS)
def test_another_role_is_refused(journey: Journey, kind: str, role: Role, changes: dict[str, Any]) -> None:
    record = journey.record(kind)
    others = [Role.PROSECUTOR if kind in POLICE_RECORDS else Role.INVESTIGATOR, Role.VICTIM_LIAISON_OFFICER]
    for other in others:
        client, _ = signed_in_as(other)
        assert client.get(url(journey, kind)).status_code == 403
        posted = client.post(url(journey, kind), {**form_data(kind, record, changes), "confirmed": "yes"})
        assert posted.status_code == 403
    assert not Correction.objects.exists()
    assert not type(record).objects.filter(pk=record.pk, **changes).exists()


@pytest.mark.parametrize(("kind", "role", "changes"), CORRECTIONS, ids=KINDS)
def test_outside_the_users_scope_the_page_is_a_404(
    journey: Journey, kind: str, role: Role, changes: dict[str, Any]
) -> None:
    elsewhere = {"police_force": "Northumbria Police"} if kind in POLICE_RECORDS else {"cps_area": "London South"}
    client, _ = signed_in_as(role, **elsewhere)
    assert client.get(url(journey, kind)).status_code == 404
    record = journey.record(kind)
    assert client.post(url(journey, kind), {**form_data(kind, record, changes), "confirmed": "yes"}).status_code == 404
    assert not Correction.objects.exists()


@pytest.mark.parametrize(("kind", "role", "changes"), CORRECTIONS, ids=KINDS)
def test_without_a_reason_the_reason_is_in_error_and_nothing_changes(
    journey: Journey, kind: str, role: Role, changes: dict[str, Any]
) -> None:
    client, _ = signed_in_as(role)
    record = journey.record(kind)
    rows_before = history_rows(record)
    response = client.post(url(journey, kind), {**form_data(kind, record, changes, reason=" "), "confirmed": "yes"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert 'href="#id_correction_reason"' in page, "the error summary leads to the reason"
    assert "Enter the reason for the correction" in page
    assert history_rows(record) == rows_before
    assert not Correction.objects.exists()


# Corrections the journey does not allow: the detail refused, and the reason given on the page.
BREAKS: list[tuple[str, Role, dict[str, Any], str, str]] = [
    (
        "charging-decision",
        Role.PROSECUTOR,
        {"decided_on": date(2025, 2, 27)},
        "decided_on",
        "The date must be on or after the referral (1 March 2025).",
    ),
    (
        "hearing",
        Role.PROSECUTOR,
        {"held_on": date(2025, 3, 19)},
        "held_on",
        "The date must be on or after the charge (20 March 2025).",
    ),
    (
        "referral",
        Role.INVESTIGATOR,
        {"received_on": date(2025, 3, 21)},
        "received_on",
        "The date must be on or before the day the referral was closed (20 March 2025).",
    ),
    (
        "case",
        Role.INVESTIGATOR,
        {"reported_on": date(2025, 2, 2)},
        "reported_on",
        "The date must be on or before the first referral to the CPS (1 February 2025).",
    ),
    (
        "outcome",
        Role.PROSECUTOR,
        {"completed_on": date(2025, 4, 28)},
        "completed_on",
        "The date must be on or after the hearing at which it happened (29 April 2025).",
    ),
    (
        "outcome",
        Role.PROSECUTOR,
        {"result": Result.ACQUITTED},
        "result",
        "A correction cannot change the outcome from “Guilty plea” to “Acquitted”",
    ),
    (
        "sentence",
        Role.PROSECUTOR,
        {"sentenced_on": date(2025, 4, 1)},
        "sentenced_on",
        "The date must be on or after the conviction (29 April 2025).",
    ),
    (
        "judge-direction",
        Role.PROSECUTOR,
        {"due_on": date(2025, 4, 1)},
        "due_on",
        "The due date must be on or after the day the direction was made.",
    ),
    (
        "action-answer",
        Role.INVESTIGATOR,
        {"answered_on": date(2025, 2, 19)},
        "answered_on",
        "The date must be on or after the day the plan was set (20 February 2025).",
    ),
    (
        "prfi",
        Role.PROSECUTOR,
        {"prfi_on": date(2025, 2, 14)},
        "prfi_on",
        "The date must be on or after the referral (15 February 2025).",
    ),
    (
        "trial",
        Role.PROSECUTOR,
        {"listed_for": date(2025, 3, 31)},
        "listed_for",
        "The date must be on or after sending to the Crown Court (1 April 2025).",
    ),
]


@pytest.mark.parametrize("broken", BREAKS, ids=[b[0] for b in BREAKS])
def test_a_correction_that_would_break_the_journey_is_refused_with_its_reason(
    journey: Journey, broken: tuple[str, Role, dict[str, Any], str, str]
) -> None:
    kind, role, changes, field, message = broken
    client, _ = signed_in_as(role)
    record = journey.record(kind)
    rows_before = history_rows(record)
    for confirmed in ({}, {"confirmed": "yes"}):
        response = client.post(url(journey, kind), {**form_data(kind, record, changes), **confirmed})
        page = response.content.decode().replace("&#x27;", "'")
        assert response.status_code == 200
        assert "There is a problem" in page
        assert message in page
        assert f'id="id_{field}' in page
    assert history_rows(record) == rows_before, "nothing changed"
    assert not type(record).objects.filter(pk=record.pk, **changes).exists()
    assert not Correction.objects.exists()


def test_a_mistyped_hearing_date_corrected_by_the_unit_head_lands_on_the_change_history(journey: Journey) -> None:
    client = signed_in(journey.head)
    data = form_data("hearing", journey.hearing, {"held_on": date(2025, 4, 28)})
    response = client.post(url(journey, "hearing"), {**data, "confirmed": "yes"}, follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == f"/cases/{journey.case.pk}/history/"
    assert "corrected" in page, "the success banner"
    assert '<td class="govuk-table__cell">Corrected</td>' in page
    assert '<td class="govuk-table__cell">Date</td>' in page, "the hearing's date"
    assert REASON.replace("'", "&#x27;") in page
    assert "Hana Webb" in page
    assert Hearing.objects.get(pk=journey.hearing.pk).held_on == date(2025, 4, 28)


def test_the_check_page_shows_each_detail_as_recorded_and_as_corrected(journey: Journey) -> None:
    client = signed_in(journey.prosecutor)
    data = form_data("hearing", journey.hearing, {"held_on": date(2025, 4, 28), "court_name": "Bradford Crown Court"})
    page = client.post(url(journey, "hearing"), data).content.decode()
    for shown in ("29 April 2025", "28 April 2025", "Leeds Crown Court", "Bradford Crown Court"):
        assert shown in page
    changed = client.post(url(journey, "hearing"), {**data, "change": "yes"}).content.decode()
    assert 'name="held_on_0" type="text" inputmode="numeric" value="28"' in changed, (
        "changing the correction shows the form as typed"
    )
    assert "There is a problem" not in changed


def test_nothing_changed_is_not_a_correction(journey: Journey) -> None:
    client = signed_in(journey.prosecutor)
    page = client.post(url(journey, "hearing"), form_data("hearing", journey.hearing, {})).content.decode()
    assert "Nothing has changed" in page
    assert not Correction.objects.exists()


def test_a_referral_received_on_another_day_has_its_deadline_from_that_day(journey: Journey) -> None:
    client, _ = signed_in_as(Role.INVESTIGATOR)
    data = form_data("referral", journey.referral, {"received_on": date(2025, 2, 20)})
    assert client.post(url(journey, "referral"), {**data, "confirmed": "yes"}).status_code == 302
    referral = Referral.objects.get(pk=journey.referral.pk)
    assert referral.received_on == date(2025, 2, 20)
    assert referral.due_on == date(2025, 3, 20), "28 days from the corrected date"


def test_a_decision_corrected_to_another_day_closed_its_referral_that_day(journey: Journey) -> None:
    client = signed_in(journey.prosecutor)
    data = form_data("charging-decision", journey.decision, {"decided_on": date(2025, 3, 15)})
    assert client.post(url(journey, "charging-decision"), {**data, "confirmed": "yes"}).status_code == 302
    assert Referral.objects.get(pk=journey.referral.pk).closed_on == date(2025, 3, 15)


def test_a_direction_due_on_another_day_is_reminded_on_that_day(journey: Journey) -> None:
    client = signed_in(journey.prosecutor)
    data = form_data("judge-direction", journey.direction, {"due_on": date(2025, 5, 20)})
    assert client.post(url(journey, "judge-direction"), {**data, "confirmed": "yes"}).status_code == 302
    pending = Reminder.objects.filter(key__startswith=f"direction:{journey.direction.pk}:", cancelled_at=None)
    assert pending.exists()
    assert {reminder.due_at.date() for reminder in pending} == {date(2025, 5, 20)}


def test_a_cases_offences_corrected_show_in_the_history(journey: Journey) -> None:
    client, _ = signed_in_as(Role.INVESTIGATOR)
    offences = list(Offence.objects.in_use(date.today())[:2])
    data = form_data("case", journey.case, {"offences": offences})
    assert client.post(url(journey, "case"), {**data, "confirmed": "yes"}).status_code == 302
    assert set(journey.case.offences.all()) == set(offences)
    head = signed_in(journey.head)
    assert "Offences" in head.get(f"/cases/{journey.case.pk}/history/").content.decode()


def test_a_correction_deletes_nothing(journey: Journey) -> None:
    counts = {model: model.objects.count() for model in (Case, Referral, ChargingDecision, Hearing, Prosecution)}
    client = signed_in(journey.prosecutor)
    for kind, changes in (
        ("hearing", {"held_on": date(2025, 4, 28)}),
        ("outcome", {"completed_on": date(2025, 5, 1)}),
    ):
        data = form_data(kind, journey.record(kind), changes)
        assert client.post(url(journey, kind), {**data, "confirmed": "yes"}).status_code == 302
    assert {model: model.objects.count() for model in counts} == counts
    assert Hearing.history.filter(id=journey.hearing.pk, history_type="-").count() == 0  # type: ignore[attr-defined]
    assert Correction.objects.count() == 2


def test_a_record_with_nothing_to_correct_has_no_correction_page(journey: Journey) -> None:
    client = signed_in(journey.prosecutor)
    early = journey.referral  # a charging referral: no early advice was given on it
    assert client.get(f"/cases/{journey.case.pk}/corrections/early-advice/{early.pk}/").status_code == 404
    unanswered = Action.objects.get(plan=journey.action.plan, number=2)
    officer = signed_in(journey.officer)
    assert officer.get(f"/cases/{journey.case.pk}/corrections/action-answers/{unanswered.pk}/").status_code == 404


@pytest.mark.django_db
def test_a_required_detail_left_empty_is_named_in_the_design_systems_words() -> None:
    case = make_case()
    form = CorrectionForm({}, details=list(CORRECTABLE["case"].details_of(case)), record=case)
    assert not form.is_valid()
    assert form.errors["reported_on"] == ["Enter date reported to police"]
