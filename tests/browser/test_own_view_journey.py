"""The complainant's own view, end to end in a real browser: the victim liaison officer invites the complainant; the
complainant follows the link in the e-mail, signs in at GOV.UK One Login (the tests' OpenID provider on loopback,
through its own login form) and reads where their case is in plain English; they change how they want to be contacted,
by keyboard alone; the officer sees the change, and the next letter's send form warns against going against it. "Exit
this page" ends the session, by its button and by pressing Shift three times; the language switch gives the pages in
Welsh; every page is axe-clean and reflows at 320 px; and all of it works with JavaScript switched off."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from accounts.roles import Role
from cases.models import Case, Suspect
from cases.plain_words import PLAIN_STEPS
from cases.services.precharge import refer_for_charging_decision
from cases.transitions import SuspectStatus
from tests.browser.conftest import assert_accessible, type_date
from tests.factories import make_case, make_user
from tests.oidc.provider import Provider, running_provider
from victims.identity import add_complainant
from victims.letters import record_letter_owed
from victims.models import CommunicationKind, Complainant, Invitation
from victims.models.complainant import Channel
from victims.own_view_outbox import send_pending_messages
from victims.services import record_wishes

AREA = "Yorkshire and Humberside"
NAME = "Philippa Oyelaran-Strand"
SUBJECT = "their-one-login-subject"
# The everyday website "Exit this page" leaves for, served on loopback: the tests have no internet.
EVERYDAY_PAGE = b"<!DOCTYPE html><html lang='en'><title>Weather</title><h1>Weather</h1></html>"


class _Weather(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(EVERYDAY_PAGE)

    def log_message(self, *args: object) -> None:
        """Quiet: the test's log is the service's."""


@pytest.fixture
def everyday_website() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Weather)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/weather"
    server.shutdown()
    server.server_close()


@pytest.fixture
def one_login(live_server: LiveServer, tmp_path: Path, everyday_website: str) -> Iterator[Provider]:
    """The tests' provider standing in for GOV.UK One Login, its client's return address the live server's; the
    service configured for it, writing its links to the live server, its "Exit this page" leaving for the everyday
    website."""
    callback = f"{live_server.url}{reverse('portal:callback')}"
    with (
        running_provider(tmp_path, one_login_redirect_uri=callback) as provider,
        override_settings(
            **provider.one_login_settings(), SERVICE_URL=live_server.url, EXIT_THIS_PAGE_URL=everyday_website
        ),
    ):
        provider.set_accounts({SUBJECT: {}})
        yield provider


def _case() -> tuple[Case, Complainant]:
    """A case with the CPS for a charging decision; its complainant wants e-mails, and is owed a meeting offer."""
    officer = make_user(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    prosecutor = make_user(Role.PROSECUTOR, cps_area=AREA)
    today = timezone.localdate()
    case = make_case(officer_in_charge=officer, reported_on=today - timedelta(days=200))
    refer_for_charging_decision(actor=officer, suspect=Suspect.objects.get(case=case), received_on=today)
    complainant = add_complainant(actor=officer, case=case, name=NAME, email="philippa@example.org")
    record_wishes(actor=prosecutor, complainant=complainant, channel=Channel.EMAIL, updated_on=today)
    record_letter_owed(actor=prosecutor, complainant=complainant, kind=CommunicationKind.MEETING_OFFER)
    return case, complainant


def _their_browser(browser: Browser, live_server: LiveServer, *, javascript: bool = True) -> BrowserContext:
    """The complainant's own browser (not the officer's), which reaches nothing outside loopback (the provider's
    page asks for a web font)."""
    context = browser.new_context(java_script_enabled=javascript)
    context.route(re.compile(r"^https://"), lambda route: route.abort())
    return context


def _link_in_the_email() -> str:
    """The invitation's link, from the e-mail the service sent (to the complainant's address on record)."""
    send_pending_messages()
    sent = [message for message in mail.outbox if "philippa@example.org" in message.to]
    assert sent, "no e-mail to the complainant"
    body = str(sent[-1].body)
    found = re.search(r"https?://\S+/your-case/invitation/[^/\s]+/", body)
    assert found, body
    assert NAME.split(maxsplit=1)[0] not in body, "the message never names them"
    return found[0]


def _sign_in_at_one_login(page: Page, provider: Provider) -> None:
    """At the provider's own login form: the person's One Login identity, and any password (it is the tests')."""
    page.wait_for_url(f"{provider.issuer}/**")
    page.locator("input[name=login]").fill(SUBJECT)
    page.locator("input[name=password]").fill("their password")
    page.locator("button[type=submit]").click()


def _journey_url(live_server: LiveServer, invitation: Invitation) -> str:
    return f"{live_server.url}{reverse('portal:journey', args=[invitation.public_id])}"


def _read_the_journey(page: Page, live_server: LiveServer, invitation: Invitation) -> None:
    """From their home page to their case: where it is now, in plain English, and no name of theirs."""
    page.wait_for_url(f"{live_server.url}/your-case/**")
    if page.url != _journey_url(live_server, invitation):
        page.locator(f"a[href='{reverse('portal:journey', args=[invitation.public_id])}']").first.click()
    page.wait_for_url(_journey_url(live_server, invitation))
    expect(page.get_by_text(str(PLAIN_STEPS[SuspectStatus.REFERRED].now)).first).to_be_visible()
    expect(page.get_by_text(NAME)).to_have_count(0)


def _change_wishes_by_keyboard(page: Page) -> None:
    """To the wishes form and through it with the keyboard alone: Welsh, then Save."""
    link = page.locator(f"a[href$='{reverse('portal:wishes', args=[_access(page)])}']").first
    link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("How we contact you")
    assert_accessible(page)
    page.get_by_role("radio", name="English").focus()  # where Tab brings a keyboard user into the radios
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name="Welsh")).to_be_checked()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Save":
            break
    page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", level=1)).not_to_have_text("How we contact you")


