"""Every page a role opens, and every API list, runs the same number of queries however many rows it shows: counted
in the world of tests/world.py, then again with three times the records (in the same case, and in another case of the
same force and Area). A page that asks the database once a row fails here. Each count is of a second visit, after
what the service keeps between requests (the live scorecard, a person's new app key) is in place."""

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.roles import Role
from tests import authorisation_table as table
from tests.clients import token_client
from tests.service.test_authorisation_matrix import API_OPERATIONS, CASE, PAGE_ROUTES, _client, _world_address
from tests.service.test_authorisation_matrix import PAGES as MATRIX_KINDS
from tests.world import World, build_world

pytestmark = pytest.mark.django_db


def _first_reader(row: str) -> Role | None:
    """The first role the page answers with 200 to a GET."""
    statuses = row.split(" | ", maxsplit=1)[0].split()
    return next((role for role, status in zip(table.ROLES, statuses, strict=True) if status == "200"), None)


# Every page some role reads (GET 200), with that role; the API's lists likewise.
PAGES = [(route, name, role) for route, name in PAGE_ROUTES if (role := _first_reader(table.PAGES[name]))]
API_LISTS = [
    (path, role)
    for path, method in API_OPERATIONS
    if method == "GET" and "{id}" not in path and (role := _first_reader(table.API[f"GET {path}"]))
]


def _counts(world: World) -> dict[str, int]:
    # At one instant: a session is written at most once a minute, and on which page that falls must not depend on
    # how long the pages before it took.
    with time_machine.travel(timezone.now(), tick=False):
        return _counts_now(world)


def _counts_now(world: World) -> dict[str, int]:
    counts = {}
    clients: dict[Role, Client] = {}
    for route, name, role in PAGES:
        if role not in clients:
            clients[role] = _client(world, role)  # staff with both factors; the complainant and ISVA by One Login
        address = _world_address(route, name, world, role)
        with CaptureQueriesContext(connection) as queries:
            assert clients[role].get(address).status_code == 200, name
        counts[name] = len(queries)
    for path, role in API_LISTS:
        api = token_client(world.people[role])
        with CaptureQueriesContext(connection) as queries:
            assert api.get(path).status_code == 200, path
        counts[path] = len(queries)
    return counts


def test_every_page_and_api_list_runs_a_constant_number_of_queries() -> None:
    world = build_world()
    _counts(world)  # once to warm what is kept between requests (the live scorecard, a new app's key)
    few = _counts(world)
    own = dict(world.invitations)  # each new complainant's invitations replace the world's: the pages still ask
    build_world(into=world)  # of the first complainant, whose letter the world's ids name
    build_world(into=world)
    world.invitations.update(own)
    twin = build_world()  # another case in the same force and Area, with its own people
    for _ in range(2):
        build_world(into=twin)
    _counts(world)
    many = _counts(world)
    grown = {name: (few[name], many[name]) for name in few if few[name] != many[name]}
    assert not grown, f"queries that grow with the rows (few, many): {grown}"
    case_pages = {name for name, kind in MATRIX_KINDS.items() if kind == CASE}
    assert case_pages <= set(few), f"case pages no role reads: {case_pages - set(few)}"
