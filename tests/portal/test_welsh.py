"""The complainant's own view in Welsh: every word of the translated pages (the own view's, and the pages a victim
liaison officer uses: web.catalogue.SOURCES) is in the Welsh catalogue (locale/cy), translated and not fuzzy, with
its placeholders kept; the committed .mo is what the .po compiles to; the language switch works without JavaScript; a
complainant who asked to be written to in Welsh sees Welsh; staff pages are English unless the switch chose Welsh
(tests/web/test_welsh_staff_pages.py follows a victim liaison officer who does).

The words are gathered here without GNU gettext (which the test machines do not have): Python sources through their
syntax tree, templates through Django's own templatize, as makemessages does before xgettext."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Iterator
from datetime import date

import polib
import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse
from django.utils.translation.template import templatize

from accounts.models import User
from tests.clients import sign_in_own_view, signed_in
from tests.factories import make_case
from tests.html_references import Element, parse
from tests.world import OWN_VIEW_SETTINGS, accepted
from victims.identity import add_complainant
from victims.models import Invitation
from victims.models.complainant import Channel, IsvaKind
from victims.own_view import invite
from victims.services import record_isva, record_wishes
from web.catalogue import CATALOGUE, COMPILED, compiled, sources

# (context, msgid, plural msgid) of one string marked for translation.
Message = tuple[str | None, str, str | None]
# Translation functions by where their context, singular and plural arguments are.
_FUNCTIONS = {
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "_": (None, 0, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}
# %(name)s, %s, %d and {name} / {} placeholders: a translation must keep each of them.
_PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")

pytestmark = pytest.mark.django_db


def _message(strings: list[str], function: str) -> Message | None:
    context, singular, plural = _FUNCTIONS[function]
    needed = max(index for index in (context, singular, plural) if index is not None)
    if len(strings) <= needed:
        return None  # not a literal: nothing makemessages could gather either
    return (
        strings[context] if context is not None else None,
        strings[singular],
        strings[plural] if plural is not None else None,
    )


def _python_messages(source: str) -> Iterator[Message]:
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
        if name not in _FUNCTIONS:
            continue
        strings = []
        for argument in node.args:
            if not (isinstance(argument, ast.Constant) and isinstance(argument.value, str)):
                break
            strings.append(argument.value)
        message = _message(strings, name)
        if message:
            yield message


def _template_messages(source: str, origin: str) -> Iterator[Message]:
    """Django turns a template's {% translate %} and {% blocktranslate %} into gettext calls for xgettext."""
    # Each call stands on one line; the blanked-out markup around it is no Python, so its indentation goes.
    text = "\n".join(line.lstrip() for line in templatize(source, origin).splitlines())
    tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    for index, token in enumerate(tokens):
        if token.type != tokenize.NAME or token.string not in _FUNCTIONS or tokens[index + 1].string != "(":
            continue
        strings = []
        for argument in tokens[index + 2 :]:
            if argument.string == ")":
                break
            if argument.type == tokenize.STRING:
                strings.append(ast.literal_eval(argument.string))
        message = _message(strings, token.string)
        if message:
            yield message


def gathered_messages() -> dict[Message, str]:
    """Every string marked for translation in the translated pages' sources, with the first file it is in."""
    found: dict[Message, str] = {}
    for path in sorted(sources()):
        source = path.read_text()
        where = str(path.relative_to(settings.BASE_DIR))
        messages = _template_messages(source, where) if path.suffix == ".html" else _python_messages(source)
        for message in messages:
            found.setdefault(message, where)
    return found


def catalogue() -> dict[Message, polib.POEntry]:
    return {(entry.msgctxt, entry.msgid, entry.msgid_plural or None): entry for entry in polib.pofile(str(CATALOGUE))}


def _translations(entry: polib.POEntry) -> list[str]:
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def test_the_committed_mo_is_what_the_po_compiles_to() -> None:
    """Fails when someone edits django.po and forgets `make messages` (or `manage.py compile_welsh`)."""
    assert COMPILED.read_bytes() == compiled(CATALOGUE), "Run `python manage.py compile_welsh` and commit the .mo"


