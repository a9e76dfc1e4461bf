"""The authorisation matrix, generated from the URLconf and the API schema: every route and API operation has an entry
saying who reaches it, and a route without one fails the suite.

What each entry is checked for here: signed out, a page sends the person to sign in and the API answers 401 (public
routes answer); signed in with a password but no code, a page sends the person to set up or enter their code and
the API answers 401; for every role, inside its scope, the status tests/authorisation_table.py gives for each route
and method (200 / 302 / 400 / 403 / 404 / 405); and for every role, a case outside the user's scope is a 404 on every
page that names one, whatever else the address names, and never listed by the API.

The complainant and their ISVA, signed in through GOV.UK One Login as the own view's sign-in leaves them, are asked
everything staff are: they reach their own view's pages for the invitation they accepted and nothing else (404).
Another complainant's invitation, of the same case or another, is a 404 to them; an ISVA's pages are a 404 the moment
the complainant withdraws their consent, and anyone's the moment their invitation is revoked."""

import json
import re
from collections.abc import Iterator
from contextlib import nullcontext
from datetime import date
from typing import Any
from uuid import UUID

import pytest
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import User
from accounts.roles import CPS_CASEWORK_ROLES, CPS_ROLES, OWN_VIEW_ROLES, Role
from cases.models import Case, Suspect, TimelineEvent
from cases.models.court import HearingKind
from cases.models.precharge import DecisionOutcome
from cases.services.court import record_hearing, record_sending
from cases.services.precharge import record_police_nfa, refer_for_charging_decision
from corrections.table import CORRECTABLE
from scrutiny.models import Finding, Panel, Sample, SampledDecision, Verdict
from scrutiny.services import create_panel, draw_sample, record_finding
from tests import authorisation_table as table
from tests.clients import api_schema, date_fields, post_json, sign_in_own_view, signed_in, token_client
from tests.factories import force, full_code_decision, make_case, make_user
from tests.faults import redis_down
from tests.world import DAY, ISVA_SUBJECT, OWN_VIEW_SETTINGS, World, accepted, build_world
from victims.identity import add_complainant
from victims.letters import open_letter, send_letter
from victims.models import CommunicationKind, Complainant, Invitation
from victims.models.complainant import Channel, IsvaKind
from victims.own_view import invite, revoke
from victims.services import record_isva, record_wishes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _own_view_switched_on() -> Iterator[None]:
    with override_settings(**OWN_VIEW_SETTINGS):
        yield


PUBLIC = "public"  # no sign-in: the sign-in page, the health checks, the accessibility statement and cookies pages
METRICS = "metrics"  # Prometheus' scrape: its own bearer token, not a session; a 404 while none is configured
SINGLE_SIGN_ON = "single sign-on"  # organisation sign-in's start and return: a 404 while no provider is configured
SIGNED_IN = "signed in"  # any signed-in person (the page itself may then refuse a role: 403)
CASE = "case"  # names a case by its pk: outside the user's scope it is a 404
SECOND_STEP = "second step"  # reached with a password but before the code
DOCS = "docs"  # the API's documentation page: signed out, to sign in; without the code, REST framework's 401
API = "api"  # the schema: REST framework's answer, 401 without a verified session or token
OWN_VIEW_PUBLIC = "own view, public"  # the own view's invitation link, sign-in, exit and signed-out pages
OWN_VIEW = "own view"  # the own view's pages, for complainants and ISVAs signed in through One Login
LANGUAGE = "language"  # the language switch: a POST from anyone, signed in or not

