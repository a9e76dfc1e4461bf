"""The journey page as the complainant (and their ISVA) reads it: where the case is and what comes next in plain
words with how long it usually takes, the court dates once fixed, the special measures granted, the letters sent to
them (each readable), and what they can do; never a suspect's name or label, another complainant, or a caseworker's
words. Each view is in the access log the auditor reads, and staff see when they last looked."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html.parser import HTMLParser
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from cases.models import Case, Referral, Suspect
from cases.plain_words import PLAIN_STEPS, PastStep, person_reported
from cases.services.court import list_trial, record_hearing, record_sending, set_judge_direction
from cases.services.precharge import give_early_advice, record_police_nfa, request_early_advice
from cases.services.records import add_suspect
from cases.transitions import SuspectStatus
from portal.wording import LETTERS, SPECIAL_MEASURES
from scorecards.journey_import import import_lines
from tests.clients import sign_in_own_view, signed_in
from tests.factories import full_code_decision, make_case, referred_suspect
from tests.journeys import line, reported
from tests.world import OWN_VIEW_SETTINGS, accepted
from victims.identity import add_complainant
from victims.letters import draft_letter, open_letter, send_letter
from victims.models import Communication, CommunicationKind, Complainant, IdentityRead, Invitation
from victims.models.court import SpecialMeasureKind
from victims.own_view import invite
from victims.services import record_isva, record_special_measure, record_wishes

pytestmark = pytest.mark.django_db

NAME = "Philippa Wrenford-Achterberg"
SUSPECT_NAME = "Bartholomew Quince"
OTHER_NAME = "Octavia Pennyfeather"
S = SuspectStatus


@pytest.fixture(autouse=True)
def _own_view_on(settings: Any) -> None:
    for name, value in OWN_VIEW_SETTINGS.items():
        setattr(settings, name, value)


@pytest.fixture
def case(officer: User) -> Case:
    return make_case(officer_in_charge=officer, reported_on=timezone.localdate() - relativedelta(months=10))


@pytest.fixture
def complainant(officer: User, liaison: User, case: Case) -> Complainant:
    complainant = add_complainant(actor=officer, case=case, name=NAME, email="philippa@example.org")
    record_wishes(actor=liaison, complainant=complainant, channel="email", updated_on=timezone.localdate())
    record_isva(
        actor=liaison,
        complainant=complainant,
        kind="isva",
        organisation="Leeds Rape Crisis",
        contact="isva@example.org",
        consent_to_share=True,
    )
    return complainant


@pytest.fixture
def invitation(liaison: User, complainant: Complainant) -> Invitation:
    return accepted(invite(actor=liaison, complainant=complainant, for_isva=False), "complainant-subject")


@pytest.fixture
def isva_invitation(liaison: User, complainant: Complainant) -> Invitation:
    return accepted(invite(actor=liaison, complainant=complainant, for_isva=True), "isva-subject")


class _MainText(HTMLParser):
    """The words a reader sees in the page's main landmark, in order, one space between."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.words: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self.depth = 1
        elif self.depth and tag not in {"br", "input", "img"}:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag not in {"br", "input", "img"}:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.words.extend(data.split())