def _access(page: Page) -> str:
    found = re.search(r"/your-case/([0-9a-f-]{36})/", page.url)
    assert found, page.url
    return found[1]


def _exits(page: Page, live_server: LiveServer, invitation: Invitation) -> None:
    """They have left for the everyday website, and their case is no longer theirs to see in this browser."""
    page.wait_for_url(f"{settings.EXIT_THIS_PAGE_URL}**")
    page.goto(_journey_url(live_server, invitation))
    page.wait_for_url(f"{live_server.url}{reverse('portal:signed-out')}")


def test_the_complainant_follows_their_case_on_their_own_terms(
    page: Page, live_server: LiveServer, browser: Browser, one_login: Provider, sign_in: Callable[..., User]
) -> None:
    case, complainant = _case()
    sign_in(Role.VICTIM_LIAISON_OFFICER, cps_area=AREA)
    page.goto(f"{live_server.url}{reverse('victims:own-view', args=[case.pk, complainant.pk])}")
    page.get_by_role("button", name=re.compile(r"^Invite")).first.click()
    expect(page.locator("#complainant-access")).to_have_text("Invited")
    link = _link_in_the_email()

    context = _their_browser(browser, live_server)
    theirs = context.new_page()
    theirs.goto(link)
    expect(theirs.get_by_role("heading", level=1)).to_have_text("Sign in with GOV.UK One Login")
    assert_accessible(theirs)
    theirs.get_by_role("button", name="Continue to GOV.UK One Login").click()
    _sign_in_at_one_login(theirs, one_login)
    invitation = Invitation.objects.get(complainant=complainant, for_isva=False)
    _read_the_journey(theirs, live_server, invitation)
    assert_accessible(theirs)
    assert invitation.user is not None
    assert invitation.user.one_login_subject == SUBJECT

    _change_wishes_by_keyboard(theirs)
    expect(theirs.locator("html")).to_have_attribute("lang", "cy")  # their own view keeps to it at once
    assert_accessible(theirs)

    # The officer sees what they changed, and the next letter's send form warns before going against it.
    page.goto(f"{live_server.url}{reverse('victims:own-view', args=[case.pk, complainant.pk])}")
    expect(page.get_by_role("heading", name="What they changed")).to_be_visible()
    expect(page.get_by_text(re.compile("language", re.IGNORECASE)).first).to_be_visible()
    letter = complainant.communications.get(kind=CommunicationKind.MEETING_OFFER)
    page.goto(f"{live_server.url}{reverse('victims:send-letter', args=[case.pk, letter.pk])}")
    type_date(page, "sent_on", timezone.localdate())
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Complainant A asked to be written to in Welsh.")).to_be_visible()

    # The language switch: English, and back to Welsh.
    theirs.goto(_journey_url(live_server, invitation))
    _switch_language(theirs, "English")
    expect(theirs.locator("html")).to_have_attribute("lang", re.compile("^en"))
    expect(theirs.get_by_role("link", name="Emergency Exit this page")).to_be_visible()
    _switch_language(theirs, "Cymraeg")
    expect(theirs.locator("html")).to_have_attribute("lang", "cy")
    expect(theirs.get_by_role("link", name=re.compile("Gadael y dudalen hon"))).to_be_visible()
    assert_accessible(theirs)

    # "Exit this page": the button leaves and ends the session.
    theirs.get_by_role("link", name=re.compile("Gadael y dudalen hon")).click()
    _exits(theirs, live_server, invitation)

    # Back in through One Login (their identity is bound now: no link needed), then Shift three times leaves too.
    theirs.goto(f"{live_server.url}{reverse('portal:sign-in')}")
    _sign_in_at_one_login_if_asked(theirs, one_login, live_server)
    theirs.goto(_journey_url(live_server, invitation))
    for _ in range(3):
        theirs.keyboard.press("Shift")
    _exits(theirs, live_server, invitation)
    context.close()