# Every page route by name. A new route fails test_every_route_has_an_entry until it is added here.
PAGES: dict[str, str] = {
    "dashboards:home": SIGNED_IN,
    "dashboards:workload": SIGNED_IN,
    "dashboards:workload-download": SIGNED_IN,
    "accounts:sign-in": PUBLIC,
    "accounts:organisation-sign-in": SINGLE_SIGN_ON,
    "accounts:organisation-sign-in-callback": SINGLE_SIGN_ON,
    "accounts:verify": SECOND_STEP,
    "accounts:set-up-authenticator": SECOND_STEP,
    "accounts:recovery-codes": SIGNED_IN,
    "accounts:sign-out": SECOND_STEP,
    "cases:list": SIGNED_IN,
    "cases:open": SIGNED_IN,
    "cases:find-by-name": SIGNED_IN,
    "cases:trials-at-risk": SIGNED_IN,
    "actionplans:due": SIGNED_IN,
    "actionplans:overdue": SIGNED_IN,
    "actionplans:aged": SIGNED_IN,
    "actionplans:joim-agenda": SIGNED_IN,
    "actionplans:proportionality": SIGNED_IN,
    "actionplans:review": SIGNED_IN,
    "victims:letters-due": SIGNED_IN,
    "victims:survey-response": SIGNED_IN,
    "reminders:list": SIGNED_IN,
    "reminders:read": SIGNED_IN,
    "reminders:settings": SIGNED_IN,
    "reminders:outbox": SIGNED_IN,
    "reminders:outbox-try-again": SIGNED_IN,
    "scrutiny:panels": SIGNED_IN,
    "scrutiny:panel": SIGNED_IN,
    "scrutiny:pack": SIGNED_IN,
    "scrutiny:pack-download": SIGNED_IN,
    "scrutiny:finding": SIGNED_IN,
    "scorecards:index": SIGNED_IN,
    "scorecards:download": SIGNED_IN,
    "scorecards:police-outcomes-download": SIGNED_IN,
    "scorecards:snapshot-download": SIGNED_IN,
    "scorecards:publish": SIGNED_IN,
    "scorecards:import-journeys": SIGNED_IN,
    "scorecards:import": SIGNED_IN,
    "accounts:accept-invitation": PUBLIC,
    "administration:home": SIGNED_IN,
    "administration:people": SIGNED_IN,
    "administration:add-person": SIGNED_IN,
    "administration:person": SIGNED_IN,
    "administration:change-person-role": SIGNED_IN,
    "administration:disable-person": SIGNED_IN,
    "administration:enable-person": SIGNED_IN,
    "administration:reset-second-factor": SIGNED_IN,
    "administration:send-invitation": SIGNED_IN,
    "administration:deadlines": SIGNED_IN,
    "administration:change-deadline": SIGNED_IN,
    "administration:ladder": SIGNED_IN,
    "administration:add-level": SIGNED_IN,
    "administration:change-level": SIGNED_IN,
    "administration:remove-level": SIGNED_IN,
    "administration:readiness": SIGNED_IN,
    "administration:add-readiness-item": SIGNED_IN,
    "administration:reword-readiness-item": SIGNED_IN,
    "administration:move-readiness-item": SIGNED_IN,
    "administration:disable-readiness-item": SIGNED_IN,
    "administration:enable-readiness-item": SIGNED_IN,
    "administration:disclosure": SIGNED_IN,
    "administration:letter-templates": SIGNED_IN,
    "administration:letter-template": SIGNED_IN,
    "administration:access-log": SIGNED_IN,
    "administration:export-log": SIGNED_IN,
    "api-docs": DOCS,
    "api-schema": API,
    "health": PUBLIC,
    "ready": PUBLIC,
    "metrics": METRICS,
    "pages:accessibility": PUBLIC,
    "pages:cookies": PUBLIC,
    "set_language": LANGUAGE,
    **{f"portal:{name}": OWN_VIEW_PUBLIC for name in ["invitation", "sign-in", "callback", "exit", "signed-out"]},
    **{
        f"portal:{name}": OWN_VIEW
        for name in ["home", "journey", "letter", "wishes", "call-me", "review", "no-longer-support"]
    },
    **{
        f"{namespace}:{name}": CASE
        for namespace, names in {
            "cases": "detail suspects early-advice charging timeline history add-suspect request-early-advice "
            "refer-for-charging-decision record-police-nfa give-early-advice triage-referral record-charging-decision "
            "prfi-referral reopen-referral court sending hearing hearing-held outcome sentence trial trial-outcome "
            "readiness direction comply allocate allocate_referral change_officer",
            "actionplans": "case-plans set-plan advise-with-plan answer withdraw close",
            "victims": "case-complainants new-complainant identity wishes isva special-measure withdrawal "
            "offer-meeting answer-meeting vrr-request vrr-outcome letter-owed letter send-letter own-view "
            "revoke-invitation answer-request",
            "corrections": "case referral early-advice charging-decision prfi police-nfa action-answer hearing "
            "outcome sentence trial judge-direction complainant",
        }.items()
        for name in names.split()
    },
}

# Every API operation's path and methods, by its first segment: the case-bound ones name a case's record by pk.
API_CASE_RECORDS = [
    "cases",
    "suspects",
    "referrals",
    "charging-decisions",
    "prfis",
    "timeline-events",
    "hearings",
    "prosecutions",
    "trials",
    "judge-directions",
    "action-plans",
    "actions",
    "action-plan-reviews",
    "complainants",
    "victim-letters",
    "vrr-requests",
    "pre-trial-meetings",
    "corrections",  # /api/v1/corrections/<records>/<id>/: the second segment names the kind of record
]
API_OTHER = [
    "scrutiny-panels",
    "scrutiny-samples",
    "scrutiny-decisions",
    "scrutiny-findings",
    "proportionality-reviews",
    "survey-responses",
    "notifications",
    "scorecards",
]

SCHEMA: dict[str, Any] = api_schema()


def _routes(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), f"{namespace}{pattern.name}"


ROUTES = list(_routes(get_resolver().url_patterns))
PAGE_ROUTES = [(route, name) for route, name in ROUTES if not route.startswith(("api/v1/", "admin/"))]
API_OPERATIONS = [
    (path, method.upper()) for path, methods in SCHEMA["paths"].items() for method in methods if method != "parameters"
]


def test_every_route_has_an_entry() -> None:
    missing = sorted({name for _, name in PAGE_ROUTES} - set(PAGES))
    assert not missing, f"routes without an entry in the authorisation matrix: {missing}"
    assert not set(PAGES) - {name for _, name in PAGE_ROUTES}, "entries for routes that no longer exist"
    segments = {path.removeprefix("/api/v1/").split("/")[0] for path, _ in API_OPERATIONS}
    assert segments == set(API_CASE_RECORDS) | set(API_OTHER), "an API resource without an entry"
    assert all(name.startswith("admin:") for route, name in ROUTES if route.startswith("admin/"))
    assert set(table.ROLES) == set(Role), "a role without a column in the matrix"
    assert set(table.PAGES) == set(PAGES), "pages without their answers inside scope, or answers for no page"
    operations = {f"{method} {path}" for path, method in API_OPERATIONS}
    assert set(table.API) == operations, "API operations without their answers inside scope, or answers for none"


NO_SUCH_ACCESS = "00000000-0000-4000-8000-000000000000"  # an own view's address naming no invitation


def _address(route: str, access: str = NO_SUCH_ACCESS, **values: int) -> str:
    """A concrete address for a route: ``pk`` from values, any other number 1, a format ``csv``; an own view's
    invitation by its public id (``access``), an invitation link's secret one that was never sent."""
    route = route.replace("<drf_format_suffix:format>", ".json")
    route = route.replace("<uuid:access>", access).replace("<str:token>", "a-link-never-sent")
    route = re.sub(r"<int:pk>", str(values.get("pk", 1)), route)
    route = re.sub(r"<int:\w+>", "1", route)
    route = re.sub(r"<str:file_format>", "csv", route)
    route = re.sub(r"<str:version>", "internal", route)
    route = route.replace("<str:name>", "early_advice_days")  # a deadline's number
    route = route.replace("<str:kind>", "nfa").replace("<str:language>", "cy")  # a letter template
    return "/" + route


