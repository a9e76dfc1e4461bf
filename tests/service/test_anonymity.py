"""Lifelong anonymity: with a seeded identity, a run through the journey (pages, API, sweepers, e-mail and downloads)
in which caseworkers also type that identity into free text (a judge's direction, an action, a police NFA reason)
leaves no trace of it in any export, notification, reminder, e-mail, timeline entry, log record or URL it produced:
no part of a name, nor the date of birth, address, postcode, phone number or e-mail address in any written form.

The complainant is invited to their own view along the way, signs in through One Login (the tests' provider) and
reads every page of it, and is sent its messages: none of those pages or messages shows the suspect's name, another
complainant, or any of the free text caseworkers typed (the direction, the action, the NFA reason), and the messages
say nothing of the case at all."""

import io
import json
import logging
import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import PoliceForce, User
from accounts.roles import Role
from actionplans.escalation import raise_due_reviews
from actionplans.services import PlannedAction, set_action_plan
from cases.models import Case, Suspect, TimelineEvent
from cases.services.court import set_judge_direction
from cases.services.precharge import record_police_nfa
from reminders.models import Notification, Reminder
from reminders.outbox import send_pending_emails
from reminders.services import deliver_due_reminders
from scrutiny.services import create_panel, draw_sample
from tests.clients import date_fields, sign_in
from tests.factories import full_code_decision, make_case, planned_actions, referred_suspect, suspect_with_facts
from tests.oidc.provider import Provider, running_provider
from victims.identity import add_complainant
from victims.models import Communication, Complainant, Invitation
from victims.own_view import invite
from victims.own_view_outbox import send_pending_messages
from victims.services import record_wishes

pytestmark = pytest.mark.django_db

COMPLAINANT = ("Marguerite", "Okonkwo-Lindqvist")
SUSPECT = ("Barnaby", "Fitzwilliam-Oduya")
BORN = date(1991, 3, 7)
ADDRESS = "Flat 2\n14 Quarrendon Crescent\nLeeds\nLS7 4QX"
PHONE = "07700 900 482"
EMAIL = "marguerite.okonkwo@example.com"
# What caseworkers type, in the forms a person writes them.
DIRECTION = "Serve Okonkwo-Lindqvist's ABE and Fitzwilliam-Oduyas interview; Lindqvists DOB 7th March 1991 (07/03/91)"
ACTION = "Visit Ms Lindqvist at 14 Quarrendon Crescent, LS74QX; call 07700900482 or write to marguerite.okonkwo"
NFA_REASON = "Barnaby's alibi; Marguerite (born 1991-03-07, of Quarrendon Crescent, +44 7700 900482) withdrew"
# Each trace looked for, in any case: every part of both names, and each piece of the complainant's identity.
SEEDED_PARTS = [
    "Marguerite",
    "Okonkwo",
    "Lindqvist",
    "Barnaby",
    "Fitzwilliam",
    "Oduya",
    "1991",
    "07/03",
    "Quarrendon",
    "LS7",
    "4QX",
    "900482",
    "900 482",
]
COMPLAINANT_NAME_PARTS = ["Marguerite", "Okonkwo", "Lindqvist"]
# Another complainant of the same case, whom the first's own view never shows.
OTHER_COMPLAINANT = ("Ottoline", "Brackenbury-Nwosu")
# What caseworkers typed, as the staff pages show it screened: never in the complainant's own view.
INTERNAL_NOTES = ["ABE", "alibi", "Visit Ms", "relevant to consent", "Her account"]
ONE_LOGIN_SUBJECT = "anonymity-one-login-subject"


