"""Every form of the service fuzzed, as tests/service/test_api_fuzzing.py fuzzes the API: each page route of the
authorisation matrix that takes a POST (and each page with a search form) is asked by the role that may use it, in
the world of tests/world.py, with its own form's fields filled from one family of bad input per request: huge and
negative numbers, dates that overflow, NUL bytes, very long text, script and right-to-left text, nested and odd
strings, ids that are not numbers. Whatever is sent, no page answers 5xx; a form shown again with its errors has
written nothing; and a journey file uploaded with the same input ends imported, rejected or failed, never running."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from accounts.roles import Role
from cases.models import TimelineEvent
from scorecards.models import ImportStatus, JourneyImport
from scorecards.tasks import start_queued_imports
from tests import authorisation_table as table
from tests.clients import sign_in
from tests.service.test_authorisation_matrix import PAGE_ROUTES, _statuses, _world_address
from tests.world import World, build_world

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"
SCRIPT = '<script>alert("x")</script> مرحبا עברית \u202ereversed\u202c 🙂'
LONG = "x" * 25_000  # over the longest text a form takes (20,000 characters)


@dataclass(frozen=True)
class Family:
    """One family of bad input: what goes in a free field, in each box of a date, and in a choice (None: a valid
    choice, so that the rest of the form is checked as far as it goes)."""

    text: str
    date: tuple[str, str, str] | None = None
    choice: str | None = None

    def date_part(self, index: int) -> str:
        return self.date[index] if self.date else self.text


FAMILIES: dict[str, Family] = {
    "huge numbers": Family(HUGE, choice=HUGE),
    "negative numbers": Family("-1", choice="-1"),
    "odd numbers": Family("1e309", ("1.5", "-0", "2024.0"), choice="NaN"),
    "overflow dates": Family("Typed as asked", ("1", "1", HUGE)),
    "impossible dates": Family("Typed as asked", ("99", "99", "9999")),
    "NUL bytes": Family("a\x00b", ("1\x00", "6", "2024"), choice="1\x00"),
    "very long text": Family(LONG, choice=LONG),
    "script and right-to-left text": Family(SCRIPT),
    "nested and odd strings": Family('{"a": [[[[[]]]]]} %s%n ../../etc/passwd \' OR 1=1 -- ' + "[" * 200),
    "ids that are not numbers": Family("abc", choice="abc"),
    "white space and invisible characters": Family(" \t\u200b\u0301\ufeff ", choice=" "),
}
SKIPPED = {"accounts:sign-out"}  # ends the session; it has no fields


@dataclass
class Form:
    method: str
    action: str
    multipart: bool = False
    free: list[str] = field(default_factory=list)  # text, textarea, hidden, number: typed
    files: list[str] = field(default_factory=list)
    choices: dict[str, list[str]] = field(default_factory=dict)  # radios, checkboxes, selects: chosen


class _Forms(HTMLParser):
    """The forms of a page, with their fields."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self.select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {key: value or "" for key, value in attrs}
        if tag == "form":
            self.forms.append(Form(attr.get("method", "get").lower(), attr.get("action", ""),
                                   "multipart" in attr.get("enctype", "")))  # fmt: skip
            return
        if not self.forms:
            return
        form, name = self.forms[-1], attr.get("name", "")
        if tag == "option" and self.select:
            form.choices[self.select].append(attr.get("value", ""))
        elif not name or name == "csrfmiddlewaretoken":
            return
        elif tag == "select":
            self.select = name
            form.choices.setdefault(name, [])
        elif tag == "textarea" or (
            tag == "input" and attr.get("type", "text") in ("text", "hidden", "number", "email", "tel", "password")
        ):
            form.free.append(name)
        elif tag == "input" and attr.get("type") in ("radio", "checkbox"):
            form.choices.setdefault(name, []).append(attr.get("value", "on"))
        elif tag == "input" and attr.get("type") == "file":
            form.files.append(name)

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self.select = None


def _own_forms(page: str, address: str) -> list[Form]:
    """The page's forms that send to the page itself (not the header's sign-out, say)."""
    parser = _Forms()
    parser.feed(page)
    return [form for form in parser.forms if form.action in ("", address)]