def test_the_extraction_finds_the_translated_pages_words() -> None:
    """The check below is only as good as what it gathers: it must see the page furniture and the switch, and the
    words of the pages a victim liaison officer uses."""
    messages = gathered_messages()
    assert (None, "Exit this page", None) in messages
    assert (None, "Choose a language", None) in messages
    assert (None, "You are signed out", None) in messages
    assert (None, "Skip to main content", None) in messages  # every staff page's frame
    assert (None, "Victim letters", None) in messages  # the service navigation (accounts.context_processors)
    assert (None, "Communication wishes", None) in messages  # the complainants page
    assert (None, "Why do you need to see the complainant's details?", None) in messages  # victims.forms
    assert (None, "Overdue by %(days)s day", "Overdue by %(days)s days") in messages  # the home page


def test_every_word_the_translated_pages_show_is_translated_into_welsh() -> None:
    entries = catalogue()
    missing = [f"{where}: {message[1]!r}" for message, where in gathered_messages().items() if message not in entries]
    assert not missing, "Not in locale/cy (run `make messages`):\n" + "\n".join(missing)
    untranslated = [
        f"{where}: {message[1]!r}"
        for message, where in gathered_messages().items()
        if entries[message].fuzzy or entries[message].obsolete or not all(_translations(entries[message]))
    ]
    assert not untranslated, "Untranslated or fuzzy in locale/cy:\n" + "\n".join(untranslated)


