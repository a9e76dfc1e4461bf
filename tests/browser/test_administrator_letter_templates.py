"""An administrator (the role, not a superuser) rewords the Welsh version of a letter template by keyboard alone: a
placeholder the service does not know is refused in the GOV.UK error summary with what was typed kept, and the
corrected wording is saved with its reason. A victim liaison officer drafts a Welsh-speaking complainant's letter in
Welsh, sees their wishes on the send page, and "No, go back" on its warning keeps what was typed. Every page is
axe-clean and reflows at 320 px."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from accounts.roles import Role
from tests.browser.conftest import (
    assert_accessible,
    assert_error_summary_links_focus_their_fields,
    assert_reflows,
    type_date,
)
from tests.factories import make_case, make_user
from victims.identity import add_complainant
from victims.letter_templates import template_changes
from victims.letters import open_letter
from victims.models import CommunicationKind, LetterTemplate
from victims.services import record_wishes

AREA = "Yorkshire and Humberside"
BAD_BODY = "Annwyl $enw_llawn,\n\nMae'r tîm yn $cps_area yn ysgrifennu atoch.\n\nYn gywir,\n$sender_name"
GOOD_BODY = "Annwyl $complainant_name,\n\nMae'r tîm yn $cps_area yn ysgrifennu atoch.\n\nYn gywir,\n$sender_name"


def _type_into(page: Page, text: str) -> None:
    """Replace what the focused box holds, by keyboard."""
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(text)


def test_an_administrator_rewords_the_welsh_template_by_keyboard(
    page: Page, live_server: LiveServer, sign_in: Callable[..., User]
) -> None:
    sign_in(Role.ADMINISTRATOR)
    page.goto(f"{live_server.url}{reverse('administration:letter-templates')}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Letter templates")
    assert_accessible(page)
    assert_reflows(page)

    page.get_by_role("link", name="Change the Welsh (Cymraeg) Pre-trial meeting offer").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Pre-trial meeting offer: Welsh (Cymraeg)")
    expect(page.get_by_text("Sam Sample")).to_be_visible()  # the preview, with made-up values
    assert_accessible(page)
    assert_reflows(page)

    page.get_by_label("Letter", exact=True).focus()
    _type_into(page, BAD_BODY)
    page.keyboard.press("Tab")  # to the reason
    page.keyboard.insert_text("Shorter wording")
    page.keyboard.press("Tab")  # to "Save the template"
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.locator(".govuk-error-summary")).to_contain_text("$enw_llawn is not a placeholder the service knows")
    expect(page.get_by_label("Letter", exact=True)).to_have_value(BAD_BODY)
    expect(page.get_by_label("Why are you changing it?")).to_have_value("Shorter wording")
    assert_accessible(page)
    assert_error_summary_links_focus_their_fields(page)
    assert_reflows(page)
    assert LetterTemplate.objects.get(kind="meeting_offer", language="cy").body != BAD_BODY

    page.get_by_label("Letter", exact=True).focus()
    _type_into(page, GOOD_BODY)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Pre-trial meeting offer in Welsh (Cymraeg) changed")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Pre-trial meeting offer").filter(has_text="Welsh")
    expect(row).to_contain_text("by ")
    assert_accessible(page)
    template = LetterTemplate.objects.get(kind="meeting_offer", language="cy")
    assert template.body == GOOD_BODY
    assert template_changes().filter(id=template.pk, history_change_reason="Shorter wording").exists()


def test_a_welsh_speakers_letter_is_drafted_in_welsh_and_going_back_keeps_what_was_typed(
    page: Page, live_server: LiveServer, sign_in: Callable[..., User]
) -> None:
    officer = make_user(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    liaison = make_user(Role.VICTIM_LIAISON_OFFICER, cps_area=AREA)
    case = make_case(officer_in_charge=officer)
    complainant = add_complainant(actor=officer, case=case, name="Angharad Llwyd-Evans")
    today = timezone.localdate()
    record_wishes(actor=liaison, complainant=complainant, channel="letter", language="Welsh", updated_on=today)
    letter = open_letter(actor=liaison, complainant=complainant, kind=CommunicationKind.MEETING_OFFER)
    sign_in(Role.VICTIM_LIAISON_OFFICER, cps_area=AREA)
    page.goto(f"{live_server.url}{reverse('victims:letter', args=[case.pk, letter.pk])}")
    page.get_by_role("button", name="Draft the letter in Welsh (Cymraeg)").click()
    expect(page.get_by_label("The letter")).to_have_value(
        re.compile(r"^Eich achos: cynnig i gwrdd â'r tîm erlyn\n\nAnnwyl Angharad Llwyd-Evans,\n\nCyn y treial")
    )
    assert_accessible(page)
    assert_reflows(page)

    page.get_by_role("link", name="Record as sent").click()
    expect(page.get_by_role("heading", name="How Complainant A wants to be contacted")).to_be_visible()
    assert_accessible(page)
    assert_reflows(page)
    type_date(page, "sent_on", today)
    page.get_by_label("Phone").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Complainant A asked to be contacted by letter.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="No, go back").click()
    expect(page.get_by_label("Phone")).to_be_checked()
    expect(page.locator("#id_sent_on_0")).to_have_value(str(today.day))
    assert "sent_on" not in page.url  # what was typed went in the post, not the address
