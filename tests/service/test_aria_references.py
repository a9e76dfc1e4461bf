"""No dangling ARIA reference, and the GOV.UK error pattern, on every page: the authorisation matrix's world
(tests/world.py) asked for each page as each role the matrix gives it to (200), by GET and, where the page takes a
POST (200), by a POST with nothing filled in, to see its errors. Every aria-describedby, aria-labelledby, label ``for``
and in-page link names an element that exists; every link in an error summary goes to a field (the first box of a
date, the first radio or checkbox of a group) that shows its error message beside it, in a form group marked in
error, and is described by it (tests/html_references.py).

The same walk checks the wording GOV.UK asks for on every page: dates and times as the style guide writes them
("14 May 1996", "9:30am", never "1996-05-14" or "09:30"), no Django "---------" empty option, and no acronym
lower-cased at the start of a message ("Select cPS Area")."""

import re
from typing import TYPE_CHECKING

import pytest
from django.template.loader import render_to_string
from django.test import Client

from accounts.roles import Role
from portal.forms import OTHER, OwnWishesForm
from tests import authorisation_table as table
from tests.factories import make_user
from tests.html_references import Element, has_error_summary, own_hidden_inputs, own_named_buttons, parse, problems
from tests.service.test_authorisation_matrix import PAGE_ROUTES, _client, _statuses, _world_address
from tests.world import World, build_world

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

pytestmark = pytest.mark.django_db

# Not the service's pages: signing out ends the walk, the sign-in page is asked signed out (below), and the health
# checks, the metrics and the API's schema and documentation are not GOV.UK pages.
NOT_WALKED = {"accounts:sign-out", "accounts:sign-in", "health", "ready", "metrics", "api-docs", "api-schema"}
# Pages whose form is a GET (filters): asked again with values they refuse, to see their errors.
REFUSED_QUERIES = {
    "cases:list": "?police_force=0&cps_area=0&status=nonsense&flags=0",
    "scorecards:index": "?period=nonsense&place=nowhere&breakdown=nothing",
    "actionplans:overdue": "?police_force=0&prosecutor=0",
    "actionplans:aged": "?police_force=0&prosecutor=0",
    "administration:access-log": "?case=" + "X" * 12 + "&start_0=31&start_1=2&start_2=2026&reason=nonsense",
    "administration:export-log": "?start_0=1&start_1=5&start_2=2026&end_0=1&end_1=4&end_2=2026&reason=x",
}
# Forms that, posted with nothing filled in, must show the error summary: one of each kind of field.
MUST_SHOW_ERRORS = {
    "accounts:verify",  # the second factor: text
    "cases:open",  # text, radios, dates, checkboxes
    "cases:record-police-nfa",  # date, textarea
    "victims:identity",  # radios
    "actionplans:set-plan",  # the add-another formset
    "scorecards:import-journeys",  # file upload
    "scrutiny:panels",  # checkboxes
}


# What GOV.UK style never shows a reader: an ISO date, a 24-hour time, Django's empty option, a lower-cased acronym.
NOT_GOVUK_STYLE = {
    "an ISO date": re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    "a 24-hour time": re.compile(r"\b\d{1,2}:\d{2}\b(?!am|pm)"),
    "Django's empty option": re.compile(r"-{4,}"),
    "a lower-cased acronym": re.compile(r"\b[a-z]+[A-Z]{2,}"),
}
NOT_READ = {"script", "style"}


def _text(node: Element) -> str:
    """The text a reader sees, without scripts and hints (a hint may show what can be typed: "3:15pm or 15:15")."""
    shown = [child for child in node.children if child.tag not in NOT_READ and "govuk-hint" not in child.classes]
    return " ".join([*node.text, *(_text(child) for child in shown)])


def wording(html: str) -> list[str]:
    """Every piece of the page's text that is not in GOV.UK style."""
    text = " ".join(_text(parse(html)).split())
    return [
        f"{what}: {found.group()!r} in …{text[max(0, found.start() - 40) : found.end() + 20]}…"
        for what, pattern in NOT_GOVUK_STYLE.items()
        for found in pattern.finditer(text)
    ]


def _problems(html: str) -> list[str]:
    return problems(html) + wording(html)


def _html(response: "TestResponse") -> str | None:
    """The page, if the answer is one (not a redirect, a refusal or a download)."""
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return None
    return response.content.decode()


