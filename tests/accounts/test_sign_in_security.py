"""Signing in: password then a code from an authenticator app (or a recovery code), lockout that never tells whether
an account exists, password rules and hashing, the session's idle and absolute limits, signing out for good."""

from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User, UserSession
from accounts.roles import Role
from accounts.second_factor import issue_recovery_codes
from tests.clients import app_code, signed_in
from tests.factories import PASSWORD

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

pytestmark = pytest.mark.django_db


def _password(client: Client, username: str, password: str = PASSWORD) -> "TestResponse":
    return client.post("/sign-in/", {"username": username, "password": password})


def test_a_password_alone_opens_nothing_but_the_code_pages(user_of: Callable[..., User]) -> None:
    user = user_of(Role.PROSECUTOR)
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client = Client()
    assert _password(client, user.username).status_code == 302
    for path in ("/", "/cases/", "/scorecards/", "/notifications/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/sign-in/code/?next=")
    assert client.get("/api/v1/cases/").status_code == 401, "a session without its code is no session to the API"
    assert "Cases" not in client.get("/sign-in/code/").content.decode(), "no navigation before the code"


def test_the_right_code_signs_in_and_a_wrong_one_says_so(user_of: Callable[..., User]) -> None:
    user = user_of(Role.PROSECUTOR)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client = Client()
    _password(client, user.username)
    wrong = client.post(
        "/sign-in/code/?next=/cases/", {"code": "000000" if app_code(device) != "000000" else "111111"}
    )
    assert "Enter a correct code" in wrong.content.decode()
    too_soon = client.post("/sign-in/code/", {"code": app_code(device), "next": "/cases/"})
    assert "Wait 1 second after a wrong code" in too_soon.content.decode(), "wrong codes slow the next attempts down"
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        right = client.post("/sign-in/code/", {"code": app_code(device), "next": "/cases/"})
    assert right["Location"] == "/cases/"
    assert client.get("/cases/").status_code == 200
    assert client.get("/api/v1/cases/").status_code == 200


