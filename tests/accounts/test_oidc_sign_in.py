"""Single sign-on through a real OpenID provider on loopback (oidc-provider, tests/oidc): the service's start page
sends the browser to the provider, the person signs in there, and the provider's redirect comes back to the service,
which exchanges the code at the provider's token endpoint and checks the ID token against its keys. Then the password
form as LOCAL_SIGN_IN allows it."""

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pytest
from axes.models import AccessLog
from django.test import Client, override_settings

from accounts.middleware import SIGNED_IN_AT
from accounts.models import User
from accounts.roles import Role
from tests.factories import PASSWORD
from tests.oidc.provider import Provider, running_provider

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    with running_provider(tmp_path_factory.mktemp("oidc")) as running:
        yield running


@pytest.fixture
def sso(provider: Provider) -> Iterator[Provider]:
    """The service configured for the provider, with the default policy for passwords under single sign-on."""
    with override_settings(**provider.settings(), LOCAL_SIGN_IN="administrators"):
        yield provider


def _sign_in_through(provider: Provider, client: Client, subject: str, next_page: str = "") -> "TestResponse":
    start = client.get("/sign-in/organisation/" + (f"?next={next_page}" if next_page else ""))
    assert start.status_code == 302
    assert start["Location"].startswith(f"{provider.issuer}/auth?")
    assert "code_challenge=" in start["Location"], "PKCE"
    callback = provider.sign_in(start["Location"], subject)
    return client.get(callback.removeprefix("http://testserver"))


def test_a_known_user_signs_in_without_a_code_and_uses_pages_and_api(
    sso: Provider, user_of: Callable[..., User]
) -> None:
    user = user_of(Role.PROSECUTOR, email="Priya.Shah@cps.example.gov.uk")
    sso.set_accounts({"priya-at-entra": {"email": "priya.shah@CPS.example.gov.uk", "email_verified": True}})
    client = Client()
    sign_in_page = client.get("/sign-in/?next=/cases/").content.decode()
    assert "Sign in with your organisation account" in sign_in_page
    assert 'href="/sign-in/organisation/?next=/cases/"' in sign_in_page

    response = _sign_in_through(sso, client, "priya-at-entra")
    assert response.status_code == 302
    assert response["Location"] == "/"
    home = client.get("/")
    assert home.status_code == 200, "no authenticator-app step: the provider's MFA is the second factor"
    assert home.wsgi_request.user == user
    assert "Cases" in home.content.decode(), "the navigation of a fully signed-in user"
    assert client.get("/cases/").status_code == 200
    assert client.get("/api/v1/cases/").status_code == 200, "the API takes the provider's session as verified"
    assert AccessLog.objects.filter(username=user.username).exists(), "recorded as a password sign-in is"
    assert SIGNED_IN_AT in client.session, "the session's 12-hour limit runs from now"

    client.post("/sign-out/")
    assert client.get("/")["Location"].startswith("/sign-in/"), "signing out ends the service's session"


def test_the_page_asked_for_is_where_the_sign_in_lands(sso: Provider, user_of: Callable[..., User]) -> None:
    user_of(Role.INVESTIGATOR, email="officer@police.example.gov.uk")
    sso.set_accounts({"officer": {"email": "officer@police.example.gov.uk", "email_verified": True}})
    assert _sign_in_through(sso, Client(), "officer", next_page="/cases/")["Location"] == "/cases/"


def test_someone_without_an_account_is_refused_with_who_to_ask(sso: Provider, user_of: Callable[..., User]) -> None:
    user_of(Role.PROSECUTOR, email="someone.else@cps.example.gov.uk")
    sso.set_accounts({"stranger": {"email": "stranger@cps.example.gov.uk", "email_verified": True}})
    client = Client()
    response = _sign_in_through(sso, client, "stranger")
    assert response.status_code == 403
    page = response.content.decode()
    assert "You cannot use this service yet" in page
    assert "Ask your RASSO unit's administrator to add you" in page
    assert client.get("/")["Location"].startswith("/sign-in/"), "not signed in"
    assert not User.objects.filter(email__iexact="stranger@cps.example.gov.uk").exists(), "no self-registration"


def test_a_disabled_user_is_refused_the_same_way(sso: Provider, user_of: Callable[..., User]) -> None:
    user_of(Role.PROSECUTOR, email="left@cps.example.gov.uk", is_active=False)
    sso.set_accounts({"leaver": {"email": "left@cps.example.gov.uk", "email_verified": True}})
    client = Client()
    response = _sign_in_through(sso, client, "leaver")
    assert response.status_code == 403
    assert "You cannot use this service yet" in response.content.decode()
    assert client.get("/")["Location"].startswith("/sign-in/")


