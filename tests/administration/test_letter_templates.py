"""The letter templates page, for administrators (the role, not a superuser): every kind in English and Welsh with
when it last changed; a template reworded with its placeholders checked, a preview with made-up values, and the change
kept in its history with who made it and why."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from tests.clients import signed_in
from victims.letter_templates import template_changes
from victims.models import CommunicationKind, LetterTemplate
from victims.models.communications import LetterLanguage

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(user_of: Callable[..., User]) -> User:
    return user_of(Role.ADMINISTRATOR, first_name="Ifor", last_name="Bowen")


def _url(kind: str = "nfa", language: str = "cy") -> str:
    return reverse("administration:letter-template", args=[kind, language])


def test_every_kind_has_an_english_and_a_welsh_template_listed(administrator: User) -> None:
    assert set(LetterTemplate.objects.values_list("kind", "language")) == {
        (kind, language) for kind in CommunicationKind.values for language in LetterLanguage.values
    }
    page = signed_in(administrator).get(reverse("administration:letter-templates")).content.decode()
    assert page.count('href="/administration/letter-templates/') == len(CommunicationKind) * 2
    assert "Eich achos: penderfyniad i beidio ag erlyn" in page
    assert "Not changed since it was loaded" in page


def test_an_administrator_rewords_the_welsh_template_with_a_reason_kept_in_its_history(administrator: User) -> None:
    client = signed_in(administrator)
    page = client.get(_url()).content.decode()
    assert "$complainant_name" in page
    assert "Sam Sample" in page  # the preview: made-up values
    template = LetterTemplate.objects.get(kind="nfa", language="cy")
    body = template.body.replace("Mae'r llythyr hwn yn egluro pam.", "Mae'r llythyr hwn yn egluro'r rhesymau.")
    done = client.post(
        _url(), {"subject": template.subject, "body": body, "reason": "Clearer wording", "action": "save"}
    )
    assert done["Location"] == reverse("administration:letter-templates")
    template.refresh_from_db()
    assert "egluro'r rhesymau" in template.body
    change = template_changes().filter(id=template.pk).first()
    assert change is not None
    assert (change.history_user, change.history_change_reason) == (administrator, "Clearer wording")
    listed = client.get(reverse("administration:letter-templates")).content.decode()
    assert "by Ifor Bowen" in listed
    assert "Clearer wording" in client.get(_url()).content.decode()
    assert LetterTemplate.objects.get(kind="nfa", language="en").body != template.body  # the English one untouched


def test_an_unknown_placeholder_is_refused_with_what_was_typed_kept(administrator: User) -> None:
    client = signed_in(administrator)
    before = LetterTemplate.objects.get(kind="nfa", language="cy").body
    typed = "Annwyl $enw_llawn,\n\nDiolch."
    refused = client.post(_url(), {"subject": "Eich achos", "body": typed, "reason": "Test", "action": "save"})
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "There is a problem" in page
    assert "$enw_llawn is not a placeholder the service knows" in page
    assert "Annwyl $enw_llawn," in page  # kept in the box
    assert LetterTemplate.objects.get(kind="nfa", language="cy").body == before

    no_reason = client.post(_url(), {"subject": "Eich achos", "body": "Diolch, $sender_name", "reason": ""})
    assert "Enter why you are changing it" in no_reason.content.decode()


def test_preview_fills_what_was_typed_and_saves_nothing(administrator: User) -> None:
    client = signed_in(administrator)
    before = LetterTemplate.objects.get(kind="nfa", language="cy").body
    preview = client.post(
        _url(), {"subject": "Eich achos", "body": "Annwyl $complainant_name, $urn", "action": "preview"}
    ).content.decode()
    assert "Annwyl Sam Sample, 00XX0000000" in preview
    assert "Enter why you are changing it" not in preview
    assert LetterTemplate.objects.get(kind="nfa", language="cy").body == before


@pytest.mark.parametrize("role", [Role.VICTIM_LIAISON_OFFICER, Role.AUDITOR, Role.UNIT_HEAD])
def test_only_administrators(client_of: Callable[..., Client], role: Role) -> None:
    client = client_of(role)
    assert client.get(reverse("administration:letter-templates")).status_code == 403
    assert client.post(_url(), {"subject": "x", "body": "y", "reason": "z"}).status_code == 403


def test_an_unknown_template_is_not_found(administrator: User) -> None:
    assert signed_in(administrator).get(_url("nfa", "fr")).status_code == 404