def test_a_code_cannot_send_the_user_to_another_site(user_of: Callable[..., User]) -> None:
    user = user_of(Role.PROSECUTOR)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client = Client()
    _password(client, user.username)
    response = client.post("/sign-in/code/", {"code": app_code(device), "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_setting_up_the_app_shows_a_qr_code_and_key_then_recovery_codes_once(user_of: Callable[..., User]) -> None:
    user = user_of(Role.INVESTIGATOR)
    client = Client()
    _password(client, user.username)
    assert client.get("/")["Location"].startswith("/sign-in/set-up-app/")
    page = client.get("/sign-in/set-up-app/").content.decode()
    assert 'src="data:image/svg+xml;base64,' in page
    assert "Key:" in page
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert client.get("/sign-in/set-up-app/").content.decode().count("Key:") == 1
    assert TOTPDevice.objects.get(user=user).pk == device.pk, "reloading keeps the same key"
    done = client.post("/sign-in/set-up-app/", {"code": app_code(device)}).content.decode()
    assert "Your recovery codes" in done
    assert done.count("<li><code>") == 10
    assert client.get("/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_a_recovery_code_works_once(user_of: Callable[..., User]) -> None:
    user = user_of(Role.UNIT_HEAD)
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    code = issue_recovery_codes(user)[0]
    first = Client()
    _password(first, user.username)
    assert first.post("/sign-in/code/", {"code": code.upper()})["Location"] == "/"
    second = Client()
    _password(second, user.username)
    assert "Enter a correct code" in second.post("/sign-in/code/", {"code": code}).content.decode()
    assert "You have 9 unused recovery codes" in first.get("/account/recovery-codes/").content.decode()
    fresh = first.post("/account/recovery-codes/").content.decode()
    assert fresh.count("<li><code>") == 10


def test_an_administrator_resets_a_lost_phone_after_confirming(user_of: Callable[..., User]) -> None:
    user = user_of(Role.PROSECUTOR)
    users_browser = signed_in(user)
    administrator = signed_in(user_of(Role.ADMINISTRATOR, is_staff=True, is_superuser=True))
    chosen = {"action": "reset_sign_in", "_selected_action": [user.pk]}
    asked = administrator.post("/admin/accounts/user/", chosen)
    assert "Reset multi-factor sign-in?" in asked.content.decode()
    assert TOTPDevice.objects.filter(user=user).exists(), "nothing happens before the confirmation"
    administrator.post("/admin/accounts/user/", {**chosen, "confirmed": "yes"})
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert users_browser.get("/")["Location"].startswith("/sign-in/"), "signed out everywhere"
    again = Client()
    _password(again, user.username)
    assert again.get("/")["Location"].startswith("/sign-in/set-up-app/")


def test_lockout_at_the_fifth_failure_reads_the_same_for_a_real_and_an_unknown_username(
    user_of: Callable[..., User],
) -> None:
    user = user_of(Role.PROSECUTOR)
    answers = {}
    for username in (user.username, "nobody-by-this-name"):
        client = Client()
        failures = [_password(client, username, "not-the-password-at-all") for _ in range(4)]
        assert all("Enter a correct username and password" in f.content.decode() for f in failures)
        assert _password(client, username, "not-the-password-at-all").status_code == 429, "the fifth locks"
        locked = _password(client, username)
        # The page's own words; the footer's language switch carries a CSRF token that differs on every response.
        answers[username] = (locked.status_code, locked.content.decode().split("<main")[1].split("</main>")[0])
    assert answers[user.username] == answers["nobody-by-this-name"]
    assert answers[user.username][0] == 429
    assert "Sign-in paused" in answers[user.username][1]
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert _password(Client(), user.username).status_code == 302, "the lockout ends after 15 minutes"


def test_passwords_are_long_uncommon_and_hashed_with_argon2(user_of: Callable[..., User]) -> None:
    user = user_of(Role.PROSECUTOR)
    user.set_password("correct horse battery staple")
    assert user.password.startswith("argon2$")
    for weak in ("short-pass1", "password1234", "123456789012"):
        with pytest.raises(ValidationError):
            validate_password(weak, user)
    validate_password("correct horse battery staple", user)


def test_a_session_ends_after_30_idle_minutes(user_of: Callable[..., User]) -> None:
    client = signed_in(user_of(Role.PROSECUTOR))
    start = timezone.now()
    with time_machine.travel(start + timedelta(minutes=29)):
        assert client.get("/").status_code == 200
    with time_machine.travel(start + timedelta(minutes=29 + 31)):
        assert client.get("/")["Location"].startswith("/sign-in/")


def test_a_busy_session_is_written_once_a_minute_and_still_ends_within_30_idle_minutes(
    user_of: Callable[..., User],
) -> None:
    client = signed_in(user_of(Role.PROSECUTOR))
    start = timezone.now()
    with time_machine.travel(start + timedelta(minutes=20), tick=False):
        assert client.get("/").status_code == 200
    session = UserSession.objects.get(session_key=client.cookies["sessionid"].value)
    with time_machine.travel(start + timedelta(minutes=20, seconds=30), tick=False):
        assert client.get("/").status_code == 200
    assert UserSession.objects.get(pk=session.pk).expire_date == session.expire_date, "not rewritten within a minute"
    last_request = start + timedelta(minutes=20, seconds=30)
    with time_machine.travel(last_request + timedelta(minutes=29), tick=False):
        assert client.get("/").status_code == 200, "renewed a minute or more after it was last written"
    with time_machine.travel(last_request + timedelta(minutes=29 + 30, seconds=1), tick=False):
        assert client.get("/")["Location"].startswith("/sign-in/"), "never more than 30 idle minutes"


def test_a_session_ends_12_hours_after_sign_in_however_busy(user_of: Callable[..., User]) -> None:
    client = signed_in(user_of(Role.PROSECUTOR))
    start = timezone.now()
    client.get("/")
    for minutes in range(20, 12 * 60, 20):
        with time_machine.travel(start + timedelta(minutes=minutes)):
            assert client.get("/").status_code == 200
    with time_machine.travel(start + timedelta(hours=12, minutes=5)):
        response = client.get("/", follow=True)
    assert "signed in more than 12 hours ago" in response.content.decode()
    assert response.request["PATH_INFO"] == "/sign-in/"


def test_signing_out_ends_the_session_on_the_server(user_of: Callable[..., User]) -> None:
    client = signed_in(user_of(Role.PROSECUTOR))
    cookie = client.cookies["sessionid"].value
    client.post("/sign-out/")
    assert not UserSession.objects.filter(session_key=cookie).exists()
    replay = Client()
    replay.cookies["sessionid"] = cookie
    assert replay.get("/")["Location"].startswith("/sign-in/"), "the old cookie opens nothing"


def test_disabling_a_user_ends_all_their_sessions(user_of: Callable[..., User]) -> None:
    user = user_of(Role.PROSECUTOR)
    laptop, phone = signed_in(user), signed_in(user)
    other = signed_in(user_of(Role.PROSECUTOR))
    user.is_active = False
    user.save()
    assert not UserSession.objects.filter(user=user).exists()
    assert laptop.get("/")["Location"].startswith("/sign-in/")
    assert phone.get("/")["Location"].startswith("/sign-in/")
    assert other.get("/").status_code == 200


@pytest.mark.parametrize("second_factor", ["app code", "recovery code"])
def test_the_session_key_changes_when_the_code_is_accepted(user_of: Callable[..., User], second_factor: str) -> None:
    user = user_of(Role.PROSECUTOR)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    recovery = issue_recovery_codes(user)[0]
    client = Client()
    _password(client, user.username)
    seen_before_the_code = client.cookies["sessionid"].value
    code = app_code(device) if second_factor == "app code" else recovery
    assert client.post("/sign-in/code/", {"code": code, "next": "/cases/"})["Location"] == "/cases/"
    assert client.cookies["sessionid"].value != seen_before_the_code, "a new session key once the code is right"
    assert client.get("/cases/").status_code == 200, "the new session is signed in"
    replay = Client()
    replay.cookies["sessionid"] = seen_before_the_code
    assert replay.get("/cases/")["Location"].startswith("/sign-in/"), "the cookie from before the code opens nothing"
    assert replay.get("/api/v1/cases/").status_code in (401, 403)
    assert not UserSession.objects.filter(session_key=seen_before_the_code).exists()


def test_setting_up_the_app_changes_the_session_key_too(user_of: Callable[..., User]) -> None:
    user = user_of(Role.INVESTIGATOR)
    client = Client()
    _password(client, user.username)
    client.get("/sign-in/set-up-app/")
    seen_before_the_code = client.cookies["sessionid"].value
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert "Your recovery codes" in client.post("/sign-in/set-up-app/", {"code": app_code(device)}).content.decode()
    assert client.cookies["sessionid"].value != seen_before_the_code
    assert client.get("/").status_code == 200
    replay = Client()
    replay.cookies["sessionid"] = seen_before_the_code
    assert replay.get("/")["Location"].startswith("/sign-in/")
