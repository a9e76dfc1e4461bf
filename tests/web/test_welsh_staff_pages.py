"""A victim liaison officer in Wales chooses Cymraeg with the switch in the footer and works in Welsh: their home page,
a case's complainants page, a complainant's details page and a letter's page are in Welsh (the page frame, the case's
header, the victims forms' labels); choosing English gives English again. The switch is a plain form, so it works
without JavaScript, for a person signed in or not; a page not yet translated is shown in English. Recording a letter
as sent and the victims step pages are in Welsh too, their "Are you sure?" interruptions included."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from tests.clients import signed_in
from tests.factories import make_case
from tests.html_references import Element, parse
from victims import urls as victims_urls
from victims.identity import add_complainant
from victims.letters import open_letter
from victims.models import Communication, CommunicationKind
from victims.services import record_wishes
from web.catalogue import content_translated

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter(officer: User, liaison: User) -> Communication:
    complainant = add_complainant(actor=officer, case=make_case(officer_in_charge=officer), name="Nia Rhys")
    today = timezone.localdate()
    record_wishes(actor=liaison, complainant=complainant, channel="letter", updated_on=today, language="Welsh")
    return open_letter(
        actor=liaison, complainant=complainant, kind=CommunicationKind.POINT_OF_CHARGE, decision_on=today
    )


def page(client: Client, path: str) -> Element:
    response = client.get(path)
    assert response.status_code == 200, path
    return parse(response.content.decode())


def html_lang(page: Element) -> str:
    return next(node for node in page.iter() if node.tag == "html").attrs["lang"]


def text(page: Element) -> str:
    return page.text_content()


def choose(client: Client, on: Element, language: str) -> str:
    """Press the footer's button for ``language`` as a browser without JavaScript does; the address it returns to."""
    footer = next(node for node in on.iter() if node.tag == "footer")
    switch = next(node for node in footer.iter() if node.tag == "nav" and "app-language-switch" in node.classes)
    form = next(node for node in switch.iter() if node.tag == "form")
    button = next(node for node in form.iter() if node.tag == "button")
    assert button.text_content() == language
    fields = {node.attrs["name"]: node.attrs["value"] for node in form.iter() if node.tag == "input"}
    response = client.post(form.attrs["action"], {**fields, button.attrs["name"]: button.attrs["value"]})
    assert response.status_code == 302
    return str(response["Location"])