def _filled(form: Form, family: Family) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in form.free:
        date_box = name.rsplit("_", 1)
        if len(date_box) == 2 and date_box[1] in ("0", "1", "2"):
            data[name] = family.date_part(int(date_box[1]))
        else:
            data[name] = family.text
    for name, options in form.choices.items():
        valid = [option for option in options if option]
        data[name] = family.choice if family.choice is not None else (valid[0] if valid else "")
    for name in form.files:
        content = "\n".join([family.text, f'{{"event": "{family.text[:100]}"}}', '{"event": {"a": 1}}'])
        data[name] = SimpleUploadedFile("fuzz.jsonl", content.encode("utf-8", "surrogatepass"))
    return data


def _user_of(name: str, method: str) -> Role | None:
    """The first role that may use the route with the method, in the order of the matrix's columns."""
    for role in table.ROLES:
        get_status, post_status = _statuses(table.PAGES[name], role)
        if method == "post" and post_status in ("200", "302") and get_status in ("200", "405"):
            return role
        if method == "get" and get_status == "200":
            return role
    return None


def _requests(world: World) -> Iterator[tuple[str, str, Role, str]]:
    """Each page route and method to fuzz, with the role that may use it."""
    for route, name in sorted(PAGE_ROUTES, key=lambda page: page[1]):
        if name in SKIPPED:
            continue
        for method in ("post", "get"):
            role = _user_of(name, method)
            if role is not None:
                yield _world_address(route, name, world, role), name, role, method


@dataclass
class Findings:
    failures: list[str] = field(default_factory=list)
    half_done: list[str] = field(default_factory=list)
    forms_fuzzed: int = 0


def _fuzz(client: Client, address: str, name: str, form: Form, findings: Findings) -> None:
    findings.forms_fuzzed += 1
    for family_name, family in FAMILIES.items():
        before = TimelineEvent.objects.count()
        data = _filled(form, family)
        response = client.post(address, data) if form.method == "post" else client.get(address, data)
        where = f"{form.method.upper()} {name} ({address}) with {family_name}"
        if response.status_code >= 500:
            findings.failures.append(f"{where}: {response.status_code}")
        elif (
            form.method == "post"
            and b"govuk-error-summary" in response.content
            and (TimelineEvent.objects.count() != before)
        ):
            findings.half_done.append(where)


def _forms(client: Client, address: str, name: str, method: str) -> list[Form]:
    """The forms to fuzz on the page: its own, or for a route that only takes a POST, some likely fields."""
    if table.PAGES[name].split(" | ")[0].split()[0] == "405":
        return [Form("post", address, free=["text", "id", "on_0", "on_1", "on_2"])]
    page = client.get(address)
    assert page.status_code < 500, f"GET {name}: {page.status_code}"
    return [form for form in _own_forms(page.content.decode(), address) if form.method == method]


def test_no_form_answers_5xx_whatever_is_typed_into_it() -> None:
    world = build_world()
    findings = Findings()
    client = Client(raise_request_exception=False)
    for address, name, role, method in _requests(world):
        sign_in(client, world.people[role])  # again for each page: a form before may have signed the person out
        for form in _forms(client, address, name, method):
            _fuzz(client, address, name, form, findings)
    client.logout()
    [sign_in_form] = _own_forms(client.get("/sign-in/").content.decode(), "/sign-in/")
    _fuzz(client, "/sign-in/", "accounts:sign-in", sign_in_form, findings)

    assert not findings.failures, findings.failures
    assert not findings.half_done, f"forms shown again with errors that wrote to the timeline: {findings.half_done}"
    assert findings.forms_fuzzed > 40, "the pages' forms were not found"
    queued = JourneyImport.objects.filter(status=ImportStatus.QUEUED).count()
    assert queued > len(FAMILIES), "a journey file uploaded for every family"
    assert start_queued_imports() == queued
    finished = (ImportStatus.IMPORTED, ImportStatus.REJECTED, ImportStatus.FAILED, ImportStatus.UNCHANGED)
    assert not JourneyImport.objects.exclude(status__in=finished).exists()
