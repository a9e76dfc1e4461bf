"""No dangling ARIA reference, and the GOV.UK error pattern, on every page: the authorisation matrix's world
(tests/world.py) asked for each page as each role the matrix gives it to (200), by GET and, where the page takes a
POST (200), by a POST with nothing filled in, to see its errors. Every aria-describedby, aria-labelledby, label ``for``
and in-page link names an element that exists; every link in an error summary goes to a field (the first box of a
date, the first radio or checkbox of a group) that shows its error message beside it, in a form group marked in
error, and is described by it (tests/html_references.py)."""

from typing import TYPE_CHECKING

import pytest
from django.test import Client

from accounts.roles import Role
from tests import authorisation_table as table
from tests.clients import signed_in
from tests.factories import make_user
from tests.html_references import has_error_summary, own_hidden_inputs, own_named_buttons, problems
from tests.service.test_authorisation_matrix import PAGE_ROUTES, _statuses, _world_address
from tests.world import World, build_world

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

pytestmark = pytest.mark.django_db

# Not the service's pages: signing out ends the walk, the sign-in page is asked signed out (below), and the health
# check and the API's schema and documentation are not GOV.UK pages.
NOT_WALKED = {"accounts:sign-out", "accounts:sign-in", "health", "api-docs", "api-schema"}
# Pages whose form is a GET (filters): asked again with values they refuse, to see their errors.
REFUSED_QUERIES = {
    "cases:list": "?police_force=0&cps_area=0&status=nonsense&flags=0",
    "scorecards:index": "?period=nonsense&place=nowhere&breakdown=nothing",
    "actionplans:overdue": "?police_force=0&prosecutor=0",
    "actionplans:aged": "?police_force=0&prosecutor=0",
    "victims:access-log": "?urn=" + "X" * 12,
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
            found[f"GET {name} as {role}"] = problems(page)
            if name in REFUSED_QUERIES and (refused := _html(client.get(address + REFUSED_QUERIES[name]))):
                found[f"GET {name}{REFUSED_QUERIES[name]} as {role}"] = problems(refused)
        for body in _bodies(page, address) if post == "200" else []:
            shown = _html(client.post(address, body))
            if shown is not None:
                found[f"POST {name} {sorted(body)} as {role}"] = problems(shown)
                if has_error_summary(shown):
                    errors_shown.add(name)


def test_no_page_names_an_id_that_does_not_exist_and_every_error_is_beside_its_field() -> None:
    world = build_world()
    found: dict[str, list[str]] = {}
    errors_shown: set[str] = set()

    signed_out = Client()
    found["GET accounts:sign-in signed out"] = problems(signed_out.get("/sign-in/").content.decode())
    for body in ({}, {"username": "nobody", "password": "wrong"}):
        response = signed_out.post("/sign-in/", body)
        found[f"POST accounts:sign-in {sorted(body)}"] = problems(response.content.decode())
        assert has_error_summary(response.content.decode()), "the sign-in page shows its errors"
    half = Client()
    half.force_login(make_user(Role.INVESTIGATOR))  # a password but no app yet
    found["POST accounts:set-up-authenticator"] = problems(half.post("/sign-in/set-up-app/", {}).content.decode())

    for role in table.ROLES:
        client = signed_in(world.people[role])
        _walk_as(client, role, world, found, errors_shown)

    wrong = {page: page_problems for page, page_problems in found.items() if page_problems}
    assert not wrong, "\n".join(f"{page}:\n  " + "\n  ".join(listed) for page, listed in wrong.items())
    assert errors_shown >= MUST_SHOW_ERRORS, f"no error summary after an empty post: {MUST_SHOW_ERRORS - errors_shown}"
