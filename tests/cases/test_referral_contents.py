"""A referral says what it holds: the offences the police propose, custody and the time of arrest (the detention
clock), and the file's contents as a checklist that triage reads, with rejection reasons against the missing items."""

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import User
from cases.custody import DetentionClock
from cases.forms.precharge import ChargingReferralForm
from cases.models import Offence, Referral, Suspect
from cases.models.precharge import FileItem, RejectionReason
from cases.services.precharge import refer_for_charging_decision, triage_referral
from corrections.models import Correction
from govuk.wording import time_in_words
from tests.clients import date_fields, post_json, signed_in
from tests.factories import make_case
from tests.html_references import parse

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
# What most files hold; the MG3 and the exhibits list are not sent.
SENT = [FileItem.SUPERVISOR_COMMENTS, FileItem.WITNESS_STATEMENTS, FileItem.COMPLAINANT_ACCOUNT]
SENT += [FileItem.INTERVIEW_SUMMARY, FileItem.DISCLOSURE_SCHEDULES]


@pytest.fixture
def suspect(officer: User) -> Suspect:
    return Suspect.objects.get(
        case=make_case(officer_in_charge=officer, reported_on=timezone.localdate() - timedelta(days=60))
    )


@pytest.fixture
def offences() -> list[Offence]:
    return list(Offence.objects.in_use(timezone.localdate())[:2])


def _referral_page(suspect: Suspect) -> str:
    return f"/cases/{suspect.case_id}/suspects/{suspect.pk}/charging-referral/"


def _arrested(hours_ago: int) -> datetime:
    """A time of arrest on the hour, ``hours_ago`` before now."""
    return timezone.localtime().replace(minute=0, second=0, microsecond=0) - timedelta(hours=hours_ago)


def _posted(arrested_at: datetime | None, **more: object) -> dict[str, object]:
    data: dict[str, object] = {**date_fields("received_on", timezone.localdate()), "in_custody": "yes"}
    if arrested_at is not None:
        local = timezone.localtime(arrested_at)
        data |= {**date_fields("arrested_at", local.date()), "arrest_time": f"{local:%H:%M}"}
    return data | more


def _referred(officer: User, suspect: Suspect, offences: list[Offence]) -> Referral:
    return refer_for_charging_decision(
        actor=officer,
        suspect=suspect,
        received_on=timezone.localdate(),
        proposed_offences=offences,
        in_custody=True,
        arrested_at=_arrested(2),
        file_contents=SENT,
    )


def test_the_officer_refers_with_offences_custody_arrest_and_what_the_file_holds(
    officer: User, suspect: Suspect, offences: list[Offence]
) -> None:
    arrested_at = _arrested(3)
    data = _posted(arrested_at, proposed_offences=[o.pk for o in offences], file_contents=SENT)
    response = signed_in(officer).post(_referral_page(suspect), data)
    assert response.status_code == 302, response.content.decode()
    referral = Referral.objects.get(suspect=suspect)
    assert set(referral.proposed_offences.all()) == set(offences)
    assert referral.arrested_at == arrested_at
    assert referral.file_contents == [item.value for item in FileItem if item in SENT]
    assert referral.priority
    assert referral.due_on == timezone.localdate()
    suspect.refresh_from_db()
    assert suspect.in_custody


def test_the_api_takes_the_same_and_answers_with_it(officer: User, suspect: Suspect, offences: list[Offence]) -> None:
    arrested_at = _arrested(5)
    sent = {
        "received_on": str(timezone.localdate()),
        "proposed_offences": [o.code for o in offences],
        "in_custody": True,
        "arrested_at": arrested_at.isoformat(),
        "file_contents": ["exhibits", "mg3"],
    }
    response = post_json(signed_in(officer), f"/api/v1/suspects/{suspect.pk}/charging-referrals/", sent)
    assert response.status_code == 201, response.json()
    answer = response.json()
    assert sorted(answer["proposed_offences"]) == sorted(o.code for o in offences)
    assert answer["file_contents"] == ["mg3", "exhibits"]  # in the checklist's order
    assert answer["priority"] is True
    assert datetime.fromisoformat(answer["arrested_at"]) == arrested_at


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (lambda: {}, "arrested_at", "Enter the date and time of arrest, as the suspect is in custody"),
        (lambda: {**date_fields("arrested_at", timezone.localdate() + timedelta(days=1)), "arrest_time": "9:00"},
         "arrested_at", "Date of arrest must be today or in the past"),
        (lambda: date_fields("arrested_at", timezone.localdate()), "arrest_time", "Enter the time of arrest"),
        (lambda: {"arrest_time": "3:15pm"}, "arrested_at", "Enter the date of arrest"),
        (lambda: {**date_fields("arrested_at", timezone.localdate()), "arrest_time": "25:00"}, "arrest_time",
         "Time of arrest must be a real time, like 3:15pm or 15:15"),
    ],
)  # fmt: skip
def test_the_time_of_arrest_is_required_in_custody_and_refused_in_the_future(
    officer: User, suspect: Suspect, changes: Callable[[], dict[str, str]], field: str, message: str
) -> None:
    response = signed_in(officer).post(_referral_page(suspect), _posted(None, **changes()))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in page
    assert f'id="id_{field}-error"' in page  # the message beside the field
    assert message in page
    assert not Referral.objects.exists()