def main_text(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    parser = _MainText()
    parser.feed(response.content.decode())
    return " ".join(parser.words)


def own_view(invitation: Invitation) -> Client:
    client = Client()
    sign_in_own_view(client, invitation)
    return client


def journey_url(invitation: Invitation) -> str:
    return reverse("portal:journey", args=[invitation.public_id])


def day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def decisions_in_the_last_year(days: tuple[int, ...]) -> None:
    """West Yorkshire Police suspects referred for a charging decision and decided ``days`` later, this year."""
    lines = []
    referred_on = timezone.localdate() - timedelta(days=200)
    for n, after in enumerate(days):
        urn = f"13AA99{n:05d}"
        lines += [
            reported(urn, (referred_on - timedelta(days=10)).isoformat()),
            line("suspect_added", urn=urn, suspect="S1"),
            line("referral_received", urn=urn, suspect="S1", date=referred_on.isoformat(), kind="charging_decision"),
            line("decision", urn=urn, suspect="S1", date=(referred_on + timedelta(days=after)).isoformat(),
                 outcome="nfa_evidential"),
        ]  # fmt: skip
    import_lines(lines)


def test_a_referred_suspect_in_plain_words_with_the_guide(officer: User, case: Case, invitation: Invitation) -> None:
    decisions_in_the_last_year((14, 21, 28, 35, 42))
    referred_suspect(case, officer=officer, received_on=timezone.localdate() - timedelta(days=20))
    text = main_text(own_view(invitation), journey_url(invitation))
    step = PLAIN_STEPS[S.REFERRED]
    for words in (step.now, step.meaning, step.next_step, step.who_acts):
        assert str(words) in text
    # Five decisions 14, 21, 28, 35 and 42 days after the referral: quartiles 21 and 35 days, 3 to 5 weeks.
    assert "The CPS usually takes between 3 and 5 weeks to decide." in text
    assert (
        "This is only a guide. It comes from our figures for cases of West Yorkshire Police over the last year."
        in (text)
    )
    assert f"{PastStep.REPORTED} {day(case.reported_on)}" in text
    assert f"{PastStep.SENT_FOR_DECISION} {day(timezone.localdate() - timedelta(days=20))}" in text


def test_too_few_cases_give_no_guide(officer: User, case: Case, invitation: Invitation) -> None:
    decisions_in_the_last_year((14, 21, 28, 35))  # four: fewer than the small-number rule's five
    referred_suspect(case, officer=officer, received_on=timezone.localdate() - timedelta(days=20))
    text = main_text(own_view(invitation), journey_url(invitation))
    assert "We cannot give a guide yet." in text
    assert "This is only a guide" not in text


def test_after_charge_the_hearings_and_the_trial_date(
    officer: User, prosecutor: User, case: Case, invitation: Invitation
) -> None:
    suspect = referred_suspect(case, officer=officer, received_on=timezone.localdate() - timedelta(days=90))
    full_code_decision(
        prosecutor=prosecutor,
        referral=suspect.referrals.get(),
        outcome="charge",
        decided_on=timezone.localdate() - timedelta(days=30),
    )
    record_sending(
        actor=prosecutor, suspect=suspect, sent_on=timezone.localdate() - timedelta(days=20), remanded_in_custody=False
    )
    ptph_on, trial_on = timezone.localdate() + timedelta(days=10), timezone.localdate() + timedelta(days=120)
    record_hearing(
        actor=prosecutor, suspect=suspect, court="crown", court_name="Leeds Crown Court", kind="ptph", held_on=ptph_on
    )
    list_trial(actor=prosecutor, suspect=suspect, listed_for=trial_on)
    text = main_text(own_view(invitation), journey_url(invitation))
    assert str(PLAIN_STEPS[S.AWAITING_PTPH].now) in text
    assert f"Trial date {day(trial_on)}" in text
    assert (
        f"{day(ptph_on)} Hearing where the person says if they did it, and the trial is planned At Leeds Crown Court"
        in (text)
    )
    assert f"{PastStep.CHARGED} {day(timezone.localdate() - timedelta(days=30))}" in text
    assert f"{PastStep.SENT_TO_CROWN_COURT} {day(timezone.localdate() - timedelta(days=20))}" in text


def test_only_the_special_measures_granted(prosecutor: User, complainant: Complainant, invitation: Invitation) -> None:
    client = own_view(invitation)
    assert "Help when you go to court" not in main_text(client, journey_url(invitation))
    for measure, status in ((SpecialMeasureKind.SCREENS, "granted"), (SpecialMeasureKind.LIVE_LINK, "refused"),
                            (SpecialMeasureKind.INTERMEDIARY, "applied_for")):  # fmt: skip
        record_special_measure(actor=prosecutor, complainant=complainant, measure=measure, status=status,
                               decided_on=timezone.localdate())  # fmt: skip
    text = main_text(client, journey_url(invitation))
    assert str(SPECIAL_MEASURES[SpecialMeasureKind.SCREENS]) in text
    assert str(SPECIAL_MEASURES[SpecialMeasureKind.LIVE_LINK]) not in text
    assert str(SPECIAL_MEASURES[SpecialMeasureKind.INTERMEDIARY]) not in text


def _sent_letter(liaison: User, complainant: Complainant, kind: str, **extra: Any) -> Communication:
    letter = open_letter(actor=liaison, complainant=complainant, kind=kind, **extra)
    draft_letter(actor=liaison, letter=letter)
    return send_letter(actor=liaison, letter=letter, sent_on=timezone.localdate() - timedelta(days=3), channel="email")


def test_letters_sent_are_listed_and_each_can_be_read(
    officer: User, liaison: User, case: Case, complainant: Complainant, invitation: Invitation
) -> None:
    sent = _sent_letter(
        liaison, complainant, CommunicationKind.NFA, decision_on=timezone.localdate() - timedelta(days=4)
    )
    unsent = open_letter(actor=liaison, complainant=complainant, kind=CommunicationKind.MEETING_OFFER)
    other = add_complainant(actor=officer, case=case, name=OTHER_NAME)
    record_wishes(actor=liaison, complainant=other, channel="email", updated_on=timezone.localdate())
    others_letter = _sent_letter(liaison, other, CommunicationKind.INTRODUCTION)
    client = own_view(invitation)
    page = client.get(journey_url(invitation)).content.decode()
    letter_url = reverse("portal:letter", args=[invitation.public_id, sent.pk])
    assert f'href="{letter_url}"' in page
    text = main_text(client, journey_url(invitation))
    assert f"{LETTERS[CommunicationKind.NFA]} Sent on {day(timezone.localdate() - timedelta(days=3))}" in text
    assert str(LETTERS[CommunicationKind.MEETING_OFFER]) not in text  # not sent yet
    assert str(LETTERS[CommunicationKind.INTRODUCTION]) not in text  # the other complainant's
    # An NFA letter three days ago: a review may be asked for, within 3 months.
    assert "Ask us to look at the decision again" in text
    letter = main_text(client, letter_url)
    assert NAME in letter  # their own letter, as it was sent
    assert str(LETTERS[CommunicationKind.NFA]) in letter
    for hidden in (unsent, others_letter):
        assert client.get(reverse("portal:letter", args=[invitation.public_id, hidden.pk])).status_code == 404


def test_no_name_label_internal_note_or_other_complainant(
    officer: User, prosecutor: User, case: Case, invitation: Invitation
) -> None:
    first = Suspect.objects.get(case=case)
    Suspect.objects.filter(pk=first.pk).update(name=SUSPECT_NAME)
    first.refresh_from_db()
    today = timezone.localdate()
    request_early_advice(actor=officer, suspect=first, requested_on=today - timedelta(days=60),
                         questions="Questions only caseworkers read")  # fmt: skip
    give_early_advice(actor=prosecutor, referral=Referral.objects.get(suspect=first),
                      answered_on=today - timedelta(days=50), advice="Advice only the police read")  # fmt: skip
    second = add_suspect(actor=officer, case=case, name="Cornelius Abernethy")
    record_police_nfa(actor=officer, suspect=second, nfa_on=today - timedelta(days=5),
                      reason="A police reason never told", outcome_code="16")  # fmt: skip
    set_judge_direction(actor=prosecutor, case=case, direction="A direction for the parties only",
                        set_on=today - timedelta(days=2), due_on=today + timedelta(days=7))  # fmt: skip
    other = add_complainant(actor=officer, case=case, name=OTHER_NAME)
    page = own_view(invitation).get(journey_url(invitation)).content.decode()
    for never in (SUSPECT_NAME, "Cornelius", "Suspect 1", "Suspect 2", "Questions only", "Advice only",
                  "police reason", "direction for the parties", OTHER_NAME, other.label, case.urn):  # fmt: skip
        assert never not in page
    text = main_text(own_view(invitation), journey_url(invitation))
    assert re.search(
        rf"{person_reported(1)} .*{PLAIN_STEPS[S.EARLY_ADVICE_GIVEN].now}.*{person_reported(2)} .*"
        rf"{PLAIN_STEPS[S.POLICE_NFA].now}",
        text,
    )
    assert f"{PastStep.EARLY_ADVICE_GIVEN} {day(timezone.localdate() - timedelta(days=50))}" in text
    assert f"{PastStep.POLICE_NO_ACTION} {day(timezone.localdate() - timedelta(days=5))}" in text


def test_each_view_is_logged_and_last_looked_at_is_set(
    liaison: User, invitation: Invitation, complainant: Complainant
) -> None:
    assert invitation.last_looked_at is None
    letter = _sent_letter(liaison, complainant, CommunicationKind.INTRODUCTION)
    client = own_view(invitation)
    before = timezone.now()
    client.get(journey_url(invitation))
    client.get(journey_url(invitation))
    client.get(reverse("portal:letter", args=[invitation.public_id, letter.pk]))
    reads = IdentityRead.objects.filter(complainant=complainant, reason="own_view")
    assert reads.count() == 3  # one for each page seen
    assert {(read.reader_id, read.via) for read in reads} == {(invitation.user_id, "portal")}
    invitation.refresh_from_db()
    assert invitation.last_looked_at is not None
    assert invitation.last_looked_at >= before


def test_a_complainant_goes_home_to_their_journey(invitation: Invitation) -> None:
    response = own_view(invitation).get(reverse("portal:home"))
    assert response.status_code == 302
    assert response["Location"] == journey_url(invitation)


def test_the_isva_sees_the_journey_without_the_complainants_own_actions(
    case: Case, invitation: Invitation, isva_invitation: Invitation
) -> None:
    client = own_view(isva_invitation)
    home = main_text(client, reverse("portal:home"))
    assert f"Reported to West Yorkshire Police on {day(case.reported_on)}" in home
    assert NAME not in home
    page = client.get(journey_url(isva_invitation)).content.decode()
    assert str(PLAIN_STEPS[S.WITH_POLICE].now) in page
    assert reverse("portal:call-me", args=[isva_invitation.public_id]) in page
    for only_theirs in ("wishes", "review", "no-longer-support"):
        assert reverse(f"portal:{only_theirs}", args=[isva_invitation.public_id]) not in page
    assert "Leeds Rape Crisis" in page
    # The complainant's own page offers what is theirs to do.
    own = own_view(invitation).get(journey_url(invitation)).content.decode()
    for theirs in ("wishes", "call-me", "no-longer-support"):
        assert reverse(f"portal:{theirs}", args=[invitation.public_id]) in own


def test_staff_and_other_peoples_invitations_are_404(
    liaison: User, officer: User, case: Case, invitation: Invitation
) -> None:
    assert signed_in(liaison).get(journey_url(invitation)).status_code == 404
    another = add_complainant(actor=officer, case=make_case(), name=OTHER_NAME, email="octavia@example.org")
    record_wishes(actor=liaison, complainant=another, channel="email", updated_on=timezone.localdate())
    theirs = accepted(invite(actor=liaison, complainant=another, for_isva=False), "another-subject")
    assert own_view(invitation).get(journey_url(theirs)).status_code == 404


def test_the_isva_reads_the_complainants_letters_only_when_they_asked_for_the_isva_to_be_copied(
    liaison: User, complainant: Complainant, isva_invitation: Invitation
) -> None:
    sent = _sent_letter(
        liaison, complainant, CommunicationKind.NFA, decision_on=timezone.localdate() - timedelta(days=4)
    )
    letter_url = reverse("portal:letter", args=[isva_invitation.public_id, sent.pk])
    client = own_view(isva_invitation)
    text = main_text(client, journey_url(isva_invitation))
    assert str(LETTERS[CommunicationKind.NFA]) not in text
    assert "You see their letters only if they asked for you to be sent copies." in text
    assert client.get(letter_url).status_code == 404  # a letter names the complainant
    record_wishes(
        actor=liaison, complainant=complainant, channel="email", updated_on=timezone.localdate(), copy_isva=True
    )
    assert str(LETTERS[CommunicationKind.NFA]) in main_text(client, journey_url(isva_invitation))
    assert NAME in main_text(client, letter_url)


def test_the_accessibility_statement_and_cookies_open_in_the_own_views_frame_in_english(
    invitation: Invitation,
) -> None:
    client = own_view(invitation)
    journey = client.get(journey_url(invitation)).content.decode()
    for page in ("pages:accessibility", "pages:cookies"):
        assert f'href="{reverse(page)}"' in journey
        response = client.get(reverse(page))
        assert response.status_code == 200
        html = response.content.decode()
        assert 'lang="en-gb"' in html
        assert "Exit this page" in html  # the own view's frame, not the staff pages'
        assert 'href="/cases/"' not in html
