"""The people pages: an administrator (the role, not a superuser) finds, adds, changes, disables, enables and resets
the second factor of the service's staff, each change kept in the person's history with who and why."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import people
from accounts.api_tokens import issue
from accounts.models import ApiToken, StaffInvitation, User, UserSession
from accounts.roles import Role
from accounts.second_factor import issue_recovery_codes
from tests.clients import signed_in, token_client
from tests.factories import PASSWORD, area, force

pytestmark = pytest.mark.django_db

AREA = "Yorkshire and Humberside"


@pytest.fixture
def admin(user_of: Callable[..., User]) -> User:
    return user_of(Role.ADMINISTRATOR, first_name="Ada", last_name="Admin")


@pytest.fixture
def as_admin(admin: User) -> Client:
    assert not admin.is_superuser
    return signed_in(admin)


def _password_accepted(user: User) -> bool:
    """Whether the sign-in page takes the user's password (and asks for their code next)."""
    response = Client().post("/sign-in/", {"username": user.username, "password": PASSWORD})
    return response.status_code == 302


def _page_text(response: object) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))  # type: ignore[attr-defined]


@pytest.mark.parametrize("role", [Role.INVESTIGATOR, Role.UNIT_HEAD, Role.ANALYST, Role.AUDITOR])
def test_only_administrators_reach_the_people_pages(client_of: Callable[..., Client], role: Role) -> None:
    client = client_of(role)
    assert client.get("/administration/people/").status_code == 403
    assert client.post("/administration/people/add/", {}).status_code == 403


def test_the_list_shows_staff_filtered_by_name_role_and_organisation(
    as_admin: Client, user_of: Callable[..., User]
) -> None:
    officer = user_of(Role.INVESTIGATOR, first_name="Olu", last_name="Officer")
    TOTPDevice.objects.create(user=officer, name="app", confirmed=True)
    user_of(Role.PROSECUTOR, first_name="Pat", last_name="Prosecutor", cps_area=AREA)
    user_of(Role.COMPLAINANT, first_name="Carol", last_name="Complainant")

    everyone = _page_text(as_admin.get("/administration/people/"))
    assert "Olu Officer" in everyone
    assert "Pat Prosecutor" in everyone
    assert "Carol Complainant" not in everyone
    assert "Complainants and ISVAs are not listed here" in everyone

    by_role = _page_text(as_admin.get("/administration/people/", {"role": Role.PROSECUTOR}))
    assert "Pat Prosecutor" in by_role
    assert "Olu Officer" not in by_role
    by_force = _page_text(
        as_admin.get("/administration/people/", {"organisation": f"force-{officer.police_force_id}"})
    )
    assert "Olu Officer Investigator (officer in charge) West Yorkshire Police Active Set up Never" in by_force
    assert "Pat Prosecutor" not in by_force
    by_name = _page_text(as_admin.get("/administration/people/", {"name": "pat pros"}))
    assert "Pat Prosecutor" in by_name
    assert "Olu Officer" not in by_name
    national = _page_text(as_admin.get("/administration/people/", {"organisation": "national"}))
    assert "Ada Admin" in national
    assert "Pat Prosecutor" not in national


def test_the_list_is_paginated(as_admin: Client, user_of: Callable[..., User]) -> None:
    for n in range(50):
        user_of(Role.INVESTIGATOR, first_name="Zed", last_name=f"Zz{n:02d}")
    first = _page_text(as_admin.get("/administration/people/"))
    assert "51 people" in first
    assert "Zed Zz48" in first
    assert "Zed Zz49" not in first
    second = _page_text(as_admin.get("/administration/people/", {"page": 2}))
    assert "Zed Zz49" in second
    assert "Page 2 of 2" in second


def test_adding_a_person_sends_a_single_use_invitation(as_admin: Client, admin: User) -> None:
    response = as_admin.post(
        "/administration/people/add/",
        {
            "first_name": "Nia",
            "last_name": "Newcomer",
            "email": "Nia.Newcomer@example.gov.uk",
            "role": Role.PROSECUTOR,
            "cps_area": area(AREA).pk,
            "rasso_unit": area(AREA).rasso_units.get().pk,
        },
    )
    person = User.objects.get(email="Nia.Newcomer@example.gov.uk")
    assert response.status_code == 302
    assert response["Location"] == f"/administration/people/{person.pk}/"
    assert (person.role, person.cps_area, person.police_force) == (Role.PROSECUTOR, area(AREA), None)
    assert not person.has_usable_password()

    [email] = mail.outbox
    assert email.to == ["Nia.Newcomer@example.gov.uk"]
    secret = re.search(r"/account/invitation/([^/\s]+)/", str(email.body))[1]  # type: ignore[index]
    invitation = StaffInvitation.objects.get(user=person)
    assert invitation.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert invitation.invited_by == admin
    assert invitation.accepted_at is None

    page = _page_text(as_admin.get(response["Location"]))
    assert "Nia Newcomer was added and sent an invitation" in page
    assert "Ada Admin Invitation sent" in page
    assert "Ada Admin Added" in page