def test_the_api_refuses_an_arrest_in_the_future_in_the_services_words(officer: User, suspect: Suspect) -> None:
    sent = {
        "received_on": str(timezone.localdate()),
        "in_custody": True,
        "arrested_at": (timezone.now() + timedelta(hours=2)).isoformat(),
    }
    response = post_json(signed_in(officer), f"/api/v1/suspects/{suspect.pk}/charging-referrals/", sent)
    assert response.status_code == 400
    assert response.json()["arrested_at"] == ["The time of arrest must be in the past"]


def test_not_in_custody_needs_no_arrest_and_is_not_a_priority(officer: User, suspect: Suspect) -> None:
    response = signed_in(officer).post(_referral_page(suspect), _posted(None, in_custody="no"))
    assert response.status_code == 302
    referral = Referral.objects.get(suspect=suspect)
    assert not referral.priority
    assert referral.arrested_at is None


def test_the_triage_page_shows_what_is_missing_and_ticks_the_reasons_about_it(
    officer: User, prosecutor: User, suspect: Suspect, offences: list[Offence]
) -> None:
    referral = _referred(officer, suspect, offences)
    page = signed_in(prosecutor).get(f"/cases/{suspect.case_id}/referrals/{referral.pk}/triage/").content.decode()
    assert 'MG3 (report to prosecutor)</dt><dd class="govuk-summary-list__value">Not included' in page
    assert 'Witness statements (MG11)</dt><dd class="govuk-summary-list__value">Included' in page
    assert 'Detention clock</dt><dd class="govuk-summary-list__value">24 hours from arrest ends' in page
    assert offences[0].title in page
    boxes = re.findall(r'<input[^>]*name="rejection_reasons"[^>]*>', page)
    assert len(boxes) == len(RejectionReason)
    ticked = {re.search(r'value="(\w+)"', box)[1] for box in boxes if " checked" in box}  # type: ignore[index]
    assert ticked == {RejectionReason.NO_MG3, RejectionReason.EXHIBITS}


def test_accepting_a_file_with_suggested_reasons_ticked_accepts_it(
    officer: User, prosecutor: User, suspect: Suspect, offences: list[Offence]
) -> None:
    referral = _referred(officer, suspect, offences)
    data = {"accepted": "yes", "rejection_reasons": ["no_mg3", "exhibits"], **date_fields("on", timezone.localdate())}
    response = signed_in(prosecutor).post(f"/cases/{suspect.case_id}/referrals/{referral.pk}/triage/", data)
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.triage == "accepted"
    assert referral.rejection_reasons == []


def test_the_charging_page_shows_the_rejection_reasons_against_the_missing_items(
    officer: User, prosecutor: User, suspect: Suspect, offences: list[Offence]
) -> None:
    referral = _referred(officer, suspect, offences)
    triage_referral(
        actor=prosecutor, referral=referral, accepted=False, rejection_reasons=["no_mg3"], on=timezone.localdate()
    )
    page = signed_in(officer).get(f"/cases/{suspect.case_id}/charging/").content.decode()
    assert (
        "MG3 (report to prosecutor): <strong>not included</strong> (rejected: No MG3 (report to prosecutor))" in page
    )
    assert "Exhibits list (MG12): <strong>not included</strong></li>" in page
    assert "Witness statements (MG11): included</li>" in page
    assert 'Suspect in custody</dt><dd class="govuk-summary-list__value">Yes, arrested ' in page
    assert "Detention clock" not in page  # the file is closed: the clock is no longer the CPS's to watch