def _sign_in_at_one_login_if_asked(page: Page, provider: Provider, live_server: LiveServer) -> None:
    """One Login asks again unless its own session with the browser is still open."""
    page.wait_for_url(re.compile(f"^({re.escape(provider.issuer)}|{re.escape(live_server.url)})/"))
    if page.url.startswith(provider.issuer):
        _sign_in_at_one_login(page, provider)
    page.wait_for_url(f"{live_server.url}/your-case/**")


def test_the_own_view_works_without_javascript(
    page: Page, live_server: LiveServer, browser: Browser, one_login: Provider, sign_in: Callable[..., User]
) -> None:
    case, complainant = _case()
    sign_in(Role.VICTIM_LIAISON_OFFICER, cps_area=AREA)
    page.goto(f"{live_server.url}{reverse('victims:own-view', args=[case.pk, complainant.pk])}")
    page.get_by_role("button", name=re.compile(r"^Invite")).first.click()
    expect(page.locator("#complainant-access")).to_have_text("Invited")
    link = _link_in_the_email()

    context = _their_browser(browser, live_server, javascript=False)
    theirs = context.new_page()
    theirs.goto(link)
    theirs.get_by_role("button", name="Continue to GOV.UK One Login").click()
    _sign_in_at_one_login(theirs, one_login)
    invitation = Invitation.objects.get(complainant=complainant, for_isva=False)
    _read_the_journey(theirs, live_server, invitation)  # axe needs JavaScript: the first test checks these pages

    theirs.goto(f"{live_server.url}{reverse('portal:wishes', args=[invitation.public_id])}")
    theirs.get_by_role("radio", name="Welsh").check()
    theirs.get_by_role("button", name="Save").click()
    expect(theirs.get_by_role("heading", level=1)).not_to_have_text("How we contact you")
    complainant.wishes.refresh_from_db()
    assert complainant.wishes.language == "Welsh"
    expect(theirs.locator("html")).to_have_attribute("lang", "cy")
    _switch_language(theirs, "English")
    expect(theirs.locator("html")).to_have_attribute("lang", re.compile("^en"))
    _switch_language(theirs, "Cymraeg")
    expect(theirs.locator("html")).to_have_attribute("lang", "cy")
    theirs.get_by_role("link", name=re.compile("Gadael y dudalen hon")).click()
    _exits(theirs, live_server, invitation)
    context.close()


def _switch_language(page: Page, language: str) -> None:
    page.locator(".app-language-switch").get_by_role("button", name=language).click()
    page.wait_for_load_state("load")
