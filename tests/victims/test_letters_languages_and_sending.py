"""The victim liaison officer's letter pages: a complainant who asked for Welsh gets the Welsh letter drafted and an
English one interrupts sending like any other wish; the send page lists the wishes, "No, go back" keeps what was
typed, labels read as labels, and an edit of the draft is saved, written to the access log and never logged."""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from cases.models import Case
from tests.clients import date_fields, signed_in
from tests.factories import make_case
from victims.identity import add_complainant
from victims.letters import draft_letter, open_letter, send_letter
from victims.models import Communication, CommunicationKind, Complainant, IdentityRead
from victims.services import record_isva, record_wishes

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(officer: User) -> Case:
    return make_case(officer_in_charge=officer)


def _complainant(officer: User, liaison: User, case: Case, **wishes: Any) -> Complainant:
    complainant = add_complainant(actor=officer, case=case, name="Gwenllian Pryce-Morgan", phone="07700 900456")
    record_wishes(actor=liaison, complainant=complainant, channel="letter", updated_on=timezone.localdate(), **wishes)
    return complainant


def _letter(liaison: User, complainant: Complainant) -> Communication:
    return open_letter(
        actor=liaison,
        complainant=complainant,
        kind=CommunicationKind.POINT_OF_CHARGE,
        decision_on=timezone.localdate(),
    )


def _letter_url(letter: Communication) -> str:
    return reverse("victims:letter", args=[letter.complainant.case_id, letter.pk])


def _send_url(letter: Communication) -> str:
    return reverse("victims:send-letter", args=[letter.complainant.case_id, letter.pk])


def test_a_welsh_speaking_complainants_letter_is_drafted_in_welsh_and_the_english_one_is_interrupted(
    officer: User, liaison: User, case: Case
) -> None:
    complainant = _complainant(officer, liaison, case, language="Cymraeg")
    letter = _letter(liaison, complainant)
    client = signed_in(liaison)

    drafted = client.post(_letter_url(letter)).content.decode()  # "Draft the letter": in the language they asked for
    letter.refresh_from_db()
    assert letter.language == "cy"
    assert "Annwyl Gwenllian Pryce-Morgan," in drafted
    assert "Eich achos: penderfyniad i gyhuddo" in drafted
    assert f"Ar {timezone.localdate().day} " in drafted
    assert "Dear" not in drafted
    welsh_sent = {**date_fields("sent_on", timezone.localdate()), "channel": "letter"}

    client.post(_letter_url(letter), {"language": "en"})  # the officer drafts the English one instead
    letter.refresh_from_db()
    assert letter.language == "en"
    assert letter.text.startswith("Your case: a decision to charge")
    interruption = client.post(_send_url(letter), welsh_sent).content.decode()
    assert "Are you sure?" in interruption
    assert "Complainant A asked to be written to in Cymraeg." in interruption
    assert Communication.objects.get(pk=letter.pk).sent_on is None
    with pytest.raises(ValidationError):
        send_letter(actor=liaison, letter=letter, sent_on=timezone.localdate(), channel="letter")

    draft_letter(actor=liaison, letter=letter)  # in Welsh again: nothing against the wishes, no interruption
    assert client.post(_send_url(letter), welsh_sent).status_code == 302
    assert Communication.objects.get(pk=letter.pk).sent_on == timezone.localdate()


def test_an_english_speaking_complainant_is_drafted_in_english_and_warned_of_a_welsh_letter(
    officer: User, liaison: User, case: Case
) -> None:
    complainant = _complainant(officer, liaison, case)
    letter = draft_letter(actor=liaison, letter=_letter(liaison, complainant))
    assert letter.language == "en"
    assert "Dear Gwenllian Pryce-Morgan," in letter.text
    welsh = draft_letter(actor=liaison, letter=letter, language="cy")
    with pytest.raises(ValidationError) as refused:
        send_letter(actor=liaison, letter=welsh, sent_on=timezone.localdate(), channel="letter")
    assert refused.value.message_dict["channel"] == ["Complainant A asked to be written to in English."]


def test_the_send_page_lists_the_wishes_and_the_label_reads_as_a_label(
    officer: User, liaison: User, case: Case
) -> None:
    complainant = _complainant(
        officer,
        liaison,
        case,
        language="Welsh",
        safe_times="Weekday evenings",
        accessible_formats=["large_print"],
        copy_isva=True,
    )
    record_isva(
        actor=liaison,
        complainant=complainant,
        kind="isva",
        organisation="New Pathways",
        contact="x",
        consent_to_share=True,
    )
    letter = draft_letter(actor=liaison, letter=_letter(liaison, complainant))
    page = signed_in(liaison).get(_send_url(letter)).content.decode()
    assert "How Complainant A wants to be contacted" in page
    for key, value in [
        ("How to contact them", "Letter (safe times: Weekday evenings)"),
        ("Language", "Welsh"),
        ("This letter is in", "Welsh (Cymraeg)"),
        ("Accessible formats", "Large print"),
        ("Copy to their ISVA", "Yes"),
        ("No contact", "No"),
    ]:
        assert (
            f'<dt class="govuk-summary-list__key">{key}</dt><dd class="govuk-summary-list__value">{value}</dd>' in page
        )
    assert "Record the point-of-charge letter to Complainant A as sent" in page

    interruption = signed_in(liaison).post(
        _send_url(letter), {**date_fields("sent_on", timezone.localdate()), "channel": "phone"}
    )
    text = interruption.content.decode()
    assert "Complainant A asked to be contacted by letter." in text
    assert not re.search(r"\bcomplainant a\b", text), "the label is written as it is, never lower-cased"
    assert "Yes, record it as sent" in text