def test_a_role_needs_its_organisation_and_nothing_typed_is_lost(as_admin: Client) -> None:
    typed = {
        "first_name": "Pim",
        "last_name": "Police",
        "email": "pim@example.gov.uk",
        "role": Role.INVESTIGATOR,
        "cps_area": area(AREA).pk,
    }
    response = as_admin.post("/administration/people/add/", typed)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "A police role needs a police force, and no CPS Area" in page
    assert 'value="pim@example.gov.uk"' in page
    assert 'value="Pim"' in page
    assert not User.objects.filter(email="pim@example.gov.uk").exists()
    assert not mail.outbox

    national = {**typed, "role": Role.ADMINISTRATOR, "police_force": force("West Yorkshire Police").pk, "cps_area": ""}
    assert "An administrator is national" in as_admin.post("/administration/people/add/", national).content.decode()
    analyst = {**typed, "role": Role.ANALYST, "police_force": "", "cps_area": area(AREA).pk}
    assert as_admin.post("/administration/people/add/", analyst).status_code == 302


def test_an_email_address_is_used_once(as_admin: Client, user_of: Callable[..., User]) -> None:
    user_of(Role.INVESTIGATOR, email="taken@example.gov.uk")
    response = as_admin.post(
        "/administration/people/add/",
        {"first_name": "T", "last_name": "T", "email": "TAKEN@example.gov.uk", "role": Role.ADMINISTRATOR},
    )
    assert "Someone already uses this email address" in response.content.decode()
    assert User.objects.filter(email__iexact="taken@example.gov.uk").count() == 1


def test_changing_a_role_is_kept_with_who_and_why(as_admin: Client, user_of: Callable[..., User]) -> None:
    person = user_of(Role.PROSECUTOR, cps_area=AREA, first_name="Pat", last_name="Prosecutor")
    url = f"/administration/people/{person.pk}/role/"
    assert 'value="prosecutor" selected' in as_admin.get(url).content.decode()
    no_reason = as_admin.post(url, {"role": Role.UNIT_HEAD, "cps_area": area(AREA).pk})
    assert "Enter reason" in no_reason.content.decode()
    as_admin.post(url, {"role": Role.UNIT_HEAD, "cps_area": area(AREA).pk, "reason": "Promoted to head the unit"})
    person.refresh_from_db()
    assert person.role == Role.UNIT_HEAD
    page = _page_text(as_admin.get(f"/administration/people/{person.pk}/"))
    assert "Ada Admin Role or organisation changed: Role Promoted to head the unit" in page


