"""A person an administrator added follows their invitation's link, signed out: sets a password (Django's checks),
and goes straight on to set up their authenticator app. The link works once and expires, and says so plainly."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.invitations import issue
from accounts.models import StaffInvitation, User
from accounts.roles import Role
from tests.clients import app_code

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "corrugated-lanterns-by-the-weir"


@pytest.fixture
def invited(user_of: Callable[..., User]) -> tuple[User, str]:
    """A person just added (no password yet) and their invitation link's path."""
    admin = user_of(Role.ADMINISTRATOR)
    person = user_of(Role.INVESTIGATOR, first_name="Nia", last_name="Newcomer", password=None)
    person.set_unusable_password()
    person.save()
    return person, f"/account/invitation/{issue(person, by=admin)}/"


def test_the_invited_person_sets_a_password_then_their_app(invited: tuple[User, str]) -> None:
    person, link = invited
    browser = Client()
    page = browser.get(link)
    assert page.status_code == 200
    assert "Set your password" in page.content.decode()

    weak = browser.post(link, {"new_password1": "12345678", "new_password2": "12345678"})
    assert "There is a problem" in weak.content.decode()
    assert "This password is too short" in weak.content.decode()
    person.refresh_from_db()
    assert not person.has_usable_password()

    response = browser.post(link, {"new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/set-up-app/"
    person.refresh_from_db()
    assert person.check_password(GOOD_PASSWORD)
    assert browser.get("/")["Location"].startswith("/sign-in/set-up-app/"), "no page before the app is set up"

    assert "Set up an authenticator app" in browser.get("/sign-in/set-up-app/").content.decode()
    device = TOTPDevice.objects.get(user=person, confirmed=False)
    codes = browser.post("/sign-in/set-up-app/", {"code": app_code(device)})
    assert "Your recovery codes" in codes.content.decode()
    assert browser.get("/").status_code == 200
    assert "Password set from the invitation" in [r.change for r in person.history.all()]  # type: ignore[attr-defined]


def test_a_used_link_says_so(invited: tuple[User, str]) -> None:
    person, link = invited
    Client().post(link, {"new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD})
    again = Client().get(link)
    assert again.status_code == 200
    assert "This invitation has already been used" in again.content.decode()
    reuse = Client().post(link, {"new_password1": "another-long-pass-99x", "new_password2": "another-long-pass-99x"})
    assert "This invitation has already been used" in reuse.content.decode()
    person.refresh_from_db()
    assert person.check_password(GOOD_PASSWORD), "a used link sets no other password"


def test_an_expired_link_says_so(invited: tuple[User, str]) -> None:
    person, link = invited
    StaffInvitation.objects.filter(user=person).update(expires_at=timezone.now() - timedelta(seconds=1))
    page = Client().get(link)
    assert page.status_code == 200
    assert "This invitation has expired" in page.content.decode()


def test_a_disabled_persons_link_does_not_work(invited: tuple[User, str]) -> None:
    person, link = invited
    User.objects.filter(pk=person.pk).update(is_active=False)
    assert "This account has been disabled" in Client().get(link).content.decode()


def test_a_made_up_link_says_so(db: None) -> None:
    page = Client().get("/account/invitation/not-a-real-secret/")
    assert page.status_code == 200
    assert "This link is not a valid invitation" in page.content.decode()


@override_settings(LOCAL_SIGN_IN="administrators")
def test_where_people_sign_in_with_their_organisation_the_password_waits(invited: tuple[User, str]) -> None:
    _person, link = invited
    browser = Client()
    response = browser.post(link, {"new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD})
    assert "Sign in with your organisation's account" in response.content.decode()
    assert browser.get("/")["Location"].startswith("/sign-in/"), "not signed in"