def test_each_translation_keeps_its_placeholders() -> None:
    for entry in polib.pofile(str(CATALOGUE)).translated_entries():
        wanted = sorted(_PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        for translation in _translations(entry):
            assert sorted(_PLACEHOLDER.findall(translation)) == wanted, entry.msgid


def _switch(page: Element) -> Element:
    return next(node for node in page.iter() if node.tag == "nav" and "app-language-switch" in node.classes)


def _html_lang(page: Element) -> str:
    return next(node for node in page.iter() if node.tag == "html").attrs["lang"]


def test_the_language_switch_works_without_javascript() -> None:
    client = Client(enforce_csrf_checks=True)
    signed_out = reverse("portal:signed-out")
    english = parse(client.get(signed_out).content.decode())
    assert _html_lang(english) == "en-gb"
    assert "You are signed out" in english.text_content()
    switch = _switch(english)
    current = next(node for node in switch.iter() if node.attrs.get("aria-current") == "true")
    assert (current.text_content(), current.attrs["lang"]) == ("English", "en-gb")
    # The other language is a button in a plain form: post it as a browser without JavaScript does.
    form = next(node for node in switch.iter() if node.tag == "form")
    button = next(node for node in form.iter() if node.tag == "button")
    assert (button.text_content(), button.attrs["lang"]) == ("Cymraeg", "cy")
    fields = {node.attrs["name"]: node.attrs["value"] for node in form.iter() if node.tag == "input"}
    response = client.post(form.attrs["action"], {**fields, button.attrs["name"]: button.attrs["value"]})
    assert response.status_code == 302
    assert response["Location"] == signed_out
    welsh = parse(client.get(signed_out).content.decode())
    assert _html_lang(welsh) == "cy"
    text = welsh.text_content()
    assert "Gadael y dudalen hon" in text  # Exit this page
    assert "Rydych wedi allgofnodi" in text  # You are signed out
    assert "You are signed out" not in text
    current = next(node for node in _switch(welsh).iter() if node.attrs.get("aria-current") == "true")
    assert current.text_content() == "Cymraeg"
    # And back again: each language is named in itself, whatever the page's language.
    form = next(node for node in _switch(welsh).iter() if node.tag == "form")
    button = next(node for node in form.iter() if node.tag == "button")
    assert (button.text_content(), button.attrs["lang"]) == ("English", "en-gb")
    fields = {node.attrs["name"]: node.attrs["value"] for node in form.iter() if node.tag == "input"}
    client.post(form.attrs["action"], {**fields, "language": "en-gb"})
    assert _html_lang(parse(client.get(signed_out).content.decode())) == "en-gb"


def test_the_switch_only_changes_the_language_when_posted() -> None:
    client = Client()
    assert client.get(reverse("set_language"), {"language": "cy", "next": "/your-case/signed-out/"}).status_code == 405
    assert settings.LANGUAGE_COOKIE_NAME not in client.cookies


def test_staff_pages_are_english_for_a_browser_preferring_welsh_until_the_switch_is_used(officer: User) -> None:
    """Without the switch's choice a staff page is English, so that Django's own words (form errors, month names) do
    not come in Welsh among English ones; the switch is on the page to choose Cymraeg."""
    for client, path in ((signed_in(officer), "/"), (Client(), "/sign-in/")):
        page = parse(client.get(path, HTTP_ACCEPT_LANGUAGE="cy").content.decode())
        assert _html_lang(page) == "en-gb"
        current = next(node for node in _switch(page).iter() if node.attrs.get("aria-current") == "true")
        assert current.text_content() == "English"


def test_a_browser_preferring_welsh_gets_the_own_view_in_welsh() -> None:
    page = parse(Client().get(reverse("portal:signed-out"), HTTP_ACCEPT_LANGUAGE="cy").content.decode())
    assert _html_lang(page) == "cy"
    assert "Gadael y dudalen hon" in page.text_content()


def test_the_catalogue_is_welsh_with_welsh_plurals() -> None:
    metadata = polib.pofile(str(CATALOGUE)).metadata
    assert metadata["Language"] == "cy"
    assert metadata["Plural-Forms"].startswith("nplurals=4;")


@pytest.fixture
def welsh_speaker(officer: User, liaison: User) -> Invitation:
    """A complainant who asked to be written to in Welsh, who has joined their own view."""
    complainant = add_complainant(actor=officer, case=make_case(), email="cymraeg@example.org")
    record_wishes(
        actor=liaison, complainant=complainant, channel=Channel.EMAIL, updated_on=date(2025, 1, 6), language="Welsh"
    )
    with override_settings(**OWN_VIEW_SETTINGS):
        return accepted(invite(actor=liaison, complainant=complainant, for_isva=False), "welsh-speaker")


@override_settings(**OWN_VIEW_SETTINGS)
def test_a_complainant_who_asked_for_welsh_sees_their_case_in_welsh_until_they_switch(
    welsh_speaker: Invitation,
) -> None:
    client = Client()
    sign_in_own_view(client, welsh_speaker)
    home = parse(client.get(reverse("portal:home"), follow=True).content.decode())
    assert _html_lang(home) == "cy"
    assert "Gadael y dudalen hon" in home.text_content()
    assert "Allgofnodi" in home.text_content()  # Sign out
    form = next(node for node in _switch(home).iter() if node.tag == "form")
    fields = {node.attrs["name"]: node.attrs["value"] for node in form.iter() if node.tag == "input"}
    client.post(form.attrs["action"], {**fields, "language": "en-gb"})
    english = parse(client.get(reverse("portal:home"), follow=True).content.decode())
    assert _html_lang(english) == "en-gb"
    assert "Exit this page" in english.text_content()


def test_a_missing_own_view_page_is_said_in_the_own_views_frame_and_language() -> None:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    response = client.get("/your-case/no-such-page/")
    assert response.status_code == 404
    page = parse(response.content.decode())
    assert _html_lang(page) == "cy"
    text = page.text_content()
    assert "Tudalen heb ei chanfod" in text  # Page not found
    assert "Gadael y dudalen hon" in text
    assert "RASSO case-journey tracker" not in text  # not the staff pages' frame


@override_settings(**OWN_VIEW_SETTINGS)
def test_the_complainants_wishes_choose_their_language_not_their_isvas(
    welsh_speaker: Invitation, liaison: User
) -> None:
    complainant = welsh_speaker.complainant
    record_isva(
        actor=liaison,
        complainant=complainant,
        kind=IsvaKind.ISVA,
        organisation="Cardiff Sexual Assault Referral Centre",
        contact="isva@example.org",
        consent_to_share=True,
    )
    isva = Client()
    sign_in_own_view(isva, accepted(invite(actor=liaison, complainant=complainant, for_isva=True), "their-isva"))
    page = parse(isva.get(reverse("portal:home"), follow=True).content.decode())
    assert _html_lang(page) == "en-gb"
    assert "Exit this page" in page.text_content()