def _bodies(page: str | None, address: str) -> list[dict[str, str]]:
    """What to post to a form page: nothing; the page's hidden inputs (a formset's management form, where to go next),
    as a browser sends them; and those with each named button ("Add another action") pressed."""
    if page is None:
        return [{}]
    hidden = own_hidden_inputs(page, address)
    hidden.pop("csrfmiddlewaretoken", None)
    return [{}, *([hidden] if hidden else []), *({**hidden, n: v} for n, v in own_named_buttons(page, address))]


def _walk_as(client: Client, role: Role, world: World, found: dict[str, list[str]], errors_shown: set[str]) -> None:
    for route, name in PAGE_ROUTES:
        if name in NOT_WALKED:
            continue
        get, post = _statuses(table.PAGES[name], role)
        address = _world_address(route, name, world, role)
        page = _html(client.get(address)) if get == "200" else None
        if page is not None:
            found[f"GET {name} as {role}"] = _problems(page)
            if name in REFUSED_QUERIES and (refused := _html(client.get(address + REFUSED_QUERIES[name]))):
                found[f"GET {name}{REFUSED_QUERIES[name]} as {role}"] = _problems(refused)
        for body in _bodies(page, address) if post == "200" else []:
            shown = _html(client.post(address, body))
            if shown is not None:
                found[f"POST {name} {sorted(body)} as {role}"] = _problems(shown)
                if has_error_summary(shown):
                    errors_shown.add(name)


def test_no_page_names_an_id_that_does_not_exist_and_every_error_is_beside_its_field() -> None:
    world = build_world()
    found: dict[str, list[str]] = {}
    errors_shown: set[str] = set()

    signed_out = Client()
    found["GET accounts:sign-in signed out"] = _problems(signed_out.get("/sign-in/").content.decode())
    for public in ("/accessibility/", "/cookies/"):
        found[f"GET {public} signed out"] = _problems(signed_out.get(public).content.decode())
    for body in ({}, {"username": "nobody", "password": "wrong"}):
        response = signed_out.post("/sign-in/", body)
        found[f"POST accounts:sign-in {sorted(body)}"] = problems(response.content.decode())
        assert has_error_summary(response.content.decode()), "the sign-in page shows its errors"
    half = Client()
    half.force_login(make_user(Role.INVESTIGATOR))  # a password but no app yet
    found["POST accounts:set-up-authenticator"] = problems(half.post("/sign-in/set-up-app/", {}).content.decode())

    for role in table.ROLES:
        client = _client(world, role)  # staff with both factors; the complainant and ISVA through One Login
        _walk_as(client, role, world, found, errors_shown)

    wrong = {page: page_problems for page, page_problems in found.items() if page_problems}
    assert not wrong, "\n".join(f"{page}:\n  " + "\n  ".join(listed) for page, listed in wrong.items())
    assert errors_shown >= MUST_SHOW_ERRORS, f"no error summary after an empty post: {MUST_SHOW_ERRORS - errors_shown}"


def test_the_wording_check_finds_what_govuk_style_never_shows() -> None:
    page = (
        "<p>Select cPS Area</p><p>Received 1996-05-14 at 09:30, seen 14 May 1996 at 9:30am</p>"
        '<select><option value="">---------</option></select><div class="govuk-hint">3:15pm or 15:15</div>'
    )
    found = [problem.split(":")[0] for problem in wording(page)]
    assert found == ["an ISO date", "a 24-hour time", "Django's empty option", "a lower-cased acronym"]


def test_a_question_revealed_inside_an_option_is_its_own_form_group() -> None:
    """Another language chosen but not named: the revealed question is in error and the radios around it are not,
    which is the GOV.UK pattern; the same page with the revealed field's error class taken away is found wrong."""
    form = OwnWishesForm({"channel": "email", "language": OTHER, "interpreter": "no"}, has_isva=False)
    assert not form.is_valid()
    assert list(form.errors) == ["other_language"]
    page = render_to_string("govuk/error_summary.html", {"form": form}) + str(form)
    assert not problems(page)
    unmarked = page.replace("govuk-input govuk-input--error", "govuk-input")
    assert unmarked != page
    unmarked_field = '<input name="other_language" id="id_other_language">'
    assert problems(unmarked) == [f"{unmarked_field} in a form group in error has no govuk-input--error class"]