@pytest.mark.parametrize(("route", "name"), PAGE_ROUTES, ids=[name for _, name in PAGE_ROUTES])
def test_signed_out_a_page_sends_the_person_to_sign_in(route: str, name: str) -> None:
    response = Client().get(_address(route))
    if PAGES[name] == PUBLIC:
        assert response.status_code == 200
    elif PAGES[name] == API:
        assert response.status_code == 401
    elif PAGES[name] in {METRICS, SINGLE_SIGN_ON}:
        assert response.status_code == 404
    elif PAGES[name] == LANGUAGE:
        assert response.status_code == 405
        assert Client().post(_address(route), {"language": "cy", "next": "/your-case/"}).status_code == 302
    elif PAGES[name] == OWN_VIEW_PUBLIC:
        assert not response.get("Location", "").startswith("/sign-in/"), "reached without signing in"
        assert response.status_code != 500
    elif PAGES[name] == OWN_VIEW:
        assert response.status_code == 302
        assert response["Location"] == reverse("portal:signed-out"), "to the page that signs them in with One Login"
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/sign-in/")


@pytest.mark.parametrize(("path", "method"), API_OPERATIONS, ids=[f"{m} {p}" for p, m in API_OPERATIONS])
def test_signed_out_or_without_the_code_the_api_answers_401(path: str, method: str) -> None:
    address = path.replace("{id}", "1")
    assert Client().generic(method, address).status_code == 401
    half = Client()
    user = make_user(Role.UNIT_HEAD)
    half.force_login(user)
    assert half.generic(method, address).status_code == 401


def test_with_a_password_but_no_code_only_the_second_step_opens() -> None:
    client = Client()
    client.force_login(make_user(Role.UNIT_HEAD))
    for route, name in _session_ending_last(PAGE_ROUTES):  # "Exit this page" signs anyone out: asked last
        response = client.get(_address(route))
        if PAGES[name] in (SIGNED_IN, CASE):
            assert response.status_code == 302, name
            assert response["Location"].startswith("/sign-in/set-up-app/"), name
        elif PAGES[name] in (DOCS, API):
            assert response.status_code == 401, name


def test_an_administrators_scope_is_national() -> None:
    case = make_case(police_force="Northumbria Police")
    client = signed_in(make_user(Role.ADMINISTRATOR))
    assert client.get(f"/cases/{case.pk}/").status_code == 200


@pytest.mark.parametrize("role", [role for role in Role if role not in {Role.ADMINISTRATOR, *OWN_VIEW_ROLES}])
def test_a_case_outside_the_users_scope_is_a_404_everywhere(role: Role) -> None:
    outside = make_case(police_force="Northumbria Police")
    organisation = {"cps_area": "Yorkshire and Humberside"} if role in CPS_ROLES else {}
    user = make_user(role, police_force="West Yorkshire Police", **organisation)
    _is_a_404_everywhere(outside, user)


# The Metropolitan Police Service is served by two CPS Areas, London North and London South; CPS Direct serves every
# force. A CPS user's scope is the Area, so a case of the same force allocated to another Area is outside it.
MET = "Metropolitan Police Service"
LONDON_NORTH = "London North"
LONDON_SOUTH = "London South"
CPS_DIRECT = "CPS Direct"
SHARED_FORCE = [
    pytest.param(LONDON_SOUTH, MET, LONDON_NORTH, id="london-south-user-london-north-met-case"),
    pytest.param(LONDON_NORTH, MET, LONDON_SOUTH, id="london-north-user-london-south-met-case"),
    pytest.param(CPS_DIRECT, MET, LONDON_NORTH, id="cps-direct-user-london-north-met-case"),
    pytest.param(CPS_DIRECT, "West Yorkshire Police", "Yorkshire and Humberside", id="cps-direct-user-yorkshire-case"),
]


@pytest.mark.parametrize("role", sorted(CPS_ROLES))
@pytest.mark.parametrize(("users_area", "force", "cases_area"), SHARED_FORCE)
def test_a_case_of_another_area_serving_the_same_force_is_a_404_everywhere(
    role: Role, users_area: str, force: str, cases_area: str
) -> None:
    outside = make_case(police_force=force, cps_area=cases_area)
    user = make_user(role, cps_area=users_area)
    _is_a_404_everywhere(outside, user)
    if role in CPS_CASEWORK_ROLES and users_area != CPS_DIRECT:  # CPS Direct holds no cases
        inside = make_case(police_force=force, cps_area=users_area)
        client = signed_in(user)
        assert client.get(f"/cases/{inside.pk}/").status_code == 200, "the same force's case of the user's own Area"


def _is_a_404_everywhere(outside: Case, user: User) -> None:
    client = signed_in(user)
    for route, name in PAGE_ROUTES:
        if PAGES[name] == CASE:
            for method in ("get", "post"):
                response = getattr(client, method)(_address(route, pk=outside.pk))
                assert response.status_code == 404, f"{method.upper()} {name}: {response.status_code}"
    api = token_client(user)
    assert api.get(f"/api/v1/cases/{outside.pk}/").status_code == 404
    corrected = api.patch(
        f"/api/v1/corrections/cases/{outside.pk}/", {"reason": "Mistyped"}, content_type="application/json"
    )
    assert corrected.status_code == 404
    for resource in API_CASE_RECORDS:
        listed = api.get(f"/api/v1/{resource}/")
        if listed.status_code == 200:
            assert outside.urn not in listed.content.decode(), resource