def test_an_address_the_provider_has_not_verified_or_two_accounts_share_is_refused(
    sso: Provider, user_of: Callable[..., User]
) -> None:
    user_of(Role.PROSECUTOR, email="unverified@cps.example.gov.uk")
    user_of(Role.PROSECUTOR, email="shared@cps.example.gov.uk")
    user_of(Role.UNIT_HEAD, email="SHARED@cps.example.gov.uk")
    sso.set_accounts(
        {
            "unverified": {"email": "unverified@cps.example.gov.uk", "email_verified": False},
            "shared": {"email": "shared@cps.example.gov.uk", "email_verified": True},
        }
    )
    for subject in ("unverified", "shared"):
        assert _sign_in_through(sso, Client(), subject).status_code == 403, subject
    assert not User.objects.filter(oidc_subject__isnull=False).exists()


def test_the_subject_is_bound_at_first_use_and_outlasts_a_change_of_address(
    sso: Provider, user_of: Callable[..., User]
) -> None:
    user = user_of(Role.UNIT_HEAD, email="head@cps.example.gov.uk")
    user_of(Role.PROSECUTOR, email="head.new@cps.example.gov.uk")
    sso.set_accounts({"head-subject": {"email": "head@cps.example.gov.uk", "email_verified": True}})
    _sign_in_through(sso, Client(), "head-subject")
    user.refresh_from_db()
    assert user.oidc_subject == "head-subject"

    # At the provider, the unit head's address changes to one another account has: the subject still decides.
    sso.set_accounts({"head-subject": {"email": "head.new@cps.example.gov.uk", "email_verified": True}})
    client = Client()
    assert _sign_in_through(sso, client, "head-subject")["Location"] == "/"
    assert client.get("/").wsgi_request.user == user

    # Someone else at the provider with the bound account's address does not take it over.
    sso.set_accounts({"impostor": {"email": "head@cps.example.gov.uk", "email_verified": True}})
    assert _sign_in_through(sso, Client(), "impostor").status_code == 403


def test_a_callback_is_used_once(sso: Provider, user_of: Callable[..., User]) -> None:
    user_of(Role.PROSECUTOR, email="once@cps.example.gov.uk")
    sso.set_accounts({"once": {"email": "once@cps.example.gov.uk", "email_verified": True}})
    client = Client()
    start = client.get("/sign-in/organisation/")
    callback = sso.sign_in(start["Location"], "once").removeprefix("http://testserver")
    assert client.get(callback).status_code == 302
    assert client.get(callback).status_code == 400, "its state is gone with the first use"
    another_browser = Client()
    assert another_browser.get(callback).status_code == 400, "a state is only good in the session that began it"
    assert another_browser.get("/")["Location"].startswith("/sign-in/")


def test_a_sign_in_cancelled_at_the_provider_says_it_did_not_finish(sso: Provider) -> None:
    client = Client()
    client.get("/sign-in/organisation/")
    response = client.get("/sign-in/organisation/callback/?error=access_denied&state=unknown")
    assert response.status_code == 400
    assert "Sign-in did not finish" in response.content.decode()


def test_without_single_sign_on_there_is_no_organisation_sign_in(client: Client) -> None:
    assert "organisation account" not in client.get("/sign-in/").content.decode()
    assert client.get("/sign-in/organisation/").status_code == 404
    assert client.get("/sign-in/organisation/callback/?code=x&state=y").status_code == 404


def _password(client: Client, user: User) -> "TestResponse":
    return client.post("/sign-in/", {"username": user.username, "password": PASSWORD})


def test_with_passwords_for_administrators_only_a_prosecutor_is_turned_away_and_an_administrator_let_in(
    sso: Provider, user_of: Callable[..., User]
) -> None:
    prosecutor = user_of(Role.PROSECUTOR)
    refused = _password(Client(), prosecutor)
    assert refused.status_code == 200
    message = "Only administrators sign in with a password: everyone else signs in with their organisation account."
    assert message in refused.content.decode()
    wrong = Client().post("/sign-in/", {"username": "nobody-of-that-name", "password": PASSWORD})
    assert message in wrong.content.decode(), "the same answer whether or not the account exists"

    administrator = user_of(Role.ADMINISTRATOR)
    client = Client()
    assert _password(client, administrator)["Location"] == "/"
    assert client.get("/")["Location"].startswith("/sign-in/set-up-app/"), "then their authenticator app, as before"


@override_settings(LOCAL_SIGN_IN="off")
def test_with_passwords_off_nobody_signs_in_with_one(sso: Provider, user_of: Callable[..., User]) -> None:
    page = Client().get("/sign-in/").content.decode()
    assert 'name="password"' not in page
    assert "Sign in with your organisation account" in page
    for role in (Role.ADMINISTRATOR, Role.PROSECUTOR):
        client = Client()
        _password(client, user_of(role))
        assert client.get("/")["Location"].startswith("/sign-in/?"), role
