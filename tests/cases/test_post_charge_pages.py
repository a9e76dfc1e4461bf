"""The court pages after charge: the status of each suspect, the sentence step (offered once the suspect is convicted,
refused by the table before), and a hearing listed ahead at its named court, recorded as held once its date has come,
which is when the PTPH moves the suspect on to await trial."""

from datetime import date, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from cases.models import Prosecution, Suspect
from cases.services.court import record_hearing, record_outcome
from cases.transitions import SuspectStatus
from tests.clients import date_fields, signed_in
from tests.factories import sent_to_crown_court
from tests.html_references import problems

pytestmark = pytest.mark.django_db


def _convicted_on() -> date:
    return timezone.localdate() - timedelta(days=100)


@pytest.fixture
def sent(officer: User, prosecutor: User) -> Suspect:
    return sent_to_crown_court(officer=officer, prosecutor=prosecutor)


@pytest.fixture
def convicted(sent: Suspect, prosecutor: User) -> Suspect:
    ptph = record_hearing(actor=prosecutor, suspect=sent, court="crown", court_name="Leeds Crown Court", kind="ptph",
                          held_on=_convicted_on(), plea="guilty")  # fmt: skip
    record_outcome(actor=prosecutor, suspect=sent, result="guilty_plea", completed_on=_convicted_on(), hearing=ptph)
    return sent


def _status(suspect: Suspect) -> str:
    return Suspect.objects.get(pk=suspect.pk).status


def _court_page(client: Client, suspect: Suspect) -> str:
    page = client.get(reverse("cases:court", args=[suspect.case_id]))
    assert page.status_code == 200
    html = page.content.decode()
    assert problems(html) == []
    return html


def _sentence(day: date, **more: str) -> dict[str, str]:
    return {"sentence": "9 years' imprisonment", **date_fields("sentenced_on", day), **more}


def test_the_sentence_is_recorded_from_the_court_page_once_convicted(convicted: Suspect, prosecutor: User) -> None:
    client = signed_in(prosecutor)
    url = reverse("cases:sentence", args=[convicted.case_id, convicted.pk])
    court = _court_page(client, convicted)
    assert "Convicted: awaiting sentence" in court
    assert f'href="{url}"' in court
    assert f"Guilty plea, {_convicted_on():%-d %B %Y}" in client.get(url).content.decode()

    early = client.post(url, _sentence(_convicted_on() - timedelta(days=1), confirmed="yes"))
    assert early.status_code == 200
    assert early.context["form"].errors["sentenced_on"] == [
        f"The date must be on or after the conviction ({_convicted_on():%-d %B %Y})."
    ]
    assert early.context["form"]["sentence"].value() == "9 years' imprisonment"  # nothing typed is lost
    assert problems(early.content.decode()) == []
    ahead = client.post(url, _sentence(timezone.localdate() + timedelta(days=1), confirmed="yes"))
    assert ahead.context["form"].errors["sentenced_on"] == ["Date of sentence must be today or in the past"]

    asked = client.post(url, _sentence(timezone.localdate() - timedelta(days=7)))
    assert "You are recording the sentence for Suspect 1; it completes the prosecution." in asked.content.decode()
    assert _status(convicted) == SuspectStatus.CONVICTED
    done = client.post(url, _sentence(timezone.localdate() - timedelta(days=7), confirmed="yes"))
    assert done.status_code == 302
    assert done["Location"] == reverse("cases:court", args=[convicted.case_id])
    assert _status(convicted) == SuspectStatus.SENTENCED
    court = _court_page(client, convicted)
    assert f"9 years&#x27; imprisonment<br>Sentenced on {timezone.localdate() - timedelta(days=7):%-d %B %Y}" in court
    assert ">Sentenced</dd>" in court
    assert f'href="{url}"' not in court


def test_the_sentence_page_refuses_a_suspect_not_yet_convicted(sent: Suspect, prosecutor: User, officer: User) -> None:
    client = signed_in(prosecutor)
    url = reverse("cases:sentence", args=[sent.case_id, sent.pk])
    assert f'href="{url}"' not in _court_page(client, sent)
    refused = client.post(url, _sentence(timezone.localdate(), confirmed="yes"))
    assert refused.status_code == 200
    assert "You cannot record the sentence while the suspect is" in refused.content.decode()
    assert Prosecution.objects.get(suspect=sent).sentence == ""
    assert signed_in(officer).get(url).status_code == 403


def _listing(court_name: str, day: date) -> dict[str, str]:
    return {"court": "crown", "court_name": court_name, "kind": "ptph", **date_fields("held_on", day)}


def test_a_ptph_listed_ahead_at_its_court_moves_the_suspect_once_recorded_as_held(
    sent: Suspect, prosecutor: User
) -> None:
    client = signed_in(prosecutor)
    url = reverse("cases:hearing", args=[sent.case_id, sent.pk])
    ptph_on = timezone.localdate() + timedelta(days=18)
    unnamed = client.post(url, _listing("", ptph_on))
    assert unnamed.context["form"].errors["court_name"] == ["Enter the name of the court"]
    too_far = client.post(url, _listing("Snaresbrook Crown Court", timezone.localdate() + timedelta(days=731)))
    latest = timezone.localdate() + timedelta(days=730)
    assert too_far.context["form"].errors["held_on"] == [
        f"The date must be on or before {latest:%-d %B %Y}: a hearing or trial is listed up to 730 days ahead."
    ]
    assert too_far.context["form"]["court_name"].value() == "Snaresbrook Crown Court"
    assert problems(too_far.content.decode()) == []
    with_plea = client.post(url, {**_listing("Snaresbrook Crown Court", ptph_on), "plea": "not_guilty"})
    assert with_plea.context["form"].errors["plea"] == [
        f"You can record the plea once the hearing has been held: it is listed for {ptph_on:%-d %B %Y}."
    ]

    assert client.post(url, _listing("Snaresbrook Crown Court", ptph_on)).status_code == 302
    court = _court_page(client, sent)
    assert "Snaresbrook Crown Court" in court
    assert "Listed</strong>" in court
    assert "Sent to the Crown Court: awaiting PTPH" in court
    hearing = sent.hearings.get()
    held_url = reverse("cases:hearing-held", args=[sent.case_id, hearing.pk])
    assert held_url not in court
    early = client.post(held_url, {"what_happened": "Trial date fixed", "plea": "not_guilty"})
    assert "You can record what happened once the hearing has been held" in early.content.decode()
    assert _status(sent) == SuspectStatus.AWAITING_PTPH

    with time_machine.travel(ptph_on, tick=False):
        client = signed_in(prosecutor)
        assert held_url in _court_page(client, sent)
        blank = client.post(held_url, {"what_happened": " ", "plea": "not_guilty"})
        assert blank.context["form"].errors["what_happened"] == ["Enter what happened"]
        assert problems(blank.content.decode()) == []
        assert client.post(held_url, {"what_happened": "Trial date fixed", "plea": "not_guilty"}).status_code == 302
        court = _court_page(client, sent)
    assert _status(sent) == SuspectStatus.AWAITING_TRIAL
    assert "Awaiting trial" in court
    assert "Trial date fixed" in court
    assert held_url not in court