class RecordingClient(Client):
    """A test client that keeps every URL it asked for and every URL it was sent to."""

    def __init__(self, urls: list[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.urls = urls

    def request(self, **request: Any) -> Any:
        response = super().request(**request)
        self.urls.append(f"{request.get('PATH_INFO', '')}?{request.get('QUERY_STRING', '')}")
        if response.has_header("Location"):
            self.urls.append(response["Location"])
        return response


def _scrutiny_pack(head: Client, *, unit_head: User, officer: User, case: Case) -> list[str]:
    """A police NFA whose reason names them, sampled for the NFA scrutiny panel: the pack, its downloads and API."""
    second = suspect_with_facts(case=case, label="Suspect 2")
    record_police_nfa(
        actor=officer,
        suspect=second,
        nfa_on=timezone.localdate() - timedelta(days=5),
        outcome_code="16",
        reason=NFA_REASON,
    )
    panel = create_panel(
        actor=unit_head,
        meets_on=timezone.localdate(),
        forces=PoliceForce.objects.filter(name="West Yorkshire Police"),
        members="Police\nCPS",
    )
    sample = draw_sample(
        actor=unit_head,
        panel=panel,
        period_from=timezone.localdate() - timedelta(days=30),
        period_to=timezone.localdate(),
        per_force=6,
        # The pack shows its seed: a random one of 19 digits holds "1991" about once in 600 draws.
        seed=424242,
    )
    sheet = load_workbook(io.BytesIO(head.get(reverse("scrutiny:pack-download", args=[sample.pk, "xlsx"])).content))
    return [
        head.get(reverse("scrutiny:pack", args=[sample.pk])).content.decode(),
        head.get(reverse("scrutiny:pack-download", args=[sample.pk, "csv"])).content.decode("utf-8-sig"),
        " ".join(str(cell.value) for row in sheet.active.iter_rows() for cell in row),
        head.get(f"/api/v1/scrutiny-samples/{sample.pk}/pack/").content.decode(),
    ]


@pytest.fixture
def one_login(tmp_path: Path) -> Iterator[Provider]:
    """The tests' provider standing in for GOV.UK One Login, and the own view switched on for it."""
    with running_provider(tmp_path) as provider, override_settings(**provider.one_login_settings()):
        provider.set_accounts({ONE_LOGIN_SUBJECT: {}})
        yield provider


def _join_own_view(
    client: Client, provider: Provider, *, liaison: User, complainant: Complainant
) -> tuple[Client, Invitation]:
    """The officer records that the complainant wants e-mails and invites them; they follow the link in the e-mail
    and sign in at One Login."""
    record_wishes(actor=liaison, complainant=complainant, channel="email", updated_on=timezone.localdate())
    invitation = invite(actor=liaison, complainant=complainant, for_isva=False)
    send_pending_messages()
    [link] = re.findall(r"https?://\S+/your-case/invitation/[^/\s]+/", str(mail.outbox[-1].body))
    assert client.get(urlsplit(link).path).status_code == 200
    start = client.get(reverse("portal:sign-in"))
    callback = urlsplit(provider.sign_in(start["Location"], ONE_LOGIN_SUBJECT))
    assert client.get(f"{callback.path}?{callback.query}").status_code == 302
    return client, invitation


def _own_view_page(client: Client, address: str) -> str:
    """A page of the own view as the complainant reads it (without its forms' random CSRF tokens)."""
    response = client.get(address, follow=True)  # the home page of someone with one case is that case's
    assert response.status_code == 200, address
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def _own_view_letters(client: Client, invitation: Invitation, letter: Communication) -> list[str]:
    return [_own_view_page(client, reverse("portal:letter", args=[invitation.public_id, letter.pk]))]


def _own_view_pages(client: Client, invitation: Invitation) -> list[str]:
    """Every page of the own view but the letters."""
    names = ("journey", "wishes", "call-me", "review", "no-longer-support")
    addresses = [reverse("portal:home"), *(reverse(f"portal:{name}", args=[invitation.public_id]) for name in names)]
    return [_own_view_page(client, address) for address in addresses]


def _own_view_messages() -> list[str]:
    """Every message the own view sent the complainant (after sending what waits)."""
    send_pending_messages()
    return [f"{message.subject}\n{message.body}" for message in mail.outbox if EMAIL in message.to]


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_no_name_leaves_the_service(
    user_of: Callable[..., User], caplog: pytest.LogCaptureFixture, one_login: Provider
) -> None:
    caplog.set_level(logging.DEBUG)
    urls: list[str] = []
    exports: list[str] = []

    def signed_in(user: User) -> RecordingClient:
        client = RecordingClient(urls)
        sign_in(client, user)
        return client

    officer = user_of(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    user_of(Role.POLICE_SUPERVISOR, police_force="West Yorkshire Police")  # told at 28 and 56 days, by e-mail
    prosecutor = user_of(Role.PROSECUTOR, cps_area="Yorkshire and Humberside")
    liaison = user_of(Role.VICTIM_LIAISON_OFFICER, cps_area="Yorkshire and Humberside")
    unit_head = user_of(Role.UNIT_HEAD, cps_area="Yorkshire and Humberside")

    case = make_case(officer_in_charge=officer, reported_on=timezone.localdate() - timedelta(days=200))
    Suspect.objects.filter(case=case).update(name=" ".join(SUSPECT))
    police = signed_in(officer)
    police.post(
        reverse("victims:new-complainant", args=[case.pk]),
        {
            "name": " ".join(COMPLAINANT),
            **date_fields("date_of_birth", BORN),
            "address": ADDRESS,
            "phone": PHONE,
            "email": EMAIL,
            "enhanced_rights": "yes",
            "vulnerable": "no",
            "intimidated": "yes",
            **dict.fromkeys(
                [
                    "sex",
                    "age_band",
                    "ethnicity",
                    "disability",
                    "religion_or_belief",
                    "sexual_orientation",
                    "gender_reassignment",
                    "marriage_or_civil_partnership",
                    "pregnancy_or_maternity",
                ],
                "not_recorded",
            ),
        },
    )
    complainant = case.complainants.get()
    assert complainant.name == " ".join(COMPLAINANT)
    # Another complainant is added; this one, who wants e-mails, joins their own view: what follows is news to them.
    add_complainant(actor=officer, case=case, name=" ".join(OTHER_COMPLAINANT), email="ottoline@example.org")
    own_view, invitation = _join_own_view(RecordingClient(urls), one_login, liaison=liaison, complainant=complainant)

    # An action plan that reaches its 90-day review: notifications, e-mails and the JOIM agenda.
    suspect = referred_suspect(case, officer=officer, received_on=timezone.localdate() - timedelta(days=120))
    set_action_plan(
        actor=prosecutor,
        referral=suspect.referrals.get(),
        set_on=timezone.localdate() - timedelta(days=95),
        actions=[
            *planned_actions(1, due_on=timezone.localdate() - timedelta(days=60)),
            PlannedAction(
                request=ACTION,
                line_of_enquiry="Her account",
                proportionality="Directly relevant to consent",
                due_on=timezone.localdate() - timedelta(days=60),
            ),
        ],
    )
    raise_due_reviews()
    head = signed_in(unit_head)
    exports.append(head.get(reverse("actionplans:joim-agenda", args=["csv"])).content.decode("utf-8-sig"))
    sheet = load_workbook(io.BytesIO(head.get(reverse("actionplans:joim-agenda", args=["xlsx"])).content)).active
    exports.append(" ".join(str(cell.value) for row in sheet.iter_rows() for cell in row))

    # A decision opens the letter; the VLO reads the identity, drafts and sends the letter; reminders fall due.
    full_code_decision(
        prosecutor=prosecutor,
        referral=suspect.referrals.get(closed_on__isnull=True),
        outcome="nfa_evidential",
        decided_on=timezone.localdate() - timedelta(days=10),
    )
    vlo = signed_in(liaison)
    vlo.post(reverse("victims:identity", args=[case.pk, complainant.pk]), {"reason": "letter"})
    letter = complainant.communications.get()
    vlo.post(reverse("victims:letter", args=[case.pk, letter.pk]), {"action": "draft"})
    set_judge_direction(
        actor=prosecutor, case=case, direction=DIRECTION, set_on=timezone.localdate(), due_on=timezone.localdate()
    )
    deliver_due_reminders(now=timezone.now() + timedelta(days=1))
    vlo.post(
        reverse("victims:send-letter", args=[case.pk, letter.pk]),
        {**date_fields("sent_on", timezone.localdate()), "channel": "letter", "confirmed": "yes"},
    )
    vlo.post(
        f"/api/v1/complainants/{complainant.pk}/identity/", {"reason": "contact"}, content_type="application/json"
    )
    vlo.get("/api/v1/complainants/")
    vlo.get(reverse("victims:letters-due"))
    vlo.get(reverse("reminders:list"))
    send_pending_emails()
    police.get(reverse("cases:timeline", args=[case.pk]))

    exports += _scrutiny_pack(head, unit_head=unit_head, officer=officer, case=case)

    produced = {
        "exports": exports,
        "notifications": list(Notification.objects.values_list("message", flat=True)),
        "reminders": list(Reminder.objects.values_list("message", flat=True)),
        "e-mails": [f"{m.subject}\n{m.body}" for m in mail.outbox],
        "timeline": [event.summary for event in TimelineEvent.objects.all()],
        "timeline facts": [json.dumps(event.payload) for event in TimelineEvent.objects.all()],
        "log": [caplog.text],
        "urls": urls,
        "own view pages": _own_view_pages(own_view, invitation),
        # The letter sent to them, as they received it: the one place their own name is shown (it is theirs).
        "own view letters": _own_view_letters(own_view, invitation, letter),
        "own view messages": _own_view_messages(),
    }
    # The run did produce each kind of output, so the scan below is not a scan of nothing.
    assert all(produced.values()), {kind: len(items) for kind, items in produced.items()}
    assert len(mail.outbox) >= 2
    assert any("Complainant A" in message for message in produced["reminders"])
    assert any("Serve Complainant A ABE" in summary for summary in produced["timeline"]), "the words are kept"
    assert any("Visit Ms Complainant A at Complainant A" in export for export in exports)
    assert any("Suspect 1 alibi" in export for export in exports), "the pack shows the reasons, screened"
    _no_trace_of_the_identity(produced)
    _nothing_else_in_the_own_view(produced, case)


def _nothing_else_in_the_own_view(produced: dict[str, list[str]], case: Case) -> None:
    """No other complainant and no caseworker's note in the own view's pages and messages; and the messages say
    nothing of what they are about."""
    assert len(produced["own view messages"]) >= 2, "the invitation and news of what happened since"
    for kind in ("own view pages", "own view letters", "own view messages"):
        for item in produced[kind]:
            for part in [*OTHER_COMPLAINANT, "Complainant B"]:
                assert part.lower() not in item.lower(), f"another complainant ({part}) in {kind}: {item[:300]}"
            for note in INTERNAL_NOTES:
                assert note not in item, f"a caseworker's note ({note}) in {kind}: {item[:300]}"
    for message in produced["own view messages"]:
        for about_the_case in (case.urn, "Complainant A", "Suspect"):
            assert about_the_case not in message, f"a message says what it is about: {message}"


def _no_trace_of_the_identity(produced: dict[str, list[str]]) -> None:
    """No part of either name and no piece of the complainant's identity in anything produced, but their own name in
    the letters their own view shows them."""
    for kind, items in produced.items():
        for item in items:
            for part in SEEDED_PARTS:
                if kind == "own view letters" and part in COMPLAINANT_NAME_PARTS:
                    continue
                found = item.lower().find(part.lower())
                assert found == -1, f"{part} found in {kind}: …{item[max(found - 200, 0) : found + 200]}…"