def test_disabling_ends_every_way_in(as_admin: Client, admin: User, user_of: Callable[..., User]) -> None:
    person = user_of(Role.INVESTIGATOR, first_name="Dee", last_name="Disabled")
    their_browser = signed_in(person)
    issue(person)
    url = f"/administration/people/{person.pk}/disable/"
    confirm = _page_text(as_admin.get(url))
    assert "Disable Dee Disabled?" in confirm
    assert "Yes, disable" in confirm
    assert User.objects.get(pk=person.pk).is_active, "the interruption page changes nothing"

    response = as_admin.post(url, {"reason": "Left the force"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert not person.is_active
    assert not UserSession.objects.filter(user=person).exists()
    assert their_browser.get("/").status_code == 302
    assert not ApiToken.objects.filter(user=person).exists()
    assert not _password_accepted(person)
    page = _page_text(as_admin.get(f"/administration/people/{person.pk}/"))
    assert "Disabled" in page
    assert "Ada Admin Disabled: Active Left the force" in page

    as_admin.post(f"/administration/people/{person.pk}/enable/", {"reason": "Came back"})
    person.refresh_from_db()
    assert person.is_active
    assert _password_accepted(person)


def test_a_disabled_persons_api_token_is_refused(user_of: Callable[..., User], admin: User) -> None:
    person = user_of(Role.INVESTIGATOR)
    system = token_client(person)
    assert system.get("/api/v1/cases/").status_code == 200
    User.objects.filter(pk=person.pk).update(is_active=False)
    assert system.get("/api/v1/cases/").status_code == 401


def test_an_administrator_cannot_disable_themselves_or_the_last_administrator(
    as_admin: Client, admin: User, user_of: Callable[..., User]
) -> None:
    response = as_admin.post(f"/administration/people/{admin.pk}/disable/", {"reason": "Oops"})
    assert "You cannot disable yourself" in response.content.decode()
    admin.refresh_from_db()
    assert admin.is_active
    # Two administrators disable each other at once: the second change, which read its actor before the first was
    # saved, finds the person it disables is the last active administrator and is refused.
    other = user_of(Role.ADMINISTRATOR)
    people.disable(other, by=admin, reason="Left the service")
    with pytest.raises(ValidationError, match="last active administrator"):
        people.disable(admin, by=other, reason="Tidying up")
    with pytest.raises(ValidationError, match="last active administrator"):
        people.change_role(admin, by=other, role=Role.ANALYST, organisation=people.Organisation(), reason="Tidying up")
    admin.refresh_from_db()
    assert admin.is_active
    assert admin.role == Role.ADMINISTRATOR


def test_resetting_the_second_factor(as_admin: Client, user_of: Callable[..., User]) -> None:
    person = user_of(Role.INVESTIGATOR, first_name="Lou", last_name="Lost")
    their_browser = signed_in(person)
    issue_recovery_codes(person)
    issue(person)
    url = f"/administration/people/{person.pk}/reset-second-factor/"
    assert "Reset Lou Lost's second factor?" in _page_text(as_admin.get(url))
    as_admin.post(url, {"reason": "Lost their phone"})
    assert not TOTPDevice.objects.filter(user=person).exists()
    assert not StaticDevice.objects.filter(user=person).exists()
    assert their_browser.get("/").status_code == 302
    assert ApiToken.objects.filter(user=person).exists(), "a system's token is not the person's second factor"
    page = _page_text(as_admin.get(f"/administration/people/{person.pk}/"))
    assert "Not set up" in page
    assert "Ada Admin Second factor reset Lost their phone" in page


def test_a_new_invitation_ends_the_earlier_link(as_admin: Client, user_of: Callable[..., User]) -> None:
    person = user_of(Role.INVESTIGATOR)
    as_admin.post(f"/administration/people/{person.pk}/invitation/")
    as_admin.post(f"/administration/people/{person.pk}/invitation/")
    first, second = (re.search(r"/account/invitation/[^/\s]+/", str(m.body))[0] for m in mail.outbox)  # type: ignore[index]
    assert "This invitation has expired" in Client().get(first).content.decode()
    assert "Set your password" in Client().get(second).content.decode()


def test_complainants_accounts_are_not_managed_here(as_admin: Client, user_of: Callable[..., User]) -> None:
    complainant = user_of(Role.COMPLAINANT)
    assert as_admin.get(f"/administration/people/{complainant.pk}/").status_code == 404
    assert as_admin.post(f"/administration/people/{complainant.pk}/disable/", {"reason": "x"}).status_code == 404


def test_signing_in_keeps_no_history_row(user_of: Callable[..., User]) -> None:
    person = user_of(Role.INVESTIGATOR)
    before = person.history.count()  # type: ignore[attr-defined]
    assert _password_accepted(person)
    assert person.history.count() == before  # type: ignore[attr-defined]


def test_superusers_are_not_listed_and_are_a_404_and_the_services_refuse_them(
    as_admin: Client, admin: User, user_of: Callable[..., User]
) -> None:
    operator = user_of(Role.ADMINISTRATOR, first_name="Sue", last_name="Super", is_superuser=True)
    assert "Sue Super" not in _page_text(as_admin.get("/administration/people/?name=Super"))
    base = f"/administration/people/{operator.pk}/"
    for url in (base, f"{base}role/", f"{base}disable/", f"{base}enable/", f"{base}reset-second-factor/"):
        assert as_admin.get(url).status_code == 404, url
    for url in (
        f"{base}role/",
        f"{base}disable/",
        f"{base}enable/",
        f"{base}reset-second-factor/",
        f"{base}invitation/",
    ):
        assert as_admin.post(url, {"reason": "Tidying up", "role": Role.ANALYST}).status_code == 404, url
    refused = "Superusers' accounts are not managed"
    with pytest.raises(ValidationError, match=refused):
        people.disable(operator, by=admin, reason="Tidying up")
    with pytest.raises(ValidationError, match=refused):
        people.reset_second_factor(operator, by=admin, reason="Tidying up")
    with pytest.raises(ValidationError, match=refused):
        people.change_role(operator, by=admin, role=Role.ANALYST, organisation=people.Organisation(), reason="x")
    operator.refresh_from_db()
    assert operator.is_active
    assert operator.role == Role.ADMINISTRATOR
    assert not StaffInvitation.objects.filter(user=operator).exists()