def test_a_liaison_officer_who_chooses_cymraeg_sees_their_pages_in_welsh(liaison: User, letter: Communication) -> None:
    client = signed_in(liaison)
    home_url = reverse("dashboards:home")
    english = page(client, home_url)
    assert html_lang(english) == "en-gb"
    assert "Skip to main content" in text(english)

    assert choose(client, english, "Cymraeg") == home_url

    home = page(client, home_url)
    assert html_lang(home) == "cy"
    assert "lang" not in next(node for node in home.iter() if node.tag == "main").attrs  # all of it in Welsh
    words = text(home)
    assert "Neidio i'r prif gynnwys" in words  # Skip to main content
    assert "Traciwr taith achosion RASSO" in words  # the service's name
    assert "Llythyrau i ddioddefwyr" in words  # Victim letters, in the service navigation
    assert "Hysbysiadau" in words  # Notifications
    assert "Yn ddyledus heddiw" in words  # Due today
    assert "Allgofnodi" in words  # Sign out
    assert "Datganiad hygyrchedd" in words  # the footer's Accessibility statement
    assert "Skip to main content" not in words
    assert "Notifications" not in words

    case_id = letter.complainant.case_id
    complainants = text(page(client, reverse("victims:case-complainants", args=[case_id])))
    assert "Dymuniadau cyfathrebu" in complainants  # Communication wishes
    assert "Hawl Dioddefwyr i Adolygiad" in complainants  # Victims' Right to Review
    assert "Trosolwg" in complainants  # the case header's Overview
    assert "Llythyrau at Complainant A" in complainants  # a label stays as it is
    assert "Communication wishes" not in complainants

    details = text(page(client, reverse("victims:identity", args=[case_id, letter.complainant_id])))
    assert "Pam mae angen i chi weld manylion yr achwynydd?" in details  # the victims form's label
    assert "Nia Rhys" not in details  # nothing shown before a reason is given

    # A victims form's labels and errors: a date typed without its year is said in Welsh, beside the field.
    wishes_url = reverse("victims:wishes", args=[case_id, letter.complainant_id])
    typed = {"channel": "letter", "updated_on_0": "6", "updated_on_1": "1", "updated_on_2": ""}
    cases = page(client, reverse("cases:list"))  # not yet translated: its own words are marked as English
    main = next(node for node in cases.iter() if node.tag == "main")
    assert (html_lang(cases), main.attrs["lang"]) == ("cy", "en-gb")
    refused = parse(client.post(wishes_url, typed).content.decode())
    assert "Mae problem wedi codi" in text(refused)  # There is a problem
    assert "Dyddiad cytuno â nhw: rhaid cynnwys blwyddyn" in text(refused)  # Date agreed with them must include a year
    assert "Sut maen nhw eisiau i ni gysylltu â nhw" in text(refused)  # How they want to be contacted

    letter_page = page(client, reverse("victims:letter", args=[case_id, letter.pk]))
    assert html_lang(letter_page) == "cy"
    assert "Yn ôl i'r achwynwyr" in text(letter_page)  # Back to complainants
    assert "Penderfyniad" in text(letter_page)  # Decision

    # And back to English from the page they are on.
    assert choose(client, letter_page, "English") == reverse("victims:letter", args=[case_id, letter.pk])
    home = page(client, home_url)
    assert html_lang(home) == "en-gb"
    assert "Notifications" in text(home)
    assert "Hysbysiadau" not in text(home)


def test_the_footer_switch_is_there_signed_out_and_untranslated_pages_fall_back_to_english() -> None:
    client = Client(enforce_csrf_checks=True)
    sign_in = reverse("accounts:sign-in")
    english = page(client, sign_in)
    assert choose(client, english, "Cymraeg") == sign_in
    welsh = page(client, sign_in)
    assert html_lang(welsh) == "cy"
    assert "Neidio i'r prif gynnwys" in text(welsh)
    # The sign-in page's own words are not translated: a screen reader reads them as English.
    assert next(node for node in welsh.iter() if node.tag == "main").attrs["lang"] == "en-gb"
    current = next(node for node in welsh.iter() if node.attrs.get("aria-current") == "true")
    assert (current.text_content(), current.attrs["lang"]) == ("Cymraeg", "cy")


def main_of(page: Element) -> Element:
    return next(node for node in page.iter() if node.tag == "main")


def buttons(page: Element) -> list[str]:
    return [node.text_content().strip() for node in main_of(page).iter() if node.tag == "button"]