# The record each route names by ``pk`` when it is not a case, by its name in the world's ids.
NOT_CASES = {
    "scrutiny:panel": "panel",
    "scrutiny:pack": "sample",
    "scrutiny:pack-download": "sample",
    "scrutiny:finding": "sampled_decision",
    "scorecards:snapshot-download": "snapshot",
    "scorecards:import": "journey_import",
    **{
        f"administration:{name}": "person"
        for name in [
            "person",
            "change-person-role",
            "disable-person",
            "enable-person",
            "reset-second-factor",
            "send-invitation",
        ]
    },
    "administration:change-level": "review_level",
    "administration:remove-level": "review_level",
    "administration:reword-readiness-item": "readiness_item",
    "administration:move-readiness-item": "readiness_item",
    "administration:disable-readiness-item": "readiness_item",
    "administration:enable-readiness-item": "readiness_item",
}


# Routes that name, by a parameter other routes share, a record in a state only it needs, by its name in the world's
# ids: a correction of what is recorded only once it is (the advice given, the police's answer).
RECORDED = {
    "corrections:early-advice": {"referral_pk": "advice_given_pk"},
    "corrections:action-answer": {"action_pk": "answered_action_pk"},
}


def _world_address(route: str, name: str, world: World, role: Role) -> str:
    """The route's address in the world: its case, or its own record, and each other record it names."""

    def record(match: re.Match[str]) -> str:
        parameter = match.group(1)
        if parameter != "pk":
            return str(world.ids[RECORDED.get(name, {}).get(parameter, parameter)])
        if name == "reminders:read":
            return str(world.ids[f"notification:{role}"])
        return str(world.ids[NOT_CASES[name]] if name in NOT_CASES else world.case.pk)

    return _address(re.sub(r"<int:(\w+)>", record, route), access=str(_access(world, role)))


def _access(world: World, role: Role) -> UUID:
    """The invitation an own view's address names: the person's own; for staff, the complainant's."""
    return world.invitations[role if role in OWN_VIEW_ROLES else Role.COMPLAINANT].public_id


def _client(world: World, role: Role) -> Client:
    """The role's person of the world signed in: staff with password and code, the complainant and ISVA through One
    Login."""
    if role in OWN_VIEW_ROLES:
        client = Client()
        sign_in_own_view(client, world.invitations[role])
        return client
    return signed_in(world.people[role])


# Routes that end the session, asked last: signing out, then "Exit this page".
ENDS_THE_SESSION = ["accounts:sign-out", "portal:exit"]


