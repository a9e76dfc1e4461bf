"""Fixtures shared by the whole suite."""

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from accounts.models import CpsArea, PoliceForce, RassoUnit, User
from accounts.organisations import load_organisations
from accounts.roles import Role
from actionplans.ladder import load_default_ladder
from actionplans.models import ReviewLevel
from cases.models import CaseFlag, Offence, ReadinessItem
from cases.reference_data import load_readiness_checklist, load_reference_data
from scorecards import journey_facts
from tests.clients import signed_in
from tests.factories import make_user
from victims.letter_templates import load_letter_templates
from victims.models import LetterTemplate

# Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls there unless told.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_SWITCHES = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests need committed data (the live server answers from another thread). Tests that commit empty
    every table when they end, so they run after all the others, whatever order other plugins left."""
    for item in items:
        if "/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.django_db(transaction=True))

    def commits(item: pytest.Item) -> bool:
        marker = item.get_closest_marker("django_db")
        return bool(marker and marker.kwargs.get("transaction")) or "live_server" in getattr(item, "fixturenames", ())

    items.sort(key=commits)


# The suite's journeys: whole journeys through the services, pages, API, import and corrections.
JOURNEYS = ("/scorecards/", "/service/", "/corrections/", "/demo/", "/browser/", "journey")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """After each of the suite's journeys, while its data is still there: the journey facts the measures read are
    exactly what the records say (``manage.py check_journey_facts``), whatever the journey did."""
    outcome = yield
    if any(part in str(item.path) for part in JOURNEYS) and item.get_closest_marker("django_db"):
        missing, extra = journey_facts.differing()
        assert (missing, extra) == (0, 0), f"journey facts: {missing} rows missing, {extra} not called for"
    return outcome


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Debian's Chromium: Playwright cannot download a browser of its own here."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package or set CHROMIUM_PATH")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_SWITCHES}


@pytest.fixture(autouse=True)
def _in_english() -> Iterator[None]:
    """Each test starts in the service's own language: a request in Welsh leaves Welsh active in its thread, which
    would otherwise carry into the next test's words."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with nothing cached: a live scorecard kept by an earlier test would show its figures."""
    cache.clear()


@pytest.fixture(autouse=True)
def _organisations(request: pytest.FixtureRequest) -> None:
    """Transactional tests empty every table when they end; put the reference data back before each one."""
    marker = request.node.get_closest_marker("django_db")
    if (marker and marker.kwargs.get("transaction")) or "live_server" in request.fixturenames:
        request.getfixturevalue("transactional_db")
        load_organisations(cps_area_model=CpsArea, police_force_model=PoliceForce, rasso_unit_model=RassoUnit)
        load_reference_data(offence_model=Offence, case_flag_model=CaseFlag)
        load_default_ladder(review_level_model=ReviewLevel)
        load_letter_templates(letter_template_model=LetterTemplate)
        load_readiness_checklist(readiness_item_model=ReadinessItem)


@pytest.fixture
def user_of(db: None) -> Callable[..., User]:
    """Make a user of a role: ``user_of(Role.PROSECUTOR, cps_area="North East")``."""
    return make_user


@pytest.fixture
def officer(user_of: Callable[..., User]) -> User:
    """An investigator in West Yorkshire Police."""
    return user_of(Role.INVESTIGATOR, police_force="West Yorkshire Police")


@pytest.fixture
def prosecutor(user_of: Callable[..., User]) -> User:
    """A prosecutor in CPS Yorkshire and Humberside, the Area that serves West Yorkshire Police."""
    return user_of(Role.PROSECUTOR, cps_area="Yorkshire and Humberside")


@pytest.fixture
def unit_head(user_of: Callable[..., User]) -> User:
    """The head of a RASSO unit in CPS Yorkshire and Humberside."""
    return user_of(Role.UNIT_HEAD, cps_area="Yorkshire and Humberside")


@pytest.fixture
def liaison(user_of: Callable[..., User]) -> User:
    """A victim liaison officer in CPS Yorkshire and Humberside."""
    return user_of(Role.VICTIM_LIAISON_OFFICER, cps_area="Yorkshire and Humberside")


@pytest.fixture
def client_of(user_of: Callable[..., User]) -> Callable[..., Client]:
    """A test client signed in as a new user of the given role and organisation."""

    def signed_in_as(role: Role, **organisation: str) -> Client:
        return signed_in(user_of(role, **organisation))

    return signed_in_as