def test_recording_a_letter_as_sent_is_in_welsh_with_its_interruption(liaison: User, letter: Communication) -> None:
    """The send page lists the complainant's wishes in Welsh; sending it against them asks "Are you sure?" in Welsh,
    with the warning, and "No, go back" shows the form again with what was typed."""
    client = signed_in(liaison)
    choose(client, page(client, reverse("dashboards:home")), "Cymraeg")
    send_url = reverse("victims:send-letter", args=[letter.complainant.case_id, letter.pk])

    send = page(client, send_url)
    assert "lang" not in main_of(send).attrs
    words = text(send)
    title = next(node for node in main_of(send).iter() if node.tag == "h1").text_content()
    assert (title.startswith("Cofnodi bod y "), title.endswith(" at Complainant A wedi'i anfon")) == (True, True)
    assert "Sut mae Complainant A eisiau i ni gysylltu" in words  # How Complainant A wants to be contacted
    assert "Iaith y llythyr hwn" in words  # This letter is in
    assert "Dyddiad cytuno ar y dymuniadau" in words  # Wishes agreed
    assert "Yn ôl i'r llythyr" in text(send)  # Back to the letter
    assert buttons(send) == ["Parhau"]
    assert "How to contact them" not in words

    today = timezone.localdate()
    typed = {"sent_on_0": today.day, "sent_on_1": today.month, "sent_on_2": today.year, "channel": "phone"}
    interruption = parse(client.post(send_url, typed).content.decode())
    assert "lang" not in main_of(interruption).attrs
    assert "Ydych chi'n siŵr?" in text(interruption)  # Are you sure?
    assert "Gofynnodd Complainant A am gysylltiad drwy " in text(interruption)  # asked to be contacted by (letter)
    assert buttons(interruption) == ["Ydw, cofnodi ei fod wedi'i anfon", "Nac ydw, mynd yn ôl"]

    back = parse(client.post(send_url, {**typed, "confirmed": "no"}).content.decode())
    assert buttons(back) == ["Parhau"]
    phone = next(node for node in main_of(back).iter() if node.attrs.get("value") == "phone")
    assert "checked" in phone.attrs
    letter.refresh_from_db()
    assert letter.sent_on is None


def test_a_victims_step_page_and_its_interruption_are_in_welsh(liaison: User, letter: Communication) -> None:
    client = signed_in(liaison)
    choose(client, page(client, reverse("dashboards:home")), "Cymraeg")
    case_id, complainant_id = letter.complainant.case_id, letter.complainant_id

    wishes = page(client, reverse("victims:wishes", args=[case_id, complainant_id]))
    assert "lang" not in main_of(wishes).attrs
    assert "Dymuniadau cyfathrebu Complainant A" in text(wishes)  # the label stays as it is
    assert buttons(wishes) == ["Parhau"]
    assert "Communication wishes of" not in text(wishes)

    withdrawal_url = reverse("victims:withdrawal", args=[case_id, complainant_id])
    today = timezone.localdate()
    typed = {"withdrew_on_0": today.day, "withdrew_on_1": today.month, "withdrew_on_2": today.year}
    interruption = parse(client.post(withdrawal_url, {**typed, "stage": "investigation"}).content.decode())
    assert "lang" not in main_of(interruption).attrs
    assert "Ydych chi'n siŵr?" in text(interruption)
    assert "Rydych chi'n cofnodi nad yw Complainant A yn cefnogi'r achos mwyach." in text(interruption)
    assert buttons(interruption) == [
        "Ydw, cofnodi bod Complainant A wedi tynnu eu cefnogaeth yn ôl",  # Yes, record that … withdrew support
        "Nac ydw, mynd yn ôl",  # No, go back
    ]
    letter.complainant.refresh_from_db()
    assert letter.complainant.withdrew_support_on is None


def test_a_step_page_not_yet_translated_is_english_inside_main_buttons_and_all(officer: User) -> None:
    """The step pages' own words are translated, but a page whose title and form are not keeps them in English, marked
    as English: its button says "Continue", not "Parhau"; the frame around it is Welsh."""
    client = signed_in(officer)
    choose(client, page(client, reverse("dashboards:home")), "Cymraeg")
    opening = page(client, reverse("cases:open"))
    assert (html_lang(opening), main_of(opening).attrs["lang"]) == ("cy", "en-gb")
    assert buttons(opening) == ["Continue"]
    assert "Neidio i'r prif gynnwys" in text(opening)  # the frame: Skip to main content


def test_every_victims_page_is_claimed_as_translated_by_name() -> None:
    """A new victims page is not in Welsh until its words are gathered: it must be listed here (or be marked English)
    by choice, not by being in the app."""
    names = {pattern.name for pattern in victims_urls.urlpatterns}
    english = {name for name in names if not content_translated(f"victims:{name}")}
    assert english == set()