def _session_ending_last(routes: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The routes in their order, but those that end the session last, so that every other is asked signed in."""
    return sorted(routes, key=lambda page: ENDS_THE_SESSION.index(page[1]) if page[1] in ENDS_THE_SESSION else -1)


def _statuses(row: str, role: Role) -> list[str]:
    """The role's status in each part of a row of the table ("GET | POST", or one status)."""
    column = table.ROLES.index(role)
    return [part.split()[column] for part in row.split(" | ")]


@pytest.mark.parametrize("redis", ["running", "stopped"])
@pytest.mark.parametrize("role", table.ROLES)
def test_inside_its_scope_each_page_answers_each_role_as_the_matrix_says(role: Role, redis: str) -> None:
    """With Redis stopped too (broker and cache): every page and form answers just the same."""
    world = build_world()
    client = _client(world, role)
    wrong = []
    with redis_down() if redis == "stopped" else nullcontext():
        for route, name in _session_ending_last(PAGE_ROUTES):
            address = _world_address(route, name, world, role)
            for method, listed in zip(("get", "post"), _statuses(table.PAGES[name], role), strict=True):
                # The one answer that must change: readiness reports the broker down, to those who reach it (to
                # the complainant and their ISVA it is a 404, as every staff route, whatever the broker).
                down = redis == "stopped" and (method, name) == ("get", "ready") and listed == "200"
                expected = "503" if down else listed
                status = getattr(client, method)(address).status_code
                if str(status) != expected:
                    wrong.append(f"{method.upper()} {name}: {status}, the matrix says {expected}")
    assert not wrong, wrong


# The corrections API's kinds of record (/api/v1/corrections/<records>/<id>/): the page route correcting each, and
# the name of its address's parameter for the record.
CORRECTION_PAGES = {spec.path: (f"corrections:{kind}", spec.parameter) for kind, spec in CORRECTABLE.items()} | {
    "complainants": ("corrections:complainant", "complainant_pk")
}


def _correction_record(records: str, world: World) -> int:
    """The record the corrections API names: the one its page names in the world (the case itself: ``pk``)."""
    name, parameter = CORRECTION_PAGES[records]
    return world.case.pk if parameter == "pk" else world.ids[RECORDED.get(name, {}).get(parameter, parameter)]


def _api_address(path: str, world: World, role: Role) -> str:
    """The operation's address, naming the world's record of its resource (the person's own notification)."""
    if "{id}" not in path:
        return path
    resource, records = path.removeprefix("/api/v1/").split("/")[:2]
    if resource == "corrections":
        record = _correction_record(records, world)
    else:
        record = world.ids[f"notification:{role}" if resource == "notifications" else resource]
    return path.replace("{id}", str(record))


@pytest.mark.parametrize("role", table.ROLES)
def test_inside_its_scope_each_api_operation_answers_each_role_as_the_matrix_says(role: Role) -> None:
    world = build_world()
    # Systems call the API with tokens; the complainant and their ISVA have only their One Login session.
    api = _client(world, role) if role in OWN_VIEW_ROLES else token_client(world.people[role])
    wrong = []
    for path, method in API_OPERATIONS:
        status = api.generic(
            method, _api_address(path, world, role), "{}", content_type="application/json"
        ).status_code
        [expected] = _statuses(table.API[f"{method} {path}"], role)
        if str(status) != expected:
            wrong.append(f"{method} {path}: {status}, the matrix says {expected}")
    assert not wrong, wrong


# NFA scrutiny across Areas that serve the same force: every scrutiny page and API operation naming a record of a
# London North panel, or a decision of the user's own panel on a London North case (sampled before samples were kept
# to the panel's Area), is a 404 for London South's and CPS Direct's unit heads and panel members; and a body naming
# an organisation or record the user may not use is refused without a write.
SCRUTINY_DAY = date(2024, 6, 3)
SCRUTINY_READERS = [
    pytest.param(LONDON_SOUTH, Role.UNIT_HEAD, id="london-south-unit-head"),
    pytest.param(LONDON_SOUTH, Role.PANEL_MEMBER, id="london-south-panel-member"),
    pytest.param(CPS_DIRECT, Role.UNIT_HEAD, id="cps-direct-unit-head"),
    pytest.param(CPS_DIRECT, Role.PANEL_MEMBER, id="cps-direct-panel-member"),
]
# The record each scrutiny page names, by the name of its kind in _london_north_scrutiny's ids
SCRUTINY_PAGES = {name: kind for name, kind in NOT_CASES.items() if name.startswith("scrutiny:")}
SCRUTINY_API = {
    "scrutiny-panels": "panel",
    "scrutiny-samples": "sample",
    "scrutiny-decisions": "sampled_decision",
    "scrutiny-findings": "finding",
}


def _met_nfa(area_name: str) -> Suspect:
    """A Met case allocated to the Area, its suspect dropped by the police."""
    officer = make_user(Role.INVESTIGATOR, police_force=MET)
    case = make_case(police_force=MET, cps_area=area_name, officer_in_charge=officer)
    suspect = Suspect.objects.get(case=case)
    record_police_nfa(
        actor=officer, suspect=suspect, nfa_on=SCRUTINY_DAY, outcome_code="15", reason="No further lines of enquiry"
    )
    return suspect


def _london_north_scrutiny() -> dict[str, int]:
    """A London North panel for the Met, drawn through the services: a sample of two London North cases, and a
    finding on one. ``sampled_decision`` is the one without a finding, so a refused post would have written one."""
    head = make_user(Role.UNIT_HEAD, cps_area=LONDON_NORTH)
    first, second = _met_nfa(LONDON_NORTH), _met_nfa(LONDON_NORTH)
    panel = create_panel(actor=head, meets_on=SCRUTINY_DAY, forces=[force(MET)], members="Panel members")
    sample = draw_sample(
        actor=head, panel=panel, period_from=SCRUTINY_DAY, period_to=SCRUTINY_DAY, per_force=5, seed=1
    )
    found = SampledDecision.objects.get(sample=sample, suspect=first)
    finding = record_finding(actor=head, decision=found, verdict=Verdict.APPROPRIATE, recorded_on=SCRUTINY_DAY)
    open_decision = SampledDecision.objects.get(sample=sample, suspect=second)
    return {"panel": panel.pk, "sample": sample.pk, "sampled_decision": open_decision.pk, "finding": finding.pk}


def _own_panel_pointing_at_london_north(users_area: str, suspects: list[Suspect]) -> dict[str, int]:
    """A panel of the user's Area for the Met whose sample holds decisions on London North cases, written directly
    as a sample drawn before the rule would have been; a finding stored on the second."""
    head = make_user(Role.UNIT_HEAD, cps_area=users_area)
    panel = create_panel(actor=head, meets_on=SCRUTINY_DAY, forces=[force(MET)], members="Panel members")
    sample = Sample.objects.create(
        panel=panel, period_from=SCRUTINY_DAY, period_to=SCRUTINY_DAY, per_force=5, seed=1, drawn_by=head
    )
    pointing, found = (
        SampledDecision.objects.create(
            sample=sample, suspect=suspect, nfa_by="police", nfa_on=SCRUTINY_DAY, police_force=force(MET)
        )
        for suspect in suspects
    )
    finding = Finding.objects.create(
        decision=found, verdict=Verdict.APPROPRIATE, recorded_on=SCRUTINY_DAY, recorded_by=head
    )
    return {
        "panel": panel.pk,
        "sample": sample.pk,
        "sampled_decision": pointing.pk,
        "finding_decision": found.pk,
        "finding": finding.pk,
    }


def _scrutiny_address(path: str, ids: dict[str, int]) -> str:
    kind = SCRUTINY_API[path.removeprefix("/api/v1/").split("/")[0]]
    return path.replace("{id}", str(ids[kind]))


def _scrutiny_pages_not_404(client: Client, north: dict[str, int], own: dict[str, int]) -> list[str]:
    """Each scrutiny page naming a London North record, or a decision of the user's panel on a London North case,
    by GET and by POST, where it does not answer 404."""
    wrong = []
    for route, name in PAGE_ROUTES:
        if name in SCRUTINY_PAGES:
            named = [north[SCRUTINY_PAGES[name]]]
            named += [own["sampled_decision"], own["finding_decision"]] if name == "scrutiny:finding" else []
            for pk, method in ((pk, method) for pk in named for method in ("get", "post")):
                status = getattr(client, method)(_address(route, pk=pk)).status_code
                if status != 404:
                    wrong.append(f"{method.upper()} {name} {pk}: {status}")
    return wrong


def _scrutiny_api_not_404(api: Client, north: dict[str, int], own: dict[str, int]) -> list[str]:
    """Each scrutiny API operation naming a London North record, or a decision (or finding) of the user's panel on
    a London North case, asked with a body a unit head could otherwise use, where it does not answer 404."""
    body = {
        "verdict": "appropriate",
        "recorded_on": str(SCRUTINY_DAY),
        "period_from": str(SCRUTINY_DAY),
        "period_to": str(SCRUTINY_DAY),
        "per_force": 5,
    }
    wrong = []
    for path, method in API_OPERATIONS:
        if path.startswith("/api/v1/scrutiny-") and "{id}" in path:
            addresses = [_scrutiny_address(path, north)]
            if path.startswith(("/api/v1/scrutiny-decisions/", "/api/v1/scrutiny-findings/")):
                addresses.append(_scrutiny_address(path, own))
            for address in addresses:
                status = api.generic(method, address, json.dumps(body), content_type="application/json").status_code
                if status != 404:
                    wrong.append(f"{method} {address}: {status}")
    return wrong


@pytest.mark.parametrize(("users_area", "role"), SCRUTINY_READERS)
def test_scrutiny_records_of_another_area_serving_the_same_force_are_a_404_everywhere(
    users_area: str, role: Role
) -> None:
    north = _london_north_scrutiny()
    elsewhere = [_met_nfa(LONDON_NORTH), _met_nfa(LONDON_NORTH)]
    own = _own_panel_pointing_at_london_north(users_area, elsewhere)
    user = make_user(role, cps_area=users_area)
    client = signed_in(user)
    api = token_client(user)
    findings, decisions = Finding.objects.count(), SampledDecision.objects.count()
    wrong = _scrutiny_pages_not_404(client, north, own) + _scrutiny_api_not_404(api, north, own)
    assert not wrong, wrong

    listed = {resource: api.get(f"/api/v1/{resource}/").json()["results"] for resource in SCRUTINY_API}
    assert north["panel"] not in [panel["id"] for panel in listed["scrutiny-panels"]]
    assert north["sample"] not in [sample["id"] for sample in listed["scrutiny-samples"]]
    shown = [d["id"] for sample in listed["scrutiny-samples"] for d in sample["decisions"]]
    shown += [decision["id"] for decision in listed["scrutiny-decisions"]]
    assert not set(shown) & {north["sampled_decision"], own["sampled_decision"], own["finding_decision"]}
    assert not {f["id"] for f in listed["scrutiny-findings"]} & {north["finding"], own["finding"]}
    for filtered, kind in (
        ("scrutiny-samples/?panel", "panel"),
        ("scrutiny-decisions/?sample", "sample"),
        ("scrutiny-findings/?decision__sample", "sample"),
    ):
        other_areas = api.get(f"/api/v1/{filtered}={north[kind]}")
        none_such = api.get(f"/api/v1/{filtered}=999999")
        assert other_areas.status_code == none_such.status_code == 400, filtered
        assert other_areas.json() == none_such.json(), "another Area's is refused as one that does not exist"
    own_pack = api.get(f"/api/v1/scrutiny-samples/{own['sample']}/pack/").json()
    assert own_pack == [], "no entry for a decision on another Area's case"
    assert (Finding.objects.count(), SampledDecision.objects.count()) == (findings, decisions), "nothing written"
    assert not Sample.objects.filter(panel_id=north["panel"]).exclude(pk=north["sample"]).exists()
    assert not TimelineEvent.objects.filter(verb="referred_back_for_review").exists()


@pytest.mark.parametrize(
    ("users_area", "unserved"),
    [
        pytest.param(LONDON_SOUTH, "Northumbria Police", id="london-south-unit-head"),
        pytest.param(CPS_DIRECT, None, id="cps-direct-unit-head"),  # CPS Direct serves every force
    ],
)
def test_a_scrutiny_body_naming_what_the_unit_head_may_not_use_is_refused_without_a_write(
    users_area: str, unserved: str | None
) -> None:
    north = _london_north_scrutiny()
    head = make_user(Role.UNIT_HEAD, cps_area=users_area)
    own = create_panel(actor=head, meets_on=SCRUTINY_DAY, forces=[force(MET)], members="Panel members")
    if users_area != CPS_DIRECT:  # CPS Direct holds no cases
        _met_nfa(users_area)
    client = signed_in(head)
    api = token_client(head)
    panels, samples = Panel.objects.count(), Sample.objects.count()
    not_the_panels = force("Northumbria Police")  # a force the panel does not cover
    period = {"period_from": str(SCRUTINY_DAY), "period_to": str(SCRUTINY_DAY), "per_force": 5}

    if unserved is not None:
        refused = post_json(
            api,
            "/api/v1/scrutiny-panels/",
            {"meets_on": str(SCRUTINY_DAY), "forces": [force(unserved).pk], "members": "Panel members"},
        )
        assert refused.status_code == 400, refused.content
        assert "forces" in refused.json()
        page = client.post(
            "/scrutiny/",
            {**date_fields("meets_on", SCRUTINY_DAY), "forces": [force(unserved).pk], "members": "Panel members"},
        )
        assert page.status_code == 200
        assert page.context["form"].errors.get("forces")
    refused = post_json(
        api, f"/api/v1/scrutiny-panels/{own.pk}/samples/", {**period, "police_force": not_the_panels.pk}
    )
    assert refused.status_code == 400, refused.content
    assert "police_force" in refused.json()
    page = client.post(
        f"/scrutiny/panels/{own.pk}/",
        {
            **date_fields("period_from", SCRUTINY_DAY),
            **date_fields("period_to", SCRUTINY_DAY),
            "per_force": "5",
            "police_force": not_the_panels.pk,
        },
    )
    assert page.status_code == 200
    assert page.context["form"].errors.get("police_force")
    assert post_json(api, f"/api/v1/scrutiny-panels/{north['panel']}/samples/", period).status_code == 404
    page = client.post(
        f"/scrutiny/panels/{north['panel']}/",
        {**date_fields("period_from", SCRUTINY_DAY), **date_fields("period_to", SCRUTINY_DAY), "per_force": "5"},
    )
    assert page.status_code == 404
    assert (Panel.objects.count(), Sample.objects.count()) == (panels, samples), "nothing written"
    drawn = post_json(api, f"/api/v1/scrutiny-panels/{own.pk}/samples/", period)
    if users_area == CPS_DIRECT:
        assert drawn.status_code == 400, "London North's Met cases are not CPS Direct's to sample"
        assert not Sample.objects.filter(panel=own).exists()
    else:
        assert drawn.status_code == 201, "the same body without the refused record is taken"
        assert len(drawn.json()["decisions"]) == 1, "the Area's own case only"


def _outside_records() -> dict[str, int]:
    """One record of each kind an API body may name, in Northumbria Police and the North East Area: outside the
    world's scope."""
    officer = make_user(Role.INVESTIGATOR, police_force="Northumbria Police")
    prosecutor = make_user(Role.PROSECUTOR, cps_area="North East")
    case = make_case(police_force="Northumbria Police", cps_area="North East", officer_in_charge=officer)
    suspect = Suspect.objects.get(case=case)
    referral = refer_for_charging_decision(actor=officer, suspect=suspect, received_on=DAY)
    full_code_decision(prosecutor=prosecutor, referral=referral, outcome=DecisionOutcome.CHARGE, decided_on=DAY)
    record_sending(actor=prosecutor, suspect=suspect, sent_on=DAY, remanded_in_custody=False)
    hearing = record_hearing(
        actor=prosecutor,
        suspect=suspect,
        court="crown",
        court_name="Newcastle Crown Court",
        kind=HearingKind.PTPH,
        held_on=DAY,
    )
    return {
        "case": case.pk,
        "suspect": suspect.pk,
        "referral": referral.pk,
        "hearing": hearing.pk,
        "owner": officer.pk,
    }


def _body_fields(operation: dict[str, Any]) -> set[str]:
    """The names of the properties of an operation's JSON body (a list of objects as ``name[]``)."""
    schema = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
    if "$ref" in schema:
        schema = SCHEMA["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return {
        f"{name}[]" if field.get("type") == "array" and "$ref" in field.get("items", {}) else name
        for name, field in schema.get("properties", {}).items()
    }


def test_a_body_naming_a_record_outside_the_users_scope_is_refused_on_that_field_without_a_write() -> None:
    """Every API operation whose body names a case, suspect, referral, hearing or action owner: given one of another
    force and Area, the field is refused (400 naming it), as a record that does not exist would be, and nothing is
    written, for the first role of the world that may use the operation."""
    world = build_world()
    outside = _outside_records()
    tried, wrong = [], []
    for path, method in API_OPERATIONS:
        named = _body_fields(SCHEMA["paths"][path][method.lower()]) & {*outside, "actions[]"}
        if method != "POST" or not named:
            continue
        body: dict[str, Any] = {name: outside[name] for name in named if name in outside}
        if "actions[]" in named:
            body["actions"] = [
                {
                    "request": "Obtain CCTV",
                    "line_of_enquiry": "Her account",
                    "proportionality": "Relevant to consent",
                    "due_on": "2024-06-10",
                    "owner": outside["owner"],
                }
            ]
        before = TimelineEvent.objects.count()
        for role in (Role.PROSECUTOR, Role.INVESTIGATOR, Role.VICTIM_LIAISON_OFFICER):
            api = token_client(world.people[role])
            response = api.post(_api_address(path, world, role), body, content_type="application/json")
            if response.status_code != 403:
                break
        tried.append(f"{method} {path}")
        errors = json.dumps(response.json()) if response.status_code == 400 else ""
        expected = {*body, "owner"} if "actions" in body else set(body)
        refused = {name for name in expected if f'"{name}"' in errors}
        if response.status_code != 400 or refused != expected or TimelineEvent.objects.count() != before:
            wrong.append(f"{method} {path} as {role}: {response.status_code} {response.content[:300]!r}")
    assert {"POST /api/v1/action-plans/", "POST /api/v1/prosecutions/{id}/outcome/", "POST /api/v1/trials/"} <= set(
        tried
    )
    assert not wrong, wrong


# The complainant's own view: its case pages name an invitation by its public id, and only the person who accepted
# it, while it stands, reaches them.
OWN_VIEW_CASE_PAGES = [(route, name) for route, name in PAGE_ROUTES if "<uuid:access>" in route]
READ_ONLY = {"portal:journey", "portal:letter"}


def _invited(complainant: Complainant, subject: str, *, for_isva: bool = False) -> Invitation:
    """The complainant (or their ISVA), who wants e-mails, invited by a VLO of the case's Area and accepted by the
    person signed in to One Login as ``subject``."""
    liaison = make_user(Role.VICTIM_LIAISON_OFFICER, cps_area=complainant.case.cps_area.name)
    if not hasattr(complainant, "wishes"):
        record_wishes(actor=liaison, complainant=complainant, channel=Channel.EMAIL, updated_on=DAY)
    return accepted(invite(actor=liaison, complainant=complainant, for_isva=for_isva), subject)


def _own_view_pages_not_404(client: Client, access: UUID, letter: int) -> list[str]:
    """Each of the own view's case pages naming the invitation (and the letter), by GET and by POST, where it does
    not answer 404."""
    wrong = []
    for route, name in OWN_VIEW_CASE_PAGES:
        address = _address(route.replace("<int:letter>", str(letter)), access=str(access))
        for method in ("get",) if name in READ_ONLY else ("get", "post"):  # a POST to these is a 405 to anyone
            status = getattr(client, method)(address).status_code
            if status != 404:
                wrong.append(f"{method.upper()} {name} {access}: {status}")
    return wrong


def test_the_complainant_and_their_isva_reach_no_other_complainants_own_view() -> None:
    world = build_world()
    officer = world.people[Role.INVESTIGATOR]
    same_case = add_complainant(actor=officer, case=world.case, name="Other Person", email="other@example.org")
    other_case = make_case(police_force="West Yorkshire Police", cps_area="Yorkshire and Humberside")
    elsewhere = add_complainant(actor=officer, case=other_case, name="Third Person", email="third@example.org")
    others = [_invited(same_case, "same-case-complainant"), _invited(elsewhere, "other-case-complainant")]
    their_letter = open_letter(actor=officer, complainant=same_case, kind=CommunicationKind.MEETING_OFFER)
    send_letter(actor=world.people[Role.PROSECUTOR], letter=their_letter, sent_on=DAY, channel=Channel.EMAIL)
    own_letter = world.ids["letter"]

    for role in OWN_VIEW_ROLES:
        client = _client(world, role)
        own = world.invitations[role].public_id
        assert client.get(reverse("portal:journey", args=[own])).status_code == 200, "their own view opens"
        other_role = Role.ISVA if role == Role.COMPLAINANT else Role.COMPLAINANT
        not_theirs = [*(other.public_id for other in others), world.invitations[other_role].public_id]
        wrong = [problem for access in not_theirs for problem in _own_view_pages_not_404(client, access, own_letter)]
        another_letter = client.get(reverse("portal:letter", args=[own, their_letter.pk]))
        if another_letter.status_code != 404:
            wrong.append(f"GET portal:letter of another complainant: {another_letter.status_code}")
        assert not wrong, f"{role}: {wrong}"
        home = client.get(reverse("portal:home"))
        for other in others:
            assert str(other.public_id) not in home.content.decode(), "another complainant's view is not offered"


def test_the_isva_reads_a_letter_only_once_the_complainant_copies_them_in() -> None:
    world = build_world()
    letter = reverse("portal:letter", args=[world.invitations[Role.ISVA].public_id, world.ids["letter"]])
    isva = _client(world, Role.ISVA)
    assert isva.get(letter).status_code == 404, "not copied in: the letter names the complainant"
    complainant = _client(world, Role.COMPLAINANT)
    wishes = {"channel": "email", "safe_times": "", "language": "en", "interpreter": "no", "copy_isva": "yes"}
    changed = complainant.post(reverse("portal:wishes", args=[world.invitations[Role.COMPLAINANT].public_id]), wishes)
    assert changed.status_code == 302, "the complainant copies their ISVA in"
    assert isva.get(letter).status_code == 200


def _withdraw_consent(complainant: Complainant) -> None:
    liaison = make_user(Role.VICTIM_LIAISON_OFFICER, cps_area=complainant.case.cps_area.name)
    isva = complainant.isva
    record_isva(
        actor=liaison,
        complainant=complainant,
        kind=isva.kind,
        organisation=isva.organisation,
        contact=isva.contact,
        consent_to_share=False,
    )


def _signed_out_everywhere(client: Client, access: UUID, letter: int) -> list[str]:
    """Each of the own view's case pages naming the invitation, by GET and by POST, where it does not send the
    person to the signed-out page."""
    wrong = []
    for route, name in OWN_VIEW_CASE_PAGES:
        address = _address(route.replace("<int:letter>", str(letter)), access=str(access))
        for method in ("get", "post"):
            response = getattr(client, method)(address)
            if response.status_code != 302 or response["Location"] != reverse("portal:signed-out"):
                wrong.append(f"{method.upper()} {name}: {response.status_code}")
    return wrong


def test_withdrawing_consent_ends_the_isvas_own_view_at_once() -> None:
    """The ISVA supports two complainants: when one withdraws consent, that complainant's view is a 404 to them at
    once, the other's still opens; when the other does too, the ISVA's next request signs them out."""
    world = build_world()
    isva, complainant = _client(world, Role.ISVA), _client(world, Role.COMPLAINANT)
    first = world.invitations[Role.ISVA]
    second_case = make_case(police_force="West Yorkshire Police", cps_area="Yorkshire and Humberside")
    officer = world.people[Role.INVESTIGATOR]
    other = add_complainant(actor=officer, case=second_case, name="Other Person", email="other@example.org")
    record_isva(
        actor=world.people[Role.VICTIM_LIAISON_OFFICER],
        complainant=other,
        kind=IsvaKind.ISVA,
        organisation="Leeds Sexual Assault Referral Centre",
        contact="isva@example.org",
        consent_to_share=True,
    )
    second = _invited(other, ISVA_SUBJECT, for_isva=True)
    assert second.user == first.user, "the same ISVA, by their One Login identity"
    letter = world.ids["letter"]
    assert isva.get(reverse("portal:journey", args=[first.public_id])).status_code == 200

    _withdraw_consent(first.complainant)
    assert not _own_view_pages_not_404(isva, first.public_id, letter), "that complainant's view ended for the ISVA"
    assert isva.get(reverse("portal:journey", args=[second.public_id])).status_code == 200, "the other's did not"
    own = world.invitations[Role.COMPLAINANT].public_id
    assert complainant.get(reverse("portal:journey", args=[own])).status_code == 200, "nor the complainant's own"

    _withdraw_consent(other)
    assert not _signed_out_everywhere(isva, second.public_id, letter), "no view left: signed out"


def test_revoking_an_invitation_ends_that_own_view_at_once() -> None:
    world = build_world()
    complainant, isva = _client(world, Role.COMPLAINANT), _client(world, Role.ISVA)
    invitation = world.invitations[Role.COMPLAINANT]
    assert complainant.get(reverse("portal:journey", args=[invitation.public_id])).status_code == 200
    revoke(actor=world.people[Role.VICTIM_LIAISON_OFFICER], invitation=invitation, reason="Asked us to stop")
    assert not _signed_out_everywhere(complainant, invitation.public_id, world.ids["letter"]), "signed out"
    access = world.invitations[Role.ISVA].public_id
    assert isva.get(reverse("portal:journey", args=[access])).status_code == 200, "the ISVA's invitation stands"


@pytest.mark.parametrize("role", sorted(OWN_VIEW_ROLES))
def test_the_complainant_and_their_isva_cannot_have_an_api_token(role: Role) -> None:
    world = build_world()
    with pytest.raises(ValueError, match="cannot have API tokens"):
        token_client(world.people[role])