def test_no_go_back_keeps_what_was_typed(officer: User, liaison: User, case: Case) -> None:
    complainant = _complainant(officer, liaison, case)
    letter = draft_letter(actor=liaison, letter=_letter(liaison, complainant))
    client = signed_in(liaison)
    typed = {**date_fields("sent_on", timezone.localdate()), "channel": "phone"}
    interruption = client.post(_send_url(letter), typed).content.decode()
    assert "Complainant A asked to be contacted by letter." in interruption
    for name, value in typed.items():
        assert f'<input type="hidden" name="{name}" value="{value}">' in interruption  # carried in the post

    back = client.post(_send_url(letter), {**typed, "confirmed": "no"})
    page = back.content.decode()
    assert back.status_code == 200
    assert "How Complainant A wants to be contacted" in page
    assert 'value="phone" checked' in page
    assert 'value="letter" checked' not in page
    for box, number in [
        ("sent_on_0", timezone.localdate().day),
        ("sent_on_1", timezone.localdate().month),
        ("sent_on_2", timezone.localdate().year),
    ]:
        assert re.search(rf'name="{box}"[^>]* value="{number}"', page), f"{box} keeps what was typed"
    assert Communication.objects.get(pk=letter.pk).sent_on is None

    assert client.post(_send_url(letter), {**typed, "confirmed": "yes"}).status_code == 302
    assert Communication.objects.get(pk=letter.pk).channel == "phone"


def test_the_draft_is_edited_saved_and_logged_but_never_in_a_log_line(
    officer: User, liaison: User, case: Case, caplog: pytest.LogCaptureFixture
) -> None:
    complainant = _complainant(officer, liaison, case)
    letter = draft_letter(actor=liaison, letter=_letter(liaison, complainant))
    client: Client = signed_in(liaison)
    shown = client.post(_letter_url(letter), {"action": "show"}).content.decode()
    assert '<textarea name="text"' in shown
    assert "Dear Gwenllian Pryce-Morgan," in shown
    reads_before = IdentityRead.objects.filter(complainant=complainant).count()

    edited = (
        letter.text.replace("Dear Gwenllian Pryce-Morgan,", "Dear Ms Pryce-Morgan,") + "\n\nP.S. Ffion sends regards."
    )
    with caplog.at_level(logging.DEBUG):
        saved = client.post(_letter_url(letter), {"action": "save", "text": edited}).content.decode()
    assert "Letter saved" in saved
    assert "P.S. Ffion sends regards." in saved
    letter.refresh_from_db()
    assert letter.text == edited
    assert letter.drafted_by == liaison
    edit_read = IdentityRead.objects.filter(complainant=complainant).first()
    assert edit_read is not None
    assert IdentityRead.objects.filter(complainant=complainant).count() == reads_before + 1
    assert (edit_read.reason, edit_read.via, edit_read.reader_id) == ("letter", "draft edit", liaison.pk)
    for record in caplog.records:
        line = record.getMessage()
        assert "Pryce-Morgan" not in line
        assert "Ffion" not in line

    blank = client.post(_letter_url(letter), {"action": "save", "text": "   "}).content.decode()
    assert "There is a problem" in blank
    assert "Enter the letter" in blank
    letter.refresh_from_db()
    assert letter.text == edited  # nothing lost


def test_a_sent_letter_cannot_be_edited(officer: User, liaison: User, case: Case) -> None:
    complainant = _complainant(officer, liaison, case)
    letter = draft_letter(actor=liaison, letter=_letter(liaison, complainant))
    send_letter(actor=liaison, letter=letter, sent_on=timezone.localdate(), channel="letter")
    refused = signed_in(liaison).post(_letter_url(letter), {"action": "save", "text": "Something else"})
    assert "This letter has been sent: it can no longer change." in refused.content.decode()
    letter.refresh_from_db()
    assert "Something else" not in letter.text


def test_drafting_again_over_an_edited_letter_asks_first_and_no_keeps_the_edit(
    officer: User, liaison: User, case: Case
) -> None:
    complainant = _complainant(officer, liaison, case)
    letter = draft_letter(actor=liaison, letter=_letter(liaison, complainant))
    client: Client = signed_in(liaison)
    edited = letter.text + "\n\nP.S. We will call on Tuesday."
    client.post(_letter_url(letter), {"action": "save", "text": edited})

    asked = client.post(_letter_url(letter), {"language": "cy"}).content.decode()
    assert "This will replace the text you edited. Are you sure?" in asked
    assert '<input type="hidden" name="language" value="cy">' in asked
    assert 'name="confirmed" value="yes"' in asked
    assert 'name="confirmed" value="no"' in asked
    assert "P.S. We will call on Tuesday." not in asked  # the text is not shown on the question
    letter.refresh_from_db()
    assert (letter.text, letter.language) == (edited, "en")

    back = client.post(_letter_url(letter), {"language": "cy", "confirmed": "no"}).content.decode()
    assert "P.S. We will call on Tuesday." in back
    assert '<textarea name="text"' in back
    letter.refresh_from_db()
    assert (letter.text, letter.language) == (edited, "en")
    with pytest.raises(ValidationError):
        draft_letter(actor=liaison, letter=letter, language="cy")  # the service asks too (the API's draft)

    replaced = client.post(_letter_url(letter), {"language": "cy", "confirmed": "yes"}).content.decode()
    assert "Annwyl Gwenllian Pryce-Morgan," in replaced
    letter.refresh_from_db()
    assert letter.language == "cy"
    assert "P.S. We will call on Tuesday." not in letter.text
    assert not letter.edited
    drafted_again = client.post(_letter_url(letter), {"language": "en"}).content.decode()  # unedited: no question
    assert "Are you sure?" not in drafted_again
    assert "Dear Gwenllian Pryce-Morgan," in drafted_again