def test_the_detention_clock_runs_24_hours_from_arrest() -> None:
    clock = DetentionClock(datetime(2026, 12, 6, 15, 15, tzinfo=LONDON))
    assert clock.ends() == "24 hours from arrest ends 7 December 2026 at 3:15pm"
    assert clock.summary(datetime(2026, 12, 7, 4, 10, tzinfo=LONDON)) == (
        "24 hours from arrest ends 7 December 2026 at 3:15pm (11 hours 5 minutes left)"
    )
    assert clock.left(datetime(2026, 12, 7, 17, 15, tzinfo=LONDON)) == "ended 2 hours ago"
    assert [
        time_in_words(datetime(2026, 12, 7, h, m, tzinfo=LONDON)) for h, m in ((0, 0), (9, 0), (12, 0), (12, 30))
    ] == [
        "midnight",
        "9am",
        "midday",
        "12:30pm",
    ]


def test_a_correction_of_what_the_file_holds_is_kept_in_the_history(
    officer: User, suspect: Suspect, offences: list[Offence]
) -> None:
    referral = _referred(officer, suspect, offences)
    url = f"/cases/{suspect.case_id}/corrections/referrals/{referral.pk}/"
    client = signed_in(officer)
    form = client.get(url).content.decode()
    assert "What the file holds" in form
    assert "Time of arrest" in form
    local = timezone.localtime(referral.arrested_at)
    data = {
        **date_fields("received_on", referral.received_on),
        **date_fields("arrested_at", local.date()),
        "arrested_at_time": f"{local:%H:%M}",
        "proposed_offences": [o.pk for o in offences],
        "file_contents": [*SENT, FileItem.MG3],
        "correction_reason": "The MG3 was sent with the file",
    }
    check = client.post(url, data).content.decode()
    assert "Check your correction" in check
    assert "MG3 (report to prosecutor)" in check
    assert client.post(url, {**data, "confirmed": "yes"}).status_code == 302
    referral.refresh_from_db()
    assert FileItem.MG3 in referral.file_contents
    history = list(referral.history.order_by("-history_id"))  # type: ignore[attr-defined]
    assert history[0].history_change_reason == "Correction: The MG3 was sent with the file"
    assert FileItem.MG3 not in history[1].file_contents
    assert Correction.objects.get().fields == ["What the file holds"]


def test_the_api_corrects_the_time_of_arrest_by_the_same_rules(
    officer: User, suspect: Suspect, offences: list[Offence]
) -> None:
    referral = _referred(officer, suspect, offences)
    client: Client = signed_in(officer)
    path = f"/api/v1/corrections/referrals/{referral.pk}/"
    future = {"arrested_at": (timezone.now() + timedelta(hours=1)).isoformat(), "correction_reason": "Misread"}
    assert client.patch(path, future, content_type="application/json").status_code == 400
    earlier = _arrested(6)
    sent = {"arrested_at": earlier.isoformat(), "correction_reason": "Custody record says 6 hours ago"}
    assert client.patch(path, sent, content_type="application/json").status_code == 200
    referral.refresh_from_db()
    assert referral.arrested_at == earlier


def test_early_advice_carries_the_proposed_offences_but_not_a_retired_one(
    officer: User, suspect: Suspect, offences: list[Offence]
) -> None:
    path = f"/api/v1/suspects/{suspect.pk}/early-advice-requests/"
    retired = Offence.objects.create(
        code="retired-offence", title="Retired", statute="s.1", disabled_on=timezone.localdate()
    )
    sent = {
        "requested_on": str(timezone.localdate()),
        "questions": "Likely charges?",
        "proposed_offences": [retired.code],
    }
    refused = post_json(signed_in(officer), path, sent)
    assert refused.status_code == 400
    assert refused.json()["proposed_offences"] == ["Select offences from the current list."]
    answer = post_json(signed_in(officer), path, {**sent, "proposed_offences": [offences[0].code]}).json()
    assert answer["proposed_offences"] == [offences[0].code]


def test_the_time_of_arrest_is_asked_only_under_in_custody_yes(suspect: Suspect) -> None:
    page = parse(str(ChargingReferralForm(suspect=suspect)))
    yes = next(node for node in page.iter() if node.attrs.get("name") == "in_custody" and node.attrs["value"] == "yes")
    block = next(node for node in page.iter() if node.attrs.get("id") == yes.attrs["data-aria-controls"])
    assert "govuk-radios__conditional" in block.classes
    assert [node.attrs["name"] for node in block.iter() if node.tag == "input"][:1] == ["arrested_at_0"]
    assert "arrest_time" in [node.attrs["name"] for node in block.iter() if node.tag == "input"]
